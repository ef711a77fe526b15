package io.toggltasksync.sync;

import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.QuotaForecast;
import io.toggltasksync.plan.SweepBudget;
import io.toggltasksync.state.RunMode;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SweepPlan;
import io.toggltasksync.state.SweepProgress;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.toggl.SweepPages;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A run's part of the full sweep spread over runs: at the start, how many pages it reads (the
 * hour's quota less its own work, at the sweep's pace); before the snapshot, which; before the plan,
 * what they leave and, when they complete the sweep, the tasks found gone; at the end, the sweep the
 * next run goes on with.
 */
final class SweepKeeping {

    private static final Logger LOG = Logger.getLogger(SweepKeeping.class);

    private SweepKeeping() {
    }

    /**
     * The run's part, and its mode: an incremental run goes on with the state's sweep (or begins one,
     * for a state from before spread sweeps); {@code --full-sweep} sweeps in this run when the hour's
     * quota allows, else begins a sweep that goes as fast as the quota allows.
     *
     * @return the mode (the one given, or incremental for a full sweep asked for that the quota spreads)
     */
    static RunMode begin(SyncRun run, StateFile.Loaded loaded, RunMode mode, long now) {
        var settings = run.settings();
        if (!loaded.usable() || settings.state().fullSweepInterval().isZero()) {
            return mode;
        }
        SyncState state = loaded.state();
        long interval = settings.state().fullSweepInterval().toSeconds();
        Map<Long, Long> tasksPerProject = state.tasks().stream().collect(Collectors.groupingBy(TogglTask::projectId, Collectors.counting()));
        int pageSize = settings.toggl().pageSize();
        int projects = Math.max(1, state.projects().size());
        if (!mode.incremental()) {
            boolean asked = settings.state().fullSweep()
                    && RunMode.decide(loaded, settings.state().fullSweepInterval(), false, now, RunStatePersistence.cursorCheck(run.source(), now)).incremental();
            if (!asked) {
                return mode;
            }
            long pages = QuotaForecast.sweepReads(new TreeSet<>(state.projects()).stream().map(p -> tasksPerProject.getOrDefault(p, 0L)).toList(),
                    pageSize);
            long writes = state.sweep() == null ? 0 : state.sweep().lastRunWrites();
            SweepBudget whole = SweepBudget.of(settings.toggl().hourlyQuota(), 0, projects, writes, new SweepBudget.Position(pages, 0, pages, 0, 0),
                    true, true);
            if (whole.completes(pages)) {
                return mode;
            }
            SweepProgress fresh = SweepProgress.begin(now, now + interval, state.togglCursor(), true, writes);
            run.sweep(new SweepRun(fresh, whole, SweepPlan.pagesLeft(fresh, state.projects(), tasksPerProject, pageSize), tasksPerProject,
                    "asked for (--full-sweep)"));
            return new RunMode(true, "a full sweep was asked for (--full-sweep): about " + pages + " page(s), more than the hour's quota of "
                    + settings.toggl().hourlyQuota() + " leaves (" + whole.share() + "); spread over about " + whole.runsFor(pages)
                    + " run(s), as fast as the quota allows");
        }
        SweepProgress found = state.sweep();
        String why = null;
        if (found == null || found.started() > now) {
            // a state from before spread sweeps: its last sweep says when this one is due
            found = SweepProgress.begin(now, Math.min(now + interval, state.lastFullSweep() + interval), state.togglCursor(), false, 0);
            why = "begun (the sync state had none)";
        }
        Set<Long> targets = state.projects();
        long pagesLeft = SweepPlan.pagesLeft(found, targets, tasksPerProject, pageSize);
        long gap = now - (found.lastRun() != null ? found.lastRun() : state.savedAt());
        long writes = found.lastRunWrites();
        boolean hurry = found.hurry() || found.late(now);
        SweepBudget.Position at = new SweepBudget.Position(pagesLeft, SweepPlan.pagesDone(found, targets, tasksPerProject, pageSize),
                SweepPlan.pagesTotal(targets, tasksPerProject, pageSize), now - found.started(), found.target() - found.started());
        SweepBudget budget = SweepBudget.of(settings.toggl().hourlyQuota(), gap, projects + writes / pageSize, writes, at, hurry, false);
        run.sweep(new SweepRun(found, budget, pagesLeft, tasksPerProject, why));
        return mode;
    }

