package io.toggltasksync.toggl;

import io.toggltasksync.model.TogglTask;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Toggl tasks of the target projects as one run knows them (exchange property {@value #PROPERTY}):
 * read in full, or, for an incremental run, the tasks the sync state knew with what changed since
 * on top ({@link #startFrom}).
 */
public final class TaskSnapshot {

    public static final String PROPERTY = "snapshot";

    private final Map<Long, TogglTask> tasks = new LinkedHashMap<>();
    private Set<Long> known = Set.of();
    private Long since;
    private Long newestAt;
    private Long startedAt;
    private int read;
    private final SweepPages sweep = new SweepPages();

    /**
     * An incremental read: {@code knownTasks} (of the projects in {@code knownProjects}) stand until
     * a page says otherwise, and those projects are read only for what changed since {@code since}
     * (UNIX seconds, Toggl's clock). Other projects are read in full.
     */
    public synchronized void startFrom(Collection<TogglTask> knownTasks, Set<Long> knownProjects, long since) {
        knownTasks.forEach(t -> tasks.put(t.id(), t));
        this.known = Set.copyOf(knownProjects);
        this.since = since;
    }

    /** The pages of the full sweep spread over runs that this run reads besides its own, and what they gave. */
    public SweepPages sweep() {
        return sweep;
    }

    /** This run also reads these pages for the full sweep spread over runs, keeping {@code reserve} calls of the quota for its writes. */
    public void sweepPages(List<SweepPages.Range> ranges, long reserve) {
        sweep.plan(ranges, reserve);
    }

    /** Forgets tasks a complete sweep found gone from Toggl. */
    public synchronized void forget(Collection<Long> ids) {
        ids.forEach(tasks::remove);
    }

    /** The {@code since} the projects the state knew are read with, null in a full sweep. */
    public synchronized Long since() {
        return since;
    }

    /** The {@code since} to read a project with, null to read it in full. */
    public synchronized Long sinceFor(long projectId) {
        return known.contains(projectId) ? since : null;
    }

    /** A task as a listing page gave it. */
    public synchronized void add(TogglTask task) {
        tasks.put(task.id(), task);
        read++;
        Long at = task.atEpochSecond();
        if (at != null && (newestAt == null || at > newestAt)) {
            newestAt = at;
        }
    }

    /**
     * The {@code Date} of a listing answer (UNIX seconds, Toggl's clock): the earliest is when the
     * run began reading, and a change after it may be missing from the pages.
     */
    public synchronized void answeredAt(long epochSecond) {
        if (startedAt == null || epochSecond < startedAt) {
            startedAt = epochSecond;
        }
    }

    /** Toggl's time when this run began reading, null when no answer said. */
    public synchronized Long startedAt() {
        return startedAt;
    }

    public synchronized int size() {
        return tasks.size();
    }

    /** Tasks the listing pages gave in this run (not those the state knew). */
    public synchronized int read() {
        return read;
    }

    /** The newest {@code at} among the tasks read in this run, null when none was. */
    public synchronized Long newestAt() {
        return newestAt;
    }

    public synchronized List<TogglTask> tasks() {
        return List.copyOf(tasks.values());
    }
}
