package io.toggltasksync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to send back; a null body means no body at all. The headers stay mutable because the
 * quota headers are added once the answer is known.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body, new LinkedHashMap<>());
    }

    static Reply text(int status, String text) {
        return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    /** Toggl often sends an error as a bare JSON string ("Invalid project_id"), labelled as text. */
    static Reply error(int status, String message) {
        return text(status, '"' + message.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }

    static Reply empty(int status) {
        return new Reply(status, null, null, new LinkedHashMap<>());
    }
}
