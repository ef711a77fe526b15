package io.toggltasksync.support;

import java.util.regex.Pattern;

/**
 * Outside text (names, keys, ids, Jira's and Toggl's error bodies) made safe: {@link #escape} for a
 * human log line, every control character written as a {@code \\u001b} style escape, so that an escape
 * sequence in a task name cannot recolour, retitle or rewrite the terminal, nor a line break forge a
 * log line; {@link #strip} for a name that goes to Toggl, the controls and escape sequences removed.
 */
public final class ControlChars {

    /**
     * Terminal escape sequences, whole: CSI ({@code ESC [ ... m}), the strings OSC ({@code ESC ] ... BEL}),
     * DCS, SOS, PM and APC up to their terminator (or the end), and the two-character escapes; each in its
     * 7-bit and its C1 form.
     */
    private static final Pattern ESCAPE_SEQUENCES = Pattern.compile(
            "(?:\u001B\\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]"
                    + "|(?:\u001B[\\]P^_X]|[\u009D\u0090\u0098\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\\\|\u009C)?"
                    + "|\u001B[\u0020-\u002F]*[\u0030-\u007E]");

    private ControlChars() {
    }

    /** The text without terminal escape sequences (whole: their printable tails too); itself when it has none. */
    public static String withoutEscapeSequences(String text) {
        return ESCAPE_SEQUENCES.matcher(text).replaceAll("");
    }

    /** The text without terminal escape sequences (whole) and control characters ({@link #isControl}); itself when it has none. */
    public static String strip(String text) {
        String plain = withoutEscapeSequences(text);
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.length() == text.length() ? text : out.toString();
    }

    /**
     * Whether a character controls rather than shows: C0 and C1 controls, DEL, the line and paragraph
     * separators, and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which
     * make text show in another order than it is read ("Trojan Source").
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029 || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }

    /** The text with each control character as {@code \\u} and its four hex digits; the text itself when it has none (or null). */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append("\\u").append(String.format("%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
