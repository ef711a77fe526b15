package io.toggltasksync.sync;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.testing.SandboxFixture.WS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox.RecordedRequest;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Toggl projects found or made for source projects without a {@code toggl.project-map} entry, end to end
 * against the sandbox (projects 1001 'Alpha' and 1002 'Beta'): by key, by {@code Name (KEY)}, made once with
 * {@code toggl.create-projects}, refused when ambiguous, skipped when archived; the map still wins.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class ProjectMatchingTest {

    private static final long GAMMA = 2003;

    @Inject
    SyncService service;

    SandboxFixture t;

    /** A Jira CSV export: key, summary, project key, project name per row. */
    private Path export(String... rows) {
        return t.write("export.csv", "Issue key,Summary,Project key,Project name\n" + String.join("\n", rows) + "\n");
    }

    /** A run with no map and no default project, unless the overrides say otherwise. */
    private SyncRun run(Path file, String... overrides) {
        return service.runOnce(t.testSettings(file).with("toggl.project-map", "").without("toggl.project-id").overrides(overrides).load());
    }

    private List<RecordedRequest> projectRequests(String method) {
        return t.sandbox.requests().stream().filter(r -> r.method().equals(method) && r.path().endsWith("/workspaces/" + WS + "/projects"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> projectsReport() {
        return (Map<String, Object>) t.report().get("projects");
    }

    @Test
    void withoutAMapProjectsAreFoundByKeyAndByNameAndKey() {
        t.sandbox.addProject(WS, GAMMA, "Gamma Web (GAMMA)");
        SyncRun run = run(export("ALPHA-1,Set up CI,ALPHA,Alpha Platform", "GAMMA-1,Landing page,GAMMA,Gamma Web"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactly("ALPHA-1 Set up CI");
        assertThat(t.sandbox.tasks(GAMMA)).extracting(TogglTask::name).containsExactly("GAMMA-1 Landing page");
        assertThat(projectRequests("GET")).extracting(RecordedRequest::query).containsExactly("active=both&page=1&per_page=200");
        assertThat(projectsReport()).containsEntry("list", "toggl")
                .containsEntry("matched", Map.of("ALPHA", Map.of("project_id", (int) P1, "by", "key"),
                        "GAMMA", Map.of("project_id", (int) GAMMA, "by", "name_key")));
    }

    @Test
    void theProjectListIsReadPageByPageUntilAShortPage() {
        for (int i = 0; i < 250; i++) {
            t.sandbox.addProject(WS, 5000 + i, "Other " + i);
        }
        run(export("ALPHA-1,Set up CI,ALPHA,Alpha Platform"));

        assertThat(projectRequests("GET")).extracting(RecordedRequest::query)
                .containsExactly("active=both&page=1&per_page=200", "active=both&page=2&per_page=200");
        assertThat(t.sandbox.tasks(P1)).hasSize(1);
    }

    @Test
    void anExplicitMapEntryWinsAndNeedsNoProjectList() {
        SyncRun run = run(export("ALPHA-1,Set up CI,ALPHA,Alpha Platform"), "toggl.project-map=ALPHA=" + P2);

        assertThat(run.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(t.sandbox.tasks(P2)).extracting(TogglTask::name).containsExactly("ALPHA-1 Set up CI");
        assertThat(t.sandbox.tasks(P1)).isEmpty();
        assertThat(projectRequests("GET")).isEmpty();
    }

    @Test
    void missingProjectsAreCreatedOnceAndARerunCreatesNothing() {
        Path file = export("DELTA-1,Rotate keys,DELTA,Delta Ops", "DELTA-2,Patch hosts,DELTA,Delta Ops", "ALPHA-1,Set up CI,ALPHA,Alpha");

        SyncRun first = run(file, "toggl.create-projects=true", "toggl.project-color=#06aaf5");
        assertThat(first.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(projectRequests("POST")).extracting(RecordedRequest::body)
                .containsExactly("{\"name\":\"Delta Ops (DELTA)\",\"active\":true,\"color\":\"#06aaf5\"}");
        long delta = first.projects().creations().get("DELTA").id();
        assertThat(t.sandbox.tasks(delta)).extracting(TogglTask::name).containsExactlyInAnyOrder("DELTA-1 Rotate keys", "DELTA-2 Patch hosts");
        assertThat(projectsReport()).containsEntry("created_count", 1);

        t.sandbox.resetCounters();
        SyncRun second = run(file, "toggl.create-projects=true");
        assertThat(second.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(t.writes()).as("writes of the rerun").isZero();
        assertThat(projectRequests("POST")).isEmpty();
        assertThat(t.sandbox.tasks(delta)).hasSize(2);
    }

    @Test
    void aDryRunShowsTheProjectsItWouldCreateAndCreatesNone() {
        SyncRun run = run(export("DELTA-1,Rotate keys,DELTA,Delta Ops"), "toggl.create-projects=true", "sync.dry-run=true");

        assertThat(run.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(t.writes()).isZero();
        assertThat(projectsReport()).containsEntry("to_create", Map.of("DELTA", Map.of("name", "Delta Ops (DELTA)")));
        assertThat(t.report()).containsEntry("created", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunCountsTheProjectsToMakeAgainstTheQuota() {
        t.sandbox.setQuota(2, 3600);
        run(export("DELTA-1,Rotate keys,DELTA,Delta Ops"), "toggl.create-projects=true", "sync.dry-run=true");

        // the list read leaves 1 call: the project's POST fits, the task's create does not
        assertThat((Map<String, Object>) t.report().get("quota")).containsEntry("deferred_calls", 1);
    }

    @Test
    void aNameSharedByTwoProjectsStopsTheRunBeforeAnyWrite() {
        t.sandbox.addProject(WS, 2001, "GAMMA");
        t.sandbox.addProject(WS, 2002, "gamma");
        SyncRun run = run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "GAMMA-1,Landing page,GAMMA,Gamma Web"), "toggl.create-projects=true");

        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(t.writes()).isZero();
        assertThat((String) t.report().get("error")).contains("finding the Toggl projects", "'GAMMA' (id 2001)", "'gamma' (id 2002)");
    }

    @Test
    void twoKeysOnOneProjectStopTheRunBeforeAnyWrite() {
        SyncRun run = run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "OPS-1,Page on call,OPS,Operations"), "toggl.project-map=OPS=" + P1);

        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(t.writes()).isZero();
        assertThat((String) t.report().get("error")).contains("ALPHA (by key)", "OPS (by toggl.project-map)", "'Alpha' (id " + P1 + ")");
    }

    @Test
    void anArchivedProjectsRecordsAreSkippedWithAReason() {
        t.sandbox.setProjectArchived(P2, true);
        SyncRun run = run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "BETA-1,Ship it,BETA,Beta"), "toggl.create-projects=true");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.sandbox.tasks(P1)).hasSize(1);
        assertThat(t.sandbox.tasks(P2)).isEmpty();
        assertThat(projectRequests("POST")).as("an archived project is never replaced").isEmpty();
        assertThat(t.deadLetters()).singleElement().satisfies(d -> assertThat(d).containsEntry("external_id", "BETA-1")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).startsWith("skipped: Toggl project 'Beta' (id " + P2)
                        .contains("is archived")));
        assertThat(t.report()).containsEntry("rejected", 1).containsEntry("created", 1);
    }

    @Test
    void anExplicitMapEntryToAnArchivedProjectIsSkippedOnceTheListIsRead() {
        t.sandbox.setProjectArchived(P2, true);
        run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "BETA-1,Ship it,BETA,Beta"), "toggl.project-map=BETA=" + P2);

        assertThat(t.sandbox.tasks(P2)).isEmpty();
        assertThat(t.sandbox.requests()).as("nothing is sent to the archived project")
                .noneMatch(r -> r.method().equals("POST") && r.path().contains("/projects/" + P2 + "/"));
        assertThat(t.deadLetters()).singleElement().satisfies(d -> assertThat(d).containsEntry("kind", "rejected")
                .containsEntry("external_id", "BETA-1").hasEntrySatisfying("reason", r -> assertThat((String) r).startsWith("skipped:")));
    }

    @Test
    void anUnmatchedKeyFallsBackToTheDefaultProjectElseIsRejected() {
        Path file = export("ZETA-1,Odd job,ZETA,Zeta");

        run(file, "toggl.project-id=" + P1);
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactly("ZETA-1 Odd job");
        assertThat(projectsReport()).containsEntry("default_project", List.of("ZETA"));

        SyncRun noDefault = run(export("ZETA-2,Odd job,ZETA,Zeta"));
        assertThat(noDefault.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.deadLetters()).singleElement().satisfies(d -> assertThat((String) d.get("reason")).startsWith("unknown project"));
    }

    @Test
    void aGenericCsvProjectColumnWithAProjectNameFindsItsProject() {
        Path file = t.write("generic.csv", "external_id,name,project_id,project\nt-1,Write docs,,alpha\nt-2,Review docs,,Beta\n"
                + "t-3,Print docs," + P2 + ",alpha\n");
        SyncRun run = run(file);

        assertThat(run.exitCode()).isEqualTo(ExitCode.IN_SYNC);
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::projectId, TogglTask::name)
                .containsExactlyInAnyOrder(tuple(P1, "Write docs"), tuple(P2, "Review docs"), tuple(P2, "Print docs"));
    }

    @Test
    void matchingOffKeepsTheMapOnlyBehaviour() {
        run(export("ALPHA-1,Set up CI,ALPHA,Alpha"), "toggl.project-match=off", "toggl.project-id=" + P2);

        assertThat(t.sandbox.tasks(P2)).hasSize(1);
        assertThat(projectRequests("GET")).isEmpty();
    }

    @Test
    void theNextIncrementalRunUsesTheProjectListTheSyncStateKept() {
        Path file = export("ALPHA-1,Set up CI,ALPHA,Alpha");
        run(file);
        t.sandbox.resetCounters();

        run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "ALPHA-2,Run tests,ALPHA,Alpha"));
        assertThat(projectRequests("GET")).as("list read again").isEmpty();
        assertThat(t.sandbox.tasks(P1)).hasSize(2);

        // a key the kept list does not find reads the list afresh before anything is made
        t.sandbox.resetCounters();
        run(export("ALPHA-1,Set up CI,ALPHA,Alpha", "ALPHA-2,Run tests,ALPHA,Alpha", "DELTA-1,Rotate keys,DELTA,Delta Ops"),
                "toggl.create-projects=true");
        assertThat(projectRequests("GET")).hasSize(1);
        assertThat(projectRequests("POST")).hasSize(1);
    }
}
