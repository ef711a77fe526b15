package io.toggltasksync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link LogThrottle}: one line per interval, the lines held back told with the next. */
class LogThrottleTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void theFirstLinePassesAndTheRestOfTheIntervalIsHeldBackAndCounted() {
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));
        long t0 = 123_456_789L;

        assertThat(throttle.pass(t0)).hasValue(0);
        assertThat(throttle.pass(t0 + 1)).isEmpty();
        assertThat(throttle.pass(t0 + 5 * SECOND)).isEmpty();
        assertThat(throttle.pass(t0 + 10 * SECOND - 1)).isEmpty();

        assertThat(throttle.pass(t0 + 10 * SECOND)).as("the interval is over: three were held back").hasValue(3);
        assertThat(throttle.pass(t0 + 11 * SECOND)).isEmpty();
        assertThat(throttle.pass(t0 + 60 * SECOND)).hasValue(1);
        assertThat(throttle.pass(t0 + 120 * SECOND)).as("nothing held back since").hasValue(0);
    }

    @Test
    void aClockNearItsWrapStillCounts() {
        // System.nanoTime() may be negative or wrap: only differences count
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));
        long t0 = Long.MAX_VALUE - 5 * SECOND;

        assertThat(throttle.pass(t0)).hasValue(0);
        assertThat(throttle.pass(t0 + 9 * SECOND)).isEmpty();
        assertThat(throttle.pass(t0 + 10 * SECOND)).isEqualTo(OptionalLong.of(1));
    }
}
