package io.toggltasksync.worklogsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogChanges;
import io.toggltasksync.source.jira.WorklogChanges.Change;
import io.toggltasksync.source.jira.WorklogChangesQuery;
import io.toggltasksync.source.jira.WorklogContent;
import io.toggltasksync.source.jira.WorklogWrite;
import io.toggltasksync.source.jira.WorklogWriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a run reads of Jira's worklogs given what the last run knew, and how Jira's feeds and the run's writes change it. */
class KnownWorklogsTest {

    static final long WS = 42;
    static final Instant WINDOW = Instant.parse("2026-11-23T00:00:00Z");
    static final Instant LAST_READ = Instant.parse("2026-12-07T08:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-07T08:30:00Z");
    static final Instant T2 = Instant.parse("2026-12-07T08:40:00Z");

    static WorklogMark mark(long entry) {
        return new WorklogMark(WorklogMark.entryKey(entry), WS, List.of(entry));
    }

    static JiraWorklog ours(String id, String issue, long entry, Instant updated) {
        return new JiraWorklog(id, issue, WINDOW.plus(Duration.ofDays(3)), 1800, "Ada: work", mark(entry), 100L + issue.hashCode() % 7,
                updated);
    }

    static KnownWorklogs known(JiraWorklog... worklogs) {
        Map<String, JiraWorklog> byId = new LinkedHashMap<>();
        Map<Long, String> ids = new LinkedHashMap<>();
        for (JiraWorklog w : worklogs) {
            byId.put(w.id(), w);
            ids.put(w.issueId(), w.issueKey());
        }
        return new KnownWorklogs(WINDOW, Set.of("ABC-1", "ABC-2"), ids, WorklogChangesQuery.since(LAST_READ), byId);
    }

    static WorklogChanges changes(List<Change> updated, Set<String> deleted) {
        return new WorklogChanges(updated, deleted, new WorklogChangesQuery(T2, T1), 2);
    }

    @Nested
    class WhatIsRead {

        @Test
        void nothingKnownReadsEveryIssueWholeAndSaysWhy() {
            KnownWorklogs.Reads reads = KnownWorklogs.reads(null, "no file", Set.of("ABC-1", "ABC-2"), WINDOW, false);
            assertThat(reads.changes()).isNull();
            assertThat(reads.wholeIssues()).containsExactly("ABC-1", "ABC-2");
            assertThat(reads.why()).isEqualTo("no file");
        }

        @Test
        void knownReadsTheFeedsAndOnlyTheIssuesNewSince() {
            KnownWorklogs.Reads reads = KnownWorklogs.reads(known(), null, Set.of("ABC-1", "ABC-2", "ABC-3"), WINDOW, false);
            assertThat(reads.changes()).isEqualTo(WorklogChangesQuery.since(LAST_READ));
            assertThat(reads.wholeIssues()).containsExactly("ABC-3");
        }

        @Test
        void aFullSweepReadsEveryIssueWhole() {
            KnownWorklogs.Reads reads = KnownWorklogs.reads(known(), null, Set.of("ABC-1"), WINDOW, true);
            assertThat(reads.changes()).isNull();
            assertThat(reads.wholeIssues()).containsExactly("ABC-1");
        }

        @Test
        void aLongerLookbackThanKnownReadsEveryIssueWhole() {
            KnownWorklogs.Reads reads = KnownWorklogs.reads(known(), null, Set.of("ABC-1"), WINDOW.minusSeconds(1), false);
            assertThat(reads.changes()).isNull();
            assertThat(reads.why()).contains("lookback");
        }

        @Test
        void feedsLastReadBeforeTheLookbackAreNotReadFromThere() {
            KnownWorklogs stale = new KnownWorklogs(WINDOW, Set.of("ABC-1"), Map.of(), new WorklogChangesQuery(LAST_READ,
                    WINDOW.plus(Duration.ofDays(20))), Map.of());
            KnownWorklogs.Reads reads = KnownWorklogs.reads(stale, null, Set.of("ABC-1"), WINDOW.plus(Duration.ofDays(20)).plusSeconds(1),
                    false);
            assertThat(reads.changes()).isNull();
        }
    }

    @Nested
    class TheFeeds {

