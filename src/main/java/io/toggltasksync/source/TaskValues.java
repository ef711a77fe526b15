package io.toggltasksync.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.toggltasksync.support.ControlChars;

/** How every source reads a task's values from text: names on one line, whole numbers, estimates. */
public final class TaskValues {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    /** {@code 1:30} or {@code 1:30:15}: hours, minutes (and seconds). */
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,6}):([0-5]\\d)(?::([0-5]\\d))?");
    /** One amount, with or without its unit ({@code 1.5}, {@code 1,5h}, {@code 90 min}). */
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9}(?:[.,]\\d{1,9})?)\\s*([a-z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("h", 3600L), Map.entry("hr", 3600L), Map.entry("hrs", 3600L), Map.entry("hour", 3600L),
            Map.entry("hours", 3600L), Map.entry("std", 3600L),
            Map.entry("m", 60L), Map.entry("min", 60L), Map.entry("mins", 60L), Map.entry("minute", 60L), Map.entry("minutes", 60L),
            Map.entry("s", 1L), Map.entry("sec", 1L), Map.entry("secs", 1L), Map.entry("second", 1L), Map.entry("seconds", 1L));
    /** A run of line breaks, with the white space around it. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private TaskValues() {
    }

    /**
     * A name as Toggl gets it: on one line (trimmed, each run of line breaks with the white space around
     * it one space, a tab a space), without terminal escape sequences, control characters or bidi
     * overrides ({@link ControlChars#isControl}): a name reaches terminals and Toggl's pages as text only.
     */
    public static String oneLine(String text) {
        // escape sequences first: trim() would take the ESC of one at the start and leave the rest as text
        return ControlChars.strip(lines(ControlChars.withoutEscapeSequences(text))).trim();
    }

    /** Whether {@link #oneLine} removes more than white space from the text: a name it cleaned. */
    public static boolean hasControls(String text) {
        return !oneLine(text).equals(lines(text));
    }

    private static String lines(String text) {
        return LINE_BREAKS.matcher(text.trim()).replaceAll(" ").replace('\t', ' ');
    }

    /** Null for empty, the whole number otherwise; throws when it is not a whole number >= 0 (or too large). */
    public static Long wholeNumber(String value) throws NumberFormatException {
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
    public static Long estimate(String value, String field) {
        try {
            return value == null ? null : wholeNumber(value);
        } catch (NumberFormatException e) {
            throw new RecordRejected(field + " must be a whole number of seconds >= 0, got '" + value + "'");
        }
    }

    /**
     * An estimate written the ways spreadsheets and trackers write durations, in whole seconds (rounded);
     * null for an empty cell. A bare number is in {@code unitSeconds} ({@code 1.5} hours); a cell may
     * name its unit ({@code 1.5h}, {@code 90m}, {@code 1h 30m}) or be a clock ({@code 1:30} is 1 h 30 min).
     * A comma is a decimal comma ({@code 1,5}), as Excel writes it in many locales.
     *
     * @param field how the source names the value, for the rejection reason
     * @throws RecordRejected when it is none of these
     */
    public static Long duration(String value, long unitSeconds, String field) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            long seconds = clock.group(3) == null ? 0 : Long.parseLong(clock.group(3));
            return Long.parseLong(clock.group(1)) * 3600 + Long.parseLong(clock.group(2)) * 60 + seconds;
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher amount = AMOUNT.matcher(text);
        int at = 0;
        int amounts = 0;
        boolean bare = false;
        while (at < text.length() && amount.find(at) && amount.start() == at) {
            Long unit = amount.group(2).isEmpty() ? Long.valueOf(unitSeconds) : UNITS.get(amount.group(2));
            bare |= amount.group(2).isEmpty();
            if (unit == null) {
                break;
            }
            total = total.add(new BigDecimal(amount.group(1).replace(',', '.')).multiply(BigDecimal.valueOf(unit)));
            amounts++;
            at = amount.end();
        }
        // a bare number only alone: "1 30" or "1h 30" says nothing clear
        if (at < text.length() || amounts == 0 || bare && amounts > 1) {
            String unit = unitSeconds == 3600 ? "hours" : unitSeconds == 60 ? "minutes" : "seconds";
            throw new RecordRejected(field + " must be a duration such as 1.5, 1.5h, 90m or 1:30 (a bare number is "
                    + unit + "), got '" + value + "'");
        }
        return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
