package io.toggltasksync.worklog;

import io.toggltasksync.model.JiraWorklog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a worklog run will do. Every entry given to the planner is in exactly one desired worklog
 * ({@code creates}, {@code updates}, {@code unchanged}) or counted in {@code skipped}; every Jira
 * worklog given is in exactly one of {@code updates}, {@code unchanged}, {@code deletes},
 * {@code withheldDeletions}, {@code keptByGuard} or {@code ignored}. Lists are in write order:
 * by issue key, then started.
 *
 * @param unchanged         desired worklogs Jira already has as they should be
 * @param moved             creates that replace a worklog deleted on another issue (an entry moved)
 * @param skipped           entries by reason, every reason present
 * @param withheldDeletions deletions not planned because the token sees only its own entries: an
 *                          entry it does not see is no evidence of a deletion (the run warns and
 *                          exits non-zero)
 * @param keptByGuard       deletions not planned because the guard tripped
 * @param duplicates        our worklogs found twice or more for one key on one issue: the extra
 *                          copies, planned for deletion (or withheld, or kept by the guard)
 * @param ignored           Jira worklogs never touched: a person's, another workspace's, ours on an
 *                          issue no longer mirrored, ours before the window or of an entry before it
 */
public record WorklogPlan(
        List<DesiredWorklog> creates,
        List<Update> updates,
        List<JiraWorklog> deletes,
        List<DesiredWorklog> unchanged,
        int moved,
        Map<SkipReason, Integer> skipped,
        List<JiraWorklog> withheldDeletions,
        List<JiraWorklog> keptByGuard,
        List<JiraWorklog> duplicates,
        int ignored,
        Guard guard) {

    public WorklogPlan {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        unchanged = List.copyOf(unchanged);
        EnumMap<SkipReason, Integer> all = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            all.put(reason, skipped.getOrDefault(reason, 0));
        }
        skipped = Collections.unmodifiableMap(all);
        withheldDeletions = List.copyOf(withheldDeletions);
        keptByGuard = List.copyOf(keptByGuard);
        duplicates = List.copyOf(duplicates);
    }

    /** A PUT: our worklog differs from what the entries say (Toggl is the truth, a person's edit included). */
    public record Update(JiraWorklog existing, DesiredWorklog desired) implements Write {
        @Override
        public String issueKey() {
            return existing.issueKey();
        }

        @Override
        public Instant started() {
            return desired.started();
        }
    }

    /**
     * The mass-change guard ({@code sync.max-missing-ratio}): it trips when {@code deletions} reach
     * {@code maxRatio} of {@code ours} (our worklogs in the window; 1: never), and then no deletion
     * is planned. Not evaluated while deletions are withheld: nothing is deleted then anyway.
     */
    public record Guard(boolean tripped, int ours, int deletions, double maxRatio) {
        public String describe() {
            return String.format("%d of %d worklogs of this tool in the window would be deleted (the guard trips at %.0f%%)",
                    deletions, ours, maxRatio * 100);
        }
    }

    /** One write, in the order to send them. */
    public sealed interface Write {
        String issueKey();

        Instant started();
    }

    public record Create(DesiredWorklog desired) implements Write {
        @Override
        public String issueKey() {
            return desired.issueKey();
        }

        @Override
        public Instant started() {
            return desired.started();
        }
    }

    public record Delete(JiraWorklog existing) implements Write {
        @Override
        public String issueKey() {
            return existing.issueKey();
        }

        @Override
        public Instant started() {
            return existing.started();
        }
    }

    /**
     * All writes, one issue's after another (Jira's time-spent total can go wrong under concurrent
     * writes to one issue); within an issue deletions first (they free room under its worklog
     * limit), then updates, then creates, each by started.
     */
    public List<Write> writes() {
        List<Write> writes = new ArrayList<>();
        deletes.forEach(d -> writes.add(new Delete(d)));
        writes.addAll(updates);
        creates.forEach(c -> writes.add(new Create(c)));
        writes.sort(Comparator.comparing(Write::issueKey).thenComparingInt(WorklogPlan::kindOrder)
                .thenComparing(Write::started));
        return List.copyOf(writes);
    }

    private static int kindOrder(Write write) {
        if (write instanceof Delete) {
            return 0;
        }
        return write instanceof Update ? 1 : 2;
    }

    public boolean writesNothing() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
