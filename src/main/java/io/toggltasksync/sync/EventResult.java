package io.toggltasksync.sync;

import io.toggltasksync.model.SourceEvent;
import java.time.Instant;

/**
 * How one source event was applied.
 *
 * @param written when its Toggl write finished, null when nothing was written
 * @param reason why it was not applied, null when it was (or needed nothing)
 */
public record EventResult(SourceEvent event, EventOutcome outcome, String reason, Instant written) {

    /** An event run stopped before planning, and why. */
    record Halt(EventOutcome outcome, String reason) {
    }
}
