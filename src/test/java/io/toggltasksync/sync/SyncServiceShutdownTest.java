package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Once shutdown has begun, a scheduled tick starts no run (GracefulShutdownIT shows the whole
 * SIGTERM path; the tick that lands in the short window after the stopped run is timing-dependent
 * there, so the guard is pinned here).
 */
class SyncServiceShutdownTest {

    @Test
    void aScheduledTickAfterShutdownBeganStartsNoRun() {
        SyncService service = new SyncService(); // nothing injected: a run would fail at once
        service.shutdownWait = Duration.ofSeconds(1);
        service.onShutdown(null); // idle: returns at once

        service.runScheduled(null);

        assertThat(service.lastRun()).isNull();
    }
}
