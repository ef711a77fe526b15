package io.toggltasksync.state;

import java.time.Duration;
import java.util.function.Function;

/**
 * Whether a run reads only what changed in Toggl since the state was saved (incremental) or every
 * target task (a full sweep), and why. Pure: the answer depends only on what it is given.
 */
public record RunMode(boolean incremental, String reason) {

    /** The cursor check of a source that keeps none (it reads whole every run): nothing to refuse. */
    public static final Function<SyncState, String> NO_CURSOR = state -> null;

    /** How far Toggl's clock may run ahead of this machine's before its time in the state is not believed. */
    static final long CLOCKS_APART_SECONDS = 24 * 3600;

    /**
     * @param cursorUnusable why the state's cursor of the run's source cannot serve an incremental read (the source
     *        says: {@code TaskSource.cursorUnusable}), null when it can
     */
    public static RunMode decide(StateFile.Loaded loaded, Duration fullSweepInterval, boolean fullSweepAsked, long nowEpochSecond,
            Function<SyncState, String> cursorUnusable) {
        if (fullSweepInterval.isZero()) {
            return full("sync.full-sweep-interval is 0: every run is a full sweep");
        }
        if (fullSweepAsked) {
            return full("a full sweep was asked for (--full-sweep)");
        }
        if (!loaded.usable()) {
            return full(loaded.unusable());
        }
        SyncState state = loaded.state();
        if (state.sweepNext()) {
            return full("the last run found the sync state wrong (a conflict or a refusal it did not foresee)");
        }
        if (state.togglCursor() == null) {
            return full("the sync state knows no Toggl change time yet");
        }
        if (state.togglCursor() > nowEpochSecond + CLOCKS_APART_SECONDS) {
            // a since in the future would read nothing: nothing would ever look changed until the next sweep
            return full("the sync state's Toggl change time is in the future");
        }
        String cursor = cursorUnusable.apply(state);
        if (cursor != null) {
            return full(cursor);
        }
        long age = nowEpochSecond - state.lastFullSweep();
        // with a sweep in progress, a late one says so and hurries (SweepRun), never a sweep in one run the quota may not allow
        if (age < 0 || (state.sweep() == null && age >= fullSweepInterval.toSeconds())) {
            return full("the last full sweep was " + Duration.ofSeconds(Math.max(0, age)).toMinutes() + " min ago (sync.full-sweep-interval "
                    + fullSweepInterval.toMinutes() + " min)");
        }
        return new RunMode(true, "sync state of " + Duration.ofSeconds(Math.max(0, nowEpochSecond - state.savedAt())).toMinutes()
                + " min ago; last full sweep " + Duration.ofSeconds(age).toMinutes() + " min ago");
    }

    private static RunMode full(String reason) {
        return new RunMode(false, reason);
    }

    public String label() {
        return incremental ? "incremental" : "full";
    }
}
