package io.toggltasksync.worklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.model.WorklogGrouping;
import io.toggltasksync.worklog.WorklogPlanner.Options;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorklogPlannerTest {

    static final long WS = 77;
    static final long ADA = 1;
    static final long BOB = 2;
    static final Instant WINDOW = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant T = Instant.parse("2026-12-07T09:15:00Z");
    static final long TASK_ABC1 = 10;
    static final long TASK_ABC2 = 20;
    static final long TASK_UNMANAGED = 99;
    static final Map<Long, String> TASKS = Map.of(TASK_ABC1, "ABC-1", TASK_ABC2, "ABC-2");
    static final Set<String> MIRRORED = Set.of("ABC-1", "ABC-2", "ABC-12");

    // ---------------------------------------------------------------- helpers

    static TimeEntry entry(long id, Long taskId, String description, Instant start, long seconds) {
        return entry(id, ADA, taskId, description, start, seconds);
    }

    static TimeEntry entry(long id, long userId, Long taskId, String description, Instant start, long seconds) {
        String user = userId == ADA ? "Ada Lovelace" : "Bob " + userId;
        return new TimeEntry(id, WS, userId, user, 500L, taskId, description, start, start.plusSeconds(seconds), seconds, null);
    }

    static TimeEntry onAbc1(long id, Instant start, long seconds) {
        return entry(id, TASK_ABC1, "work " + id, start, seconds);
    }

    static TimeEntry running(long id, Long taskId, Instant start) {
        return new TimeEntry(id, WS, ADA, "Ada Lovelace", 500L, taskId, "now", start, null, -1, null);
    }

    static Opts opts() {
        return new Opts();
    }

    /** The options with the defaults of the settings; each test changes what it is about. */
    static final class Opts {
        Instant windowStart = WINDOW;
        WorklogGrouping grouping = WorklogGrouping.ENTRY;
        ZoneId zone = ZoneOffset.UTC;
        int roundMinutes = 1;
        long minSeconds = 60;
        boolean matchDescription = true;
        boolean allUsersVisible = true;
        double maxDeleteRatio = 1;

        Opts day() {
            grouping = WorklogGrouping.DAY;
            return this;
        }

        Opts day(ZoneId z) {
            zone = z;
            return day();
        }

        Opts round(int minutes) {
            roundMinutes = minutes;
            return this;
        }

        Opts min(long seconds) {
            minSeconds = seconds;
            return this;
        }

        Opts noDescriptionMatch() {
            matchDescription = false;
            return this;
        }

        Opts ownEntriesOnly() {
            allUsersVisible = false;
            return this;
        }

        Opts guard(double ratio) {
            maxDeleteRatio = ratio;
            return this;
        }

        Opts window(Instant start) {
            windowStart = start;
            return this;
        }

        Options build() {
            return new Options(windowStart, grouping, zone, roundMinutes, minSeconds, matchDescription, WS, allUsersVisible, maxDeleteRatio);
        }
    }

    static WorklogPlan plan(List<TimeEntry> entries, List<JiraWorklog> existing, Opts opts) {
        WorklogPlan plan = WorklogPlanner.plan(entries, TASKS, MIRRORED, existing, opts.build());
        assertAccounting(entries, existing, plan);
        return plan;
    }

    static WorklogPlan plan(List<TimeEntry> entries, Opts opts) {
        return plan(entries, List.of(), opts);
    }

    static WorklogPlan plan(TimeEntry... entries) {
        return plan(List.of(entries), opts());
    }

    /** Our worklog as Jira gives it back: started to the millisecond {@code .000}, minutes, the mark. */
    static JiraWorklog asJira(String id, DesiredWorklog d) {
        return new JiraWorklog(id, d.issueKey(), d.started(), d.seconds(), d.comment(), d.mark());
    }

    static JiraWorklog ours(String id, String issue, String key, Instant started, long seconds, String comment, Long... entryIds) {
        return new JiraWorklog(id, issue, started, seconds, comment, new WorklogMark(key, WS, List.of(entryIds)));
    }

    static JiraWorklog person(String id, String issue, Instant started, long seconds) {
        return new JiraWorklog(id, issue, started, seconds, "meeting", null);
    }

    /** Jira after the plan's writes: deletes gone, updates written over, creates added with new ids. */
    static List<JiraWorklog> applied(List<JiraWorklog> existing, WorklogPlan plan, AtomicLong ids) {
        Set<JiraWorklog> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(plan.deletes());
        plan.updates().forEach(u -> gone.add(u.existing()));
        List<JiraWorklog> after = new ArrayList<>(existing.stream().filter(w -> !gone.contains(w)).toList());
        plan.updates().forEach(u -> after.add(asJira(u.existing().id(), u.desired())));
        plan.creates().forEach(c -> after.add(asJira(String.valueOf(ids.incrementAndGet()), c)));
        return after;
    }

    static List<DesiredWorklog> placed(WorklogPlan plan) {
        List<DesiredWorklog> placed = new ArrayList<>(plan.creates());
        plan.updates().forEach(u -> placed.add(u.desired()));
        placed.addAll(plan.unchanged());
        return placed;
    }

    /** Every entry in exactly one bucket, every Jira worklog in exactly one; writes only on ours; write order. */
    static void assertAccounting(List<TimeEntry> entries, List<JiraWorklog> existing, WorklogPlan plan) {
        assertThat(plan.skipped()).as("every reason present").containsOnlyKeys(SkipReason.values());
        List<Long> placedEntries = placed(plan).stream().flatMap(d -> d.entryIds().stream()).toList();
        assertThat(placedEntries).as("no entry in two worklogs").doesNotHaveDuplicates();
        assertThat(placedEntries.size() + plan.skippedTotal()).as("entries placed + skipped").isEqualTo(entries.size());
        assertThat(entries.stream().map(TimeEntry::id).toList()).containsAll(placedEntries);

        Set<JiraWorklog> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        List<JiraWorklog> acted = new ArrayList<>(plan.deletes());
        plan.updates().forEach(u -> acted.add(u.existing()));
        acted.addAll(plan.withheldDeletions());
        acted.addAll(plan.keptByGuard());
        acted.forEach(w -> assertThat(touched.add(w)).as("worklog %s in two buckets", w.id()).isTrue());
        assertThat(touched.size() + plan.unchanged().size() + plan.ignored()).as("worklogs accounted").isEqualTo(existing.size());
        Set<JiraWorklog> given = Collections.newSetFromMap(new IdentityHashMap<>());
        given.addAll(existing);
        acted.forEach(w -> {
            assertThat(w.ours()).as("only ours are acted on").isTrue();
            assertThat(w.mark().workspaceId()).isEqualTo(WS);
            assertThat(given.contains(w)).as("worklog %s was given", w.id()).isTrue();
        });
        assertThat(plan.updates()).allSatisfy(u -> assertThat(u.existing().issueKey()).isEqualTo(u.desired().issueKey()));
        assertThat(plan.writes()).hasSize(plan.creates().size() + plan.updates().size() + plan.deletes().size());
        List<WorklogPlan.Write> writes = plan.writes();
        for (int i = 1; i < writes.size(); i++) {
            assertThat(writes.get(i - 1).issueKey()).isLessThanOrEqualTo(writes.get(i).issueKey());
        }
        assertThat(plan.duplicates()).allSatisfy(d -> assertThat(touched.contains(d)).as("duplicate %s acted on", d.id()).isTrue());
    }

    static Map<SkipReason, Integer> only(SkipReason reason, int count) {
        Map<SkipReason, Integer> expected = new java.util.EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            expected.put(r, r == reason ? count : 0);
        }
        return expected;
    }

    // ---------------------------------------------------------------- which issue an entry goes to

    @Nested
    class WhichIssue {

        @Test
        void anEntryOnAManagedTaskGoesToItsIssue() {
            WorklogPlan plan = plan(entry(1, TASK_ABC2, "anything", T, 600));

            assertThat(plan.creates()).singleElement().satisfies(c -> {
                assertThat(c.issueKey()).isEqualTo("ABC-2");
                assertThat(c.key()).isEqualTo("entry:1");
                assertThat(c.entryIds()).containsExactly(1L);
                assertThat(c.mark()).isEqualTo(new WorklogMark("entry:1", WS, List.of(1L)));
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"ABC-12 fix login", "ABC-12: fix login", "ABC-12:fix", "[ABC-12] fix login", "[ABC-12]", "ABC-12",
                "ABC-12\tfix", "  ABC-12 fix"})
        void anEntryWithoutATaskGoesToTheIssueItsDescriptionBeginsWith(String description) {
            WorklogPlan plan = plan(entry(1, null, description, T, 600));

            assertThat(plan.creates()).singleElement().satisfies(c -> assertThat(c.issueKey()).isEqualTo("ABC-12"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ABC-123 fix", "ABC-12x", "ABC-12.", "ABC-12-3 fix", "ABC-1234", "fix ABC-12", "abc-12 fix",
                "(ABC-12) fix", "ABC-99 not mirrored", "", " "})
        void aDescriptionNamingNoMirroredIssueAtItsStartIsSkipped(String description) {
            WorklogPlan plan = plan(entry(1, null, description, T, 600));

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.NO_ISSUE, 1));
        }

        @Test
        void aLongerKeyIsNotTheShorterOne() {
            assertThat(WorklogPlanner.keyAtStart("ABC-123 x", Set.of("ABC-12", "ABC-123"))).isEqualTo("ABC-123");
            assertThat(WorklogPlanner.keyAtStart("ABC-12 x", Set.of("ABC-12", "ABC-123"))).isEqualTo("ABC-12");
            assertThat(WorklogPlanner.keyAtStart("ABC-123 x", Set.of("ABC-12"))).isNull();
        }

        @Test
        void anEntryWithoutADescriptionIsSkipped() {
            WorklogPlan plan = plan(entry(1, null, null, T, 600));

            assertThat(plan.skipped()).isEqualTo(only(SkipReason.NO_ISSUE, 1));
        }

        @Test
        void withDescriptionMatchingOffAnEntryWithoutATaskIsSkipped() {
            WorklogPlan plan = plan(List.of(entry(1, null, "ABC-12 fix", T, 600), entry(2, TASK_ABC1, "ABC-12 fix", T, 600)),
                    opts().noDescriptionMatch());

            assertThat(plan.creates()).singleElement().satisfies(c -> assertThat(c.issueKey()).isEqualTo("ABC-1"));
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.NO_ISSUE, 1));
        }

        @Test
        void theTaskDecidesNotTheDescription() {
            WorklogPlan plan = plan(entry(1, TASK_ABC1, "ABC-2 something", T, 600));

            assertThat(plan.creates()).singleElement().satisfies(c -> assertThat(c.issueKey()).isEqualTo("ABC-1"));
        }

        @Test
        void anEntryOnATaskThisToolDoesNotManageIsSkippedWhateverItsDescription() {
            WorklogPlan plan = plan(entry(1, TASK_UNMANAGED, "ABC-12 fix", T, 600));

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.OTHER_TASK, 1));
        }
    }

    // ---------------------------------------------------------------- skip reasons

    @Nested
    class Skips {

        @Test
        void aRunningEntryIsSkipped() {
            WorklogPlan plan = plan(running(1, TASK_ABC1, T));

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.RUNNING, 1));
        }

        @Test
        void anEntryBeforeTheWindowIsSkipped() {
            WorklogPlan plan = plan(onAbc1(1, WINDOW.minusSeconds(1), 600), onAbc1(2, WINDOW, 600));

            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:2");
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.BEFORE_WINDOW, 1));
        }

        @Test
        void aRunningEntryBeforeTheWindowCountsOnceAsBeforeTheWindow() {
            WorklogPlan plan = plan(running(1, TASK_ABC1, WINDOW.minusSeconds(60)));

            assertThat(plan.skipped()).isEqualTo(only(SkipReason.BEFORE_WINDOW, 1));
        }

        @Test
        void anEntryGivenTwiceMakesOneWorklogFromItsNewestCopy() {
            TimeEntry old = new TimeEntry(1, WS, ADA, "Ada Lovelace", 500L, TASK_ABC1, "old", T, T.plusSeconds(600), 600, T.plusSeconds(700));
            TimeEntry newer = new TimeEntry(1, WS, ADA, "Ada Lovelace", 500L, TASK_ABC2, "new", T, T.plusSeconds(900), 900, T.plusSeconds(800));

            WorklogPlan plan = plan(List.of(newer, old), opts());
            WorklogPlan reversed = plan(List.of(old, newer), opts());

            assertThat(plan.creates()).singleElement().satisfies(c -> {
                assertThat(c.issueKey()).isEqualTo("ABC-2");
                assertThat(c.seconds()).isEqualTo(900);
            });
            assertThat(reversed.creates()).isEqualTo(plan.creates());
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.DUPLICATE_ENTRY, 1));
        }

        @Test
        void everyReasonAtOnceAddsUpToTheEntriesGiven() {
            List<TimeEntry> entries = List.of(
                    onAbc1(1, T, 600),
                    running(2, TASK_ABC1, T),
                    onAbc1(3, T, 30),
                    entry(4, TASK_UNMANAGED, "x", T, 600),
                    entry(5, null, "no key", T, 600),
                    onAbc1(6, WINDOW.minusSeconds(3600), 600),
                    onAbc1(1, T, 600));

            WorklogPlan plan = plan(entries, opts());

            assertThat(plan.creates()).hasSize(1);
            assertThat(plan.skipped()).containsEntry(SkipReason.RUNNING, 1).containsEntry(SkipReason.UNDER_MINIMUM, 1)
                    .containsEntry(SkipReason.OTHER_TASK, 1).containsEntry(SkipReason.NO_ISSUE, 1)
                    .containsEntry(SkipReason.BEFORE_WINDOW, 1).containsEntry(SkipReason.DUPLICATE_ENTRY, 1)
                    .containsEntry(SkipReason.MOVE_HELD, 0);
            assertThat(plan.skippedTotal()).isEqualTo(6);
        }
    }

    // ---------------------------------------------------------------- rounding and the minimum

    @Nested
    class RoundingAndMinimum {

        @Test
        void wholeMinutesUp() {
            assertThat(WorklogPlanner.roundUp(61, 1)).isEqualTo(120);
            assertThat(WorklogPlanner.roundUp(60, 1)).isEqualTo(60);
            assertThat(WorklogPlanner.roundUp(1, 1)).isEqualTo(60);
            assertThat(WorklogPlanner.roundUp(3599, 1)).isEqualTo(3600);
        }

        @Test
        void quarterHoursUp() {
            assertThat(WorklogPlanner.roundUp(1, 15)).isEqualTo(900);
            assertThat(WorklogPlanner.roundUp(900, 15)).isEqualTo(900);
            assertThat(WorklogPlanner.roundUp(901, 15)).isEqualTo(1800);
            assertThat(WorklogPlanner.roundUp(3600, 15)).isEqualTo(3600);
        }

        @Test
        void aWorklogsTimeIsTheEntrysRoundedUp() {
            WorklogPlan byMinute = plan(List.of(onAbc1(1, T, 61), onAbc1(2, T, 60)), opts());
            WorklogPlan byQuarter = plan(List.of(onAbc1(1, T, 61), onAbc1(2, T, 900), onAbc1(3, T, 901)), opts().round(15));

            assertThat(byMinute.creates()).extracting(DesiredWorklog::seconds).containsExactly(120L, 60L);
            assertThat(byQuarter.creates()).extracting(DesiredWorklog::seconds).containsExactly(900L, 900L, 1800L);
        }

        @Test
        void anEntryUnderTheMinimumIsSkippedAndOneAtItIsNot() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 59), onAbc1(2, T, 60)), opts());

            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:2");
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.UNDER_MINIMUM, 1));
        }

        @Test
        void theMinimumIsCheckedBeforeRounding() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 119)), opts().min(120));

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.UNDER_MINIMUM, 1));
        }

        @Test
        void withNoMinimumAShortEntryIsAMinuteButNothingTrackedIsNoWorklog() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 5), onAbc1(2, T, 0)), opts().min(0));

            assertThat(plan.creates()).singleElement().satisfies(c -> assertThat(c.seconds()).isEqualTo(60));
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.UNDER_MINIMUM, 1));
        }

        @Test
        void optionsOutOfRangeAreRefused() {
            assertThatThrownBy(() -> opts().round(0).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> opts().min(-1).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> opts().guard(1.5).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> opts().guard(Double.NaN).build()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------- what an entry's worklog says

    @Nested
    class EntryWorklog {

        @Test
        void startedIsTheEntrysStartToTheSecondAndTheCommentNamesUserAndDescription() {
            WorklogPlan plan = plan(entry(1, TASK_ABC1, "ABC-1 fix login", T.plusMillis(730), 600));

            assertThat(plan.creates()).singleElement().satisfies(c -> {
                assertThat(c.started()).isEqualTo(T);
                assertThat(c.seconds()).isEqualTo(600);
                assertThat(c.comment()).isEqualTo("Toggl: Ada Lovelace — ABC-1 fix login");
                assertThat(c.workspaceId()).isEqualTo(WS);
            });
        }
    }

    @Nested
    class Comment {

        @Test
        void namesTheUserAndTheDescription() {
            assertThat(WorklogComment.of("Ada", 1, List.of("fix login"))).isEqualTo("Toggl: Ada — fix login");
        }

        @Test
        void withoutADescriptionNamesTheUserOnly() {
            assertThat(WorklogComment.of("Ada", 1, List.of(""))).isEqualTo("Toggl: Ada");
            assertThat(WorklogComment.of("Ada", 1, List.of())).isEqualTo("Toggl: Ada");
        }

        @Test
        void withoutAUserNameNamesTheUserId() {
            assertThat(WorklogComment.of(null, 42, List.of("x"))).isEqualTo("Toggl: user 42 — x");
            assertThat(WorklogComment.of("  ", 42, List.of("x"))).isEqualTo("Toggl: user 42 — x");
        }

        @Test
        void aDaysDistinctDescriptionsInOrder() {
            assertThat(WorklogComment.of("Ada", 1, List.of("b", "a", "b", " ", "c")))
                    .isEqualTo("Toggl: Ada — b; a; c");
        }

        @Test
        void lineBreaksAndControlCharactersBecomeOneSpace() {
            assertThat(WorklogComment.of("Ada\n", 1, List.of("fix\r\n  login\u0007 now\u2028x ")))
                    .isEqualTo("Toggl: Ada — fix login now x");
        }

        @Test
        void aLongCommentIsCutWithAnEllipsis() {
            String comment = WorklogComment.of("Ada", 1, List.of("x".repeat(5000)));

            assertThat(comment).hasSize(WorklogComment.MAX_CHARS).startsWith("Toggl: Ada — xxx").endsWith("x…");
        }

        @Test
        void theCutNeverSplitsACharacter() {
            String prefix = "Toggl: Ada — ";
            // an emoji (two chars) across the cut
            String description = "y".repeat(WorklogComment.MAX_CHARS - 2 - prefix.length()) + "😀".repeat(10);

            String comment = WorklogComment.of("Ada", 1, List.of(description));

            assertThat(comment).endsWith("y…").hasSizeLessThanOrEqualTo(WorklogComment.MAX_CHARS);
            assertThat(Character.isHighSurrogate(comment.charAt(comment.length() - 2))).isFalse();
        }
    }

    // ---------------------------------------------------------------- day grouping

    @Nested
    class DayGrouping {

        @Test
        void aDaysEntriesMakeOneWorklogStartedAtTheFirst() {
            List<TimeEntry> entries = List.of(
                    entry(3, TASK_ABC1, "review", T.plusSeconds(7200), 1200),
                    entry(1, TASK_ABC1, "fix", T, 1000),
                    entry(2, TASK_ABC1, "fix", T.plusSeconds(3600), 500));

            WorklogPlan plan = plan(entries, opts().day());

            assertThat(plan.creates()).singleElement().satisfies(c -> {
                assertThat(c.key()).isEqualTo("day:1:2026-12-07");
                assertThat(c.started()).isEqualTo(T);
                assertThat(c.seconds()).isEqualTo(2700);
                assertThat(c.entryIds()).containsExactly(1L, 2L, 3L);
                assertThat(c.comment()).isEqualTo("Toggl: Ada Lovelace — fix; review");
            });
        }

        @Test
        void roundingAndTheMinimumApplyToTheDaysSum() {
            // three 5-minute entries: one quarter hour, not three; 40 s each: under the minimum alone, not together
            List<TimeEntry> quarter = List.of(onAbc1(1, T, 300), onAbc1(2, T.plusSeconds(600), 300), onAbc1(3, T.plusSeconds(1200), 300));
            List<TimeEntry> short2 = List.of(onAbc1(1, T, 40), onAbc1(2, T.plusSeconds(600), 40));

            assertThat(plan(quarter, opts().day().round(15)).creates()).singleElement()
                    .satisfies(c -> assertThat(c.seconds()).isEqualTo(900));
            assertThat(plan(short2, opts().day()).creates()).singleElement().satisfies(c -> {
                assertThat(c.seconds()).isEqualTo(120);
                assertThat(c.entryIds()).containsExactly(1L, 2L);
            });
        }

        @Test
        void aDayUnderTheMinimumCountsItsEntries() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 20), onAbc1(2, T.plusSeconds(600), 20)), opts().day());

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.UNDER_MINIMUM, 2));
        }

        @Test
        void oneWorklogPerDayUserAndIssue() {
            Instant nextDay = T.plusSeconds(86_400);
            List<TimeEntry> entries = List.of(
                    onAbc1(1, T, 600),
                    onAbc1(2, nextDay, 600),
                    entry(3, BOB, TASK_ABC1, "bob's", T, 600),
                    entry(4, TASK_ABC2, "other issue", T, 600));

            WorklogPlan plan = plan(entries, opts().day());

            assertThat(plan.creates()).extracting(c -> c.issueKey() + " " + c.key())
                    .containsExactly("ABC-1 day:1:2026-12-07", "ABC-1 day:2:2026-12-07", "ABC-1 day:1:2026-12-08",
                            "ABC-2 day:1:2026-12-07");
        }

        @Test
        void theDayIsTheCalendarDayInTheZone() {
            // 23:30 and 00:30 UTC on two UTC days are one evening in New York (UTC-5)
            Instant late = Instant.parse("2026-12-07T23:30:00Z");
            List<TimeEntry> entries = List.of(onAbc1(1, late, 600), onAbc1(2, late.plusSeconds(3600), 600));

            WorklogPlan utc = plan(entries, opts().day());
            WorklogPlan newYork = plan(entries, opts().day(ZoneId.of("America/New_York")));

            assertThat(utc.creates()).extracting(DesiredWorklog::key).containsExactly("day:1:2026-12-07", "day:1:2026-12-08");
            assertThat(newYork.creates()).singleElement().satisfies(c -> {
                assertThat(c.key()).isEqualTo("day:1:2026-12-07");
                assertThat(c.seconds()).isEqualTo(1200);
                assertThat(c.started()).isEqualTo(late);
            });
        }

        @Test
        void aDayCutByTheWindowIsClosedWhole() {
            // the window starts at 10:00 on the 7th: that day would be only part of itself, so it is left alone
            Instant windowStart = Instant.parse("2026-12-07T10:00:00Z");
            Opts opts = opts().day().window(windowStart);
            List<TimeEntry> entries = List.of(onAbc1(1, T, 600), onAbc1(2, windowStart.plusSeconds(3600), 600),
                    onAbc1(3, Instant.parse("2026-12-08T00:00:00Z"), 600));
            JiraWorklog thatDay = ours("501", "ABC-1", "day:1:2026-12-07", Instant.parse("2026-12-07T11:00:00Z"), 600,
                    "Toggl: Ada Lovelace — work 2", 2L);

            WorklogPlan plan = plan(entries, List.of(thatDay), opts);

            assertThat(opts.build().closedBefore()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("day:1:2026-12-08");
            assertThat(plan.updates()).isEmpty();
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.BEFORE_WINDOW, 2));
        }

        @Test
        void aWindowStartingAtMidnightInTheZoneClosesNothingMore() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            Instant midnight = LocalDate.of(2026, 12, 1).atStartOfDay(berlin).toInstant();

            assertThat(opts().day(berlin).window(midnight).build().closedBefore()).isEqualTo(midnight);
            assertThat(opts().window(midnight.plusSeconds(1)).build().closedBefore()).isEqualTo(midnight.plusSeconds(1));
        }

        @Test
        void anEntryAddedToADayUpdatesItsWorklog() {
            List<TimeEntry> before = List.of(onAbc1(1, T, 600));
            WorklogPlan first = plan(before, opts().day());
            List<JiraWorklog> jira = applied(List.of(), first, new AtomicLong(500));

            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T.plusSeconds(3600), 600)), jira, opts().day());

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.updates()).singleElement().satisfies(u -> {
                assertThat(u.existing().id()).isEqualTo("501");
                assertThat(u.desired().seconds()).isEqualTo(1200);
                assertThat(u.desired().entryIds()).containsExactly(1L, 2L);
            });
        }
    }

    // ---------------------------------------------------------------- against what Jira has

    @Nested
    class AgainstJira {

        final List<TimeEntry> entries = List.of(
                entry(1, TASK_ABC1, "fix login", T, 61),
                entry(2, TASK_ABC2, "review", T.plusSeconds(3600), 1800),
                entry(3, null, "ABC-12 call", T.plusSeconds(7200), 900));

        List<JiraWorklog> synced(Opts opts) {
            return applied(List.of(), plan(entries, opts), new AtomicLong(500));
        }

        @Test
        void aRerunWritesNothing() {
            for (Opts opts : List.of(opts(), opts().day(), opts().round(15), opts().day(ZoneId.of("Asia/Tokyo")).round(15))) {
                List<JiraWorklog> jira = synced(opts);

                WorklogPlan rerun = plan(entries, jira, opts);

                assertThat(rerun.writesNothing()).isTrue();
                assertThat(rerun.unchanged()).hasSize(jira.size());
                assertThat(rerun.guard().tripped()).isFalse();
            }
        }

        @Test
        void jiraKeepingMillisecondsAndMinutesAndItsOwnSpacingIsNoChange() {
            JiraWorklog asKept = ours("501", "ABC-1", "entry:1", T, 120, "Toggl: Ada Lovelace —  fix login\n", 1L);

            WorklogPlan plan = plan(List.of(entry(1, TASK_ABC1, "fix login", T.plusMillis(400), 61)), List.of(asKept), opts());

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.unchanged()).hasSize(1);
        }

        @Test
        void anEditedEntryUpdatesItsWorklog() {
            List<JiraWorklog> jira = synced(opts());
            List<TimeEntry> edited = List.of(
                    entry(1, TASK_ABC1, "fix login", T, 200), // longer
                    entry(2, TASK_ABC2, "review", T.plusSeconds(3660), 1800), // later
                    entry(3, null, "ABC-12 call with Bob", T.plusSeconds(7200), 900)); // described

            WorklogPlan plan = plan(edited, jira, opts());

            // in write order: ABC-1, ABC-12, ABC-2
            assertThat(plan.updates()).extracting(u -> u.existing().id()).containsExactly("501", "502", "503");
            assertThat(plan.updates()).extracting(u -> u.desired().seconds()).containsExactly(240L, 900L, 1800L);
            assertThat(plan.updates().get(1).desired().comment()).isEqualTo("Toggl: Ada Lovelace — ABC-12 call with Bob");
            assertThat(plan.updates().get(2).desired().started()).isEqualTo(T.plusSeconds(3660));
            assertThat(plan.creates()).isEmpty();
            assertThat(plan.deletes()).isEmpty();
        }

        @Test
        void aPersonsEditToOurWorklogIsOverwritten() {
            List<JiraWorklog> jira = synced(opts());
            JiraWorklog w = jira.get(0);
            List<JiraWorklog> edited = List.of(
                    new JiraWorklog(w.id(), w.issueKey(), w.started(), 3600, w.comment(), w.mark()),
                    new JiraWorklog(jira.get(1).id(), jira.get(1).issueKey(), jira.get(1).started().minusSeconds(60),
                            jira.get(1).timeSpentSeconds(), jira.get(1).comment(), jira.get(1).mark()),
                    new JiraWorklog(jira.get(2).id(), jira.get(2).issueKey(), jira.get(2).started(),
                            jira.get(2).timeSpentSeconds(), "my own words", jira.get(2).mark()));

            WorklogPlan plan = plan(entries, edited, opts());

            assertThat(plan.updates()).extracting(u -> u.existing().id()).containsExactly("501", "502", "503");
            assertThat(plan.updates()).extracting(WorklogPlan.Update::desired).containsExactlyElementsOf(
                    plan(entries, opts()).creates());
        }

        @Test
        void aMarkWithOtherEntryIdsIsUpdated() {
            JiraWorklog w = ours("501", "ABC-1", "entry:1", T, 120, "Toggl: Ada Lovelace — fix login", 1L, 9L);

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(w), opts());

            assertThat(plan.updates()).singleElement().satisfies(u -> assertThat(u.desired().mark().entryIds()).containsExactly(1L));
        }

        @Test
        void aDeletedEntryDeletesItsWorklog() {
            List<JiraWorklog> jira = synced(opts());

            WorklogPlan plan = plan(entries.subList(1, 3), jira, opts());

            assertThat(plan.deletes()).extracting(JiraWorklog::id).containsExactly("501");
            assertThat(plan.moved()).isZero();
            assertThat(plan.unchanged()).hasSize(2);
        }

        @Test
        void anEntryNowSkippedDeletesItsWorklog() {
            List<JiraWorklog> jira = synced(opts());
            List<TimeEntry> now = List.of(
                    entry(1, TASK_UNMANAGED, "fix login", T, 61),
                    entry(2, TASK_ABC2, "review", T.plusSeconds(3600), 30),
                    entry(3, null, "call", T.plusSeconds(7200), 900));

            WorklogPlan plan = plan(now, jira, opts());

            assertThat(plan.deletes()).extracting(JiraWorklog::id).containsExactly("501", "502", "503");
        }

        @Test
        void aMovedEntryIsDeletedOnTheOldIssueAndCreatedOnTheNew() {
            List<JiraWorklog> jira = synced(opts());
            List<TimeEntry> moved = List.of(entry(1, TASK_ABC2, "fix login", T, 61), entries.get(1), entries.get(2));

            WorklogPlan plan = plan(moved, jira, opts());

            assertThat(plan.deletes()).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo("501");
                assertThat(d.issueKey()).isEqualTo("ABC-1");
            });
            assertThat(plan.creates()).singleElement().satisfies(c -> {
                assertThat(c.issueKey()).isEqualTo("ABC-2");
                assertThat(c.key()).isEqualTo("entry:1");
            });
            assertThat(plan.moved()).isEqualTo(1);
            assertThat(plan.writes()).extracting(w -> w.getClass().getSimpleName() + " " + w.issueKey())
                    .containsExactly("Delete ABC-1", "Create ABC-2");
        }

        @Test
        void aPersonsWorklogIsNeverTouchedEvenWhenItLooksLikeOurs() {
            JiraWorklog lookalike = new JiraWorklog("400", "ABC-1", T, 120, "Toggl: Ada Lovelace — fix login", null);
            JiraWorklog stray = person("401", "ABC-2", T, 60);

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(lookalike, stray), opts());

            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:1");
            assertThat(plan.ignored()).isEqualTo(2);
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.updates()).isEmpty();
        }

        @Test
        void anotherWorkspacesMarkIsNotOurs() {
            JiraWorklog theirs = new JiraWorklog("400", "ABC-1", T, 120, "Toggl: Ada Lovelace — fix login",
                    new WorklogMark("entry:1", WS + 1, List.of(1L)));
            JiraWorklog theirsGone = new JiraWorklog("401", "ABC-1", T, 120, "x", new WorklogMark("entry:8", WS + 1, List.of(8L)));

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(theirs, theirsGone), opts());

            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:1");
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.ignored()).isEqualTo(2);
        }

        @Test
        void ourWorklogBeforeTheWindowIsNeverTouched() {
            Instant old = WINDOW.minusSeconds(86_400);
            JiraWorklog entryGone = ours("401", "ABC-1", "entry:70", old, 600, "stale", 70L);
            JiraWorklog entryEdited = ours("402", "ABC-1", "entry:71", old, 600, "stale", 71L);

            WorklogPlan plan = plan(List.of(onAbc1(71, old, 1200)), List.of(entryGone, entryEdited), opts());

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.ignored()).isEqualTo(2);
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.BEFORE_WINDOW, 1));
        }

        @Test
        void anEntryMovedBeforeTheWindowKeepsItsWorklog() {
            // its start was edited to before the window: it still exists, its worklog is no deletion
            JiraWorklog w = ours("501", "ABC-1", "entry:1", T, 120, "Toggl: Ada Lovelace — fix login", 1L);

            WorklogPlan plan = plan(List.of(entry(1, TASK_ABC1, "fix login", WINDOW.minusSeconds(60), 61)), List.of(w), opts().guard(0.5));

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.ignored()).isEqualTo(1);
        }

        @Test
        void anEntryMovedIntoTheWindowWhoseWorklogIsClosedIsNotWrittenAgain() {
            JiraWorklog closed = ours("401", "ABC-2", "entry:1", WINDOW.minusSeconds(60), 120, "old", 1L);

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(closed), opts());

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.BEFORE_WINDOW, 1));
        }

        @Test
        void aDuplicateOfOursIsDeletedAndTheOneThatIsRightKept() {
            JiraWorklog wrong = ours("501", "ABC-1", "entry:1", T, 600, "old text", 1L);
            JiraWorklog right = ours("502", "ABC-1", "entry:1", T, 120, "Toggl: Ada Lovelace — fix login", 1L);

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(wrong, right), opts());

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.updates()).isEmpty();
            assertThat(plan.unchanged()).hasSize(1);
            assertThat(plan.deletes()).containsExactly(wrong);
            assertThat(plan.duplicates()).containsExactly(wrong);
        }

        @Test
        void ofDuplicatesThatAreBothWrongTheFirstIsUpdatedAndTheOthersDeleted() {
            JiraWorklog a = ours("1000", "ABC-1", "entry:1", T, 600, "old", 1L);
            JiraWorklog b = ours("999", "ABC-1", "entry:1", T, 600, "old", 1L);
            JiraWorklog c = ours("1001", "ABC-1", "entry:1", T, 600, "old", 1L);

            WorklogPlan plan = plan(List.of(entries.get(0)), List.of(a, b, c), opts());

            assertThat(plan.updates()).singleElement().satisfies(u -> assertThat(u.existing()).isSameAs(b));
            assertThat(plan.deletes()).containsExactly(a, c);
            assertThat(plan.duplicates()).containsExactly(a, c);
        }

        @Test
        void aWorklogAlreadyThereIsNeverCreatedAgain() {
            List<JiraWorklog> jira = synced(opts());

            WorklogPlan plan = plan(entries, jira, opts());

            assertThat(plan.creates()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- a token that sees only its own entries

    @Nested
    class OwnEntriesOnly {

        @Test
        void noDeletionIsPlannedButWithheld() {
            JiraWorklog gone = ours("501", "ABC-1", "entry:50", T, 600, "x", 50L);
            JiraWorklog kept = ours("502", "ABC-1", "entry:1", T, 600, "old", 1L);

            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600)), List.of(gone, kept), opts().ownEntriesOnly());

            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.withheldDeletions()).containsExactly(gone);
            assertThat(plan.updates()).extracting(u -> u.existing().id()).containsExactly("502");
            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:2");
            assertThat(plan.guard().tripped()).isFalse();
        }

        @Test
        void aMoveIsHeldWithItsDeletion() {
            JiraWorklog old = ours("501", "ABC-1", "entry:1", T, 600, "Toggl: Ada Lovelace — work 1", 1L);

            WorklogPlan plan = plan(List.of(entry(1, TASK_ABC2, "work 1", T, 600)), List.of(old), opts().ownEntriesOnly());

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.withheldDeletions()).containsExactly(old);
            assertThat(plan.moved()).isZero();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.MOVE_HELD, 1));
        }

        @Test
        void withNothingToDeleteAllElseIsWritten() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600)), opts().ownEntriesOnly());

            assertThat(plan.creates()).hasSize(1);
            assertThat(plan.withheldDeletions()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- the mass-change guard

    @Nested
    class Guard {

        /** Four of our worklogs of entries 1..4 on ABC-1. */
        List<JiraWorklog> four() {
            List<TimeEntry> entries = List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600), onAbc1(4, T, 600));
            return applied(List.of(), plan(entries, opts()), new AtomicLong(500));
        }

        @Test
        void tripsWhenTheDeletionsReachTheRatio() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600)), four(), opts().guard(0.5));

            assertThat(plan.guard()).isEqualTo(new WorklogPlan.Guard(true, 4, 2, 0.5));
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.keptByGuard()).extracting(JiraWorklog::id).containsExactly("503", "504");
            assertThat(plan.guard().describe()).isEqualTo("2 of 4 worklogs of this tool in the window would be deleted (the guard trips at 50%)");
        }

        @Test
        void belowTheRatioDeletes() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600)), four(), opts().guard(0.5));

            assertThat(plan.guard().tripped()).isFalse();
            assertThat(plan.deletes()).extracting(JiraWorklog::id).containsExactly("504");
        }

        @Test
        void ratioOneIsOff() {
            WorklogPlan plan = plan(List.of(), four(), opts().guard(1));

            assertThat(plan.guard().tripped()).isFalse();
            assertThat(plan.deletes()).hasSize(4);
        }

        @Test
        void ratioZeroTripsOnAnyDeletionButNotOnNone() {
            assertThat(plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600)), four(), opts().guard(0))
                    .guard().tripped()).isTrue();
            assertThat(plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600), onAbc1(4, T, 600)), four(), opts().guard(0))
                    .guard().tripped()).isFalse();
        }

        @Test
        void theRatioIsComparedWithoutFloatingPointNoise() {
            // 0.3 × 10 is 3.0000000000000004 in doubles: 3 deletions of 10 must trip
            List<TimeEntry> ten = new ArrayList<>();
            for (long id = 1; id <= 10; id++) {
                ten.add(onAbc1(id, T, 600));
            }
            List<JiraWorklog> jira = applied(List.of(), plan(ten, opts()), new AtomicLong(500));

            assertThat(plan(ten.subList(0, 7), jira, opts().guard(0.3)).guard().tripped()).isTrue();
            assertThat(plan(ten.subList(0, 8), jira, opts().guard(0.3)).guard().tripped()).isFalse();
        }

        @Test
        void ourWorklogsBeforeTheWindowDoNotCount() {
            List<JiraWorklog> jira = new ArrayList<>(four());
            for (int i = 0; i < 10; i++) {
                jira.add(ours("90" + i, "ABC-1", "entry:9" + i, WINDOW.minusSeconds(60), 600, "old", 90L + i));
            }

            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600)), jira, opts().guard(0.5));

            assertThat(plan.guard()).isEqualTo(new WorklogPlan.Guard(true, 4, 2, 0.5));
        }

        @Test
        void aTrippedGuardHoldsMovesTooOrTheirTimeWouldCountTwice() {
            List<JiraWorklog> jira = four();
            List<TimeEntry> entries = List.of(entry(1, TASK_ABC2, "work 1", T, 600), entry(2, TASK_ABC2, "work 2", T, 600),
                    onAbc1(3, T, 900));

            WorklogPlan plan = plan(entries, jira, opts().guard(0.5));

            assertThat(plan.guard().tripped()).isTrue();
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.creates()).isEmpty();
            assertThat(plan.moved()).isZero();
            assertThat(plan.updates()).extracting(u -> u.desired().key()).containsExactly("entry:3");
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.MOVE_HELD, 2));
            assertThat(plan.keptByGuard()).extracting(JiraWorklog::id).containsExactly("501", "502", "504");
        }

        @Test
        void aTrippedGuardHoldsTheWorklogsOfANewGroupingOfTheSameEntries() {
            // worklog.grouping switched from entry to day: the day worklog sums entries whose entry
            // worklogs the guard keeps, so creating it would put their time in Jira twice
            List<JiraWorklog> jira = four();

            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600), onAbc1(4, T, 600)),
                    jira, opts().day().guard(0.5));

            assertThat(plan.guard().tripped()).isTrue();
            assertThat(plan.creates()).isEmpty();
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.MOVE_HELD, 4));
            assertThat(plan.keptByGuard()).hasSize(4);
        }

        @Test
        void withTheGuardOffANewGroupingReplacesTheOldWorklogs() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600), onAbc1(4, T, 600)),
                    four(), opts().day().guard(1));

            assertThat(plan.creates()).singleElement().satisfies(d -> assertThat(d.entryIds()).containsExactly(1L, 2L, 3L, 4L));
            assertThat(plan.deletes()).hasSize(4);
        }

        @Test
        void anEntryMovedToAnIssueWhoseWorklogsCouldNotBeReadKeepsItsOldWorklog() {
            List<JiraWorklog> jira = four();
            List<TimeEntry> entries = List.of(entry(1, TASK_ABC2, "work 1", T, 600), onAbc1(2, T, 600), onAbc1(3, T, 600),
                    onAbc1(4, T, 600));

            WorklogPlan plan = WorklogPlanner.plan(entries, TASKS, MIRRORED, Set.of("ABC-2"), jira, opts().guard(1).build());

            assertThat(plan.creates()).isEmpty();
            assertThat(plan.deletes()).isEmpty();
            assertThat(plan.unchanged()).hasSize(3);
            assertThat(plan.skipped()).isEqualTo(only(SkipReason.UNREADABLE_ISSUE, 1));
        }

        @Test
        void withNothingOfOursTheGuardStaysQuiet() {
            WorklogPlan plan = plan(List.of(onAbc1(1, T, 600)), List.of(), opts().guard(0));

            assertThat(plan.guard()).isEqualTo(new WorklogPlan.Guard(false, 0, 0, 0));
            assertThat(plan.creates()).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- order of the writes

    @Nested
    class WriteOrder {

        @Test
        void oneIssueAfterAnotherDeletionsFirstThenByStarted() {
            List<JiraWorklog> jira = List.of(
                    ours("601", "ABC-2", "entry:60", T.plusSeconds(100), 600, "x", 60L),
                    ours("602", "ABC-1", "entry:61", T.plusSeconds(900), 600, "x", 61L),
                    ours("603", "ABC-1", "entry:5", T, 600, "x", 5L));
            List<TimeEntry> entries = List.of(
                    onAbc1(7, T.plusSeconds(50), 600),
                    entry(6, TASK_ABC2, "a", T, 600),
                    onAbc1(5, T.plusSeconds(10), 600),
                    onAbc1(4, T.minusSeconds(10), 600));

            WorklogPlan plan = plan(entries, jira, opts());

            assertThat(plan.writes()).extracting(w -> w.getClass().getSimpleName() + " " + w.issueKey() + " " + w.started())
                    .containsExactly(
                            "Delete ABC-1 2026-12-07T09:30:00Z",
                            "Update ABC-1 2026-12-07T09:15:10Z",
                            "Create ABC-1 2026-12-07T09:14:50Z",
                            "Create ABC-1 2026-12-07T09:15:50Z",
                            "Delete ABC-2 2026-12-07T09:16:40Z",
                            "Create ABC-2 2026-12-07T09:15:00Z");
            assertThat(plan.creates()).extracting(DesiredWorklog::key).containsExactly("entry:4", "entry:7", "entry:6");
        }

        @Test
        void theEntriesOrderDoesNotChangeThePlan() {
            List<TimeEntry> entries = new ArrayList<>(List.of(onAbc1(1, T, 600), onAbc1(2, T.plusSeconds(60), 600),
                    entry(3, TASK_ABC2, "x", T, 600), entry(4, null, "ABC-12 y", T, 600)));
            WorklogPlan plan = plan(entries, opts());
            Collections.reverse(entries);

            assertThat(plan(entries, opts())).isEqualTo(plan);
        }
    }

    // ---------------------------------------------------------------- property: over a generated set

    @Nested
    class Generated {

        static final Instant FROM = WINDOW.minusSeconds(2 * 86_400);

        List<TimeEntry> entries(Random random, int count) {
            List<TimeEntry> entries = new ArrayList<>();
            Long[] tasks = {TASK_ABC1, TASK_ABC2, TASK_UNMANAGED, null, null};
            String[] descriptions = {"ABC-12 call", "[ABC-1] fix", "ABC-123 no", "plain", null, "ABC-2: review"};
            for (int i = 0; i < count; i++) {
                long id = 1 + random.nextInt(count); // some ids twice
                Instant start = FROM.plusSeconds(random.nextInt(12 * 86_400));
                long seconds = random.nextInt(4) == 0 ? random.nextInt(90) : random.nextInt(10_000);
                long user = 1 + random.nextInt(3);
                TimeEntry e = entry(id, user, tasks[random.nextInt(tasks.length)], descriptions[random.nextInt(descriptions.length)],
                        start, seconds);
                entries.add(random.nextInt(15) == 0 ? running(id, e.taskId(), start) : e);
            }
            return entries;
        }

        List<JiraWorklog> jira(Random random, List<TimeEntry> entries, Opts opts) {
            // what an earlier run made, then shaken: some lost, some edited, some doubled, others' and persons' mixed in
            List<JiraWorklog> jira = new ArrayList<>(applied(List.of(), WorklogPlanner.plan(entries, TASKS, MIRRORED, List.of(),
                    opts.build()), new AtomicLong(1000)));
            List<JiraWorklog> shaken = new ArrayList<>();
            for (JiraWorklog w : jira) {
                switch (random.nextInt(8)) {
                    case 0 -> { } // lost
                    case 1 -> shaken.add(new JiraWorklog(w.id(), w.issueKey(), w.started(), w.timeSpentSeconds() + 600, w.comment(), w.mark()));
                    case 2 -> {
                        shaken.add(w);
                        shaken.add(new JiraWorklog(w.id() + "0", w.issueKey(), w.started(), w.timeSpentSeconds(), w.comment(), w.mark()));
                    }
                    case 3 -> shaken.add(new JiraWorklog(w.id(), "ABC-2".equals(w.issueKey()) ? "ABC-1" : "ABC-2", w.started(),
                            w.timeSpentSeconds(), w.comment(), w.mark()));
                    default -> shaken.add(w);
                }
            }
            for (int i = 0; i < entries.size() / 5; i++) {
                Instant started = FROM.plusSeconds(random.nextInt(12 * 86_400));
                String issue = random.nextBoolean() ? "ABC-1" : "ABC-12";
                switch (random.nextInt(3)) {
                    case 0 -> shaken.add(person("p" + i, issue, started, 600));
                    case 1 -> shaken.add(new JiraWorklog("o" + i, issue, started, 600, "x", new WorklogMark("entry:" + i, WS + 1, List.of((long) i))));
                    default -> shaken.add(ours("g" + i, issue, "entry:" + (100_000 + i), started, 600, "gone", 100_000L + i));
                }
            }
            Collections.shuffle(shaken, random);
            return shaken;
        }

        @Test
        void everyEntryAndEveryWorklogEndsInOneBucketAndApplyingThePlanLeavesNothingToDo() {
            Random random = new Random(24);
            for (int round = 0; round < 100; round++) {
                Opts opts = switch (round % 4) {
                    case 0 -> opts();
                    case 1 -> opts().day(ZoneId.of("America/New_York"));
                    case 2 -> opts().round(15).min(120);
                    default -> opts().day().round(15).min(0);
                };
                List<TimeEntry> entries = entries(random, 1 + random.nextInt(60));
                List<JiraWorklog> jira = jira(random, entries, opts);
                Instant closedBefore = opts.build().closedBefore();

                WorklogPlan plan = plan(entries, jira, opts); // accounting asserted inside
                List<JiraWorklog> after = applied(jira, plan, new AtomicLong(50_000));
                WorklogPlan rerun = plan(entries, after, opts);

                assertThat(rerun.writesNothing()).as("round %d: a rerun after the writes writes nothing", round).isTrue();
                assertThat(rerun.moved()).isZero();
                assertThat(rerun.skipped().get(SkipReason.MOVE_HELD)).isZero();
                List<String> slots = after.stream().filter(w -> w.ours() && w.mark().workspaceId() == WS && !w.started().isBefore(closedBefore))
                        .map(w -> w.issueKey() + " " + w.mark().key()).toList();
                assertThat(slots).as("round %d: never twice", round).doesNotHaveDuplicates();
                if (opts.grouping == WorklogGrouping.ENTRY) {
                    List<String> keys = after.stream().filter(w -> w.ours() && w.mark().workspaceId() == WS && !w.started().isBefore(closedBefore))
                            .map(w -> w.mark().key()).toList();
                    assertThat(keys).as("round %d: an entry on one issue only", round).doesNotHaveDuplicates();
                }

                // the same with deletions held: nothing deleted, no move half done
                WorklogPlan held = plan(entries, jira, opts.ownEntriesOnly());
                assertThat(held.deletes()).isEmpty();
                assertThat(held.withheldDeletions()).hasSameSizeAs(plan.deletes());
                Set<String> createdKeys = new HashSet<>();
                held.creates().forEach(c -> createdKeys.add(c.key()));
                if (opts.grouping == WorklogGrouping.ENTRY) { // an entry key is one entry: created elsewhere while its old worklog stays is twice
                    assertThat(held.withheldDeletions()).allSatisfy(w -> assertThat(createdKeys).doesNotContain(w.mark().key()));
                }
            }
        }
    }
}
