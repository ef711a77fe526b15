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
public final class BulkPatches {

    /** Re-estimates split into the ones that go in bulk PATCH calls and the ones that stay a PUT each. */
    public record Updates(List<Plan.Update> puts, List<BulkPatch> patches) {
        public int calls() {
            return puts.size() + patches.size();
        }
    }

    private BulkPatches() {
    }

    public static List<BulkPatch> of(List<Plan.Flip> flips, int maxEntries) {
        checkSize(maxEntries);
        Map<String, List<Plan.Flip>> groups = new LinkedHashMap<>();
        for (Plan.Flip flip : flips) {
            groups.computeIfAbsent(flip.existing().projectId() + "/" + flip.active(), k -> new ArrayList<>()).add(flip);
        }
        List<BulkPatch> patches = new ArrayList<>();
        for (List<Plan.Flip> group : groups.values()) {
            Plan.Flip first = group.get(0);
            patches.addAll(chunks(group, maxEntries,
                    part -> new BulkPatch(first.existing().projectId(), first.active(), null, part, List.of())));
        }
        return patches;
    }

    public static int count(List<Plan.Flip> flips, int maxEntries) {
        return of(flips, maxEntries).size();
    }

    /**
     * Splits the plan's updates. A rename is always a PUT (names are unique per project, so no two
     * tasks get the same one). Re-estimates (the name stays) that give two or more tasks of one
     * project the same estimate, and the same {@code active} change if any, share bulk PATCH calls
     * when {@code patchEstimates} is on; a re-estimate that shares nothing stays a PUT (one call
     * either way, and the PUT is the documented route).
     */
    public static Updates updates(List<Plan.Update> updates, int maxEntries, boolean patchEstimates) {
        checkSize(maxEntries);
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
        List<BulkPatch> patches = new ArrayList<>();
        for (List<Plan.Update> group : groups.values()) {
            if (group.size() < 2) {
                puts.addAll(group);
                continue;
            }
            Plan.Update first = group.get(0);
            patches.addAll(chunks(group, maxEntries,
                    part -> new BulkPatch(first.existing().projectId(), activeChange(first), estimate(first), List.of(), part)));
        }
        return new Updates(puts, patches);
    }

    /** The estimate the PUT would send (no estimate = 0, as in {@link TaskPayload#of}). */
    private static long estimate(Plan.Update update) {
        return TaskPayload.of(update.desired()).estimatedSeconds();
    }

    /** The new {@code active} value when the update changes it, else null. */
    private static Boolean activeChange(Plan.Update update) {
        return update.desired().active() == update.existing().active() ? null : update.desired().active();
    }

    static <T> List<BulkPatch> chunks(List<T> items, int maxEntries, Function<List<T>, BulkPatch> make) {
        List<BulkPatch> patches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += maxEntries) {
            patches.add(make.apply(List.copyOf(items.subList(from, Math.min(items.size(), from + maxEntries)))));
        }
        return patches;
    }

    private static void checkSize(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a PATCH needs room for at least 1 entry");
        }
    }
}
