package io.toggltasksync.support;

/**
 * Turns an error body into one short line, control characters escaped ({@link ControlChars}). Toggl's error bodies are often a bare JSON string,
 * plain text, or an HTML page from a proxy, so the body is read as text, never parsed as JSON first.
 */
public final class ErrorText {

    private static final int MAX = 300;

    private ErrorText() {
    }

    public static String summarize(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body.strip();
        if (text.startsWith("<")) {
            text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ");
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        // a body is outside text: its control characters as escapes wherever the line goes
        return ControlChars.escape(text.length() > MAX ? text.substring(0, MAX) + "..." : text);
    }
}
