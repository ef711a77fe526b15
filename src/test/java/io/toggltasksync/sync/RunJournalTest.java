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
    String fingerprint;

    @BeforeEach
    void importedAMinuteAgo() {
        // the import's writes are older than the next run's read (IncrementalSyncTest explains the clocks)
        t.sandbox.setClock(Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC));
        SyncRun imported = run(csv("Build it"), LONG_RUNNING);
        assertThat(imported.mode().incremental()).as("no state yet: a sweep").isFalse();
        fingerprint = imported.settings().stateFingerprint();
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

    /** The state as another reader (a CronJob, {@code --check}) loads it: the file with its journal folded. */
    private SyncState load() {
        return StateFile.load(state, fingerprint).state();
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
    @Test
    void aSweepSpreadOverRunsKeepsTheTasksItsAppendedRunsSawAndCallsOnlyTheDeletedOneGone() throws Exception {
        // a state of 2-task pages, its sweep due whole: the run's share of the hour reads every page, unless the quota stops it
        String[] longRunning = {LONG_RUNNING, "toggl.page-size=2", "toggl.hourly-quota=100000"};
        t.sandbox.setClock(Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC));
        Path six = t.csv("tasks.csv", "R1,One,,,true", "R2,Two,,,true", "R3,Three,,,true", "R4,Four,,,true", "R5,Five,,,true", "R6,Six,,,true");
        assertThat(run(six, longRunning[0], longRunning[1], longRunning[2], "sync.full-sweep=true").mode().incremental()).isFalse();
        t.sandbox.setClock(Clock.systemUTC());
        io.toggltasksync.testing.SweepAging.age(state, 1.0, null);
        TogglTask gone = t.task(SandboxFixture.P1, "Six");
        deleteByHand(gone);
        t.sandbox.setQuota(3, 3600); // the run's own reads and one sweep page

        SyncRun interrupted = run(six, longRunning);

        assertThat(interrupted.mode().incremental()).as(interrupted.mode().reason()).isTrue();
        assertThat(Files.readAllLines(journal)).as("an unfinished sweep's run: a line").hasSize(1);
        SyncState midway = load();
        assertThat(midway.sweep().project(SandboxFixture.P1).pagesRead()).isEqualTo(1);
        assertThat(midway.sweep().seen()).hasSize(2);

        t.sandbox.setQuota(4, 3600); // the run's own reads, page 1 again (it must find its last task there) and page 2
        run(six, longRunning);

        assertThat(Files.readAllLines(journal)).as("a line more").hasSize(2);
        assertThat(load().sweep().project(SandboxFixture.P1).pagesRead()).isEqualTo(2);
        assertThat(load().sweep().seen()).as("page 1's tasks kept from the first line").hasSize(4);
        t.sandbox.clearQuota();
        SyncRun completing = run(six, longRunning);

        assertThat(completing.exitCode()).isZero();
        assertThat(journal).as("a completed sweep writes the state whole").doesNotExist();
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).as("only Six made again: the tasks page 1 gave were not called gone")
                .containsExactlyInAnyOrder("One", "Two", "Three", "Four", "Five", "Six");
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(1);
    }

    private void deleteByHand(TogglTask task) throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString((SandboxFixture.TOKEN + ":api_token").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.sandbox.baseUrl() + "/workspaces/" + SandboxFixture.WS
                + "/projects/" + task.projectId() + "/tasks/" + task.id())).header("Authorization", "Basic " + auth).DELETE().build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }
}
