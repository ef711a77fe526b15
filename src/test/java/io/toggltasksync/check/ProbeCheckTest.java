package io.toggltasksync.check;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.CheckSettings;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.StateLockHolder;
import jakarta.inject.Inject;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --check --probe} against the sandbox: what the workspace does with Toggl's undocumented behaviours, and that
 * the probe task is gone afterwards whatever failed on the way (faults injected into each step).
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class ProbeCheckTest {

    @Inject
    CheckService checks;

    @Inject
    SyncService service;

    SandboxFixture t;
    Path csv;

    @BeforeEach
    void start() {
        csv = t.csv("tasks.csv", "r1,Write the spec,,3600,true");
    }

    private Checklist probe(Long project) {
        return checks.check(t.settings(csv), new CheckSettings(true, null, true, project));
    }

    @Test
    void theProbeSaysWhatTheWorkspaceDoesAndLeavesNoTask() {
        Checklist checklist = probe(null);

        assertThat(line(checklist, "Probe", "create").detail()).contains("created in project " + P1);
        assertThat(line(checklist, "Probe", "integration fields").detail()).startsWith("kept");
        assertThat(line(checklist, "Probe", "PATCH /estimated_seconds").detail()).startsWith("accepted");
        assertThat(line(checklist, "Probe", "since and deleted tasks").detail()).startsWith("a deleted task is not listed");
        assertThat(line(checklist, "Probe", "clean-up").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(checklist.exitCode()).as(ChecklistFormat.text(checklist)).isZero();
        assertThat(t.sandbox.allTasks()).isEmpty();
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(1);
        assertThat(t.sandbox.requestCount("DELETE")).isEqualTo(1);
    }

    @Test
    void aWorkspaceThatDropsIntegrationFieldsAndRefusesThePatchPathIsReported() {
        t.sandbox.setStoreIntegrationFields(false);
        t.sandbox.setPatchPaths(Set.of("/active"));

        Checklist checklist = probe(P2);

        assertThat(line(checklist, "Probe", "create").detail()).contains("created in project " + P2);
        assertThat(line(checklist, "Probe", "integration fields").detail()).startsWith("dropped");
        assertThat(line(checklist, "Probe", "PATCH /estimated_seconds").detail()).startsWith("refused").contains("Path not found");
        assertThat(t.sandbox.allTasks()).isEmpty();
    }

    @Test
    void aRefusedEstimatePatchIsRememberedSoRunsSendPutsWithoutTryingIt() throws Exception {
        csv = t.csv("tasks.csv", "r1,Write the spec,,3600,true", "r2,Build it,,3600,true");
        service.runOnce(t.settings(csv));
        t.sandbox.setPatchPaths(Set.of("/active"));

        Checklist checklist = probe(null);

        assertThat(line(checklist, "Probe", "remembered").detail()).contains("runs use it");
        assertThat(Files.readString(t.dir.resolve("sync-state.json"))).contains("\"patches_estimates\":false");
        csv = t.csv("tasks.csv", "r1,Write the spec,,7200,true", "r2,Build it,,7200,true");
        t.sandbox.resetCounters();
        SyncRun run = service.runOnce(t.settings(csv));
        assertThat(t.sandbox.requestCount("PATCH")).as("the shared re-estimate is not tried as a PATCH").isZero();
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(2);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void whileAnotherProcessHoldsTheStateWhatTheProbeFoundIsNotSaved() throws Exception {
        service.runOnce(t.settings(csv));
        Path state = t.dir.resolve("sync-state.json");
        byte[] before = Files.readAllBytes(state);
        try (StateLockHolder other = StateLockHolder.hold(StateLock.lockFile(state))) {
            Checklist checklist = checks.check(t.settings(csv, "sync.state-lock-wait=0"), new CheckSettings(true, null, true, null));

            assertThat(line(checklist, "Probe", "remembered").status()).isEqualTo(CheckStatus.WARNING);
            assertThat(line(checklist, "Probe", "remembered").detail()).contains("in use by another process", state + ".lock");
            assertThat(Files.readAllBytes(state)).isEqualTo(before);
        }
    }

    @Test
    void aStepThatFailsMidwayStillLeavesNoTask() {
        t.sandbox.injectFault(Fault.status("GET", "/tasks/\\d+$", 404, "\"Not Found\""));
        t.sandbox.injectFault(Fault.serverError("PATCH", "/tasks/").times(10));

        Checklist checklist = probe(null);

        assertThat(line(checklist, "Probe", "integration fields").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(line(checklist, "Probe", "clean-up").detail()).contains("nothing left behind");
        assertThat(t.sandbox.allTasks()).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundByNameAndDeleted() {
        t.sandbox.injectFault(Fault.loseAnswer("POST", "/tasks$").times(10));

        Checklist checklist = probe(null);

        assertThat(line(checklist, "Probe", "create").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(line(checklist, "Probe", "clean-up").detail()).contains("nothing left behind");
        assertThat(t.sandbox.allTasks()).isEmpty();
    }

    @Test
    void aDeleteThatFailsOnceIsTriedAgainAndProvedGone() {
        t.sandbox.injectFault(Fault.status("DELETE", "/tasks/", 400, "\"try later\""));

        Checklist checklist = probe(null);

        assertThat(line(checklist, "Probe", "clean-up").detail()).contains("nothing left behind");
        assertThat(t.sandbox.allTasks()).isEmpty();
    }

    @Test
    void aProbeThatCannotDeleteSaysWhatIsLeftBehind() {
        t.sandbox.injectFault(Fault.status("DELETE", "/tasks/", 400, "\"no\"").times(10));

        Checklist checklist = probe(null);

        CheckLine cleanUp = line(checklist, "Probe", "clean-up");
        assertThat(cleanUp.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(cleanUp.fix()).isEqualTo("delete it in Toggl by hand");
    }
}
