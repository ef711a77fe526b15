package io.toggltasksync.source;

/**
 * The source could not be read completely (unreadable file, unknown format, failed search). The
 * run must then write nothing that deactivates or deletes. Messages must never contain secrets.
 */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
