package io.toggltasksync.plan;

/**
 * How many more runs a backlog of deferred write calls needs under Toggl's hourly quota. Each run
 * first reads the target projects' tasks, then writes with what is left of the hour's quota; runs
 * an hour apart each get a fresh quota (Toggl's window is a sliding 60 minutes). Reads grow as the
 * deferred creates land, so later runs have a little less room for writes.
 *
 * @param deferredCalls write calls left for later runs
 * @param hourlyQuota   requests per hour ({@code toggl.hourly-quota}: Starter 240, Premium 600)
 * @param readsNextRun  the reads the next run spends before writing
 * @param runs          runs needed, one an hour; -1 when the reads alone use up the quota
 */
public record QuotaForecast(long deferredCalls, int hourlyQuota, long readsNextRun, long runs) {

    /**
     * @param deferredCalls   write calls not sent
     * @param deferredCreates how many of them are creates (each adds a task the next runs read)
     * @param tasks           tasks in the target projects now
     */
    public static QuotaForecast of(long deferredCalls, long deferredCreates, int hourlyQuota, long tasks, int projects, int pageSize) {
        long readsNextRun = reads(tasks, projects, pageSize);
        long runs = 0;
        long left = deferredCalls;
        long createsLeft = Math.min(deferredCreates, deferredCalls);
        while (left > 0) {
            long room = hourlyQuota - reads(tasks, projects, pageSize);
            if (room <= 0) {
                runs = -1;
                break;
            }
            long written = Math.min(left, room);
            // creates are queued after deletions and updates; counting them first only makes reads grow sooner
            long created = Math.min(createsLeft, written);
            createsLeft -= created;
            tasks += created;
            left -= written;
            runs++;
        }
        return new QuotaForecast(deferredCalls, hourlyQuota, readsNextRun, runs);
    }

    /** Reads a run needs: one page per target project at least, pages of {@code pageSize} tasks. */
    static long reads(long tasks, int projects, int pageSize) {
        return Math.max(projects, (tasks + pageSize - 1) / pageSize);
    }

    /** Reads a full sweep needs: each target project's tasks in pages of {@code pageSize}, one page at least (an empty project). */
    public static long sweepReads(java.util.Collection<Long> tasksPerProject, int pageSize) {
        return tasksPerProject.stream().mapToLong(n -> Math.max(1, (n + pageSize - 1) / pageSize)).sum();
    }

    public boolean finishes() {
        return runs >= 0;
    }

    public String describe() {
        if (deferredCalls == 0) {
            return "nothing deferred";
        }
        if (!finishes()) {
            return String.format("%d write call(s) deferred, but a run's snapshot reads alone use up the hourly quota of %d: "
                    + "raise toggl.hourly-quota if your plan allows more, or split the import by project", deferredCalls, hourlyQuota);
        }
        return String.format("%d write call(s) deferred: about %d more run(s), one an hour (about %d h), at %d calls/hour "
                + "(toggl.hourly-quota) less each run's reads (%d next run)", deferredCalls, runs, runs, hourlyQuota, readsNextRun);
    }
}