        @Test
        void oursUnknownOrChangedSinceAreReadAgainOwnWritesAndPeoplesAreNot() {
            KnownWorklogs k = known(ours("1", "ABC-1", 11, T1), ours("2", "ABC-1", 12, T1), ours("3", "ABC-2", 13, null));
            WorklogChanges c = changes(List.of(
                    new Change("1", T1, mark(11)), // our own write, as known
                    new Change("2", T2, mark(12)), // a person edited it after
                    new Change("3", T1, mark(13)), // known without Jira's time
                    new Change("4", T1, mark(14)), // not known
                    new Change("5", T1, null), // a person's
                    new Change("6", T1, new WorklogMark("entry:16", 7, List.of(16L))), // another workspace's
                    new Change("7", T1, mark(17))), // deleted since
                    Set.of("7"));
            assertThat(k.toRead(c, WS)).containsExactly("2", "3", "4");
        }

        @Test
        void foldTakesOursAsJiraHasThemWithTheFeedsTime() {
            JiraWorklog one = ours("1", "ABC-1", 11, T1);
            KnownWorklogs k = known(one);
            JiraWorklog edited = new JiraWorklog("1", null, one.started(), 60, "shortened", mark(11), one.issueId(), T1.plusSeconds(5));
            KnownWorklogs.Folded f = k.fold(changes(List.of(new Change("1", T2, mark(11))), Set.of()), List.of(edited), WS, WINDOW);
            assertThat(f.unusable()).isNull();
            JiraWorklog now = f.known().worklogs().get("1");
            assertThat(now.issueKey()).isEqualTo("ABC-1");
            assertThat(now.timeSpentSeconds()).isEqualTo(60);
            assertThat(now.updated()).as("compared with the next feed").isEqualTo(T2);
            assertThat(f.known().since()).isEqualTo(new WorklogChangesQuery(T2, T1));
        }

        @Test
        void aNewWorklogOfOursOnAnIssueKnownByIdIsTaken() {
            JiraWorklog one = ours("1", "ABC-1", 11, T1);
            JiraWorklog found = new JiraWorklog("9", null, one.started(), 600, "x", mark(19), one.issueId(), T2);
            KnownWorklogs.Folded f = known(one).fold(changes(List.of(new Change("9", T2, mark(19))), Set.of()), List.of(found), WS, WINDOW);
            assertThat(f.known().worklogs()).containsKeys("1", "9");
            assertThat(f.known().worklogs().get("9").issueKey()).isEqualTo("ABC-1");
        }

        @Test
        void aWorklogOfOursOnAnIssueNotKnownMakesItUnusable() {
            JiraWorklog found = new JiraWorklog("9", null, WINDOW.plusSeconds(60), 600, "x", mark(19), 999L, T2);
            KnownWorklogs.Folded f = known().fold(changes(List.of(new Change("9", T2, mark(19))), Set.of()), List.of(found), WS, WINDOW);
            assertThat(f.known()).isNull();
            assertThat(f.unusable()).contains("9", "999");
        }

        @Test
        void deletedGoneMarkLostGoneMovedBeforeTheWindowGoneAskedButNotAnsweredGone() {
            JiraWorklog a = ours("1", "ABC-1", 11, T1);
            JiraWorklog b = ours("2", "ABC-1", 12, T1);
            JiraWorklog c = ours("3", "ABC-2", 13, T1);
            JiraWorklog d = ours("4", "ABC-2", 14, T1);
            JiraWorklog e = ours("5", "ABC-2", 15, T1);
            JiraWorklog movedBack = new JiraWorklog("3", null, WINDOW.minusSeconds(60), 1800, "x", mark(13), c.issueId(), T2);
            KnownWorklogs.Folded f = known(a, b, c, d, e).fold(changes(List.of(
                    new Change("2", T2, null), // a person took our property off: theirs now
                    new Change("3", T2, mark(13)), // moved before the window
                    new Change("4", T2, mark(14))), // changed, then deleted before the list
                    Set.of("1")), List.of(movedBack), WS, WINDOW);
            assertThat(f.known().worklogs()).containsOnlyKeys("5");
        }

        @Test
        void oursOnAnIssueNoLongerHeldIsNotTaken() {
            KnownWorklogs k = new KnownWorklogs(WINDOW, Set.of("ABC-1"), Map.of(5L, "ABC-1", 6L, "OLD-1"), WorklogChangesQuery.since(LAST_READ),
                    Map.of());
            JiraWorklog elsewhere = new JiraWorklog("9", null, WINDOW.plusSeconds(60), 600, "x", mark(19), 6L, T2);
            KnownWorklogs.Folded f = k.fold(changes(List.of(new Change("9", T2, mark(19))), Set.of()), List.of(elsewhere), WS, WINDOW);
            assertThat(f.known().worklogs()).isEmpty();
        }
    }