    /** Before the snapshot: the sweep pages this run reads besides its own (none for projects it reads whole anyway). */
    static void seed(SyncRun run, Set<Long> targets) {
        SweepRun sweep = run.sweep();
        if (sweep == null) {
            return;
        }
        Set<Long> readWhole = new TreeSet<>(targets);
        readWhole.removeAll(run.state().projects());
        List<SweepPlan.Pages> pages = SweepPlan.pages(sweep.found(), targets, readWhole, sweep.tasksPerProject(), run.settings().toggl().pageSize(),
                sweep.budget().pages());
        sweep.planned(pages);
        run.snapshot().sweepPages(pages.stream().map(p -> new SweepPages.Range(p.projectId(), p.from(), p.count())).toList(),
                sweep.found().lastRunWrites());
        SweepProgress s = sweep.found();
        long now = Instant.now().getEpochSecond();
        String line = String.format("Full sweep spread over runs%s: %.0f%% read, about %d page(s) left; begun %s, due %s; this run reads %d "
                + "page(s) for it (its share of the hour: %d)", sweep.why() == null ? "" : " " + sweep.why(),
                100 * SweepPlan.progress(s, targets, sweep.tasksPerProject(), run.settings().toggl().pageSize()), sweep.pagesLeft(),
                Instant.ofEpochSecond(s.started()), Instant.ofEpochSecond(s.due()), sweep.budget().pages(), sweep.budget().share());
        if (s.late(now)) {
            long runs = sweep.budget().runsFor(sweep.pagesLeft());
            LOG.warnf("%s. LATE: past due by %d min; at this share it needs about %s more run(s): raise toggl.hourly-quota if the plan "
                    + "allows more, run more often, or lengthen sync.full-sweep-interval", line,
                    Duration.ofSeconds(now - s.due()).toMinutes(), runs < 0 ? "unbounded (no share left)" : Long.toString(runs));
        } else {
            LOG.info(line);
        }
    }

    /**
     * Before the plan: folds this run's sweep pages into the progress; when they complete it (and the
     * run read its source whole), the tasks no page gave that did not change meanwhile are gone from
     * Toggl and leave the snapshot, and this run decides what is missing.
     */
    static void fold(SyncRun run, long overlapSeconds) {
        SweepRun sweep = run.sweep();
        if (sweep == null) {
            return;
        }
        SweepPages reads = run.snapshot().sweep();
        Map<Long, SweepPlan.PagesRead> byProject = new HashMap<>();
        reads.reads().forEach((p, r) -> byProject.put(p, new SweepPlan.PagesRead(r.lastPage(), r.lastId(), r.end())));
        SweepPlan.Folded folded = SweepPlan.fold(sweep.found(), sweep.planned(), byProject, reads.seen(), reads.readWhole(),
                Instant.now().getEpochSecond(), 0);
        Set<Long> targets = run.targetProjects();
        boolean complete = SweepPlan.complete(folded.progress(), targets) && (run.sourceRead() == null || run.sourceRead().whole());
        int gone = 0;
        if (complete) {
            Set<Long> goneIds = SweepPlan.gone(folded.progress(), run.snapshot().tasks(), targets, overlapSeconds);
            run.snapshot().forget(goneIds);
            gone = goneIds.size();
            LOG.infof("Full sweep complete (begun %s): %d task(s) no page gave are gone from Toggl; this run decides what is missing",
                    Instant.ofEpochSecond(sweep.found().started()), gone);
        }
        if (!folded.restarted().isEmpty()) {
            LOG.infof("Full sweep: project(s) %s read again from page 1 (tasks deleted in Toggl moved others past the pages read)",
                    folded.restarted());
        }
        sweep.folded(folded, complete, gone);
    }

    /**
     * The sweep the next state keeps, and when the last complete sweep began: after a sweep in one run
     * or a completed one, a new one begins now; else this run's progress.
     *
     * @return the next state with its sweep
     */
    static SyncState next(SyncRun run, SyncState next, long now) {
        long interval = run.settings().state().fullSweepInterval().toSeconds();
        long writes = run.toggl().calls().total() - run.toggl().calls().byMethod().getOrDefault("GET", 0L);
        SweepRun sweep = run.sweep();
        if (!run.mode().incremental()) {
            return next.withSweep(SweepProgress.begin(now, now + interval, next.togglCursor(), false, writes), next.lastFullSweep());
        }
        if (sweep == null || sweep.folded() == null) {
            return next.withSweep(run.state() == null ? null : run.state().sweep(), next.lastFullSweep());
        }
        if (sweep.complete()) {
            return next.withSweep(SweepProgress.begin(now, now + interval, next.togglCursor(), false, writes), sweep.found().started());
        }
        SweepProgress p = sweep.folded().progress();
        return next.withSweep(new SweepProgress(p.started(), p.due(), p.coveredSince(), p.hurry(), p.projects(), p.seen(), now, writes),
                next.lastFullSweep());
    }

    /**
     * Whether the run may decide that a record is gone: always for a source read whole every run (a file), else when its
     * read was whole and so is the sweep.
     */
    static boolean decidesMissing(SyncRun run) {
        if (run.source() == null || run.source().readsWholeEveryRun()) {
            return true;
        }
        return run.sourceRead().whole() && (!run.mode().incremental() || (run.sweep() != null && run.sweep().complete()));
    }
}
