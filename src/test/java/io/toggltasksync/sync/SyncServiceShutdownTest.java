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

    @Test
    void aDeletionLeftUndoneAtShutdownAsksTheNextRunForASweep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.toggltasksync.config.SyncSettings settings = io.toggltasksync.testing.TestSettings.run("http://toggl.test/api/v9", dir)
                .overrides(io.toggltasksync.testing.JiraFixture.cloudSettings("http://jira.test", "project = ALPHA", 100))
                .with("sync.state-file", dir.resolve("state.json")).load();
        io.toggltasksync.state.StateFile.save(settings.state().stateFile(), io.toggltasksync.state.SyncState.probed(settings.stateFingerprint(), null, 1));
        SyncService service = new SyncService(); // nothing injected: an event that ran would fail at once
        service.shutdownWait = Duration.ofSeconds(1);
        service.onShutdown(null);

        EventResult result = service.applyEvent(settings, new io.toggltasksync.model.IssueEvent("ALPHA-7", true, java.time.Instant.now(), 1));

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        // only a full sweep sees that an issue is gone
        assertThat(io.toggltasksync.state.StateFile.load(settings.state().stateFile(), settings.stateFingerprint()).state().sweepNext()).isTrue();
    }
}
