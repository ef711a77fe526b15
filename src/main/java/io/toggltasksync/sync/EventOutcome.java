package io.toggltasksync.sync;

import java.util.Locale;

/** How applying one source event ended (the {@code outcome} of the receiver's events counter, {@code <name>_webhook_events_total}). */
public enum EventOutcome {
    /** Toggl was written: the task now has the values. */
    APPLIED,
    /** The task already had the values: no write. */
    UNCHANGED,
    /** Nothing to mirror: the source does not select the record (now), does not know it, or the record is not mirrored. */
    IGNORED,
    /** Not now (no sync state yet, quota spent, shutting down): the next scheduled run does it. */
    DEFERRED,
    /** A write or the source's read failed: see the log and the dead letter file; the next scheduled run tries again. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
