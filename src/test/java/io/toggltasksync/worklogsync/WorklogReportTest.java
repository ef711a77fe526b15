package io.toggltasksync.worklogsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.WorklogGrouping;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.toggl.TogglWorkspace;
import io.toggltasksync.worklog.WorklogPlan;
import io.toggltasksync.worklog.WorklogPlanner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's {@code worklogs} section and the exit code the worklogs ask for, from a run's {@link WorklogRun}. */
class WorklogReportTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final WorklogSettings SETTINGS = new WorklogSettings(true, Duration.ofDays(14), WorklogGrouping.ENTRY,
            ZoneOffset.UTC, 1, 60, WorklogSettings.AdjustEstimate.AUTO, true, "http://toggl.test/reports/api/v3");
    private static final MirroredIssues ISSUES = new MirroredIssues(Map.of(7L, "ABC-12"), Set.of("ABC-12", "ABC-13"));

    private static TimeEntry entry(long id, Long task, String description, Instant start, long seconds) {
        return new TimeEntry(id, 42, 5, "Ada", null, task, description, start, start.plusSeconds(seconds), seconds, null);
    }

    private static JiraWorklog ours(String id, String issue, long entryId) {
        return new JiraWorklog(id, issue, NOW.minusSeconds(7200), 600, "x", new WorklogMark("entry:" + entryId, 42, List.of(entryId)));
    }

    /** A run through the plan: one entry to create, one worklog whose entry is gone, one entry with no issue. */
    private static WorklogRun planned(boolean dryRun, boolean admin) {
        WorklogRun w = new WorklogRun(SETTINGS, dryRun, NOW, ISSUES, 10);
        w.workspace(new TogglWorkspace(42, "Acme", true, admin));
        List<TimeEntry> entries = List.of(entry(1, 7L, "login", NOW.minusSeconds(3600), 1800), entry(2, null, "lunch", NOW.minusSeconds(600), 300));
        w.entriesRead(entries);
        JiraWorklogs read = new JiraWorklogs(List.of(ours("100", "ABC-13", 99)), Map.of(), 2);
        w.worklogs(read);
        WorklogPlan plan = WorklogPlanner.plan(entries, ISSUES.issueOfTask(), ISSUES.keys(), read.worklogs(),
                new WorklogPlanner.Options(w.windowStart(), WorklogGrouping.ENTRY, ZoneOffset.UTC, 1, 60, true, 42, admin, 1));
        w.plan(plan);
        return w;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunThatWroteItsPlanReportsEachCountAndExitsZero() {
        WorklogRun w = planned(false, true);
        w.countCreated(false);
        w.countDeleted();

        Map<String, Object> s = WorklogReport.section(w, 3);

        assertThat(s).containsEntry("status", "done").containsEntry("created", 1).containsEntry("updated", 0).containsEntry("deleted", 1)
                .containsEntry("unchanged", 0).containsEntry("moved", 0).containsEntry("failed", 0).containsEntry("not_sent", 0)
                .containsEntry("withheld_deletions", 0).containsEntry("entries_read", 2).containsEntry("mirrored_issues", 2)
                .doesNotContainKey("plan").doesNotContainKey("reason");
        assertThat((Map<String, Object>) s.get("skipped")).containsEntry("no_issue", 1).containsEntry("unreadable_issue", 0);
        assertThat((Map<String, Object>) s.get("guard")).containsEntry("tripped", false).containsEntry("ours", 1).containsEntry("deletions", 1);
        assertThat((Map<String, Object>) s.get("calls")).containsEntry("toggl", 3L).containsEntry("jira", 4);
        assertThat(WorklogReport.exitCode(w)).isZero();
    }

    @Test
    void aFailedWriteExitsOne() {
        WorklogRun w = planned(false, true);
        w.countCreated(false);
        w.countFailed();

        assertThat(WorklogReport.section(w, 0)).containsEntry("failed", 1).containsEntry("not_sent", 0);
        assertThat(WorklogReport.exitCode(w)).isEqualTo(1);
    }

    @Test
    void writesLeftUnsentAfterA401ExitOne() {
        WorklogRun w = planned(false, true);
        w.countFailed();
        w.stopWrites("Jira refused the token (401)");

        assertThat(WorklogReport.section(w, 0)).containsEntry("not_sent", 1).containsEntry("stopped", "Jira refused the token (401)");
        assertThat(WorklogReport.exitCode(w)).isEqualTo(1);
    }

    @Test
    void deletionsWithheldFromATokenThatSeesOnlyItsOwnEntriesExitOne() {
        WorklogRun w = planned(false, false);
        w.countCreated(false);

        assertThat(WorklogReport.section(w, 0)).containsEntry("withheld_deletions", 1).containsEntry("deleted", 0)
                .containsEntry("sees_all_users", false);
        assertThat(WorklogReport.exitCode(w)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunReportsItsPlanAndNothingWritten() {
        WorklogRun w = planned(true, true);

        Map<String, Object> s = WorklogReport.section(w, 0);

        assertThat(s).containsEntry("created", 0).containsEntry("deleted", 0).containsEntry("not_sent", 0);
        assertThat((Map<String, Object>) s.get("plan")).containsEntry("create", 1).containsEntry("update", 0).containsEntry("delete", 1);
        assertThat(WorklogReport.exitCode(w)).isZero();
    }

    @Test
    void aDeferredOrFailedPartIsReportedWithItsReasonAndExitsOne() {
        WorklogRun deferred = new WorklogRun(SETTINGS, false, NOW, ISSUES, 0);
        deferred.end(WorklogRun.Status.DEFERRED, "the hourly quota is spent");
        // the first end stays
        deferred.end(WorklogRun.Status.FAILED, "later");

        assertThat(WorklogReport.section(deferred, 0)).containsEntry("status", "deferred").containsEntry("reason", "the hourly quota is spent")
                .containsEntry("created", 0).doesNotContainKey("guard");
        assertThat(WorklogReport.exitCode(deferred)).isEqualTo(1);

        WorklogRun failed = new WorklogRun(SETTINGS, false, NOW, ISSUES, 0);
        failed.end(WorklogRun.Status.FAILED, "Toggl refused the reports search (403)");
        assertThat(WorklogReport.section(failed, 0)).containsEntry("status", "failed");
        assertThat(WorklogReport.exitCode(failed)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void entriesOfAnIssueJiraDidNotShowAreSkippedNotFailed() {
        WorklogRun w = new WorklogRun(SETTINGS, false, NOW, ISSUES, 0);
        w.worklogs(new JiraWorklogs(List.of(), Map.of("ABC-12", "404"), 1));
        List<TimeEntry> onAbc12 = List.of(entry(1, 7L, "login", NOW.minusSeconds(3600), 1800), entry(2, 7L, "login", NOW.minusSeconds(900), 600));
        w.plan(WorklogPlanner.plan(onAbc12, ISSUES.issueOfTask(), ISSUES.keys(), Set.of("ABC-12"), List.of(),
                new WorklogPlanner.Options(w.windowStart(), WorklogGrouping.ENTRY, ZoneOffset.UTC, 1, 60, true, 42, true, 1)));

        Map<String, Object> s = WorklogReport.section(w, 0);

        assertThat((Map<String, Object>) s.get("skipped")).containsEntry("unreadable_issue", 2);
        assertThat(s).containsEntry("unreadable_issues", 1);
        assertThat(WorklogReport.exitCode(w)).isZero();
    }
}
