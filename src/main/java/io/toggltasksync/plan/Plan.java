package io.toggltasksync.plan;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.List;

/**
 * What a sync run will do. Every source record appears in exactly one of {@code creates},
 * {@code updates}, {@code flips} (with a record), {@code unchanged} or {@code conflicts}; managed
 * tasks without a record appear in {@code flips} (record null), {@code deletions} or {@code kept}.
 */
public record Plan(
        List<SourceTask> creates,
        List<Update> updates,
        List<Flip> flips,
        List<TogglTask> deletions,
        List<Unchanged> unchanged,
        List<Conflict> conflicts,
        List<TogglTask> duplicates,
        List<TogglTask> kept,
        Guard guard) {

    /**
     * A PUT: name or estimate changed (the body carries the desired {@code active} too). Re-estimates
     * that share a value may go in a bulk PATCH instead ({@link BulkPatches#updates}).
     */
    public record Update(TogglTask existing, SourceTask desired) {
    }

    /** An {@code active} change, sent in a bulk PATCH. {@code desired} is null for a missing record. */
    public record Flip(TogglTask existing, boolean active, SourceTask desired) {
    }

    public record Unchanged(TogglTask existing, SourceTask desired) {
    }

    /** A record that cannot be written safely; it ends as failed, with the reason. */
    public record Conflict(SourceTask desired, String reason) {
    }

    /**
     * The mass-change guard. {@code missing} counts the deactivations and deletions of tasks whose
     * record is gone; it trips when they reach {@code maxRatio} of {@code managed} (1: never), and
     * then they were left out of the plan.
     */
    public record Guard(boolean tripped, int managed, int missing, double maxRatio) {
        public String describe() {
            return String.format("%d of %d managed tasks have no source record (the guard trips at %.0f%%)",
                    missing, managed, maxRatio * 100);
        }
    }

    public List<Flip> activations() {
        return flips.stream().filter(Flip::active).toList();
    }

    public List<Flip> deactivations() {
        return flips.stream().filter(f -> !f.active()).toList();
    }

    /** Number of write calls this plan needs, given the PATCH batch size and whether re-estimates may share PATCH calls. */
    public int writeCallsNeeded(int patchBatchSize, boolean patchEstimates) {
        return creates.size() + updateCallsNeeded(patchBatchSize, patchEstimates) + deletions.size()
                + BulkPatches.count(flips, patchBatchSize);
    }

    /** The PUTs and shared-estimate PATCHes that carry {@code updates}. */
    public int updateCallsNeeded(int patchBatchSize, boolean patchEstimates) {
        return BulkPatches.updates(updates, patchBatchSize, patchEstimates).calls();
    }

    public boolean writesNothing() {
        return creates.isEmpty() && updates.isEmpty() && flips.isEmpty() && deletions.isEmpty();
    }
}
