package io.toggltasksync.source;

/** A source record that becomes a rejection, not a task; the message is the reason. */
public final class RecordRejected extends RuntimeException {

    public RecordRejected(String reason) {
        // an expected outcome, one per bad record: no stack trace to fill
        super(reason, null, false, false);
    }
}
