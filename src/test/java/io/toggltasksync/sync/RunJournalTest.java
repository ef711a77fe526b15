package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An incremental run of the long-running process (a schedule set) appends what it changed to the sync
 * state's journal instead of writing the state whole, against the sandbox: the state file stays as it
 * was, the next run (from the process's copy) and any other reader (a CronJob, {@code --check}: the file
 * with its journal) see the change; a torn run line costs one sweep, never a duplicate; a one-off run
 * folds the lines and writes the state whole.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class RunJournalTest {

    private static final String LONG_RUNNING = "sync.schedule=0 */15 * * * ?";

    @Inject
    SyncService service;

    SandboxFixture t;
    Path state;
    Path journal;

    @BeforeEach
    void importedAMinuteAgo(SandboxFixture t) {
        this.t = t;
        // the import's writes are older than the next run's read (IncrementalSyncTest explains the clocks)
        t.sandbox.setClock(Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC));
        assertThat(run(csv("Build it"), LONG_RUNNING).mode().incremental()).as("no state yet: a sweep").isFalse();
        t.sandbox.setClock(Clock.systemUTC());
        state = t.dir.resolve("sync-state.json");
        journal = StateJournal.file(state);
        assertThat(state).exists();
        assertThat(journal).as("a sweep writes the state whole").doesNotExist();
    }

    private Path csv(String secondName) {
        return t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2," + secondName + ",,,true", "R3,Ship it,,,true");
    }

    private SyncRun run(Path csv, String... overrides) {
        t.sandbox.resetCounters();
        return service.runOnce(t.settings(csv, overrides));
    }

    private SyncState load() {
        return StateFile.load(state, t.settings(csv("x")).stateFingerprint()).state();
    }

    @Test
    void anIncrementalRunAppendsALineAndLeavesTheStateFileAsItWas() throws Exception {
        byte[] bytes = Files.readAllBytes(state);
        FileTime modified = Files.getLastModifiedTime(state);
        Object key = Files.readAttributes(state, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        SyncRun renamed = run(csv("Build it well"), LONG_RUNNING);

        assertThat(renamed.mode().incremental()).as(renamed.mode().reason()).isTrue();
        assertThat(renamed.exitCode()).isZero();
        assertThat(t.task(SandboxFixture.P1, "Build it well")).isNotNull();
        assertThat(Files.readAllBytes(state)).as("the state file not written").isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(state)).isEqualTo(modified);
        assertThat(Files.readAttributes(state, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(key);
        assertThat(Files.readAllLines(journal)).hasSize(1);
        assertThat(Files.size(journal)).as("a line, not a state").isLessThan(Files.size(state) + 4096);
        // another reader (a CronJob, --check) folds the line
        assertThat(load().tasks()).extracting(TogglTask::name).contains("Build it well").doesNotContain("Build it");

        SyncRun next = run(csv("Build it well"), LONG_RUNNING);

        assertThat(next.mode().incremental()).isTrue();
        assertThat(next.state().tasks()).extracting(TogglTask::name).contains("Build it well");
        assertThat(t.writes()).as("the rename known: nothing to write").isZero();
        assertThat(Files.readAllBytes(state)).isEqualTo(bytes);
        assertThat(Files.readAllLines(journal)).hasSize(2);
        assertThat(t.sandbox.tasks(SandboxFixture.P1).size() + t.sandbox.tasks(SandboxFixture.P2).size()).isEqualTo(3);
    }

    @Test
    void aOneOffRunAfterRunLinesFoldsThemAndWritesTheStateWhole() {
        assertThat(run(csv("Build it well"), LONG_RUNNING).exitCode()).isZero();
        assertThat(journal).exists();

        SyncRun oneOff = run(csv("Build it well"));

        assertThat(oneOff.mode().incremental()).isTrue();
        assertThat(t.writes()).as("the line folded: the rename known").isZero();
        assertThat(journal).as("written whole: the journal folded in").doesNotExist();
        assertThat(load().tasks()).extracting(TogglTask::name).contains("Build it well");
    }

    @Test
    void aTornRunLineCostsTheNextRunASweepNeverADuplicate() throws Exception {
        assertThat(run(csv("Build it well"), LONG_RUNNING).exitCode()).isZero();
        byte[] line = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(line, line.length - 1));

        SyncRun next = run(csv("Build it well"), LONG_RUNNING);

        assertThat(next.exitCode()).isZero();
        assertThat(next.mode().incremental()).isFalse();
        assertThat(next.mode().reason()).contains("torn");
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.tasks(SandboxFixture.P1).size() + t.sandbox.tasks(SandboxFixture.P2).size()).as("no duplicate").isEqualTo(3);
        assertThat(journal).as("a sweep writes the state whole").doesNotExist();
        assertThat(load().tasks()).extracting(TogglTask::name).contains("Build it well");
    }
}
