package io.toggltasksync.source;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The beans behind the {@code csv-source} route: the file opened as text, each record the route's
 * camel-csv unmarshal parses accepted into the read ({@link CsvReading}), the desired set at the end.
 * A file that cannot be read completely is a {@link SourceException}: the run then plans nothing.
 */
@ApplicationScoped
@Named("csvSourceReader")
public class CsvSourceReader {

    /** Opens {@code csv.path} as strict UTF-8 text (a byte order mark dropped) and starts the read. */
    public Reader open(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        Path file = settings.csvPath();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new SourceException(file + ": cannot read the file: " + e, e);
        }
        StrictUtf8Reader reader = new StrictUtf8Reader(in);
        exchange.setProperty(CsvReading.PROPERTY, new CsvReading(file, reader, settings.projectResolver()));
        return reader;
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

    /** The desired set; an unrecognised header fails the read here, once the split has stopped. */
    public SourceBatch finish(@ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
        return reading.batch();
    }
}
