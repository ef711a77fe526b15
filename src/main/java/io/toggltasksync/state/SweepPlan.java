package io.toggltasksync.state;

import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The full sweep spread over runs, run by run: the pages left, the pages a run reads, what they
 * leave for the next run, and, once every page is read, the tasks found gone. Pure.
 */
public final class SweepPlan {

    private SweepPlan() {
    }

    /** Pages {@code from} to {@code from + count - 1} of a project. */
    public record Pages(long projectId, int from, int count) {
    }

    /** What a project's sweep pages gave in one run: the highest page read, the last task read, whether the listing ended. */
    public record PagesRead(int lastPage, Long lastId, boolean end) {
    }

    /** What one run's reads leave: the progress, and the projects read again from page 1 (a task moved past the pages read). */
    public record Folded(SweepProgress progress, Set<Long> restarted) {
    }

    /**
     * Pages a project still needs by the tasks known of it: a resumed project reads its last page read
     * again (see {@link SweepProgress.ProjectSweep#lastId}), so it needs one more.
     */
    static long pagesLeft(SweepProgress.ProjectSweep p, long tasks, int pageSize) {
        if (p.done()) {
            return 0;
        }
        long all = Math.max(1, (tasks + pageSize - 1) / pageSize);
        return p.pagesRead() == 0 ? all : Math.max(2, all - p.pagesRead() + 1);
    }

    /** Pages the sweep still needs over {@code targets}, by the tasks known of each ({@code tasksPerProject}). */
    public static long pagesLeft(SweepProgress s, Collection<Long> targets, Map<Long, Long> tasksPerProject, int pageSize) {
        return new TreeSet<>(targets).stream().mapToLong(p -> pagesLeft(s.project(p), tasksPerProject.getOrDefault(p, 0L), pageSize)).sum();
    }

    /**
     * The pages a run reads with {@code budget} pages, project after project (by id), a project's
     * pages in order; a resumed project gets none unless it can go past its last page read.
     *
     * @param readWhole projects the run reads whole anyway (the state did not know them): none for the sweep
     */
    public static List<Pages> pages(SweepProgress s, Collection<Long> targets, Set<Long> readWhole, Map<Long, Long> tasksPerProject,
            int pageSize, long budget) {
        List<Pages> pages = new ArrayList<>();
        long left = budget;
        for (long p : new TreeSet<>(targets)) {
            SweepProgress.ProjectSweep ps = s.project(p);
            long need = pagesLeft(ps, tasksPerProject.getOrDefault(p, 0L), pageSize);
            if (readWhole.contains(p) || need == 0 || left <= 0 || (ps.pagesRead() > 0 && left < 2)) {
                continue;
            }
            int count = (int) Math.min(need, left);
            pages.add(new Pages(p, ps.pagesRead() == 0 ? 1 : ps.pagesRead(), count));
            left -= count;
        }
        return pages;
    }

    /**
     * What a run's sweep reads leave for the next run. A resumed project whose last task read before is
     * not among this run's tasks had tasks deleted before it (its later tasks moved up past the pages
     * read) or lost that task: it is read again from page 1, its tasks read so far still seen.
     *
     * @param planned the pages the run asked for
     * @param reads what they gave, by project (a page not read, as after a spent quota, gave nothing)
     * @param seen the tasks this run's sweep pages and whole reads gave
     * @param readWhole the projects this run read whole (done, whatever the sweep had of them)
     */
    public static Folded fold(SweepProgress s, List<Pages> planned, Map<Long, PagesRead> reads, Set<Long> seen, Set<Long> readWhole,
            long now, long writes) {
        Map<Long, SweepProgress.ProjectSweep> projects = new TreeMap<>(s.projects());
        Set<Long> restarted = new TreeSet<>();
        for (Pages p : planned) {
            PagesRead r = reads.get(p.projectId());
            SweepProgress.ProjectSweep before = s.project(p.projectId());
            if (r == null || r.lastPage() < p.from()) {
                continue;
            }
            if (before.pagesRead() > 0 && before.lastId() != null && !seen.contains(before.lastId())) {
                projects.put(p.projectId(), new SweepProgress.ProjectSweep(0, null, false));
                restarted.add(p.projectId());
                continue;
            }
            boolean end = r.end() && r.lastPage() >= p.from();
            projects.put(p.projectId(), new SweepProgress.ProjectSweep(Math.max(before.pagesRead(), r.lastPage()),
                    r.lastId() != null ? r.lastId() : before.lastId(), end));
        }
        readWhole.forEach(p -> projects.put(p, new SweepProgress.ProjectSweep(0, null, true)));
        Set<Long> allSeen = new TreeSet<>(s.seen());
        allSeen.addAll(seen);
        return new Folded(new SweepProgress(s.started(), s.due(), s.coveredSince(), s.hurry(), projects, allSeen, now, writes), restarted);
    }

    /** Whether every target project was read to its end. */
    public static boolean complete(SweepProgress s, Collection<Long> targets) {
        return targets.stream().allMatch(p -> s.project(p).done());
    }

    /** The pages of the whole sweep over {@code targets}, by the tasks known of each (one at least a project). */
    public static long pagesTotal(Collection<Long> targets, Map<Long, Long> tasksPerProject, int pageSize) {
        return targets.stream().mapToLong(p -> Math.max(1, (tasksPerProject.getOrDefault(p, 0L) + pageSize - 1) / pageSize)).sum();
    }

    /** The pages of {@link #pagesTotal} read so far. */
    public static long pagesDone(SweepProgress s, Collection<Long> targets, Map<Long, Long> tasksPerProject, int pageSize) {
        long read = 0;
        for (long p : targets) {
            long pages = Math.max(1, (tasksPerProject.getOrDefault(p, 0L) + pageSize - 1) / pageSize);
            SweepProgress.ProjectSweep ps = s.project(p);
            read += ps.done() ? pages : Math.min(pages, ps.pagesRead());
        }
        return read;
    }

    /** The share of the pages read, 0 to 1, by the tasks known of each project. */
    public static double progress(SweepProgress s, Collection<Long> targets, Map<Long, Long> tasksPerProject, int pageSize) {
        long all = pagesTotal(targets, tasksPerProject, pageSize);
        return all == 0 ? 1.0 : (double) pagesDone(s, targets, tasksPerProject, pageSize) / all;
    }

    /**
     * The tasks a complete sweep found gone from Toggl: known in a target project, not given by any of
     * its pages, and not changed since the sweep began (a task made or changed meanwhile may have come
     * after its project's pages, and the incremental reads saw it). Without the time the sweep began
     * by Toggl's clock none is called gone.
     *
     * @param overlapSeconds how far before {@code coveredSince} a change still counts as made meanwhile
     */
    public static Set<Long> gone(SweepProgress s, Collection<TogglTask> known, Collection<Long> targets, long overlapSeconds) {
        Set<Long> gone = new TreeSet<>();
        if (s.coveredSince() == null) {
            return gone;
        }
        Set<Long> projects = Set.copyOf(targets);
        long since = s.coveredSince() - overlapSeconds;
        for (TogglTask t : known) {
            Long at = t.atEpochSecond();
            if (projects.contains(t.projectId()) && !s.seen().contains(t.id()) && (at == null || at < since)) {
                gone.add(t.id());
            }
        }
        return gone;
    }
}
