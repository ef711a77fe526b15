package io.toggltasksync.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups active flips into bulk PATCH calls: one call sets one value on many tasks of one project
 * (the PATCH path names the project), up to the entry limit.
 */
public final class PatchBatches {

    public record Batch(long projectId, boolean active, List<Plan.Flip> flips) {
        public List<Long> taskIds() {
            return flips.stream().map(f -> f.existing().id()).toList();
        }
    }

    private PatchBatches() {
    }

    public static List<Batch> of(List<Plan.Flip> flips, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        Map<String, List<Plan.Flip>> groups = new LinkedHashMap<>();
        for (Plan.Flip flip : flips) {
            groups.computeIfAbsent(flip.existing().projectId() + "/" + flip.active(), k -> new ArrayList<>()).add(flip);
        }
        List<Batch> batches = new ArrayList<>();
        for (List<Plan.Flip> group : groups.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                List<Plan.Flip> chunk = List.copyOf(group.subList(from, Math.min(group.size(), from + batchSize)));
                batches.add(new Batch(chunk.get(0).existing().projectId(), chunk.get(0).active(), chunk));
            }
        }
        return batches;
    }

    public static int count(List<Plan.Flip> flips, int batchSize) {
        return of(flips, batchSize).size();
    }
}
