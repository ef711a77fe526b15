package io.toggltasksync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Toggl's hourly quota, imitated: each authenticated request spends one unit, and when the window
 * ends the quota refills and a new window starts. Off until {@link #set}. Guarded by the
 * sandbox's lock.
 */
final class QuotaWindow {

    static final String HDR_REMAINING = "X-Toggl-Quota-Remaining";
    static final String HDR_RESETS_IN = "X-Toggl-Quota-Resets-In";

    private final InstantSource clock;
    /** Off while null. */
    private Integer limit;
    private int remaining;
    private long windowSeconds;
    private Instant resetAt;

    QuotaWindow(InstantSource clock) {
        this.clock = clock;
    }

    void set(int remaining, long resetsInSeconds) {
        limit = remaining;
        this.remaining = remaining;
        windowSeconds = resetsInSeconds;
        resetAt = clock.instant().plusSeconds(resetsInSeconds);
    }

    void clear() {
        limit = null;
    }

    /** Units left in the current window, or -1 when the quota is off. */
    int remaining() {
        if (limit == null) {
            return -1;
        }
        refillIfDue();
        return remaining;
    }

    /** Spends one unit; true when none was left (the request must be refused with 402). */
    boolean spend() {
        if (limit == null) {
            return false;
        }
        refillIfDue();
        if (remaining <= 0) {
            return true;
        }
        remaining--;
        return false;
    }

    /** Whole seconds until the window ends, rounded up. */
    long resetsIn() {
        long millis = Duration.between(clock.instant(), resetAt).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    /** The quota headers Toggl sends with every answer, when the quota is on. */
    void addHeaders(Map<String, String> headers) {
        if (limit != null) {
            headers.put(HDR_REMAINING, Integer.toString(remaining));
            headers.put(HDR_RESETS_IN, Long.toString(resetsIn()));
        }
    }

    static String message(long resetsIn) {
        return "You have hit your hourly quota for API calls. Your quota will reset in " + resetsIn + " seconds.";
    }

    private void refillIfDue() {
        Instant now = clock.instant();
        if (windowSeconds > 0 && !now.isBefore(resetAt)) {
            remaining = limit;
            resetAt = now.plusSeconds(windowSeconds);
        }
    }
}
