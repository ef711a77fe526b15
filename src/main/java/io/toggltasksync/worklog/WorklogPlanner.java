package io.toggltasksync.worklog;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.WorklogGrouping;
import io.toggltasksync.model.WorklogMark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Toggl's time entries × our Jira worklogs → {@link WorklogPlan}. Pure: no I/O, no Camel.
 *
 * <p>An entry goes to the issue of its task when this tool manages the task; an entry without a
 * task goes to the mirrored issue its description begins with ({@code ABC-12 fix login},
 * {@code ABC-12: …}, {@code [ABC-12] …}). Our worklogs carry a {@link WorklogMark}: matched by
 * (issue, mark key), they are updated to what the entries say, deleted when no entry wants them,
 * and never created twice. A worklog without our mark (a person's) is never touched, nor is
 * anything that started before the window (closed periods).
 */
public final class WorklogPlanner {

    /** One worklog per time entry, or one per Toggl user, issue and calendar day. */

    /**
     * @param windowStart      entries, and our worklogs, that started before it are never touched
     *                         (by day: before the first whole day from it, see {@link #closedBefore})
     * @param zone             the calendar of day grouping
     * @param roundMinutes     a worklog's time is rounded up to a multiple of this many minutes
     * @param minSeconds       an entry (by day: a day's sum) shorter than this is skipped, before rounding
     * @param allUsersVisible  false when the token sees only its own entries: then an entry not seen
     *                         is no evidence of a deletion, and no deletion is planned (withheld)
     * @param maxDeleteRatio   the mass-change guard (inclusive, 1: off)
     */
    public record Options(Instant windowStart, WorklogGrouping grouping, ZoneId zone, int roundMinutes, long minSeconds,
            boolean matchDescription, long workspaceId, boolean allUsersVisible, double maxDeleteRatio) {

        public Options {
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(grouping, "grouping");
            Objects.requireNonNull(zone, "zone");
            if (roundMinutes < 1) {
                throw new IllegalArgumentException("roundMinutes must be at least 1: " + roundMinutes);
            }
            if (minSeconds < 0) {
                throw new IllegalArgumentException("minSeconds must not be negative: " + minSeconds);
            }
            if (!(maxDeleteRatio >= 0 && maxDeleteRatio <= 1)) {
                throw new IllegalArgumentException("maxDeleteRatio must be between 0 and 1: " + maxDeleteRatio);
            }
        }

        /**
         * Where the closed period ends. By entry: the window's start. By day: the first midnight (in
         * {@code zone}) at or after it, so that a day's worklog always sums the whole day: a day cut
         * by the window would be written as part of itself, or overwrite the whole day with a part.
         */
        public Instant closedBefore() {
            if (grouping == WorklogGrouping.ENTRY) {
                return windowStart;
            }
            LocalDate day = windowStart.atZone(zone).toLocalDate();
            Instant midnight = day.atStartOfDay(zone).toInstant();
            return midnight.equals(windowStart) ? windowStart : day.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    private WorklogPlanner() {
    }

    /**
     * @param entries     the time entries read for the window
     * @param issueOfTask managed Toggl task id → its Jira issue key
     * @param mirrored    the issue keys this tool mirrors (for description matching)
     * @param existing    the Jira worklogs of the issues concerned, within the window (ours and
     *                    persons'); an ours among them whose key no entry wants is deleted, so
     *                    pass only the worklogs of issues whose worklogs this run keeps
     */
    public static WorklogPlan plan(List<TimeEntry> entries, Map<Long, String> issueOfTask, Set<String> mirrored,
            List<JiraWorklog> existing, Options options) {
        return plan(entries, issueOfTask, mirrored, Set.of(), existing, options);
    }

    /**
     * The same, where the worklogs of the {@code unreadable} issues could not be read: their entries are
     * skipped ({@link SkipReason#UNREADABLE_ISSUE}) and their keys frozen, so that nothing is written on
     * those issues and no worklog of theirs elsewhere is deleted.
     */
    public static WorklogPlan plan(List<TimeEntry> entries, Map<Long, String> issueOfTask, Set<String> mirrored,
            Set<String> unreadable, List<JiraWorklog> existing, Options options) {
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        Instant closedBefore = options.closedBefore();
        // keys frozen by a closed period (an entry before the window still exists, so its worklog is
        // no deletion; a closed worklog of ours is never doubled by a create) or by an unreadable issue
        Set<String> closedKeys = new HashSet<>();
        List<Assigned> assigned = new ArrayList<>();
        for (TimeEntry entry : latestCopies(entries, skipped)) {
            if (entry.start().isBefore(closedBefore)) {
                skip(skipped, SkipReason.BEFORE_WINDOW, 1);
                closedKeys.add(keyOf(entry, options));
            } else if (entry.running()) {
                skip(skipped, SkipReason.RUNNING, 1);
            } else {
                String issue = issueOf(entry, issueOfTask, mirrored, options.matchDescription());
                if (issue != null && unreadable.contains(issue)) {
                    skip(skipped, SkipReason.UNREADABLE_ISSUE, 1);
                    closedKeys.add(keyOf(entry, options));
                } else if (issue != null) {
                    assigned.add(new Assigned(entry, issue));
                } else {
                    skip(skipped, entry.taskId() != null ? SkipReason.OTHER_TASK : SkipReason.NO_ISSUE, 1);
                }
            }
        }
        List<DesiredWorklog> desired = options.grouping() == WorklogGrouping.ENTRY
                ? byEntry(assigned, options, skipped) : byDay(assigned, options, skipped);
        return new Matching(existing, options, closedBefore, closedKeys, skipped).plan(desired);
    }

    /** The key of the worklog an entry counts into. */
    private static String keyOf(TimeEntry entry, Options options) {
        return options.grouping() == WorklogGrouping.ENTRY ? WorklogMark.entryKey(entry.id())
                : WorklogMark.dayKey(entry.userId(), entry.start().atZone(options.zone()).toLocalDate());
    }

    /** The issue a finished entry goes to, or null. */
    static String issueOf(TimeEntry entry, Map<Long, String> issueOfTask, Set<String> mirrored, boolean matchDescription) {
        if (entry.taskId() != null) {
            return issueOfTask.get(entry.taskId());
        }
        return matchDescription ? keyAtStart(entry.description(), mirrored) : null;
    }

    /**
     * The mirrored issue key a description begins with, as the Toggl browser button writes it:
     * {@code ABC-12 …}, {@code ABC-12: …}, {@code [ABC-12] …} or the key alone; the key ends at the
     * end, a space, {@code :} or {@code ]} ({@code ABC-123} is not {@code ABC-12}).
     */
    static String keyAtStart(String description, Set<String> mirrored) {
        if (description == null) {
            return null;
        }
        String text = description.stripLeading();
        int from = text.startsWith("[") ? 1 : 0;
        int end = from;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ':' && text.charAt(end) != ']') {
            end++;
        }
        String key = text.substring(from, end);
        return mirrored.contains(key) ? key : null;
    }

    /** Seconds rounded up to a multiple of {@code roundMinutes} minutes. */
    static long roundUp(long seconds, int roundMinutes) {
        long unit = roundMinutes * 60L;
        return (seconds + unit - 1) / unit * unit;
    }

    private static boolean underMinimum(long seconds, Options options) {
        // nothing tracked is no worklog whatever the minimum (Jira refuses under a minute anyway)
        return seconds <= 0 || seconds < options.minSeconds();
    }

    /** One copy per entry id: a report page read twice must not make a worklog twice. The newest copy wins. */
    private static List<TimeEntry> latestCopies(List<TimeEntry> entries, Map<SkipReason, Integer> skipped) {
        Map<Long, TimeEntry> byId = new LinkedHashMap<>();
        for (TimeEntry entry : entries) {
            TimeEntry seen = byId.get(entry.id());
            if (seen == null) {
                byId.put(entry.id(), entry);
                continue;
            }
            skip(skipped, SkipReason.DUPLICATE_ENTRY, 1);
            if (entry.at() != null && (seen.at() == null || entry.at().isAfter(seen.at()))) {
                byId.put(entry.id(), entry);
            }
        }
        return List.copyOf(byId.values());
    }

    private static List<DesiredWorklog> byEntry(List<Assigned> assigned, Options options, Map<SkipReason, Integer> skipped) {
        List<DesiredWorklog> desired = new ArrayList<>();
        for (Assigned a : assigned) {
            TimeEntry e = a.entry();
            if (underMinimum(e.seconds(), options)) {
                skip(skipped, SkipReason.UNDER_MINIMUM, 1);
                continue;
            }
            desired.add(new DesiredWorklog(a.issue(), WorklogMark.entryKey(e.id()), options.workspaceId(),
                    e.start().truncatedTo(ChronoUnit.SECONDS), roundUp(e.seconds(), options.roundMinutes()),
                    WorklogComment.of(e.userName(), e.userId(), List.of(nullToEmpty(e.description()))), List.of(e.id())));
        }
        return desired;
    }

    private static List<DesiredWorklog> byDay(List<Assigned> assigned, Options options, Map<SkipReason, Integer> skipped) {
        Map<DayGroup, List<TimeEntry>> days = new LinkedHashMap<>();
        for (Assigned a : assigned) {
            LocalDate day = a.entry().start().atZone(options.zone()).toLocalDate();
            days.computeIfAbsent(new DayGroup(a.issue(), a.entry().userId(), day), g -> new ArrayList<>()).add(a.entry());
        }
        List<DesiredWorklog> desired = new ArrayList<>();
        days.forEach((group, dayEntries) -> {
            dayEntries.sort(Comparator.comparing(TimeEntry::start).thenComparingLong(TimeEntry::id));
            long sum = dayEntries.stream().mapToLong(TimeEntry::seconds).sum();
            if (underMinimum(sum, options)) {
                skip(skipped, SkipReason.UNDER_MINIMUM, dayEntries.size());
                return;
            }
            TimeEntry first = dayEntries.get(0);
            desired.add(new DesiredWorklog(group.issue(), WorklogMark.dayKey(group.userId(), group.day()), options.workspaceId(),
                    first.start().truncatedTo(ChronoUnit.SECONDS), roundUp(sum, options.roundMinutes()),
                    WorklogComment.of(first.userName(), first.userId(), dayEntries.stream().map(e -> nullToEmpty(e.description())).toList()),
                    dayEntries.stream().map(TimeEntry::id).toList()));
        });
        return desired;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void skip(Map<SkipReason, Integer> skipped, SkipReason reason, int entries) {
        skipped.merge(reason, entries, Integer::sum);
    }

    private record Assigned(TimeEntry entry, String issue) {
    }

    private record DayGroup(String issue, long userId, LocalDate day) {
    }

    /** A worklog's place: its issue and its mark's key (a day key alone is not unique: one user, one day, two issues). */
    private record Slot(String issue, String key) {
    }

    /** Step 2: the desired worklogs against our worklogs in Jira. */
    private static final class Matching {
        private static final Comparator<JiraWorklog> BY_ID = Comparator.comparingInt((JiraWorklog w) -> w.id().length())
                .thenComparing(JiraWorklog::id);
        private static final Comparator<JiraWorklog> WRITE_ORDER = Comparator.comparing(JiraWorklog::issueKey)
                .thenComparing(JiraWorklog::started).thenComparing(BY_ID);
        private static final Comparator<DesiredWorklog> DESIRED_ORDER = Comparator.comparing(DesiredWorklog::issueKey)
                .thenComparing(DesiredWorklog::started).thenComparing(DesiredWorklog::key);

        private final Options options;
        private final Set<String> closedKeys;
        private final Map<SkipReason, Integer> skipped;
        /** ours within the window, by slot, lowest Jira id first */
        private final Map<Slot, List<JiraWorklog>> ours = new LinkedHashMap<>();
        private int oursInWindow;
        private int ignored;

        Matching(List<JiraWorklog> existing, Options options, Instant closedBefore, Set<String> closedKeys,
                Map<SkipReason, Integer> skipped) {
            this.options = options;
            this.closedKeys = closedKeys;
            this.skipped = skipped;
            for (JiraWorklog worklog : existing) {
                if (!worklog.ours() || worklog.mark().workspaceId() != options.workspaceId()) {
                    ignored++;
                } else if (worklog.started().isBefore(closedBefore)) {
                    ignored++;
                    closedKeys.add(worklog.mark().key());
                } else {
                    oursInWindow++;
                    ours.computeIfAbsent(new Slot(worklog.issueKey(), worklog.mark().key()), s -> new ArrayList<>()).add(worklog);
                }
            }
            ours.values().forEach(list -> list.sort(BY_ID));
        }

        WorklogPlan plan(List<DesiredWorklog> desired) {
            List<DesiredWorklog> sorted = new ArrayList<>(desired);
            sorted.sort(DESIRED_ORDER);
            List<DesiredWorklog> creates = new ArrayList<>();
            List<WorklogPlan.Update> updates = new ArrayList<>();
            List<DesiredWorklog> unchanged = new ArrayList<>();
            List<JiraWorklog> duplicates = new ArrayList<>();
            Set<Slot> wanted = new HashSet<>();
            for (DesiredWorklog d : sorted) {
                if (closedKeys.contains(d.key())) {
                    skip(skipped, SkipReason.BEFORE_WINDOW, d.entryIds().size());
                    continue;
                }
                Slot slot = new Slot(d.issueKey(), d.key());
                wanted.add(slot);
                List<JiraWorklog> found = ours.get(slot);
                if (found == null) {
                    creates.add(d);
                    continue;
                }
                // a second copy comes from an earlier answer lost after Jira wrote it: keep one
                JiraWorklog keep = found.stream().filter(w -> same(w, d)).findFirst().orElse(found.get(0));
                found.stream().filter(w -> w != keep).forEach(duplicates::add);
                if (same(keep, d)) {
                    unchanged.add(d);
                } else {
                    updates.add(new WorklogPlan.Update(keep, d));
                }
            }

            List<JiraWorklog> candidates = new ArrayList<>(duplicates);
            Set<String> goneKeys = new HashSet<>();
            Set<Long> goneEntries = new HashSet<>();
            ours.forEach((slot, found) -> {
                if (wanted.contains(slot)) {
                    return;
                }
                if (closedKeys.contains(slot.key())) {
                    ignored += found.size();
                } else {
                    candidates.addAll(found);
                    goneKeys.add(slot.key());
                    found.forEach(w -> goneEntries.addAll(w.mark().entryIds()));
                }
            });
            candidates.sort(WRITE_ORDER);

            // a create whose key leaves another issue is an entry (or a day) that moved: it goes
            // with that deletion, or the time would be in Jira twice
            List<DesiredWorklog> moves = creates.stream().filter(c -> goneKeys.contains(c.key())).toList();
            List<JiraWorklog> deletes = List.of();
            List<JiraWorklog> withheld = List.of();
            List<JiraWorklog> keptByGuard = List.of();
            WorklogPlan.Guard guard;
            if (!options.allUsersVisible()) {
                withheld = candidates;
                guard = new WorklogPlan.Guard(false, oursInWindow, candidates.size(), options.maxDeleteRatio());
            } else {
                guard = guard(candidates.size());
                if (guard.tripped()) {
                    keptByGuard = candidates;
                } else {
                    deletes = candidates;
                }
            }
            int moved = moves.size();
            if (deletes.isEmpty() && !candidates.isEmpty()) {
                // held with the deletions: the moves, and any create whose entries a held worklog still
                // counts (a changed grouping gives every entry a new key, no move by key)
                List<DesiredWorklog> held = creates.stream()
                        .filter(c -> goneKeys.contains(c.key()) || c.entryIds().stream().anyMatch(goneEntries::contains)).toList();
                creates.removeAll(held);
                held.forEach(m -> skip(skipped, SkipReason.MOVE_HELD, m.entryIds().size()));
                moved = 0;
            }
            updates.sort(Comparator.comparing((WorklogPlan.Update u) -> u.existing().issueKey())
                    .thenComparing(u -> u.desired().started()).thenComparing(u -> u.desired().key()));
            duplicates.sort(WRITE_ORDER);
            return new WorklogPlan(creates, updates, deletes, unchanged, moved, skipped, withheld, keptByGuard,
                    duplicates, ignored, guard);
        }

        /** Trips when the deletions reach the ratio of our worklogs in the window: at 0.5, 5 of 10 is too many. */
        private WorklogPlan.Guard guard(int deletions) {
            double ratio = options.maxDeleteRatio();
            // a small epsilon: 0.3 * 10 must trip at 3, not at 3.0000000000000004
            long tripsAt = (long) Math.ceil(ratio * oursInWindow - 1e-9);
            boolean tripped = ratio < 1 && deletions > 0 && deletions >= tripsAt;
            return new WorklogPlan.Guard(tripped, oursInWindow, deletions, ratio);
        }

        /**
         * Jira keeps the second and whole minutes: compared so, or every run would rewrite. The comment
         * as Jira gives it back (ADF flattened) may differ in spacing only.
         */
        private static boolean same(JiraWorklog existing, DesiredWorklog desired) {
            return existing.started().truncatedTo(ChronoUnit.SECONDS).equals(desired.started())
                    && existing.timeSpentSeconds() / 60 == desired.seconds() / 60
                    && WorklogComment.normalize(existing.comment()).equals(desired.comment())
                    && existing.mark().entryIds().equals(desired.entryIds());
        }
    }
}
