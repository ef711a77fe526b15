package io.toggltasksync.source;

/**
 * The source asks the run to wait (its rate limit is spent and resets too late to wait for): the run stops before it
 * plans, decides nothing missing, writes nothing, keeps the sync state as it was, and exits 1, as with Toggl's spent
 * quota; the next run reads from the same place. Not retried. Messages must never contain secrets.
 */
public class SourceDeferred extends SourceException {
    public SourceDeferred(String message) {
        super(message);
    }
}
