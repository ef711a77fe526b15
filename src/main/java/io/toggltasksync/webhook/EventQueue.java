package io.toggltasksync.webhook;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The issue events accepted and not yet applied: gathering deliveries in the aggregator, waiting for
 * its thread, or being applied. Events wait while a run holds the sync lock, and a run can take
 * minutes; this count is what keeps them (and the aggregator's queue) bounded, by
 * {@code jira.webhook-max-pending}. A delivery is given a place before it reaches the aggregator
 * and refused (503) when there is none, so the HTTP thread never waits for the queue or the lock.
 * <p>
 * A place is given back when the event is applied, when a delivery turns out to change nothing (a
 * repeat), and when the aggregator merges a delivery into an event already gathering (two places
 * became one event).
 */
@ApplicationScoped
public class EventQueue {

    private int pending;

    /** Takes a place for one more event, unless {@code max} are already pending. */
    synchronized boolean enter(int max) {
        if (pending >= max) {
            return false;
        }
        pending++;
        return true;
    }

    /** Gives a place back: its event was applied, merged into another, or never became one. */
    synchronized void leave() {
        if (pending > 0) {
            pending--;
        }
    }

    /** The events pending now. */
    synchronized int pending() {
        return pending;
    }
}
