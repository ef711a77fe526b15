package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.SweepAging;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full sweep spread over runs, against the sandbox: pages of 2 tasks, six tasks in project P1 (3
 * pages) and none in P2 (1 page). A test moves the sweep's clock by editing the state as if hours
 * had passed between runs (when it began, when the last run ended), so that the pages it reads are
 * exactly those its schedule says are due.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class SpreadSweepTest {

    private static final long SPAN = SweepAging.SPAN;

    @Inject
    SyncService service;

    @Inject
    MeterRegistry registry;

    SandboxFixture t;
    Path csv;

    @BeforeEach
    void start() {
        csv = t.csv("tasks.csv", "R1,One,,,true", "R2,Two,,,true", "R3,Three,,,true", "R4,Four,,,true", "R5,Five,,,true", "R6,Six,,,true");
        // the import happened three hours ago by the sandbox's clock; what tests do by hand happens now
        t.sandbox.setClock(Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC));
        assertThat(run().mode().incremental()).as("the import: no state yet").isFalse();
        t.sandbox.setClock(Clock.systemUTC());
    }

    private SyncRun run(String... overrides) {
        t.sandbox.resetCounters();
        String[] all = new String[overrides.length + 1];
        all[0] = "toggl.page-size=2";
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        return service.runOnce(t.settings(csv, all));
    }

    private Path stateFile() {
        return t.dir.resolve("sync-state.json");
    }

    private SyncState state() {
        StateFile.Loaded loaded = StateFile.load(stateFile(), t.settings(csv, "toggl.page-size=2").stateFingerprint());
        assertThat(loaded.unusable()).isNull();
        return loaded.state();
    }

    private void sweepAged(double fraction, Long dueIn) throws IOException {
        SweepAging.age(stateFile(), fraction, dueIn);
    }

    private void deleteByHand(TogglTask task) {
        String auth = Base64.getEncoder().encodeToString((SandboxFixture.TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(t.sandbox.baseUrl() + "/workspaces/" + SandboxFixture.WS + "/projects/"
                + task.projectId() + "/tasks/" + task.id())).header("Authorization", "Basic " + auth).DELETE().build();
        try {
            assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sweepReport() {
        return (Map<String, Object>) t.report().get("sweep");
    }

    @Test
    void aQuietMirrorReadsNoSweepPageBeforeItIsDue() {
        SyncRun run = run();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(t.sandbox.requestCount("GET")).as("one page per target project, no sweep page").isEqualTo(2);
        assertThat(sweepReport()).containsEntry("spread", true).containsEntry("pages_planned", 0).containsEntry("complete", false)
                .containsEntry("late", false);
    }

    @Test
    void aSweepInterruptedByTheQuotaResumesNextRunAndCallsNothingGoneUntilComplete() throws IOException {
        TogglTask six = t.task(SandboxFixture.P1, "Six");
        deleteByHand(six); // Toggl does not tell an incremental read: only the sweep can see it
        sweepAged(0.5, null); // half the pages are due: 2 of 4, and one more
        // the quota lets the run's own two reads and one sweep page through, then answers 402 for an hour
        t.sandbox.setQuota(3, 3600);

        SyncRun interrupted = run();

        assertThat(interrupted.mode().incremental()).isTrue();
        assertThat(interrupted.exitCode()).as("the run planned with its own reads; nothing to write").isZero();
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).as("nothing called gone, nothing made again")
                .containsExactlyInAnyOrder("One", "Two", "Three", "Four", "Five");
        assertThat(state().sweep().project(SandboxFixture.P1).pagesRead()).as("page 1 read, then the quota").isEqualTo(1);
        assertThat(state().tasks()).extracting(TogglTask::name).as("the state still knows Six: the sweep is not complete").contains("Six");
        assertThat(sweepReport()).containsEntry("complete", false);

        t.sandbox.clearQuota();
        sweepAged(1.0, null); // every page due
        SyncRun completing = run();

        assertThat(completing.exitCode()).isZero();
        assertThat(sweepReport()).containsEntry("complete", true).containsEntry("gone", 1);
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).as("Six, gone from Toggl, made again from its record")
                .containsExactlyInAnyOrder("One", "Two", "Three", "Four", "Five", "Six");
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(1);
        SyncState after = state();
        assertThat(after.sweep().projects()).as("a new sweep begins").isEmpty();
        assertThat(after.lastFullSweep()).as("the complete sweep's start").isLessThan(Instant.now().getEpochSecond() - SPAN);
        assertThat(after.tasks()).extracting(TogglTask::id).doesNotContain(six.id());

        SyncRun next = run();
        assertThat(next.mode().incremental()).isTrue();
        assertThat(t.writes()).as("nothing left to do").isZero();
    }

    @Test
    void tasksMadeOrChangedMidSweepAreNeitherCalledGoneNorLost() throws IOException {
        sweepAged(0.5, null); // 2 of 4 pages due, and one more: P1's three, and P2 waits
        run();
        assertThat(state().sweep().project(SandboxFixture.P1).done()).isTrue();
        assertThat(state().sweep().project(SandboxFixture.P2).done()).isFalse();
        // after P1's pages were read: a record added, so a task made; and one renamed in the source
        csv = t.csv("tasks.csv", "R1,One,,,true", "R2,Two (renamed),,,true", "R3,Three,,,true", "R4,Four,,,true", "R5,Five,,,true",
                "R6,Six,,,true", "R7,Seven,,,true");
        SyncRun midSweep = run();
        assertThat(midSweep.exitCode()).isZero();
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(1);

        sweepAged(1.0, null);
        SyncRun completing = run();

        assertThat(sweepReport()).containsEntry("complete", true).containsEntry("gone", 0);
        assertThat(t.writes()).as("no task called gone, so none made twice").isZero();
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name)
                .containsExactlyInAnyOrder("One", "Two (renamed)", "Three", "Four", "Five", "Six", "Seven");
        assertThat(state().tasks()).extracting(TogglTask::name).contains("Seven", "Two (renamed)");
        assertThat(completing.exitCode()).isZero();
    }

    @Test
    void aSweepLatePastItsIntervalSaysSoInTheReportAndTheMetric() throws IOException {
        // due a minute ago, and the quota leaves it no page: 24 an hour is 2 a run, both the run's own reads
        sweepAged(0.9, -60L);

        SyncRun late = run("toggl.hourly-quota=24");

        assertThat(late.mode().incremental()).as("a late sweep goes on spread, never a sweep the quota may not allow").isTrue();
        assertThat(sweepReport()).containsEntry("late", true).containsEntry("complete", false).containsEntry("pages_planned", 0)
                .containsEntry("page_share", 0);
        assertThat(registry.get("sync_sweep_overdue").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("sync_sweep_progress_ratio").gauge().value()).isZero();

        // a larger plan: the late sweep takes the run's whole share (the last run 5 minutes ago: 50 a run, less its two own
        // reads); aged again, as runs a second apart would make the cadence 3,600 runs an hour and the share nothing
        sweepAged(0.9, -60L);
        SyncRun caughtUp = run("toggl.hourly-quota=600");

        assertThat(sweepReport()).containsEntry("late", false).containsEntry("complete", true);
        assertThat(caughtUp.exitCode()).isZero();
        assertThat(registry.get("sync_sweep_overdue").gauge().value()).isZero();
        assertThat(registry.get("sync_sweep_progress_ratio").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aFullSweepAskedForGoesInOneRunWhenTheHourAllowsElseAcrossRunsAsFastAsTheQuotaAllows() {
        SyncRun whole = run("sync.full-sweep=true");
        assertThat(whole.mode().incremental()).isFalse();
        assertThat(whole.mode().reason()).contains("--full-sweep");

        // 5 an hour: less the run's two own reads, 3 of the 4 pages; the fourth in a later run
        SyncRun spread = run("sync.full-sweep=true", "toggl.hourly-quota=5");

        assertThat(spread.mode().incremental()).isTrue();
        assertThat(spread.mode().reason()).contains("--full-sweep", "spread over about 2 run(s)");
        assertThat(sweepReport()).containsEntry("hurry", true).containsEntry("pages_planned", 3).containsEntry("complete", false);
        assertThat(state().sweep().hurry()).isTrue();
    }
}
