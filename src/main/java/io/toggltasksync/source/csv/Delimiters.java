package io.toggltasksync.source.csv;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Tells a file's cell delimiter from its header row: the one of {@code ,} {@code ;} and tab that
 * occurs most often outside quotes in the first line that is not blank (Excel writes {@code ;} where
 * the decimal separator is a comma; GitHub Projects exports tabs). A comma when none occurs.
 */
final class Delimiters {

    static final char[] KNOWN = {',', ';', '\t'};
    /** How far ahead the header row is looked for; a longer one is judged by its start. */
    static final int LOOK_AHEAD = 64 * 1024;

    private Delimiters() {
    }

    /** Reads ahead and resets: the reader is where it was. */
    static char detect(BufferedReader text) throws IOException {
        text.mark(LOOK_AHEAD);
        int[] counts = new int[KNOWN.length];
        boolean quoted = false;
        boolean content = false;
        for (int read = 0; read < LOOK_AHEAD; read++) {
            int c = text.read();
            if (c < 0 || !quoted && (c == '\n' || c == '\r') && content) {
                break;
            }
            if (!content && (c == '\n' || c == '\r')) {
                // a blank line before the header row: its white space says nothing
                counts = new int[KNOWN.length];
            }
            if (c == '"') {
                quoted = !quoted;
            }
            content |= !Character.isWhitespace(c);
            for (int i = 0; i < KNOWN.length && !quoted; i++) {
                counts[i] += c == KNOWN[i] ? 1 : 0;
            }
        }
        text.reset();
        int best = 0;
        for (int i = 1; i < KNOWN.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return KNOWN[best];
    }
}
