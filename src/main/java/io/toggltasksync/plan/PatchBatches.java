package io.toggltasksync.plan;

import io.toggltasksync.model.TaskPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups changes that set the same fields to the same values on several tasks of one project into
 * bulk PATCH calls (one call applies the same operations to every listed task; the path names the
 * project), up to the entry limit: active flips, and re-estimates that share an estimate.
 */
public final class PatchBatches {

    /**
     * One bulk PATCH. It holds either flips (it sets {@code active}) or re-estimates (it sets
     * {@code estimated_seconds}, and {@code active} when those tasks also change it), never both.
     */
    public record Batch(long projectId, Boolean active, Long estimatedSeconds, List<Plan.Flip> flips, List<Plan.Update> updates) {

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
        public List<Batch> split(int batchSize) {
            return setsEstimate() ? chunks(updates, batchSize, this::withUpdates) : chunks(flips, batchSize, this::withFlips);
        }

        private Batch withFlips(List<Plan.Flip> part) {
            return new Batch(projectId, active, estimatedSeconds, part, List.of());
        }

        private Batch withUpdates(List<Plan.Update> part) {
            return new Batch(projectId, active, estimatedSeconds, List.of(), part);
        }
    }

    /** Re-estimates split into the ones that go in bulk PATCH calls and the ones that stay a PUT each. */
    public record Updates(List<Plan.Update> puts, List<Batch> batches) {
        public int calls() {
            return puts.size() + batches.size();
        }
    }

    private PatchBatches() {
    }

    public static List<Batch> of(List<Plan.Flip> flips, int batchSize) {
        checkSize(batchSize);
        Map<String, List<Plan.Flip>> groups = new LinkedHashMap<>();
        for (Plan.Flip flip : flips) {
            groups.computeIfAbsent(flip.existing().projectId() + "/" + flip.active(), k -> new ArrayList<>()).add(flip);
        }
        List<Batch> batches = new ArrayList<>();
        for (List<Plan.Flip> group : groups.values()) {
            Plan.Flip first = group.get(0);
            batches.addAll(chunks(group, batchSize,
                    part -> new Batch(first.existing().projectId(), first.active(), null, part, List.of())));
        }
        return batches;
    }

    public static int count(List<Plan.Flip> flips, int batchSize) {
        return of(flips, batchSize).size();
    }

    /**
     * Splits the plan's updates. A rename is always a PUT (names are unique per project, so no two
     * tasks get the same one). Re-estimates (the name stays) that give two or more tasks of one
     * project the same estimate, and the same {@code active} change if any, share bulk PATCH calls
     * when {@code patchEstimates} is on; a re-estimate that shares nothing stays a PUT (one call
     * either way, and the PUT is the documented route).
     */
    public static Updates updates(List<Plan.Update> updates, int batchSize, boolean patchEstimates) {
        checkSize(batchSize);
        if (!patchEstimates) {
            return new Updates(updates, List.of());
        }
        Map<String, List<Plan.Update>> groups = new LinkedHashMap<>();
        List<Plan.Update> puts = new ArrayList<>();
        for (Plan.Update update : updates) {
            if (!update.desired().name().equals(update.existing().name())) {
                puts.add(update);
                continue;
            }
            groups.computeIfAbsent(update.existing().projectId() + "/" + estimate(update) + "/" + activeChange(update),
                    k -> new ArrayList<>()).add(update);
        }
        List<Batch> batches = new ArrayList<>();
        for (List<Plan.Update> group : groups.values()) {
            if (group.size() < 2) {
                puts.addAll(group);
                continue;
            }
            Plan.Update first = group.get(0);
            batches.addAll(chunks(group, batchSize,
                    part -> new Batch(first.existing().projectId(), activeChange(first), estimate(first), List.of(), part)));
        }
        return new Updates(puts, batches);
    }

    /** The estimate the PUT would send (no estimate = 0, as in {@link TaskPayload#of}). */
    private static long estimate(Plan.Update update) {
        return TaskPayload.of(update.desired()).estimatedSeconds();
    }

    /** The new {@code active} value when the update changes it, else null. */
    private static Boolean activeChange(Plan.Update update) {
        return update.desired().active() == update.existing().active() ? null : update.desired().active();
    }

    private static <T> List<Batch> chunks(List<T> items, int batchSize, Function<List<T>, Batch> make) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += batchSize) {
            batches.add(make.apply(List.copyOf(items.subList(from, Math.min(items.size(), from + batchSize)))));
        }
        return batches;
    }

    private static void checkSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }
}
