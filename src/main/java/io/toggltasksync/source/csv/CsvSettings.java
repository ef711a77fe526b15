package io.toggltasksync.source.csv;

import io.toggltasksync.config.SettingsReader;
import io.toggltasksync.config.SourceSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The CSV source's settings ({@code csv.*}), read and checked here, present when {@code sync.source=csv}.
 *
 * @param path    {@code csv.path}: the file read, a readable regular file when the settings were read
 * @param options how it is read: format, columns, delimiter, charset, the caps on a record
 */
public record CsvSettings(Path path, CsvOptions options) implements SourceSettings {

    /** The CSV settings of a CSV run's settings; null for another source. */
    public static CsvSettings of(SyncSettings settings) {
        return settings.sourceSettings() instanceof CsvSettings csv ? csv : null;
    }

    /** Reads and checks every {@code csv.*} setting. */
    static CsvSettings read(SettingsReader r) {
        Path csv = Path.of(r.string("csv.path").orElseThrow(() -> r.missing("csv.path", "the CSV file to import")));
        if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
            throw r.invalid("csv.path", "no readable file at " + csv.toAbsolutePath());
        }
        return new CsvSettings(csv, options(r));
    }

    private static CsvOptions options(SettingsReader r) {
        CsvPreset format = r.parsed("csv.format", CsvOptions::parseFormat);
        CsvMapping columns = r.parsed("csv.columns", CsvMapping::parse);
        try {
            CsvOptions.checkColumns(format, columns);
        } catch (IllegalArgumentException e) {
            throw r.invalid("csv.columns", e.getMessage());
        }
        long maxField = r.positiveLong("csv.max-field-chars").orElse((long) CsvOptions.DEFAULTS.maxFieldChars());
        long maxRecord = r.positiveLong("csv.max-record-chars").orElse((long) CsvOptions.DEFAULTS.maxRecordChars());
        if (maxRecord < maxField || maxRecord > Integer.MAX_VALUE) {
            throw r.invalid("csv.max-record-chars", "must be at least csv.max-field-chars (" + maxField + ") and at most "
                    + Integer.MAX_VALUE + ", got " + maxRecord);
        }
        return new CsvOptions(format, columns, r.parsed("csv.delimiter", CsvOptions::parseDelimiter),
                r.parsed("csv.charset", CsvOptions::parseCharset), (int) maxField, (int) maxRecord);
    }

    /**
     * None: the state fingerprint of a CSV run has always been the source's name alone (a moved or renamed file is
     * the same import), and a key here would cost every CSV user a full sweep.
     */
    @Override
    public String stateKey() {
        return "";
    }

    @Override
    public Set<String> secrets() {
        return Set.of();
    }

    /** A file has no events. */
    @Override
    public WebhookSettings receiver() {
        return null;
    }

    /**
     * Reads the {@code csv.*} settings (registered in META-INF/services as a {@link SourceSettings.Reader}). With another
     * source they are left unread, as they always were: one file of settings may serve several sources.
     */
    public static final class Reader implements SourceSettings.Reader {

        @Override
        public String source() {
            return "csv";
        }

        @Override
        public SourceSettings read(SettingsReader r) {
            return CsvSettings.read(r);
        }
    }
}
