package io.toggltasksync.worklogsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.WorklogGrouping;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.toggl.TimeEntryQuery;
import io.toggltasksync.toggl.TogglWorkspace;
import io.toggltasksync.worklog.SkipReason;
import io.toggltasksync.worklog.WorklogPlan;
import io.toggltasksync.worklog.WorklogPlanner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The look-up after the worklog plan ({@link WorklogLookup}), without Camel: which entry ids it asks for, the
 * search's window, and the plan made again with what it finds.
 */
class WorklogLookupTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final MirroredIssues ISSUES = new MirroredIssues(Map.of(7L, "ABC-12", 8L, "ABC-13"), Set.of("ABC-12", "ABC-13"));

    private final WorklogLookup lookup = new WorklogLookup();

    private static WorklogSettings settings(WorklogGrouping grouping) {
        return new WorklogSettings(true, Duration.ofDays(14), grouping, ZoneOffset.UTC, 1, 60, WorklogSettings.AdjustEstimate.AUTO, true,
                "http://toggl.test/reports/api/v3");
    }

    private static TimeEntry entry(long id, long task, Instant start) {
        return new TimeEntry(id, 42, 5, "Ada", null, task, "work", start, start.plusSeconds(1800), 1800, null);
    }

    private static JiraWorklog ours(String id, String issue, String key, Instant started, Long... entryIds) {
        return new JiraWorklog(id, issue, started, 1800, "Toggl: Ada — work", new WorklogMark(key, 42, List.of(entryIds)));
    }

    /** A run planned as worklogSteps.plan plans it, with the token user in Tokyo. */
    private static WorklogRun planned(WorklogGrouping grouping, List<TimeEntry> entries, List<JiraWorklog> worklogs, double maxRatio) {
        WorklogRun w = new WorklogRun(settings(grouping), false, NOW, ISSUES, 0);
        w.workspace(new TogglWorkspace(42, "Acme", true, true));
        w.userZone(TOKYO);
        w.entriesRead(entries);
        JiraWorklogs read = new JiraWorklogs(worklogs, Map.of(), 2);
        w.worklogs(read);
        WorklogPlanner.Options options = new WorklogPlanner.Options(w.windowStart(), grouping, ZoneOffset.UTC, 1, 60, true, 42, true, maxRatio);
        w.plan(WorklogPlanner.plan(entries, ISSUES.issueOfTask(), ISSUES.keys(), read.worklogs(), options));
        w.planInput(entries, options);
        return w;
    }

    private static final Instant DAY = NOW.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);

    @Test
    void thePlanWithoutDeletionsAsksNothing() {
        TimeEntry a = entry(1, 7, DAY.plusSeconds(3600));
        WorklogRun w = planned(WorklogGrouping.ENTRY, List.of(a), List.of(ours("100", "ABC-12", "entry:1", a.start(), 1L)), 1);

        assertThat(lookup.needed(w)).isFalse();
    }

    @Test
    void theDeletedWorklogsEntriesNotReadAreLookedUpOverTheDaysBeforeTheWindow() {
        TimeEntry moved = entry(2, 8, DAY.plusSeconds(7200));
        // entry 1 gone (or moved back); entry 2 moved from ABC-12 to ABC-13 (read: no look-up for it); entry 3 gone
        WorklogRun w = planned(WorklogGrouping.ENTRY, List.of(moved), List.of(
                ours("100", "ABC-12", "entry:3", DAY.plusSeconds(600), 3L),
                ours("101", "ABC-12", "entry:2", moved.start(), 2L),
                ours("102", "ABC-12", "entry:1", DAY.plusSeconds(60), 1L)), 1);
        assertThat(w.plan().deletes()).hasSize(3);

        assertThat(lookup.needed(w)).isTrue();
        TimeEntryQuery query = lookup.query(w);

        assertThat(query.entryIds()).containsExactly(1L, 3L);
        assertThat(query.from()).isEqualTo(w.windowStart().minus(Duration.ofDays(WorklogLookup.SPAN_DAYS)));
        assertThat(query.to()).isEqualTo(w.windowStart());
        assertThat(query.userZone()).isEqualTo(TOKYO);
        assertThat(query.reportsUrl()).isEqualTo("http://toggl.test/reports/api/v3");
        assertThat(query.pageSize()).isEqualTo(TimeEntryQuery.DEFAULT_PAGE_SIZE);
        // the window starts 2026-11-23T21:00 in Tokyo; with the day of margin either side the dates span a year, no more
        assertThat(query.startDate()).isEqualTo(LocalDate.parse("2025-11-24"));
        assertThat(query.endDate()).isEqualTo(LocalDate.parse("2026-11-24"));
        assertThat(w.plan()).as("the plan waits for the look-up").isNull();
        assertThat(w.lookedUp()).containsExactly(1L, 3L);
    }

    @Test
    void anEntryFoundBeforeTheWindowKeepsItsWorklogAndOneNotFoundIsStillDeleted() {
        WorklogRun w = planned(WorklogGrouping.ENTRY, List.of(), List.of(
                ours("100", "ABC-12", "entry:1", DAY.plusSeconds(60), 1L),
                ours("101", "ABC-13", "entry:3", DAY.plusSeconds(600), 3L)), 1);
        lookup.query(w);

        WorklogPlan plan = lookup.replan(List.of(entry(1, 7, NOW.minus(Duration.ofDays(20)))), w);

        assertThat(w.plan()).isSameAs(plan);
        assertThat(plan.deletes()).extracting(JiraWorklog::id).containsExactly("101");
        assertThat(plan.skipped()).containsEntry(SkipReason.BEFORE_WINDOW, 1);
        assertThat(plan.writes()).hasSize(1);
    }

    @Test
    void theGuardsKeptDeletionsAreLookedUpAndEntriesThatOnlyMovedNoLongerTripIt() {
        WorklogRun w = planned(WorklogGrouping.ENTRY, List.of(), List.of(
                ours("100", "ABC-12", "entry:1", DAY.plusSeconds(60), 1L),
                ours("101", "ABC-13", "entry:3", DAY.plusSeconds(600), 3L)), 0.5);
        assertThat(w.plan().guard().tripped()).isTrue();
        assertThat(lookup.needed(w)).isTrue();
        lookup.query(w);

        WorklogPlan plan = lookup.replan(List.of(entry(1, 7, NOW.minus(Duration.ofDays(20))), entry(3, 8, NOW.minus(Duration.ofDays(30)))), w);

        assertThat(plan.guard().tripped()).isFalse();
        assertThat(plan.writesNothing()).isTrue();
    }

    @Test
    void byDayTheDayAnEntryLeftIsUpdatedWhateverTheLookUpFinds() {
        TimeEntry stays = entry(2, 7, DAY.plusSeconds(7200));
        WorklogRun w = planned(WorklogGrouping.DAY, List.of(stays), List.of(
                ours("100", "ABC-12", WorklogMark.dayKey(5, LocalDate.ofInstant(DAY, ZoneOffset.UTC)), DAY.plusSeconds(60), 1L, 2L),
                ours("101", "ABC-13", WorklogMark.dayKey(5, LocalDate.ofInstant(DAY, ZoneOffset.UTC)), DAY.plusSeconds(600), 3L)), 1);
        lookup.query(w);

        assertThat(w.lookedUp()).as("the day worklog still wanted is no deletion").containsExactly(3L);

        WorklogPlan plan = lookup.replan(List.of(entry(3, 8, NOW.minus(Duration.ofDays(20)))), w);

        assertThat(plan.updates()).singleElement().satisfies(u -> assertThat(u.desired().entryIds()).containsExactly(2L));
        assertThat(plan.deletes()).extracting(JiraWorklog::id).as("the time left the day").containsExactly("101");
    }
}
