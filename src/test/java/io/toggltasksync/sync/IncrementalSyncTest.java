package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.StateLockHolder;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs that read only what changed in Toggl since the last run (the sync state), against the
 * sandbox. A run reads again what changed after the {@code Date} of the last run's first answer
 * (less two minutes). The sandbox's answers carry this machine's real time as their Date (the JDK's
 * HTTP server sets it), while its settable clock stamps the tasks' {@code at}. So a test imports
 * {@link #earlier in the past} by that clock, and makes its own changes {@link #now at the present}:
 * the next run must see those, and need not read the import again.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class IncrementalSyncTest {

    @Inject
    SyncService service;

    SandboxFixture t;
    Path csv;

    @BeforeEach
    void start() {
        csv = t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2,Build it,,,true", "R3,Ship it,,,true");
        earlier(Duration.ofHours(3));
    }

    /** What the sandbox does from here on happened this long ago. */
    private void earlier(Duration ago) {
        t.sandbox.setClock(Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC));
    }

    /** What the sandbox does from here on happens now. */
    private void now() {
        t.sandbox.setClock(Clock.systemUTC());
    }

    private SyncRun run(String... overrides) {
        t.sandbox.resetCounters();
        return service.runOnce(t.settings(csv, overrides));
    }

    private Path stateFile() {
        return t.dir.resolve("sync-state.json");
    }

    /** Imports the three rows (a full sweep: no state yet); from then on runs are incremental. */
    private void imported() {
        assertThat(run().mode().incremental()).as("no state yet").isFalse();
    }

    /** A change made in Toggl's UI: a PUT that does not come from the sync. */
    private void renameByHand(TogglTask task, String name) {
        byHand(taskRequest(task).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
    }

    private void deleteByHand(TogglTask task) {
        byHand(taskRequest(task).DELETE());
    }

    private HttpRequest.Builder taskRequest(TogglTask task) {
        String auth = Base64.getEncoder().encodeToString((SandboxFixture.TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(t.sandbox.baseUrl() + "/workspaces/" + SandboxFixture.WS + "/projects/"
                + task.projectId() + "/tasks/" + task.id())).header("Authorization", "Basic " + auth);
    }

    private void byHand(HttpRequest.Builder request) {
        try {
            assertThat(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRunAfterTheImportIsIncrementalAndReadsBackOnlyWhatTheImportWrote() {
        now();
        imported();

        SyncRun second = run();

        assertThat(second.mode().incremental()).isTrue();
        assertThat(second.snapshot().read()).as("the three tasks the import made changed after it began reading").isEqualTo(3);
        assertThat(t.sandbox.requestCount("GET")).as("one page per target project").isEqualTo(2);
        assertThat(t.writes()).isZero();
        assertThat(second.exitCode()).isZero();
    }

    @Test
    void aTaskRenamedByHandInTogglIsPutBackOnTheNextIncrementalRun() {
        imported();
        now();
        renameByHand(t.task(SandboxFixture.P1, "Build it"), "Build it (edited in Toggl)");

        SyncRun run = run();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(run.exitCode()).isZero();
        assertThat(t.task(SandboxFixture.P1, "Build it")).isNotNull();
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(1);
    }

    @Test
    void anUnchangedIncrementalRunReadsOnlyTheLatestChangesAndWritesNothing() {
        imported();
        now();
        renameByHand(t.task(SandboxFixture.P1, "Build it"), "Build it (edited in Toggl)");
        run(); // puts it back: now the newest change in Toggl

        SyncRun run = run();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(run.snapshot().read()).as("only the task changed last is read again").isEqualTo(1);
        assertThat(run.snapshot().size()).as("the others come from the state").isEqualTo(3);
        assertThat(t.sandbox.requestCount("GET")).as("one page per target project").isEqualTo(2);
        assertThat(t.writes()).isZero();
        assertThat(run.exitCode()).isZero();
        assertThat(t.report()).containsEntry("mode", "incremental");
        assertThat(((Map<?, ?>) t.report().get("sync_state")).get("toggl_tasks_read")).isEqualTo(1);
    }

    @Test
    void aRecordGoneFromTheCsvIsDeactivatedOnAnIncrementalRun() {
        imported();
        now();
        csv = t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2,Build it,,,true");

        SyncRun run = run();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(t.task(SandboxFixture.P1, "Ship it").active()).isFalse();
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aDeletedStateFileCostsOneFullSweepAndNoDuplicate() throws IOException {
        imported();
        Files.delete(stateFile());

        SyncRun run = run();

        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).startsWith("no sync state yet");
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(run().mode().incremental()).as("the sweep wrote a new state").isTrue();
    }

    @Test
    void aCorruptStateFileCostsOneFullSweepAndNoDuplicate() throws IOException {
        imported();
        String state = Files.readString(stateFile());
        Files.writeString(stateFile(), state.substring(0, state.length() / 2));

        SyncRun run = run();

        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).contains("cannot be read");
        assertThat(run.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    @Test
    void aForeignStateFileCostsOneFullSweepAndNoDuplicate() throws IOException {
        imported();
        Files.writeString(stateFile(), Files.readString(stateFile()).replace("\"fingerprint\":\"", "\"fingerprint\":\"another workspace "));

        SyncRun run = run();

        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).contains("another configuration");
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    /** The state file as the last run left it, with {@code field} replaced by {@code [null]}. */
    private void nullElementIn(String field) throws IOException {
        ObjectNode state = (ObjectNode) Json.MAPPER.readTree(stateFile().toFile());
        state.putArray(field).addNull();
        Files.writeString(stateFile(), state.toString());
    }

    @Test
    void aNullTaskInTheStateFileCostsOneFullSweepNotAnAbortedRun() throws IOException {
        imported();
        nullElementIn("tasks");

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).contains("cannot be used").contains("tasks");
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(t.report()).containsEntry("mode", "full");
        assertThat(run().mode().incremental()).as("the sweep wrote a usable state").isTrue();
        nullElementIn("tasks");
        assertThat(run("sync.full-sweep=true").exitCode()).as("--full-sweep too").isZero();
    }

    @Test
    void aNullProjectInTheStateFileCostsOneFullSweepNotAnAbortedRun() throws IOException {
        imported();
        nullElementIn("projects");

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).contains("cannot be used").contains("projects");
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        nullElementIn("projects");
        assertThat(run("sync.full-sweep=true").exitCode()).as("--full-sweep too").isZero();
    }

    @Test
    void aRunWhileAnotherProcessHoldsTheStateExitsTwoAndTouchesNothing() throws Exception {
        imported();
        byte[] state = Files.readAllBytes(stateFile());
        byte[] report = Files.readAllBytes(t.dir.resolve("report.json"));
        Files.writeString(t.dir.resolve("dead-letter.jsonl"), "{\"kind\":\"the other run's\"}\n");
        try (StateLockHolder other = StateLockHolder.hold(StateLock.lockFile(stateFile()))) {
            t.sandbox.resetCounters();

            SyncRun run = run("sync.state-lock-wait=0");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.abortReason()).contains(stateFile() + ".lock", "held by the test's lock holder pid", "sync.state-lock-wait")
                    .doesNotContain("\n");
            assertThat(t.sandbox.requestCount("GET") + t.writes()).as("no call to Toggl").isZero();
            assertThat(Files.readAllBytes(stateFile())).isEqualTo(state);
            assertThat(Files.readAllBytes(t.dir.resolve("report.json"))).as("the other run's report").isEqualTo(report);
            assertThat(Files.readString(t.dir.resolve("dead-letter.jsonl"))).contains("the other run's");
        }
    }

    @Test
    void aRunWaitsForAnotherProcessToReleaseTheStateThenGoesOn() throws Exception {
        imported();
        try (StateLockHolder other = StateLockHolder.hold(StateLock.lockFile(stateFile()))) {
            CompletableFuture<SyncRun> waiting = CompletableFuture.supplyAsync(() -> run("sync.state-lock-wait=20s"));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            Instant released = other.release();

            SyncRun run = waiting.get(30, TimeUnit.SECONDS);

            assertThat(run.started()).as("began once the other process let go").isAfterOrEqualTo(released);
            assertThat(run.exitCode()).isZero();
            assertThat(run.mode().incremental()).isTrue();
        }
    }

    @Test
    void aStateThatForgotADeletedTaskCostsAFailedWriteThenASweepPutsItRight() {
        imported();
        now();
        // someone deletes a task in Toggl: an incremental read cannot see it (Toggl does not say)
        TogglTask gone = t.task(SandboxFixture.P1, "Ship it");
        deleteByHand(gone);
        csv = t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2,Build it,,,true", "R3,Ship it,,,false");

        SyncRun first = run();
        assertThat(first.mode().incremental()).isTrue();

        SyncRun next = run();

        assertThat(next.mode().incremental()).as("the failure asked for a sweep").isFalse();
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).containsExactlyInAnyOrder("Write the spec", "Build it", "Ship it");
        assertThat(next.exitCode()).isZero();
    }

    @Test
    void aRecordTogglRefusesForItsValuesDoesNotMakeTheNextRunASweep() {
        imported();
        now();
        csv = t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2,Build it,,,true", "R3,Ship it,,,true", "R4,Document it,,,true");
        t.sandbox.injectFault(TogglSandbox.Fault.status("POST", ".*", 400, "estimated_seconds is out of range"));

        SyncRun refused = run();

        assertThat(refused.mode().incremental()).isTrue();
        assertThat(refused.exitCode()).isEqualTo(1);
        SyncRun next = run();
        assertThat(next.mode().incremental()).as("the refusal says nothing about the state").isTrue();
        assertThat(next.exitCode()).isZero();
        assertThat(t.task(SandboxFixture.P1, "Document it")).isNotNull();
    }

    @Test
    void aRunThatMeetsARefusedEstimatePatchRemembersItAndTheNextDoesNotTryIt() {
        now();
        t.sandbox.setPatchPaths(java.util.Set.of("/active"));
        csv = t.csv("tasks.csv", "R1,Write the spec,,3600,true", "R2,Build it,,3600,true", "R3,Ship it,,3600,true");
        imported();
        csv = t.csv("tasks.csv", "R1,Write the spec,,7200,true", "R2,Build it,,7200,true", "R3,Ship it,,3600,true");
        SyncRun refused = run();
        assertThat(t.sandbox.requestCount("PATCH")).as("tried once, refused, then PUTs").isEqualTo(1);
        assertThat(refused.exitCode()).isZero();
        csv = t.csv("tasks.csv", "R1,Write the spec,,9000,true", "R2,Build it,,9000,true", "R3,Ship it,,9000,true");

        SyncRun next = run();

        assertThat(t.sandbox.requestCount("PATCH")).isZero();
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(3);
        assertThat(next.exitCode()).isZero();
    }

    @Test
    void aZeroSweepIntervalOrTheFlagMakesEveryRunAFullSweep() {
        imported();

        assertThat(run("sync.full-sweep-interval=0").mode().incremental()).isFalse();
        assertThat(run("sync.full-sweep=true").mode().reason()).contains("--full-sweep");
        assertThat(run().mode().incremental()).isTrue();
        assertThat(t.report()).containsEntry("mode", "incremental");
        assertThat(((Map<?, ?>) t.report().get("sync_state")).get("file")).isEqualTo(stateFile().toString());
    }
}
