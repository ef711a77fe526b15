package io.toggltasksync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One bulk PATCH. It holds either flips (it sets {@code active}) or re-estimates (it sets
 * {@code estimated_seconds}, and {@code active} when those tasks also change it), never both.
 */
public record BulkPatch(long projectId, Boolean active, Long estimatedSeconds, List<Plan.Flip> flips, List<Plan.Update> updates) {

    public List<Long> taskIds() {
        List<Long> ids = new ArrayList<>(size());
        flips.forEach(f -> ids.add(f.existing().id()));
        updates.forEach(u -> ids.add(u.existing().id()));
        return ids;
    }

    public int size() {
        return flips.size() + updates.size();
    }

    public boolean setsEstimate() {
        return estimatedSeconds != null;
    }

    /** The PATCH body: one replace per field. */
    public List<Map<String, Object>> operations() {
        List<Map<String, Object>> ops = new ArrayList<>(2);
        if (estimatedSeconds != null) {
            ops.add(Map.of("op", "replace", "path", "/estimated_seconds", "value", estimatedSeconds));
        }
        if (active != null) {
            ops.add(Map.of("op", "replace", "path", "/active", "value", active));
        }
        return ops;
    }

    /** The same operations on fewer tasks, for splitting a batch that is over the entry limit. */
    public List<BulkPatch> split(int maxEntries) {
        return setsEstimate() ? BulkPatches.chunks(updates, maxEntries, this::withUpdates) : BulkPatches.chunks(flips, maxEntries, this::withFlips);
    }

    private BulkPatch withFlips(List<Plan.Flip> part) {
        return new BulkPatch(projectId, active, estimatedSeconds, part, List.of());
    }

    private BulkPatch withUpdates(List<Plan.Update> part) {
        return new BulkPatch(projectId, active, estimatedSeconds, List.of(), part);
    }
}
