package io.toggltasksync.source.csv;

import org.apache.commons.csv.CSVRecord;

/**
 * One record of a CSV file as camel-csv hands it to the route, with the last physical line it
 * occupies. That line is read from the parser when the record is converted: the split asks for the
 * next record before the current one is mapped, and by then the parser has moved on.
 *
 * @param record the cells (and the parser, which tells how far a failed read got)
 * @param lastLine the parser's line count just after the record (one less for a last line with no
 *        line break: only the start of the next record is used)
 */
public record CsvRow(CSVRecord record, long lastLine) {
}
