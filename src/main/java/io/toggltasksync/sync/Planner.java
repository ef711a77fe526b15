package io.toggltasksync.sync;

import io.toggltasksync.model.Identity;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The heart of the sync: desired records × Toggl snapshot → {@link Plan}. Pure: no I/O, no Camel.
 *
 * <p>Identity rules, in order:
 * <ol>
 *   <li>a task whose {@code integration_provider} is {@code jira} or {@code csv} and whose
 *       {@code integration_ext_id} is set belongs to that record, and is <em>managed</em>;</li>
 *   <li>a task without integration fields (Toggl may not keep them) whose name starts with a Jira
 *       issue key of a project this run reads is the Jira record of that key, and is managed;</li>
 *   <li>a task without integration fields whose exact name equals a generic CSV record's name in
 *       the same project is that record (adopted, not otherwise managed);</li>
 *   <li>anything else (hand-made tasks, other integrations) is never touched.</li>
 * </ol>
 */
public final class Planner {

    public record Options(MissingPolicy missing, double maxMissingRatio, Set<String> jiraProjectKeys) {
        public Options {
            Objects.requireNonNull(missing);
            jiraProjectKeys = Set.copyOf(jiraProjectKeys);
        }
    }

    private Planner() {
    }

    public static Plan plan(List<SourceTask> desired, List<TogglTask> snapshot, Options options) {
        // identity -> tasks claiming it (managed tasks only)
        Map<String, List<TogglTask>> byIdentity = new LinkedHashMap<>();
        // "pid/name" -> task, for tasks without integration fields (generic name identity)
        Map<String, TogglTask> unlinkedByName = new HashMap<>();
        // "pid/name" -> id of the task holding that name now (or planned to): names are unique per project
        Map<String, Long> nameHolders = new HashMap<>();

        for (TogglTask task : snapshot) {
            nameHolders.put(nameKey(task.projectId(), task.name()), task.id());
            String identity = managedIdentity(task, options.jiraProjectKeys());
            if (identity != null) {
                byIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).add(task);
            } else if (!task.hasIntegrationFields()) {
                unlinkedByName.putIfAbsent(nameKey(task.projectId(), task.name()), task);
            }
        }

        List<SourceTask> creates = new ArrayList<>();
        List<Plan.Update> updates = new ArrayList<>();
        List<Plan.Flip> flips = new ArrayList<>();
        List<Plan.Unchanged> unchanged = new ArrayList<>();
        List<Plan.Conflict> conflicts = new ArrayList<>();
        List<TogglTask> duplicates = new ArrayList<>();
        Set<Long> claimed = new HashSet<>();
        List<TogglTask> movedAway = new ArrayList<>();

        for (SourceTask record : desired) {
            List<TogglTask> candidates = new ArrayList<>(byIdentity.getOrDefault(record.identity(), List.of()));
            if (record.provider() == Provider.CSV) {
                TogglTask byName = unlinkedByName.get(nameKey(record.projectId(), record.name()));
                if (byName != null && !claimed.contains(byName.id())) {
                    candidates.add(byName);
                }
            }
            candidates.removeIf(t -> claimed.contains(t.id()));
            candidates.forEach(t -> claimed.add(t.id()));

            List<TogglTask> inProject = candidates.stream()
                    .filter(t -> t.projectId() == record.projectId())
                    .sorted(Comparator.comparing((TogglTask t) -> !t.active()).thenComparingLong(TogglTask::id))
                    .toList();
            // The record moved to another project: its old task is handled like a missing one.
            candidates.stream().filter(t -> t.projectId() != record.projectId()).forEach(movedAway::add);

            if (inProject.isEmpty()) {
                String key = nameKey(record.projectId(), record.name());
                Long holder = nameHolders.get(key);
                if (holder != null) {
                    conflicts.add(new Plan.Conflict(record, nameTaken(record, holder)));
                } else {
                    nameHolders.put(key, -record.line());
                    creates.add(record);
                }
                continue;
            }

            TogglTask existing = inProject.get(0);
            // Two tasks claim one identity (a rename that created a copy, say): keep the first, report the rest.
            duplicates.addAll(inProject.subList(1, inProject.size()));

            boolean renamed = !record.name().equals(existing.name());
            boolean reestimated = estimate(record.estimatedSeconds()) != estimate(existing.estimatedSeconds());
            if (renamed) {
                String key = nameKey(record.projectId(), record.name());
                Long holder = nameHolders.get(key);
                if (holder != null && holder != existing.id()) {
                    conflicts.add(new Plan.Conflict(record, nameTaken(record, holder)));
                    continue;
                }
                nameHolders.remove(nameKey(existing.projectId(), existing.name()), existing.id());
                nameHolders.put(key, existing.id());
            }
            if (renamed || reestimated) {
                updates.add(new Plan.Update(existing, record));
            } else if (record.active() != existing.active()) {
                flips.add(new Plan.Flip(existing, record.active(), record));
            } else {
                unchanged.add(new Plan.Unchanged(existing, record));
            }
        }