    @Nested
    class ReadsAndWrites {

        @Test
        void aWholeReadReplacesTheIssuesWorklogsCoversThemAndLearnsTheirIds() {
            KnownWorklogs k = KnownWorklogs.empty(WINDOW, LAST_READ);
            JiraWorklog ourOne = new JiraWorklog("1", "ABC-3", WINDOW.plusSeconds(60), 600, "x", mark(11), 33L, T1);
            JiraWorklog persons = new JiraWorklog("2", "ABC-3", WINDOW.plusSeconds(60), 600, "by hand", null, 33L, T1);
            KnownWorklogs after = k.withWholeRead(List.of("ABC-3", "ABC-4"), new JiraWorklogs(List.of(ourOne, persons),
                    Map.of("ABC-4", "404"), 2), WS);
            assertThat(after.issues()).containsExactly("ABC-3");
            assertThat(after.worklogs()).containsOnlyKeys("1");
            assertThat(after.issueIds()).containsEntry(33L, "ABC-3");
            assertThat(after.of(Set.of("ABC-3"))).containsExactly(ourOne);
        }

        @Test
        void aWholeReadDropsWhatWasHeldOfTheIssue() {
            KnownWorklogs k = known(ours("1", "ABC-1", 11, T1), ours("2", "ABC-2", 12, T1));
            KnownWorklogs after = k.withWholeRead(List.of("ABC-1"), new JiraWorklogs(List.of(), Map.of(), 1), WS);
            assertThat(after.worklogs()).containsOnlyKeys("2");
        }

        @Test
        void writesAreKeptAsJiraAnsweredFailuresLeftToTheFeeds() {
            JiraWorklog gone = ours("1", "ABC-1", 11, T1);
            JiraWorklog kept = ours("2", "ABC-1", 12, T1);
            KnownWorklogs k = known(gone, kept);
            WorklogContent content = new WorklogContent(WINDOW.plusSeconds(3600), 600, "c", mark(13));
            JiraWorklog made = new JiraWorklog("3", "ABC-2", content.started(), 600, "c", mark(13), 77L, T2);
            JiraWorklog changed = new JiraWorklog("2", "ABC-1", kept.started(), 60, "c", mark(12), kept.issueId(), T2);
            KnownWorklogs after = k.withWrites(List.of(
                    new WorklogWriteResult.Created(new WorklogWrite.Create("ABC-2", content, "auto"), made, false),
                    new WorklogWriteResult.Updated(new WorklogWrite.Update(kept, content, "auto"), changed),
                    new WorklogWriteResult.Deleted(new WorklogWrite.Delete(gone, "auto"), false),
                    new WorklogWriteResult.Failed(new WorklogWrite.Create("ABC-1", content, "auto"), 500, "no")));
            assertThat(after.worklogs()).containsOnlyKeys("2", "3");
            assertThat(after.worklogs().get("2").timeSpentSeconds()).isEqualTo(60);
            assertThat(after.issueIds()).containsEntry(77L, "ABC-2");
        }

        @Test
        void keptForTheNextRunOnlyTheMirroredIssuesAndTheWindow() {
            JiraWorklog old = new JiraWorklog("1", "ABC-1", WINDOW.plusSeconds(10), 600, "x", mark(11), 5L, T1);
            JiraWorklog recent = new JiraWorklog("2", "ABC-1", WINDOW.plus(Duration.ofDays(2)), 600, "x", mark(12), 5L, T1);
            JiraWorklog unmirrored = new JiraWorklog("3", "ABC-2", WINDOW.plus(Duration.ofDays(2)), 600, "x", mark(13), 6L, T1);
            Instant later = WINDOW.plus(Duration.ofDays(1));
            KnownWorklogs after = known(old, recent, unmirrored).retain(Set.of("ABC-1"), later);
            assertThat(after.worklogs()).containsOnlyKeys("2");
            assertThat(after.issues()).containsExactly("ABC-1");
            assertThat(after.issueIds()).containsOnlyKeys(5L);
            assertThat(after.coveredFrom()).isEqualTo(later);
        }
    }
}
