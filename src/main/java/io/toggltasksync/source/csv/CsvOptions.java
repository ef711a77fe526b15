package io.toggltasksync.source.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * How a CSV file is read: {@code csv.format}, {@code csv.columns}, {@code csv.delimiter} and
 * {@code csv.charset}, each null when not set (the header decides the format and the delimiter; the
 * charset is UTF-8, or UTF-16 when a byte order mark says so), and the caps on a record's size.
 *
 * @param format the preset {@code csv.format} names
 * @param columns {@code csv.columns}: on top of the format's mapping, or the whole mapping without a format
 * @param maxFieldChars {@code csv.max-field-chars}: a record with a longer cell is rejected unread
 * @param maxRecordChars {@code csv.max-record-chars}: a longer record is rejected unread
 */
public record CsvOptions(CsvPreset format, CsvMapping columns, Character delimiter, Charset charset, int maxFieldChars,
        int maxRecordChars) {

    /**
     * The defaults. A cell: 64 Ki characters, twice Jira's longest text field (32,767 characters), where
     * a task name is at most 255. A record: 1 Mi characters, a Jira export's row with every field and
     * dozens of long comments. Both keep what one record costs the parser to a few MB whatever the file.
     */
    public static final CsvOptions DEFAULTS = new CsvOptions(null, null, null, null, 65_536, 1_048_576);

    /** The preset {@code csv.columns} alone describes, or null when the header (or csv.format) decides. */
    public CsvPreset columnsOnly() {
        return format == null && columns != null ? CsvPreset.columns(columns) : null;
    }

    /** The mapping a preset reads with: its own, with {@code csv.columns} on top. */
    public CsvMapping mappingOf(CsvPreset preset) {
        return columns == null || preset.mapping() == columns ? preset.mapping() : columns.over(preset.mapping());
    }

    static CsvPreset parseFormat(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return null;
        }
        return CsvPreset.named(value).orElseThrow(() -> new IllegalArgumentException(
                "must be auto or one of " + CsvPreset.names() + ", got '" + value + "'"));
    }

    static Character parseDelimiter(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case ",", "comma":
                return ',';
            case ";", "semicolon":
                return ';';
            case "tab", "\\t":
                return '\t';
            default:
                throw new IllegalArgumentException("must be ',', ';' or 'tab', got '" + value + "'");
        }
    }

    static Charset parseCharset(String value) {
        try {
            return Charset.forName(value);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("is not a charset Java knows (e.g. UTF-8, windows-1252, ISO-8859-1, UTF-16), got '"
                    + value + "'");
        }
    }

    /** Checks what only the settings together can tell; throws IllegalArgumentException naming the problem. */
    static void checkColumns(CsvPreset format, CsvMapping columns) {
        if (columns == null) {
            return;
        }
        if (format == CsvPreset.JIRA) {
            throw new IllegalArgumentException("cannot change the jira format (its rules are the Jira source's); "
                    + "use csv.format=generic or leave csv.format unset to map the file's columns yourself");
        }
        if (format == null && !columns.missingRequired().isEmpty()) {
            throw new IllegalArgumentException("must name " + String.join(" and ", columns.missingRequired())
                    + " (or set csv.format to a preset it changes), got '" + columns + "'");
        }
    }
}
