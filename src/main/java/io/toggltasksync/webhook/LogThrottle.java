package io.toggltasksync.webhook;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * At most one log line per interval: a flood of refused deliveries must not flood the log (nor
 * cost a line's I/O each). The lines held back are counted, and the next line that passes says how
 * many. The caller gives the time ({@link System#nanoTime()}), so it is tested without waiting.
 */
final class LogThrottle {

    private final long intervalNanos;
    private boolean started;
    private long openAt;
    private long heldBack;

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether a line may be logged at {@code nowNanos}: then the number of lines held back since the
     * last one that passed; empty while the interval since that one runs.
     */
    synchronized OptionalLong pass(long nowNanos) {
        if (started && nowNanos - openAt < 0) {
            heldBack++;
            return OptionalLong.empty();
        }
        started = true;
        openAt = nowNanos + intervalNanos;
        long held = heldBack;
        heldBack = 0;
        return OptionalLong.of(held);
    }
}