        // Managed tasks whose record is gone (or moved to another project).
        List<TogglTask> missing = new ArrayList<>(movedAway);
        byIdentity.values().forEach(tasks -> tasks.stream().filter(t -> !claimed.contains(t.id())).forEach(missing::add));
        missing.sort(Comparator.comparingLong(TogglTask::id));

        List<Plan.Flip> missingFlips = new ArrayList<>();
        List<TogglTask> deletions = new ArrayList<>();
        List<TogglTask> kept = new ArrayList<>();
        for (TogglTask task : missing) {
            switch (options.missing()) {
                case DEACTIVATE -> {
                    if (task.active()) {
                        missingFlips.add(new Plan.Flip(task, false, null));
                    }
                }
                case DELETE -> deletions.add(task);
                case KEEP -> kept.add(task);
            }
        }

        int affectable = (int) byIdentity.values().stream().flatMap(List::stream)
                .filter(t -> options.missing() != MissingPolicy.DEACTIVATE || t.active())
                .count();
        int missingActions = missingFlips.size() + deletions.size();
        boolean tripped = missingActions > 0 && missingActions > options.maxMissingRatio() * affectable;
        if (tripped) {
            kept.addAll(missingFlips.stream().map(Plan.Flip::existing).toList());
            kept.addAll(deletions);
            missingFlips.clear();
            deletions.clear();
        } else {
            flips.addAll(missingFlips);
        }

        return new Plan(List.copyOf(creates), List.copyOf(updates), List.copyOf(flips), List.copyOf(deletions),
                List.copyOf(unchanged), List.copyOf(conflicts), List.copyOf(duplicates), List.copyOf(kept),
                new Plan.Guard(tripped, affectable, missingActions, options.maxMissingRatio()));
    }

    /** The identity of a task we manage, or null for tasks that are not ours. */
    static String managedIdentity(TogglTask task, Set<String> jiraProjectKeys) {
        if (task.hasIntegrationFields()) {
            Provider provider = Provider.fromId(task.integrationProvider());
            return provider == null ? null : Identity.of(provider, task.integrationExtId());
        }
        String issueKey = Identity.leadingIssueKey(task.name());
        if (issueKey != null && jiraProjectKeys.contains(Identity.projectKeyOf(issueKey))) {
            return Identity.of(Provider.JIRA, issueKey);
        }
        return null;
    }

    private static long estimate(Long seconds) {
        // Toggl answers null or 0 for "no estimate"; treat both alike so they cause no churn.
        return seconds == null ? 0L : seconds;
    }

    private static String nameKey(long projectId, String name) {
        return projectId + "/" + name;
    }

    private static String nameTaken(SourceTask record, long holder) {
        return holder < 0
                ? "name '" + record.name() + "' is also wanted by the record on line " + (-holder) + " (names are unique per project)"
                : "name '" + record.name() + "' is already used in project " + record.projectId() + " by task " + holder
                        + ", which is not linked to this record";
    }
}
