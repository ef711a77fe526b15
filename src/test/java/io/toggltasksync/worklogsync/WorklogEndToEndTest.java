package io.toggltasksync.worklogsync;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.testing.SandboxFixture.WS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.Json;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.JiraStandIn;
import io.toggltasksync.testing.JiraStandIn.Issue;
import io.toggltasksync.testing.JiraStandIn.Worklog;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.testing.TestSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worklog sync end to end: the Toggl sandbox's time entries into a stateful Jira ({@link JiraStandIn})
 * through the real run ({@link SyncService}). Each test first lets a run mirror the issues into Toggl tasks
 * (the entries need their ids), then tracks time and asserts on what Jira keeps and was asked. The exact
 * requests (format of {@code started}, ADF, query) are {@link WorklogSyncTest}'s (WireMock); these are the
 * behaviours over several runs: reruns, edits, deletions, moves, lost answers, a lost sync state.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class WorklogEndToEndTest {

    private static final long ADA = 501;
    private static final long BOB = 502;
    /** Two days ago, midnight UTC: inside the default 14-day lookback, and a whole day in the past. */
    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);

    @Inject
    SyncService service;

    SandboxFixture t;
    JiraStandIn jira;

    @BeforeEach
    void start() {
        jira = JiraStandIn.start().setIssues(Issue.open("ALPHA-1", "Login page"), Issue.open("ALPHA-2", "Signup"),
                Issue.open("BETA-1", "Billing"));
    }

    @AfterEach
    void stop() {
        jira.close();
    }

    // --- helpers ---

    /** A Jira run with worklogs on, against the sandbox and the stand-in; counters of both reset first. */
    private SyncRun run(String... overrides) {
        t.sandbox.resetCounters();
        jira.resetRequests();
        TestSettings settings = t.testSettings().overrides(jira.cloudSettings("worklog.sync=true")).overrides(overrides);
        return service.runOnce(settings.load(), settings.worklogs());
    }

    /**
     * The first run: the issues become Toggl tasks, and no worklog is written (nothing tracked yet). The issues
     * then age, so that the next runs' incremental searches find none of them (they know them from the sync state).
     */
    private void mirrored() {
        SyncRun run = run();
        assertThat(run.exitCode()).as("the mirror run").isZero();
        assertThat(jira.allWorklogs()).isEmpty();
        jira.ageIssues(Duration.ofHours(1));
    }

    private TogglTask task(String key) {
        return t.sandbox.tasks(key.startsWith("BETA") ? P2 : P1).stream().filter(x -> key.equals(x.integrationExtId())).findFirst()
                .orElseThrow(() -> new AssertionError("no task for " + key));
    }

    /** An entry of {@code user} on the task of {@code key}, from {@code DAY + at}, lasting {@code seconds}. */
    private TimeEntry onTask(long user, String key, String description, Duration at, long seconds) {
        TogglTask task = task(key);
        return t.sandbox.addTimeEntry(WS, user, name(user), task.projectId(), task.id(), description, DAY.plus(at),
                DAY.plus(at).plusSeconds(seconds));
    }

    /** An entry of {@code user} without a task or project, from {@code DAY + at}. */
    private TimeEntry noTask(long user, String description, Duration at, long seconds) {
        return t.sandbox.addTimeEntry(WS, user, name(user), null, null, description, DAY.plus(at), DAY.plus(at).plusSeconds(seconds));
    }

    private static String name(long user) {
        return user == ADA ? "Ada Lovelace" : user == BOB ? "Bob Moog" : TogglSandbox.REQUESTER_NAME;
    }

    private static Duration h(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    /** The one worklog of ours that carries this entry. */
    private Worklog worklogOf(TimeEntry entry) {
        List<Worklog> found = jira.allWorklogs().stream().filter(w -> w.mark() != null && StreamSupport
                .stream(w.mark().path("entry_ids").spliterator(), false).anyMatch(id -> id.asLong() == entry.id())).toList();
        assertThat(found).as("worklogs of entry " + entry.id() + " in " + jira.allWorklogs()).hasSize(1);
        return found.get(0);
    }

    private long jiraWrites() {
        return jira.worklogWrites();
    }

    /** Toggl writes: any request but a GET, except the reports' search (a POST that reads). */
    private long togglWrites() {
        return t.sandbox.requests().stream().filter(r -> !r.method().equals("GET") && !r.path().contains("/reports/")).count();
    }

    /** The bodies of the run's reports searches, in order. */
    private List<JsonNode> searches() {
        return t.sandbox.requests().stream().filter(r -> r.path().contains("/search/time_entries")).map(r -> {
            try {
                return Json.MAPPER.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** The searches for some entries: the look-up of the deleted worklogs' entries before the window. */
    private List<JsonNode> lookUps() {
        return searches().stream().filter(b -> b.has("time_entry_ids")).toList();
    }

    private static List<Long> ids(JsonNode search) {
        return StreamSupport.stream(search.path("time_entry_ids").spliterator(), false).map(JsonNode::asLong).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section() {
        return (Map<String, Object>) t.report().get("worklogs");
    }

    /** Four entries on three issues, written as four worklogs. */
    private List<TimeEntry> fourWorklogs() {
        mirrored();
        List<TimeEntry> entries = List.of(
                onTask(ADA, "ALPHA-1", "Login form", h(9), 1800),
                onTask(ADA, "ALPHA-2", "Signup mail", h(10), 1200),
                onTask(BOB, "BETA-1", "Invoice totals", h(11), 2400),
                noTask(BOB, "ALPHA-1 password reset", h(13), 600));
        SyncRun first = run();
        assertThat(first.exitCode()).isZero();
        assertThat(jira.count("POST", "/rest/api/3/issue/[^/]+/worklog")).isEqualTo(4);
        return entries;
    }

    // --- the behaviours ---

    @Test
    void entriesOnMirroredTasksAndWithIssueKeysInTheirDescriptionsLandAsWorklogs() {
        mirrored();
        TimeEntry onTask = onTask(ADA, "ALPHA-1", "Login form", h(9), 1820); // 30m20s: 31 minutes, rounded up
        TimeEntry spaced = noTask(BOB, "ALPHA-2 fix signup", h(10), 600);
        TimeEntry bracketed = noTask(BOB, "[BETA-1] invoice totals", h(11), 2700);
        TimeEntry colon = noTask(ADA, "ALPHA-2: copy", h(12), 61); // a minute and a second: 2 minutes
        noTask(ADA, "ZZZ-9 not mirrored", h(13), 600);
        noTask(ADA, "no key at all", h(14), 600);
        noTask(ADA, "ALPHA-1 too short", h(15), 30);
        t.sandbox.addTimeEntry(WS, ADA, name(ADA), null, null, "ALPHA-1 still running", DAY.plus(h(16)), null);

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        Worklog a = worklogOf(onTask);
        assertThat(a.issueKey()).isEqualTo("ALPHA-1");
        assertThat(a.timeSpentSeconds()).isEqualTo(31 * 60);
        assertThat(a.started()).isEqualTo(DAY.plus(h(9)));
        assertThat(a.comment()).contains("Ada Lovelace", "Login form");
        assertThat(a.authorAccountId()).isEqualTo(JiraStandIn.OWN_ACCOUNT);
        assertThat(a.mark().path("key").asText()).isEqualTo("entry:" + onTask.id());
        assertThat(a.mark().path("workspace_id").asLong()).isEqualTo(WS);
        assertThat(worklogOf(spaced).issueKey()).isEqualTo("ALPHA-2");
        assertThat(worklogOf(spaced).timeSpentSeconds()).isEqualTo(600);
        assertThat(worklogOf(spaced).comment()).contains("Bob Moog", "fix signup");
        assertThat(worklogOf(bracketed).issueKey()).isEqualTo("BETA-1");
        assertThat(worklogOf(bracketed).timeSpentSeconds()).isEqualTo(2700);
        assertThat(worklogOf(colon).issueKey()).isEqualTo("ALPHA-2");
        assertThat(worklogOf(colon).timeSpentSeconds()).isEqualTo(120);
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(jira.requests()).filteredOn(r -> r.method().equals("POST")).allSatisfy(r -> assertThat(r.query())
                .containsEntry("notifyUsers", "false").containsEntry("adjustEstimate", "auto"));
        assertThat(section()).containsEntry("created", 4);
    }

    @Test
    void aRerunWritesNothing() {
        fourWorklogs();

        SyncRun rerun = run();

        assertThat(rerun.exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(togglWrites()).as("nor in Toggl").isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(section()).containsEntry("unchanged", 4).containsEntry("created", 0);
        assertThat(searches()).as("one reports search, no look-up").hasSize(1);
    }

    @Test
    void anEditedEntryUpdatesItsWorklog() {
        List<TimeEntry> e = fourWorklogs();
        Worklog before = worklogOf(e.get(0));
        t.sandbox.updateTimeEntry(e.get(0).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                x.taskId(), "Login form, reviewed", x.start().plus(h(0.5)), x.stop().plus(h(1)), 0, x.at()));

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        Worklog after = jira.worklog(before.id());
        assertThat(after.timeSpentSeconds()).isEqualTo(3600);
        assertThat(after.started()).isEqualTo(DAY.plus(h(9.5)));
        assertThat(after.comment()).contains("Login form, reviewed");
        assertThat(jira.count("PUT", "/rest/api/3/issue/ALPHA-1/worklog/" + before.id())).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(1);
        assertThat(jira.allWorklogs()).hasSize(4);
    }

    @Test
    void aDeletedEntryDeletesItsWorklog() {
        List<TimeEntry> e = fourWorklogs();
        Worklog gone = worklogOf(e.get(1));
        t.sandbox.deleteTimeEntry(e.get(1).id());

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jira.worklogs("ALPHA-2")).isEmpty();
        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-2/worklog/" + gone.id())).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(1);
        assertThat(section()).containsEntry("deleted", 1);
        assertThat(lookUps()).as("looked up before the window, not found").singleElement()
                .satisfies(b -> assertThat(ids(b)).containsExactly(e.get(1).id()));
    }

    @Test
    void anEntryMovedToAnotherMirroredTaskMovesItsWorklog() {
        List<TimeEntry> e = fourWorklogs();
        Worklog old = worklogOf(e.get(1));
        TogglTask beta = task("BETA-1");
        t.sandbox.updateTimeEntry(e.get(1).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), beta.projectId(),
                beta.id(), x.description(), x.start(), x.stop(), 0, x.at()));

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jira.worklogs("ALPHA-2")).isEmpty();
        Worklog moved = worklogOf(e.get(1));
        assertThat(moved.issueKey()).isEqualTo("BETA-1");
        assertThat(moved.timeSpentSeconds()).isEqualTo(1200);
        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-2/worklog/" + old.id())).isEqualTo(1);
        assertThat(jira.count("POST", "/rest/api/3/issue/BETA-1/worklog")).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(2);
    }

    @Test
    void ourWorklogEditedByAPersonInJiraIsPutBack() {
        List<TimeEntry> e = fourWorklogs();
        Worklog ours = worklogOf(e.get(2));
        jira.editWorklog(ours.id(), null, 60L, "shortened by hand");
        jira.passTime(Duration.ofMinutes(2)); // Jira's feed of changed worklogs shows those over a minute old

        assertThat(run().exitCode()).isZero();

        assertThat(jira.worklog(ours.id()).timeSpentSeconds()).as("Toggl is the truth for our worklogs").isEqualTo(2400);
        assertThat(jira.worklog(ours.id()).comment()).contains("Invoice totals");
        assertThat(jiraWrites()).isEqualTo(1);
    }

    @Test
    void aPersonsWorklogAndOurWorklogsOlderThanTheLookbackStayAsTheyAre() {
        mirrored();
        Instant old = DAY.minus(20, ChronoUnit.DAYS);
        TimeEntry oldEntry = t.sandbox.addTimeEntry(WS, ADA, name(ADA), task("ALPHA-1").projectId(), task("ALPHA-1").id(), "old work",
                old, old.plusSeconds(1800));
        List<TimeEntry> recent = List.of(onTask(ADA, "ALPHA-1", "Login form", h(9), 1800), onTask(BOB, "ALPHA-1", "Review", h(10), 600),
                onTask(BOB, "ALPHA-2", "Mail", h(11), 600));
        assertThat(run("worklog.lookback=30d").exitCode()).isZero();
        Worklog oldWorklog = worklogOf(oldEntry);
        Worklog person = jira.addPersonsWorklog("ALPHA-1", DAY.plus(h(12)), 900, "Meeting, logged by hand");
        // the old entry is deleted, the old worklog shortened in Jira, the person's entry looks like ours in every way but the mark
        t.sandbox.deleteTimeEntry(oldEntry.id());
        jira.editWorklog(oldWorklog.id(), null, 120L, null);

        SyncRun run = run(); // default lookback: 14 days

        assertThat(run.exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklog(oldWorklog.id()).timeSpentSeconds()).isEqualTo(120);
        assertThat(jira.worklog(person.id())).isEqualTo(person);
        assertThat(jira.worklogs("ALPHA-1")).hasSize(4);
        recent.forEach(this::worklogOf);
    }

    @Test
    void aPostWhoseAnswerWasLostIsReadBackAndNotDuplicated() {
        mirrored();
        TimeEntry a = onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        TimeEntry b = onTask(BOB, "BETA-1", "Invoice totals", h(10), 600);
        jira.loseNextPostAnswer(JiraStandIn.Loss.ANSWER_500).loseNextPostAnswer(JiraStandIn.Loss.CLOSE_CONNECTION);

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jira.allWorklogs()).hasSize(2);
        worklogOf(a);
        worklogOf(b);
        assertThat(jira.count("POST", "/rest/api/3/issue/[^/]+/worklog")).as("each POST sent once").isEqualTo(2);
        assertThat(section()).containsEntry("created", 2).containsEntry("read_back", 2);

        assertThat(run().exitCode()).isZero();
        assertThat(jiraWrites()).as("the rerun").isZero();
    }

    @Test
    void aDeletedSyncStateFileCostsReadsOnly() throws IOException {
        fourWorklogs();
        Path state = t.dir.resolve("sync-state.json");
        assertThat(state).as("the run kept a sync state").exists();
        Files.delete(state);

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.mode().incremental()).as("a full sweep").isFalse();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklogReads()).isPositive();
        assertThat(jira.allWorklogs()).hasSize(4);
    }

    @Test
    void dayGroupingSumsAUsersDayOnAnIssueIntoOneWorklog() {
        mirrored();
        TimeEntry morning = onTask(ADA, "ALPHA-1", "Login form", h(9), 1200);
        TimeEntry afternoon = noTask(ADA, "ALPHA-1 login tests", h(14), 1530); // 20m + 25m30s = 45m30s: 46 minutes
        TimeEntry bob = onTask(BOB, "ALPHA-1", "Review", h(10), 600);
        TimeEntry nextDay = t.sandbox.addTimeEntry(WS, ADA, name(ADA), task("ALPHA-1").projectId(), task("ALPHA-1").id(), "More",
                DAY.plus(h(33)), DAY.plus(h(33)).plusSeconds(600));

        SyncRun run = run("worklog.grouping=day");

        assertThat(run.exitCode()).isZero();
        Worklog day = worklogOf(morning);
        assertThat(worklogOf(afternoon)).isEqualTo(day);
        assertThat(day.timeSpentSeconds()).isEqualTo(46 * 60);
        assertThat(day.started()).isEqualTo(DAY.plus(h(9)));
        assertThat(day.mark().path("key").asText()).isEqualTo("day:" + ADA + ":" + LocalDate.ofInstant(DAY, ZoneOffset.UTC));
        assertThat(day.comment()).contains("Ada Lovelace", "Login form", "login tests");
        assertThat(worklogOf(bob)).isNotEqualTo(day);
        assertThat(worklogOf(nextDay)).isNotEqualTo(day);
        assertThat(jira.worklogs("ALPHA-1")).hasSize(3);

        assertThat(run("worklog.grouping=day").exitCode()).isZero();
        assertThat(jiraWrites()).as("the rerun").isZero();
    }

    @Test
    void aDryRunWritesNothingAndReportsThePlan() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(1).id());
        onTask(BOB, "ALPHA-2", "New work", h(15), 900);
        t.sandbox.updateTimeEntry(e.get(0).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                x.taskId(), x.description(), x.start(), x.stop().plus(h(1)), 0, x.at()));

        SyncRun run = run("sync.dry-run=true");

        assertThat(run.exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(section().get("plan")).isEqualTo(Map.of("create", 1, "update", 1, "delete", 1));
    }

    @Test
    void aTokenThatSeesOnlyItsOwnEntriesDeletesNothingAndExitsNonZero() {
        mirrored();
        TimeEntry own = onTask(TogglSandbox.REQUESTER_USER_ID, "ALPHA-1", "Own work", h(9), 1800);
        onTask(ADA, "ALPHA-1", "Login form", h(10), 1800);
        onTask(BOB, "ALPHA-2", "Mail", h(11), 600);
        assertThat(run().exitCode()).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
        t.sandbox.setWorkspaceAdmin(false);
        t.sandbox.updateTimeEntry(own.id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                x.taskId(), x.description(), x.start(), x.stop().plus(h(1)), 0, x.at()));

        SyncRun run = run();

        assertThat(run.exitCode()).isNotZero();
        assertThat(jira.count("DELETE", "/rest/api/3/issue/[^/]+/worklog/\\d+")).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
        assertThat(section()).containsEntry("sees_all_users", false);
    }

    @Test
    void deletingHalfOfOurWorklogsTripsTheMassChangeGuard() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(0).id());
        t.sandbox.deleteTimeEntry(e.get(1).id());

        SyncRun run = run();

        assertThat(run.exitCode()).isNotZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(section().get("guard")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("tripped", true);
    }

    @Test
    void timeTrackingOffIsDeadLetteredWithJirasMessageAndExitsNonZero() {
        mirrored();
        onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        jira.disableTimeTracking();

        SyncRun run = run();

        assertThat(run.exitCode()).isNotZero();
        assertThat(jira.allWorklogs()).isEmpty();
        assertThat(section()).containsEntry("failed", 1);
        assertThat(t.deadLetters()).anySatisfy(d -> assertThat(d.toString()).contains("Time Tracking is not enabled"));
        assertThat(t.deadLetters().toString()).doesNotContain(io.toggltasksync.testing.JiraFixture.JIRA_TOKEN);
    }

    @Test
    void dataCenterTakesTheV2PathsAndAPlainTextComment() {
        TestSettings settings = t.testSettings()
                .overrides(io.toggltasksync.testing.JiraFixture.dataCenterSettings(jira.url(), "project = ALPHA", 2))
                .overrides("worklog.sync=true", "worklog.adjust-estimate=leave");
        assertThat(service.runOnce(settings.load(), settings.worklogs()).exitCode()).isZero();
        jira.ageIssues(Duration.ofHours(1));
        TimeEntry entry = onTask(ADA, "ALPHA-2", "Signup mail", h(9), 1200);
        jira.resetRequests();

        assertThat(service.runOnce(settings.load(), settings.worklogs()).exitCode()).isZero();

        Worklog w = worklogOf(entry);
        assertThat(w.commentJson().isTextual()).as("v2: a string, not ADF").isTrue();
        assertThat(w.comment()).contains("Ada Lovelace", "Signup mail");
        assertThat(jira.count("POST", "/rest/api/2/issue/ALPHA-2/worklog")).isEqualTo(1);
        assertThat(jira.count("POST", "/rest/api/3/.*")).isZero();
        assertThat(jira.requests()).filteredOn(r -> r.method().equals("POST")).allSatisfy(r -> assertThat(r.query())
                .containsEntry("notifyUsers", "false").containsEntry("adjustEstimate", "leave"));
    }

    @Test
    void aDeletedSyncStateFileMissesNoDeletionWithinTheLookback() throws IOException {
        List<TimeEntry> e = fourWorklogs();
        Worklog gone = worklogOf(e.get(3));
        Files.delete(t.dir.resolve("sync-state.json"));
        t.sandbox.deleteTimeEntry(e.get(3).id());

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-1/worklog/" + gone.id())).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(1);
        assertThat(jira.allWorklogs()).hasSize(3);
    }

    @Test
    void entryTimesInTheTokenUsersTimeZoneLandAtTheRightInstant() {
        t.sandbox.setUserTimeZone(java.time.ZoneId.of("+05:30"));
        mirrored();
        TimeEntry late = onTask(ADA, "ALPHA-1", "Late work", h(22), 1800); // 03:30 the next day in +05:30

        assertThat(run().exitCode()).isZero();

        assertThat(worklogOf(late).started()).isEqualTo(DAY.plus(h(22)));
        assertThat(run().exitCode()).isZero();
        assertThat(jiraWrites()).as("the rerun").isZero();
    }

    @Test
    void anIncrementalRunStillSeesAnEntryAddedOnAnIssueThatDidNotChange() {
        fourWorklogs();
        TimeEntry added = onTask(BOB, "ALPHA-2", "Follow-up", h(16), 900);
        TimeEntry keyed = noTask(BOB, "BETA-1 follow-up", h(17), 900);

        SyncRun run = run();

        assertThat(run.mode().incremental()).as("read from the sync state").isTrue();
        assertThat(run.exitCode()).isZero();
        assertThat(worklogOf(added).issueKey()).isEqualTo("ALPHA-2");
        assertThat(worklogOf(keyed).issueKey()).as("a key known from the sync state only").isEqualTo("BETA-1");
        assertThat(jiraWrites()).isEqualTo(2);
    }

    @Test
    void closingAnIssueKeepsTheWorklogsOfTheTimeTrackedOnIt() {
        List<TimeEntry> e = fourWorklogs();
        jira.setIssues(Issue.open("ALPHA-1", "Login page"), new Issue("ALPHA-2", "Signup", "done", "Done", null), Issue.open("BETA-1", "Billing"));

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(task("ALPHA-2").active()).as("the task sync saw it closed").isFalse();
        assertThat(jiraWrites()).isZero();
        assertThat(worklogOf(e.get(1)).issueKey()).isEqualTo("ALPHA-2");
    }

    @Test
    void jiraAnsweringInItsUsersTimeZoneChangesNothingOnARerun() {
        fourWorklogs();
        jira.answerStartedWithOffset(ZoneOffset.ofHours(-5));

        assertThat(run().exitCode()).isZero();

        assertThat(jiraWrites()).isZero();
    }

    @Test
    void dayGroupingFollowsItsZoneAndADeletedEntryShrinksItsDay() {
        mirrored();
        String[] tokyo = {"worklog.grouping=day", "worklog.zone=Asia/Tokyo"};
        TimeEntry evening = onTask(ADA, "ALPHA-1", "Evening", h(13), 1200); // 22:00 in Tokyo
        TimeEntry night = onTask(ADA, "ALPHA-1", "Night", h(16), 600); // 01:00 the next day in Tokyo, the same UTC day
        TimeEntry morning = onTask(ADA, "ALPHA-1", "Morning", h(17), 900); // 02:00 the next day in Tokyo
        assertThat(run(tokyo).exitCode()).isZero();
        LocalDate tokyoDay = LocalDate.ofInstant(DAY, ZoneOffset.UTC);
        assertThat(worklogOf(evening).mark().path("key").asText()).isEqualTo("day:" + ADA + ":" + tokyoDay);
        Worklog next = worklogOf(night);
        assertThat(worklogOf(morning)).isEqualTo(next);
        assertThat(next.mark().path("key").asText()).isEqualTo("day:" + ADA + ":" + tokyoDay.plusDays(1));
        assertThat(next.timeSpentSeconds()).isEqualTo(25 * 60);
        assertThat(jira.worklogs("ALPHA-1")).hasSize(2);

        t.sandbox.deleteTimeEntry(night.id());
        assertThat(run(tokyo).exitCode()).isZero();

        Worklog shrunk = jira.worklog(next.id());
        assertThat(shrunk.timeSpentSeconds()).isEqualTo(15 * 60);
        assertThat(shrunk.started()).isEqualTo(DAY.plus(h(17)));
        assertThat(shrunk.mark().path("entry_ids")).extracting(JsonNode::asLong).containsExactly(morning.id());
        assertThat(jiraWrites()).isEqualTo(1);
    }

    @Test
    void aPostThatFailedBeforeJiraWroteIsReadBackThenSentAgainOnce() {
        mirrored();
        TimeEntry a = onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        jira.failNextPost(503);

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(worklogOf(a).timeSpentSeconds()).isEqualTo(1800);
        assertThat(jira.count("POST", "/rest/api/3/issue/ALPHA-1/worklog")).isEqualTo(2);
        assertThat(jira.allWorklogs()).hasSize(1);
    }

    @Test
    void ourWorklogDeletedByAPersonInJiraIsWrittenAgain() {
        List<TimeEntry> e = fourWorklogs();
        jira.deleteWorklog(worklogOf(e.get(2)).id());
        jira.passTime(Duration.ofMinutes(2));

        assertThat(run().exitCode()).isZero();

        assertThat(worklogOf(e.get(2)).timeSpentSeconds()).isEqualTo(2400);
        assertThat(jiraWrites()).isEqualTo(1);
    }

    @Test
    void anEntryOnAMirroredTaskGoesToThatTaskNotToTheKeyInItsDescription() {
        mirrored();
        TimeEntry entry = onTask(ADA, "ALPHA-1", "BETA-1 looked at billing too", h(9), 600);

        assertThat(run().exitCode()).isZero();

        assertThat(worklogOf(entry).issueKey()).isEqualTo("ALPHA-1");
        assertThat(jira.worklogs("BETA-1")).isEmpty();
    }

    @Test
    void anIssueDeletedInJiraIsSetAsideAndNothingElseIsHeldBack() {
        List<TimeEntry> e = fourWorklogs();
        jira.deleteIssue("ALPHA-2");
        TimeEntry added = onTask(BOB, "BETA-1", "More totals", h(16), 600);

        SyncRun run = run();

        assertThat(run.exitCode()).isLessThan(2);
        assertThat(worklogOf(added).issueKey()).isEqualTo("BETA-1");
        assertThat(jiraWrites()).isEqualTo(1);
        assertThat(jira.allWorklogs()).hasSize(4);
        worklogOf(e.get(0));
    }

    @Test
    void aJiraSearchThatFailsEndsTheRunBeforeAnyWorklogCall() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(0).id()); // a deletion the worklog sync would make
        jira.refuseSearch(400, "Error in the JQL Query: the field 'projekt' does not exist.");

        SyncRun run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(jira.worklogReads()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
    }

    @Test
    void descriptionMatchingOffSkipsKeyedEntriesAndRoundingFollowsTheSetting() {
        mirrored();
        TimeEntry onTask = onTask(ADA, "ALPHA-1", "Login form", h(9), 1820);
        noTask(BOB, "ALPHA-2 fix signup", h(10), 600);

        SyncRun run = run("worklog.match-description=false", "worklog.round-minutes=15");

        assertThat(run.exitCode()).isZero();
        assertThat(jira.allWorklogs()).hasSize(1);
        assertThat(worklogOf(onTask).timeSpentSeconds()).as("30m20s up to a quarter hour").isEqualTo(45 * 60);
        assertThat(jira.worklogs("ALPHA-2")).isEmpty();
    }

    @Test
    void aReportsSearchTogglRefusesDeletesNothingEvenWithTheGuardOff() {
        fourWorklogs();
        t.sandbox.injectFault(TogglSandbox.Fault.status("POST", ".*search/time_entries.*", 403, "forbidden"));

        SyncRun run = run("sync.max-missing-ratio=1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(t.sandbox.pendingFaults()).as("the fault fired").isZero();
    }

    @Test
    void aReportsSearchOverSeveralPagesIsReadWhole() {
        t.sandbox.setReportMaxPageSize(2);
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(3).id());

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jiraWrites()).as("the one deletion, nothing more").isEqualTo(1);
        assertThat(jira.allWorklogs()).hasSize(3);
        assertThat(searches()).as("two pages of the window, then the deleted entry's look-up").hasSize(3);
        assertThat(lookUps()).singleElement().satisfies(b -> assertThat(ids(b)).containsExactly(e.get(3).id()));
    }

    @Test
    void anEntryEditedToStartBeforeTheLookbackLeavesItsWorklogAlone() {
        List<TimeEntry> e = fourWorklogs();
        Worklog before = worklogOf(e.get(0));
        Instant old = DAY.minus(20, ChronoUnit.DAYS);
        t.sandbox.updateTimeEntry(e.get(0).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                x.taskId(), x.description(), old, old.plusSeconds(1800), 0, x.at()));

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklog(before.id())).isEqualTo(before);
        assertThat(lookUps()).singleElement().satisfies(b -> assertThat(ids(b)).containsExactly(e.get(0).id()));
        assertThat(section()).containsEntry("deleted", 0).containsEntry("unchanged", 3);
    }

    @Test
    void aDryRunLooksUpTooAndReportsTheTruePlan() {
        List<TimeEntry> e = fourWorklogs();
        Instant old = DAY.minus(20, ChronoUnit.DAYS);
        t.sandbox.updateTimeEntry(e.get(0).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                x.taskId(), x.description(), old, old.plusSeconds(1800), 0, x.at()));
        t.sandbox.deleteTimeEntry(e.get(2).id());

        SyncRun run = run("sync.dry-run=true", "sync.max-missing-ratio=1");

        assertThat(run.exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(section().get("plan")).isEqualTo(Map.of("create", 0, "update", 0, "delete", 1));
        assertThat(lookUps()).singleElement().satisfies(b -> assertThat(ids(b)).containsExactlyInAnyOrder(e.get(0).id(), e.get(2).id()));
    }

    @Test
    void byDayAnEntryEditedToStartBeforeTheLookbackLeavesItsDay() {
        mirrored();
        String day = "worklog.grouping=day";
        TimeEntry morning = onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        TimeEntry afternoon = onTask(ADA, "ALPHA-1", "Login tests", h(14), 1200);
        TimeEntry alone = onTask(BOB, "ALPHA-2", "Signup mail", h(10), 600);
        onTask(BOB, "BETA-1", "Invoice totals", h(11), 2400);
        onTask(ADA, "BETA-1", "Invoice review", h(12), 900);
        assertThat(run(day).exitCode()).isZero();
        Worklog adasDay = worklogOf(morning);
        Worklog bobsDay = worklogOf(alone);
        Instant old = DAY.minus(20, ChronoUnit.DAYS);
        for (TimeEntry moved : List.of(morning, alone)) {
            t.sandbox.updateTimeEntry(moved.id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(), x.projectId(),
                    x.taskId(), x.description(), old, old.plusSeconds(x.seconds()), 0, x.at()));
        }

        SyncRun run = run(day);

        assertThat(run.exitCode()).isZero();
        // that time left the day: Ada's day keeps the afternoon, Bob's day is gone (found, not deleted in Toggl)
        Worklog shrunk = jira.worklog(adasDay.id());
        assertThat(shrunk.timeSpentSeconds()).isEqualTo(1200);
        assertThat(shrunk.mark().path("entry_ids")).extracting(JsonNode::asLong).containsExactly(afternoon.id());
        assertThat(jira.worklogs("ALPHA-2")).isEmpty();
        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-2/worklog/" + bobsDay.id())).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(2);
        assertThat(lookUps()).singleElement().satisfies(b -> assertThat(ids(b)).containsExactly(alone.id()));
        assertThat(section().get("skipped")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("before_window", 1);
    }

    @Test
    void switchingToDayGroupingNeverLeavesTheTimeTwiceInJira() {
        fourWorklogs();

        SyncRun held = run("worklog.grouping=day");

        assertThat(held.exitCode()).as("the guard tripped: every worklog of ours would go").isNotZero();
        assertThat(jiraWrites()).as("no day worklog beside the entry worklogs it replaces").isZero();
        assertThat(trackedInJira()).isEqualTo(6000);

        SyncRun replaced = run("worklog.grouping=day", "sync.max-missing-ratio=1");

        assertThat(replaced.exitCode()).isZero();
        assertThat(trackedInJira()).isEqualTo(6000);
        assertThat(jira.allWorklogs()).hasSize(4).allSatisfy(w -> assertThat(w.mark().path("key").asText()).startsWith("day:"));
    }

    private long trackedInJira() {
        return jira.allWorklogs().stream().mapToLong(Worklog::timeSpentSeconds).sum();
    }

    @Test
    void aDeleteWhoseAnswerWasLostCountsAsDeletedOnItsRetry() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(2).id());
        jira.loseNextDeleteAnswer();

        SyncRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(jira.worklogs("BETA-1")).isEmpty();
        assertThat(jira.count("DELETE", "/rest/api/3/issue/BETA-1/worklog/\\d+")).isEqualTo(2);
        assertThat(section()).containsEntry("deleted", 1).containsEntry("failed", 0);
    }

    @Test
    void worklogsReadOverPagesJiraCutsShortAreAllSeen() {
        mirrored();
        for (int i = 0; i < 5; i++) {
            onTask(ADA, "ALPHA-1", "Part " + i, h(8 + i), 600);
        }
        jira.addPersonsWorklog("ALPHA-1", DAY.plus(h(7)), 600, "by hand");
        assertThat(run().exitCode()).isZero();
        jira.capWorklogPages(2);
        forgetKnownWorklogs(); // the rerun reads every issue whole, as after a lost state

        assertThat(run().exitCode()).isZero();

        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklogs("ALPHA-1")).hasSize(6);
        assertThat(jira.count("GET", "/rest/api/3/issue/ALPHA-1/worklog")).isEqualTo(3);
    }

    @Test
    void aDescriptionWithLineBreaksAndAStartWithMillisecondsIsStableOnARerun() {
        mirrored();
        Instant start = DAY.plus(h(9)).plusMillis(500);
        TimeEntry entry = t.sandbox.addTimeEntry(WS, ADA, name(ADA), task("ALPHA-1").projectId(), task("ALPHA-1").id(),
                "Login form\nsecond  line\t tabbed", start, start.plusSeconds(1800));
        assertThat(run().exitCode()).isZero();
        assertThat(worklogOf(entry).comment()).contains("Login form second line tabbed");

        assertThat(run().exitCode()).isZero();

        assertThat(jiraWrites()).as("the rerun").isZero();
    }

    @Test
    void aSpentTogglQuotaDefersTheWorklogsWithoutA402() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(0).id());
        t.sandbox.setQuota(4, 1800);

        SyncRun run = run();

        assertThat(run.exitCode()).as(String.valueOf(section())).isNotZero();
        assertThat(t.sandbox.requests()).noneMatch(r -> r.status() == 402);
        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
    }

    @Test
    void anUnchangedRerunCostsAtMostAFewJiraReads() {
        Issue[] many = new Issue[12];
        for (int i = 0; i < many.length; i++) {
            many[i] = Issue.open("ALPHA-" + (i + 1), "Issue " + (i + 1));
        }
        jira.setIssues(many);
        mirrored(); // reads the 12 issues' worklogs whole (none yet), and keeps them for the next runs
        onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        assertThat(run().exitCode()).isZero();
        assertThat(jira.worklogReads()).as("known from the mirror run").isZero();

        assertThat(run().exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklogReads() + jira.feedCalls()).as("right after").isLessThanOrEqualTo(3);

        jira.passTime(Duration.ofMinutes(2)); // the first run's write is now in Jira's feed: known, not read again
        assertThat(run().exitCode()).isZero();
        assertThat(jiraWrites()).isZero();
        assertThat(jira.worklogReads()).isZero();
        assertThat(jira.feedCalls()).as("/worklog/updated and /worklog/deleted").isEqualTo(2);
        assertThat(section()).containsEntry("unchanged", 1);
    }

    @Test
    void aPersonsEditWithinTheLastMinuteIsPutBackByTheRunAfter() {
        List<TimeEntry> e = fourWorklogs();
        Worklog ours = worklogOf(e.get(0));
        jira.editWorklog(ours.id(), null, 120L, null);

        assertThat(run().exitCode()).isZero();
        assertThat(jira.worklog(ours.id()).timeSpentSeconds()).as("not in Jira's feed yet").isEqualTo(120);

        jira.passTime(Duration.ofMinutes(2));
        assertThat(run().exitCode()).isZero();
        assertThat(jira.worklog(ours.id()).timeSpentSeconds()).isEqualTo(1800);
        assertThat(jira.count("POST", "/rest/api/3/worklog/list")).isEqualTo(1);
        assertThat(jiraWrites()).isEqualTo(1);
    }

    @Test
    void aDeletedKnownWorklogsFileCostsReadsOnlyNeverADuplicateNorAMissedDeletion() {
        List<TimeEntry> e = fourWorklogs();
        t.sandbox.deleteTimeEntry(e.get(1).id());
        forgetKnownWorklogs();

        assertThat(run().exitCode()).isZero();

        assertThat(jira.count("DELETE", "/rest/api/3/issue/ALPHA-2/worklog/\\d+")).isEqualTo(1);
        assertThat(jira.count("POST", "/rest/api/3/issue/[^/]+/worklog")).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
        assertThat(jira.worklogReads()).as("every issue read whole").isEqualTo(3);
    }

    @Test
    void aCorruptKnownWorklogsFileCostsReadsOnly() throws IOException {
        fourWorklogs();
        Files.writeString(knownWorklogsFile(), "{\"version\":1,\"worklogs\":[{\"id\":\"x\"}]");

        assertThat(run().exitCode()).isZero();

        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(4);
        assertThat(jira.worklogReads()).isEqualTo(3);
    }

    @Test
    void writesTheLastRunDidNotKeepAreFoundInJirasFeedNotWrittenTwice() throws IOException {
        mirrored();
        onTask(ADA, "ALPHA-1", "Login form", h(9), 1800);
        assertThat(run().exitCode()).isZero();
        byte[] before = Files.readAllBytes(knownWorklogsFile());
        onTask(BOB, "BETA-1", "Invoice totals", h(11), 2400);
        noTask(BOB, "ALPHA-2 mail", h(12), 600);
        assertThat(run().exitCode()).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
        // as if the run had died after its writes, before it kept what it wrote
        Files.write(knownWorklogsFile(), before);
        jira.passTime(Duration.ofMinutes(2));

        assertThat(run().exitCode()).isZero();

        assertThat(jiraWrites()).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
    }

    @Test
    void anIssueMirroredSinceTheLastRunIsTheOnlyOneReadWhole() {
        fourWorklogs();
        jira.setIssues(Issue.open("ALPHA-1", "Login page"), Issue.open("ALPHA-2", "Signup"), Issue.open("BETA-1", "Billing"),
                Issue.open("BETA-2", "Refunds"));
        jira.addPersonsWorklog("BETA-2", DAY.plus(h(7)), 600, "by hand");

        assertThat(run().exitCode()).isZero();
        TimeEntry entry = onTask(ADA, "BETA-2", "Refund form", h(9), 900);
        assertThat(jira.count("GET", "/rest/api/3/issue/BETA-2/worklog")).isEqualTo(1);
        assertThat(jira.worklogReads()).isEqualTo(1);

        assertThat(run().exitCode()).isZero();
        assertThat(worklogOf(entry).issueKey()).isEqualTo("BETA-2");
        assertThat(jira.worklogReads()).as("known from the run before").isZero();
        assertThat(jira.worklogs("BETA-2")).hasSize(2);
    }

    @Test
    void aFullSweepReadsEveryIssueWhole() {
        fourWorklogs();

        assertThat(run("sync.full-sweep=true").exitCode()).isZero();

        assertThat(jira.worklogReads()).isEqualTo(3);
        assertThat(jira.feedCalls()).isZero();
        assertThat(jiraWrites()).isZero();
    }

    @Test
    void aRefusedFeedWritesNothingKeepsWhatWasKnownAndTheNextRunCatchesUp() throws IOException {
        List<TimeEntry> e = fourWorklogs();
        byte[] known = Files.readAllBytes(knownWorklogsFile());
        t.sandbox.deleteTimeEntry(e.get(1).id());
        jira.refuseFeeds(400, "Worklog feeds are off");

        SyncRun refused = run();

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(section()).containsEntry("status", "failed");
        assertThat(jiraWrites()).isZero();
        assertThat(Files.readAllBytes(knownWorklogsFile())).isEqualTo(known);

        jira.refuseFeeds(0, null);
        assertThat(run().exitCode()).isZero();
        assertThat(jira.allWorklogs()).hasSize(3);
        assertThat(jira.count("POST", "/rest/api/3/issue/[^/]+/worklog")).isZero();
    }

    private Path knownWorklogsFile() {
        Path state = t.testSettings().overrides(jira.cloudSettings()).load().state().stateFile();
        return state.resolveSibling(state.getFileName().toString().replace(".json", "") + ".worklogs.json");
    }

    private void forgetKnownWorklogs() {
        try {
            Files.delete(knownWorklogsFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
