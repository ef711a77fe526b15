package io.toggltasksync.source.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file's header: the position of each column, by its name trimmed and in lower case (a
 * repeated name means its first occurrence), how many cells it has, and the names as the file spells
 * them (trimmed), to list in a message.
 */
record CsvHeader(Map<String, Integer> columns, int size, List<String> names) {

    static CsvHeader of(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            names.add(name);
            columns.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
        }
        return new CsvHeader(Map.copyOf(columns), header.size(), List.copyOf(names));
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Whether it has a column, named in any case. */
    boolean hasNamed(String column) {
        return has(column.trim().toLowerCase(Locale.ROOT));
    }

    Cells cells(CSVRecord record) {
        return new Cells(this, record);
    }

    /** One record seen through the header. */
    record Cells(CsvHeader header, CSVRecord record) {

        /** The trimmed cell of a column, "" when the column or the cell is missing. */
        String get(String column) {
            return text(column).trim();
        }

        /** The cell of a column as written (for a name: trim() would take the ESC of an escape sequence at its start). */
        String text(String column) {
            Integer i = header.columns.get(column);
            return i == null || i >= record.size() ? "" : record.get(i);
        }
    }
}
