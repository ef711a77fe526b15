package io.toggltasksync.apply;

/**
 * What this run learned of Toggl's bulk PATCH: the entry limit (from {@code toggl.patch-batch-size},
 * lowered when Toggl names a smaller one), and whether it refused {@code /estimated_seconds}.
 */
final class PatchLimits {

    private volatile int limit;
    private volatile boolean estimatesRefused;

    PatchLimits(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    void limit(int newLimit) {
        this.limit = Math.max(1, newLimit);
    }

    /** Toggl refused a bulk PATCH of {@code /estimated_seconds}: the rest of this run's re-estimates go as PUTs. */
    boolean estimatesRefused() {
        return estimatesRefused;
    }

    void refuseEstimates() {
        this.estimatesRefused = true;
    }
}
