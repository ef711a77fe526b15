package io.toggltasksync.plan;

/**
 * How many pages of a full sweep spread over runs one run reads. Pure.
 *
 * <p>A run's share of the hour is the hourly quota over the runs an hour at the cadence seen, less
 * its own incremental reads and the writes the last run needed: the sweep takes only what is left,
 * so it never defers a write. Within that share it reads only what keeps it on schedule: by its
 * target (three quarters of the interval) every page read, evenly over the time, so a quiet mirror
 * reads each page once an interval and no more. In a hurry ({@code --full-sweep}, or past due) it
 * takes the whole share.
 *
 * @param runsPerHour the runs an hour at the cadence seen (1 at least)
 * @param share the pages the quota leaves this run (0 when its own work takes it all)
 * @param paced the pages that bring the sweep back on schedule, with the page a resumed project reads again; 0 when it is not behind
 * @param pages what the run reads: never more than {@code share} nor than the pages left
 */
public record SweepBudget(long runsPerHour, long share, long paced, long pages) {

    /** A cadence not seen yet (the first run after a sweep began) counts as a run a minute: the smallest share. */
    static final long UNKNOWN_GAP_SECONDS = 60;

    /** Where the sweep stands: pages left (with those read again), pages read, pages in all; seconds since it began, and to its target. */
    public record Position(long pagesLeft, long pagesDone, long pagesTotal, long elapsedSeconds, long spanSeconds) {
    }

    /**
     * @param hourlyQuota requests an hour ({@code toggl.hourly-quota})
     * @param gapSeconds seconds since the last run, 0 or less when unknown
     * @param incrementalReads the reads of the run's incremental work (a page per project at least)
     * @param expectedWrites the write calls kept back for this run (what the last run wrote)
     * @param hurry take the whole share, whatever the schedule
     * @param wholeHour this run may take the whole hour's quota ({@code --full-sweep}: in one run if it fits)
     */
    public static SweepBudget of(int hourlyQuota, long gapSeconds, long incrementalReads, long expectedWrites, Position at, boolean hurry,
            boolean wholeHour) {
        long gap = gapSeconds > 0 ? gapSeconds : UNKNOWN_GAP_SECONDS;
        long runsPerHour = wholeHour ? 1 : Math.max(1, (3600 + gap - 1) / gap);
        long share = Math.max(0, hourlyQuota / runsPerHour - Math.max(0, incrementalReads) - Math.max(0, expectedWrites));
        long left = Math.max(0, at.pagesLeft());
        long total = Math.max(0, at.pagesTotal());
        long scheduled;
        if (at.spanSeconds() <= 0 || at.elapsedSeconds() >= at.spanSeconds()) {
            scheduled = total;
        } else {
            // floor(total * elapsed / span): pages are read once they are due, not before
            scheduled = total * Math.max(0, at.elapsedSeconds()) / at.spanSeconds();
        }
        long behind = scheduled - Math.max(0, at.pagesDone());
        long paced = behind > 0 ? Math.min(left, behind + 1) : 0;
        long pages = Math.min(left, hurry ? share : Math.min(share, paced));
        return new SweepBudget(runsPerHour, share, paced, pages);
    }

    /** Whether the run reads every page left, so that it completes the sweep. */
    public boolean completes(long pagesLeft) {
        return pages >= pagesLeft;
    }

    /** Runs at this share needed for {@code pagesLeft}, -1 when the share is 0. */
    public long runsFor(long pagesLeft) {
        if (pagesLeft <= 0) {
            return 0;
        }
        return share <= 0 ? -1 : (pagesLeft + share - 1) / share;
    }
}
