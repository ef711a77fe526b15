package io.toggltasksync.source;

import java.util.regex.Pattern;

/** How every source reads a task's values from text: names on one line, whole numbers, estimates. */
final class TaskValues {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    /** A run of line breaks, with the white space around it. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private TaskValues() {
    }

    /** Trimmed, each run of line breaks (with the white space around it) one space: Toggl names are one line. */
    static String oneLine(String text) {
        return LINE_BREAKS.matcher(text.trim()).replaceAll(" ");
    }

    /** Null for empty, the whole number otherwise; throws when it is not a whole number >= 0 (or too large). */
    static Long wholeNumber(String value) throws NumberFormatException {
        if (value.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new NumberFormatException(value);
        }
        return Long.parseLong(value); // NumberFormatException when it overflows
    }

    /**
     * An estimate in seconds, null for none (null or empty).
     *
     * @param field how the source names the value, for the rejection reason
     * @throws RecordRejected when it is not a whole number of seconds >= 0
     */
    static Long estimate(String value, String field) {
        try {
            return value == null ? null : wholeNumber(value);
        } catch (NumberFormatException e) {
            throw new RecordRejected(field + " must be a whole number of seconds >= 0, got '" + value + "'");
        }
    }
}
