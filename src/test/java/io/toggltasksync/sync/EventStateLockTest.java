package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.StateLockHolder;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jira event while another process holds the sync state's lock: deferred at once, nothing read or
 * written (the service has nothing injected: an event that went on would fail).
 */
class EventStateLockTest {

    @TempDir
    Path dir;
    SyncSettings settings;
    byte[] state;

    @BeforeEach
    void stateOfThisConfiguration() throws Exception {
        settings = TestSettings.run("http://toggl.test/api/v9", dir)
                .overrides(JiraFixture.cloudSettings("http://jira.test", "project = ALPHA", 100))
                .with("sync.state-file", dir.resolve("state.json")).load();
        StateFile.save(settings.state().stateFile(), SyncState.probed(settings.stateFingerprint(), null, 1));
        state = Files.readAllBytes(settings.state().stateFile());
    }

    @Test
    void anEventIsDeferredWithoutWaiting() throws Exception {
        try (StateLockHolder other = StateLockHolder.hold(StateLock.lockFile(settings.state().stateFile()))) {
            EventResult result = new SyncService().applyEvent(settings, new IssueEvent("ALPHA-7", false, Instant.now(), 1));

            assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
            assertThat(result.reason()).contains(settings.state().stateFile() + ".lock", "the next run");
            assertThat(StateJournal.file(settings.state().stateFile())).as("the lock covers the journal").doesNotExist();
        }
    }

    @Test
    void aDeletionLeftUndoneAtShutdownLeavesTheOtherProcessTheState() throws Exception {
        SyncService service = new SyncService();
        service.shutdownWait = Duration.ofSeconds(1);
        service.onShutdown(null);
        try (StateLockHolder other = StateLockHolder.hold(StateLock.lockFile(settings.state().stateFile()))) {
            EventResult result = service.applyEvent(settings, new IssueEvent("ALPHA-7", true, Instant.now(), 1));

            assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
            assertThat(Files.readAllBytes(settings.state().stateFile())).isEqualTo(state);
            assertThat(StateJournal.file(settings.state().stateFile())).as("the lock covers the journal").doesNotExist();
        }
    }
}
