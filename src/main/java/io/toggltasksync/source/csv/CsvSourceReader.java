package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import io.toggltasksync.support.ControlChars;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code csv-source} route: the file opened as text, each record the route's
 * camel-csv unmarshal parses accepted into the read ({@link CsvReading}), the desired set at the end.
 * A file that cannot be read completely is a {@link SourceException}: the run then plans nothing.
 */
@ApplicationScoped
@Named("csvSourceReader")
public class CsvSourceReader {

    private static final Logger LOG = Logger.getLogger(CsvSourceReader.class);
    /** Records a dry run shows as the tasks they become. */
    static final int PREVIEW_ROWS = 10;

    /**
     * Opens {@code csv.path} as strict text in {@code csv.charset} (a byte order mark dropped), starts
     * the read, and tells the delimiter from the header row unless {@code csv.delimiter} gives it. The
     * parser gets the text with each record held to the caps ({@link CappedRecordReader}).
     */
    public Reader open(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        CsvSettings csv = CsvSettings.of(settings);
        Path file = csv.path();
        StrictTextReader reader;
        InputStream in = null;
        try {
            in = Files.newInputStream(file);
            reader = new StrictTextReader(in, csv.options().charset());
        } catch (IOException e) {
            closeQuietly(in);
            throw new SourceException(file + ": cannot read the file: " + e, e);
        }
        CsvReading reading = new CsvReading(file, reader, settings.projects().projectResolver(), csv.options());
        exchange.setProperty(CsvReading.PROPERTY, reading);
        BufferedReader text = new BufferedReader(reader, Delimiters.LOOK_AHEAD);
        Character delimiter = csv.options().delimiter();
        try {
            reading.delimiter(delimiter != null ? delimiter : Delimiters.detect(text), delimiter != null ? "csv.delimiter" : "detected");
        } catch (IOException e) {
            closeQuietly(text);
            throw reading.unreadable(new UncheckedIOException(e));
        }
        return reading.capped(text);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // the read has failed already; that failure is the one to report
        }
    }

    /** Whether the route parses with {@code ;} between cells. */
    public boolean semicolonSeparated(@ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
        return reading.delimiter() == ';';
    }

    /** Whether the route parses with a tab between cells. */
    public boolean tabSeparated(@ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
        return reading.delimiter() == '\t';
    }

    /** camel-csv's records, a parse failure held back until its record's turn (see {@link RecordsInTurn}). */
    public Iterator<CsvRow> inTurn(@Body Iterator<CsvRow> records, @ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
        return new RecordsInTurn<>(records, reading::failed);
    }

    public void accept(@Body CsvRow row, @ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
        reading.accept(row);
    }

    /** The record after the last accepted one could not be parsed (invalid UTF-8, CSV syntax, I/O). */
    public void unreadable(@ExchangeProperty(CsvReading.PROPERTY) CsvReading reading,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        throw reading.unreadable(caught);
    }

    /**
     * The desired set; an unrecognised header (or a mapping naming a column the file lacks) fails the
     * read here, once the split has stopped. A dry run first shows how the file was read.
     */
    public SourceBatch finish(@ExchangeProperty(CsvReading.PROPERTY) CsvReading reading,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        if (settings.run().dryRun() && !reading.failed()) {
            // the file's own text (ids, names, rejection reasons) as escapes where it holds control characters
            reading.preview(PREVIEW_ROWS).stream().map(ControlChars::escape).forEach(LOG::info);
        }
        return reading.batch();
    }
}
