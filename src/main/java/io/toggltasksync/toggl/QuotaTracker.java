package io.toggltasksync.toggl;

import org.jboss.logging.Logger;

/**
 * What Toggl's quota headers said last ({@code X-Toggl-Quota-Remaining}, {@code
 * X-Toggl-Quota-Resets-In}), and the rule that follows: never send a call the headers say will be
 * refused; wait for a reset that is near ({@code toggl.quota-max-wait}, at most twice a run), else
 * stop. One per run.
 */
public final class QuotaTracker {

    private static final Logger LOG = Logger.getLogger(QuotaTracker.class);
    private static final int MAX_WAITS = 2;

    private final long maxWaitSeconds;
    private Long remaining;
    private Long resetsIn;
    private long seenAt;
    private int waits;

    public QuotaTracker(long maxWaitSeconds) {
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /** Notes the quota headers of an answer (absent headers leave what is known). */
    public synchronized void note(Long remaining, Long resetsIn) {
        if (remaining != null) {
            this.remaining = remaining;
        }
        if (resetsIn != null) {
            this.resetsIn = resetsIn;
            this.seenAt = System.nanoTime();
        }
    }

    /** Seconds until the quota resets, counted from now; {@link Long#MAX_VALUE} when Toggl never said. */
    public synchronized long resetsInNow() {
        if (resetsIn == null) {
            return Long.MAX_VALUE;
        }
        long elapsed = (System.nanoTime() - seenAt) / 1_000_000_000L;
        return Math.max(0, resetsIn - elapsed);
    }

    /** Whether the last answer said no call is left in this hour's quota. */
    public synchronized boolean spent() {
        return remaining != null && remaining <= 0;
    }

    public synchronized Long remaining() {
        return remaining;
    }

    public synchronized Long resetsIn() {
        return resetsIn;
    }

    /** Whether a spent quota is worth waiting for in this run (its reset is near, waits are left). */
    synchronized boolean willWait() {
        return resetsInNow() <= maxWaitSeconds && waits < MAX_WAITS;
    }

    /**
     * Before a call: returns at once unless the quota is spent; then waits for a near reset, or
     * throws {@link TogglQuotaException} so that a spent quota costs no call at all.
     */
    void awaitRoom() throws InterruptedException {
        long wait;
        synchronized (this) {
            if (!spent()) {
                return;
            }
            if (!willWait()) {
                throw spentException();
            }
            wait = resetsInNow();
            waits++;
        }
        LOG.infof("Toggl hourly quota spent; it resets in %d s: waiting for it", wait);
        Thread.sleep((wait + 1) * 1000L);
        synchronized (this) {
            // what is left after the reset is unknown until the next answer says
            remaining = null;
        }
    }

    TogglQuotaException spentException() {
        long left = resetsInNow();
        return new TogglQuotaException(left, "Toggl hourly API quota spent" + (left == Long.MAX_VALUE ? "" : "; it resets in " + left + " s"));
    }
}
