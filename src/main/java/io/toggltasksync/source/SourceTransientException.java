package io.toggltasksync.source;

/**
 * A source's answer worth retrying (a rate limit, a server error): its route's error handler retries it with backoff,
 * and a run that still meets it fails as when the source is unreadable. Not a {@link SourceException}, which is never
 * retried. Messages must never contain secrets.
 */
public class SourceTransientException extends RuntimeException {
    public SourceTransientException(String message) {
        super(message);
    }
}
