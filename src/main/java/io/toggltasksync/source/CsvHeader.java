package io.toggltasksync.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file's header: the position of each column, by its name trimmed and in lower case (a
 * repeated name means its first occurrence), and how many cells it has.
 */
record CsvHeader(Map<String, Integer> columns, int size) {

    static CsvHeader of(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        return new CsvHeader(Map.copyOf(columns), header.size());
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    Cells cells(CSVRecord record) {
        return new Cells(this, record);
    }

    /** One record seen through the header. */
    record Cells(CsvHeader header, CSVRecord record) {

        /** The trimmed cell of a column, "" when the column or the cell is missing. */
        String get(String column) {
            Integer i = header.columns.get(column);
            return i == null || i >= record.size() ? "" : record.get(i).trim();
        }
    }
}
