package io.toggltasksync.sync;

import io.toggltasksync.plan.SweepBudget;
import io.toggltasksync.state.SweepPlan;
import io.toggltasksync.state.SweepProgress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run's part of the full sweep spread over runs: the progress it found, the pages it may read,
 * and, once its pages are read, what they leave and whether they complete the sweep. Owned by the
 * {@link SyncRun}; only a run that reads incrementally has one.
 */
final class SweepRun {

    private final SweepProgress found;
    private final SweepBudget budget;
    private final long pagesLeft;
    private final Map<Long, Long> tasksPerProject;
    private final String why;
    private volatile List<SweepPlan.Pages> planned = List.of();
    private volatile SweepPlan.Folded folded;
    private volatile boolean complete;
    private volatile int gone;

    /** @param why what started or hurries this sweep, for the log; null when nothing needs saying */
    SweepRun(SweepProgress found, SweepBudget budget, long pagesLeft, Map<Long, Long> tasksPerProject, String why) {
        this.found = found;
        this.budget = budget;
        this.pagesLeft = pagesLeft;
        this.tasksPerProject = Map.copyOf(tasksPerProject);
        this.why = why;
    }

    SweepProgress found() {
        return found;
    }

    SweepBudget budget() {
        return budget;
    }

    long pagesLeft() {
        return pagesLeft;
    }

    Map<Long, Long> tasksPerProject() {
        return tasksPerProject;
    }

    String why() {
        return why;
    }

    /** Whether this run is expected to read the sweep's last pages (the run then reads its source whole, to decide what is missing). */
    boolean expectsToComplete() {
        return budget.completes(pagesLeft);
    }

    void planned(List<SweepPlan.Pages> pages) {
        this.planned = List.copyOf(pages);
    }

    List<SweepPlan.Pages> planned() {
        return planned;
    }

    void folded(SweepPlan.Folded result, boolean completes, int goneTasks) {
        this.folded = result;
        this.complete = completes;
        this.gone = goneTasks;
    }

    /** What this run's pages left, null before they were folded in (a run that never planned). */
    SweepPlan.Folded folded() {
        return folded;
    }

    /** Whether this run completed the sweep (every page read, and the run's read of its source was whole): it decided what is missing. */
    boolean complete() {
        return complete;
    }

    /** The report's {@code sweep} section. */
    Map<String, Object> report(long now, Set<Long> targets, int pageSize, long pagesRead) {
        SweepProgress progress = folded == null ? found : folded.progress();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("spread", true);
        r.put("started", Instant.ofEpochSecond(found.started()).toString());
        r.put("due", Instant.ofEpochSecond(found.due()).toString());
        r.put("late", !complete && found.late(now));
        r.put("hurry", found.hurry());
        r.put("progress", complete ? 1.0 : Math.round(SweepPlan.progress(progress, targets, tasksPerProject, pageSize) * 1000) / 1000.0);
        r.put("pages_planned", planned.stream().mapToLong(SweepPlan.Pages::count).sum());
        r.put("pages_read", pagesRead);
        r.put("pages_left_before", pagesLeft);
        r.put("page_share", budget.share());
        r.put("runs_per_hour", budget.runsPerHour());
        r.put("complete", complete);
        r.put("gone", gone);
        r.put("restarted_projects", folded == null ? List.of() : List.copyOf(folded.restarted()));
        return r;
    }
}
