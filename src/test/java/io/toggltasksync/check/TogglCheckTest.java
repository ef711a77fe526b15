package io.toggltasksync.check;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.testing.SandboxFixture.TOKEN;
import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The preflight of a CSV source against the sandbox: each Toggl line in its passed, warning and failed form, the
 * CSV line, and that the check reads only (the sandbox counts requests by method).
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class TogglCheckTest {

    @Inject
    CheckService checks;

    @Inject
    SyncService sync;

    SandboxFixture t;
    Path csv;

    @BeforeEach
    void start() {
        csv = t.csv("tasks.csv", "r1,Write the spec," + P1 + ",3600,true", "r2,Review it," + P2 + ",,true");
    }

    private Checklist check(String... overrides) {
        return checks.check(t.settings(csv, overrides));
    }

    @Test
    void aWorkingSetUpPassesEveryLineAndWritesNothing() {
        t.sandbox.setQuota(240, 3600);

        Checklist checklist = check();

        assertThat(checklist.exitCode()).as(ChecklistFormat.text(checklist)).isZero();
        assertThat(line(checklist, "Toggl", "token").detail()).contains("Sandbox User");
        assertThat(line(checklist, "Toggl", "workspace 42").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, "Toggl", "project " + P2).detail()).contains("'Beta' found, active");
        assertThat(line(checklist, "Toggl", "quota").detail()).startsWith("234 call(s) left this hour");
        assertThat(line(checklist, "CSV", "file").detail()).contains("2 record(s), 2 valid");
        assertThat(line(checklist, "Plan cost", "first sync").detail()).contains("= 4 Toggl call(s)");
        assertThat(line(checklist, "Sync state", t.dir.resolve("sync-state.json").toString()).detail())
                .contains("the next run: full sweep (no sync state yet");
        // reads only: me, workspace, and each project and its task count
        assertThat(t.sandbox.requestCounts()).isEqualTo(Map.of("GET", 6L));
    }

    @Test
    void noTokenReachesTheChecklistThoughTogglSendsItBack() {
        // Toggl's GET /me (and the workspace) answer with the account's API token
        Checklist checklist = check();

        assertThat(ChecklistFormat.text(checklist)).doesNotContain(TOKEN);
        assertThat(Json.write(ChecklistFormat.json(checklist))).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenFailsAndSkipsTheOtherTogglReads() {
        Checklist checklist = check("toggl.api-token=not-the-token-4711");

        assertThat(checklist.exitCode()).isEqualTo(2);
        CheckLine token = line(checklist, "Toggl", "token");
        assertThat(token.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(token.detail()).contains("403");
        assertThat(token.fix()).contains("TOGGL_API_TOKEN");
        assertThat(t.sandbox.totalRequests()).isEqualTo(1);
        assertThat(ChecklistFormat.text(checklist)).doesNotContain("not-the-token-4711");
    }

    @Test
    void aWorkspaceTheTokenCannotReachFailsAndItsProjectsAreNotRead() {
        Checklist checklist = check("toggl.workspace-id=999");

        CheckLine workspace = line(checklist, "Toggl", "workspace 999");
        assertThat(workspace.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(workspace.detail()).contains("403");
        assertThat(t.sandbox.totalRequests()).isEqualTo(2);
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void aQuotaAlreadySpentIsAWarningAndCostsNoFurtherCall() {
        t.sandbox.setQuota(0, 3600);

        Checklist checklist = check();

        CheckLine quota = line(checklist, "Toggl", "quota");
        assertThat(quota.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(quota.detail()).contains("quota spent; it resets in").contains("the other Toggl checks were skipped");
        assertThat(t.sandbox.totalRequests()).isEqualTo(1);
    }

    @Test
    void afterASyncTheStateIsReadableAndTheNextRunIsIncremental() {
        assertThat(sync.runOnce(t.settings(csv)).exitCode()).isZero();

        CheckLine state = line(check(), "Sync state", t.dir.resolve("sync-state.json").toString());

        assertThat(state.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(state.detail()).startsWith("readable; the next run: incremental (");
    }

    @Test
    void aFreePlanFailsTheTasksLine() {
        t.sandbox.setFreePlan(true);

        Checklist checklist = check();

        assertThat(checklist.exitCode()).isEqualTo(2);
        CheckLine tasks = line(checklist, "Toggl", "tasks on this plan");
        assertThat(tasks.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(tasks.detail()).contains("402").contains("the workspace says it is on the free plan");
        assertThat(tasks.fix()).contains("paid Toggl plan");
    }

    @Test
    void anArchivedProjectFails() {
        t.sandbox.setProjectArchived(P2, true);

        Checklist checklist = check();

        CheckLine project = line(checklist, "Toggl", "project " + P2);
        assertThat(project.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(project.detail()).contains("'Beta' is archived");
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void aProjectNotInTheWorkspaceFails() {
        Checklist checklist = check("toggl.project-id=4711");

        CheckLine project = line(checklist, "Toggl", "project 4711");
        assertThat(project.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(project.detail()).contains("not found in workspace 42");
    }

    @Test
    void aQuotaNearlySpentByAnotherToolIsAWarning() {
        t.sandbox.setQuota(12, 1800);

        Checklist checklist = check();

        CheckLine quota = line(checklist, "Toggl", "quota");
        assertThat(quota.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(quota.detail()).startsWith("nearly spent: 6 call(s) left this hour");
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void aTransientTogglFailureIsRetriedLikeASyncsRead() {
        t.sandbox.injectFault(Fault.serverError("GET", "^/me$"));

        Checklist checklist = check();

        assertThat(line(checklist, "Toggl", "token").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void rejectedRowsAreAWarningThatNamesTheFirstOnes() {
        csv = t.csv("bad.csv", "r1,Write the spec,,,", "r2,,,,", "r3,Estimate,,1.5h,");

        Checklist checklist = check();

        CheckLine file = line(checklist, "CSV", "file");
        assertThat(file.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(file.detail()).contains("3 record(s), 1 valid, 2 rejected, first: line 3 (r2): ").contains("line 4 (r3): ");
        assertThat(checklist.exitCode()).isEqualTo(1);
    }

    @Test
    void anUnreadableCsvFails() {
        csv = t.write("unreadable.csv", "external_id,name\nr1,\"Write the spec\n");

        Checklist checklist = check();

        CheckLine file = line(checklist, "CSV", "file");
        assertThat(file.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(file.detail()).startsWith("cannot be read: ");
        assertThat(checklist.exitCode()).isEqualTo(2);
        // Toggl is still checked
        assertThat(line(checklist, "Toggl", "token").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aStateOfAnotherConfigurationIsAWarningAndTheNextRunSweeps() throws Exception {
        Files.writeString(t.dir.resolve("sync-state.json"), "{\"version\": 999}");

        CheckLine state = line(check(), "Sync state", t.dir.resolve("sync-state.json").toString());

        assertThat(state.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(state.detail()).contains("the next run: full sweep");
    }
}
