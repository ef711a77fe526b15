package io.toggltasksync.plan;

import io.toggltasksync.model.Identity;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.MissingPolicy;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 *   <li>a task whose {@code integration_provider} is one of {@link Provider}'s and whose
 *       {@code integration_ext_id} is set belongs to that record, and is <em>managed</em>;</li>
 *   <li>a task without integration fields (Toggl may not keep them) whose name the source's
 *       {@link IdentityRule} claims (a key of a project this run reads leads it) is that record, and is managed;</li>
 *   <li>a task without integration fields whose exact name equals a CSV record's name in
 *       the same project is that record (adopted, not otherwise managed);</li>
 *   <li>anything else (hand-made tasks, other integrations) is never touched.</li>
 * </ol>
 */
public final class Planner {

    /**
     * @param scope the identities this plan decides about, null for all. A scoped plan (one
     *        event) leaves the managed tasks of other identities alone: they only hold their names,
     *        and are neither missing nor kept. Its one deliberate change (an issue deleted) is not
     *        a mass change, so the guard does not apply to it.
     */
    public record Options(MissingPolicy missing, double maxMissingRatio, IdentityRule identityRule, Set<String> scope) {
        public Options {
            Objects.requireNonNull(missing);
            Objects.requireNonNull(identityRule);
            scope = scope == null ? null : Set.copyOf(scope);
        }

        public Options(MissingPolicy missing, double maxMissingRatio, IdentityRule identityRule) {
            this(missing, maxMissingRatio, identityRule, null);
        }

        boolean inScope(String identity) {
            return scope == null || scope.contains(identity);
        }
    }

    private Planner() {
    }

    public static Plan plan(List<SourceTask> desired, List<TogglTask> snapshot, Options options) {
        Matching matching = new Matching(snapshot, options.identityRule());
        desired.forEach(matching::match);
        Missing missing = Missing.of(matching, options);

        // Names are unique per project. Deletions are sent first and free their names; a rename is
        // planned once its new name is free (so chains work whatever the record order); what stays
        // blocked (taken by another task, a swap, two records wanting one name) conflicts. A moved
        // record that cannot be created in its new project keeps its old task, and so its old name:
        // then the names are worked out again without that deletion.
        Set<Long> keepOld = new HashSet<>();
        Names names;
        while (true) {
            names = assignNames(snapshot, missing.deletions(), keepOld, matching.wantRename, matching.wantCreate);
            Set<Long> more = new HashSet<>();
            names.conflicts().forEach(c -> matching.movedAwayByRecord.getOrDefault(c.desired().identity(), List.of())
                    .forEach(t -> more.add(t.id())));
            if (keepOld.containsAll(more)) {
                break;
            }
            keepOld.addAll(more);
        }
        List<Plan.Update> updates = new ArrayList<>(names.renames());
        updates.addAll(matching.reestimates);
        List<Plan.Conflict> conflicts = new ArrayList<>(names.conflicts());
        conflicts.sort(Comparator.comparingLong(c -> c.desired().line()));
        List<Plan.Flip> flips = new ArrayList<>(matching.flips);
        missing.flips().stream().filter(f -> !keepOld.contains(f.existing().id())).forEach(flips::add);
        List<TogglTask> deletions = missing.deletions().stream().filter(t -> !keepOld.contains(t.id())).toList();

        return new Plan(List.copyOf(names.creates()), List.copyOf(updates), List.copyOf(flips), deletions,
                List.copyOf(matching.unchanged), List.copyOf(conflicts), List.copyOf(matching.duplicates), List.copyOf(missing.kept()),
                missing.guard());
    }

    /**
     * Step 1: every record matched to its task, if it has one, by the identity rules; what the
     * match asks for (create, rename, re-estimate, flip, nothing), and which tasks were claimed.
     */
    private static final class Matching {
        /** identity -> tasks claiming it (managed tasks only) */
        final Map<String, List<TogglTask>> byIdentity = new LinkedHashMap<>();
        /** tasks without integration fields, by name (generic name identity) */
        final Map<NameKey, TogglTask> unlinkedByName = new HashMap<>();
        final List<SourceTask> wantCreate = new ArrayList<>();
        final List<Plan.Update> wantRename = new ArrayList<>();
        final List<Plan.Update> reestimates = new ArrayList<>();
        final List<Plan.Flip> flips = new ArrayList<>();
        final List<Plan.Unchanged> unchanged = new ArrayList<>();
        final List<TogglTask> duplicates = new ArrayList<>();
        /** by object identity: each snapshot task is one object (no boxing of 100,000 ids) */
        final Set<TogglTask> claimed;
        /** records that moved to another project: their old tasks are handled like missing ones */
        final Map<String, List<TogglTask>> movedAwayByRecord = new HashMap<>();

        Matching(List<TogglTask> snapshot, IdentityRule rule) {
            claimed = Collections.newSetFromMap(new IdentityHashMap<>(snapshot.size()));
            for (TogglTask task : snapshot) {
                String identity = managedIdentity(task, rule);
                if (identity != null) {
                    byIdentity.computeIfAbsent(identity, k -> new ArrayList<>(1)).add(task);
                } else if (!task.hasIntegrationFields()) {
                    unlinkedByName.putIfAbsent(nameKey(task.projectId(), task.name()), task);
                }
            }
        }

        void match(SourceTask record) {
            List<TogglTask> inProject = claim(record);
            if (inProject.isEmpty()) {
                wantCreate.add(record);
                return;
            }
            TogglTask existing = inProject.get(0);
            // Two tasks claim one identity (a rename that created a copy, say): keep one, report the rest.
            duplicates.addAll(inProject.subList(1, inProject.size()));

            boolean renamed = !record.name().equals(existing.name());
            boolean reestimated = estimate(record.estimatedSeconds()) != estimate(existing.estimatedSeconds());
            if (renamed) {
                wantRename.add(new Plan.Update(existing, record));
            } else if (reestimated) {
                reestimates.add(new Plan.Update(existing, record));
            } else if (record.active() != existing.active()) {
                flips.add(new Plan.Flip(existing, record.active(), record));
            } else {
                unchanged.add(new Plan.Unchanged(existing, record));
            }
        }

        /** Claims the record's tasks; answers those in its project, the one to keep first. */
        private List<TogglTask> claim(SourceTask record) {
            String identity = record.identity();
            List<TogglTask> candidates = new ArrayList<>(2);
            for (TogglTask t : byIdentity.getOrDefault(identity, List.of())) {
                if (!claimed.contains(t)) {
                    candidates.add(t);
                }
            }
            if (record.provider().adoptsByName() && candidates.stream().noneMatch(t -> t.projectId() == record.projectId())) {
                // Rule 3 only where rule 1 found nothing in the record's project.
                TogglTask byName = unlinkedByName.get(nameKey(record.projectId(), record.name()));
                if (byName != null && !claimed.contains(byName)) {
                    candidates.add(byName);
                }
            }
            List<TogglTask> inProject = new ArrayList<>(candidates.size());
            List<TogglTask> away = new ArrayList<>(0);
            for (TogglTask t : candidates) {
                claimed.add(t);
                (t.projectId() == record.projectId() ? inProject : away).add(t);
            }
            if (inProject.size() > 1) {
                // Prefer the task that already has the wanted name, then the oldest: a choice that
                // stays the same on the next run.
                inProject.sort(Comparator.comparing((TogglTask t) -> !t.name().equals(record.name())).thenComparingLong(TogglTask::id));
            }
            if (!away.isEmpty()) {
                movedAwayByRecord.put(identity, away);
            }
            return inProject;
        }
    }

    /**
     * Step 2: managed tasks whose record is gone (or moved to another project), by
     * {@code sync.missing}, and the guard that keeps them all when too many would go.
     */
    private record Missing(List<Plan.Flip> flips, List<TogglTask> deletions, List<TogglTask> kept, Plan.Guard guard) {

        static Missing of(Matching matching, Options options) {
            List<TogglTask> missing = new ArrayList<>();
            matching.movedAwayByRecord.forEach((identity, tasks) -> {
                if (options.inScope(identity)) {
                    missing.addAll(tasks);
                }
            });
            matching.byIdentity.forEach((identity, tasks) -> {
                if (options.inScope(identity)) {
                    tasks.stream().filter(t -> !matching.claimed.contains(t)).forEach(missing::add);
                }
            });
            missing.sort(Comparator.comparingLong(TogglTask::id));

            List<Plan.Flip> flips = new ArrayList<>();
            List<TogglTask> deletions = new ArrayList<>();
            List<TogglTask> kept = new ArrayList<>();
            for (TogglTask task : missing) {
                switch (options.missing()) {
                    case DEACTIVATE -> {
                        if (task.active()) {
                            flips.add(new Plan.Flip(task, false, null));
                        }
                    }
                    case DELETE -> deletions.add(task);
                    case KEEP -> kept.add(task);
                }
            }
            int affectable = (int) matching.byIdentity.values().stream().flatMap(List::stream)
                    .filter(t -> options.missing() != MissingPolicy.DEACTIVATE || t.active())
                    .count();
            int actions = flips.size() + deletions.size();
            // Reaching the limit trips the guard: at 0.5, 5 of 10 is already too many (at most 4 go).
            // 1 is no guard at all: the one-run override when every task really is gone.
            // ceil with a small epsilon: 0.3 * 10 must trip at 3, not at 3.0000000000000004
            long tripsAt = (long) Math.ceil(options.maxMissingRatio() * affectable - 1e-9);
            boolean tripped = options.scope() == null && options.maxMissingRatio() < 1 && actions > 0 && actions >= tripsAt;
            if (tripped) {
                kept.addAll(flips.stream().map(Plan.Flip::existing).toList());
                kept.addAll(deletions);
                flips.clear();
                deletions.clear();
            }
            return new Missing(flips, deletions, kept, new Plan.Guard(tripped, affectable, actions, options.maxMissingRatio()));
        }
    }

    private record Names(List<Plan.Update> renames, List<SourceTask> creates, List<Plan.Conflict> conflicts) {
    }

    private static Names assignNames(List<TogglTask> snapshot, List<TogglTask> deletions, Set<Long> keptDeletions,
            List<Plan.Update> wantRename, List<SourceTask> wantCreate) {
        // name -> the task or record holding it (described only when a conflict is reported)
        Map<NameKey, Object> holders = new HashMap<>(snapshot.size() * 2);
        for (TogglTask task : snapshot) {
            holders.put(nameKey(task.projectId(), task.name()), task);
        }
        deletions.stream().filter(t -> !keptDeletions.contains(t.id())).forEach(t -> holders.remove(nameKey(t.projectId(), t.name())));
        List<Plan.Update> renames = new ArrayList<>();
        List<Plan.Conflict> conflicts = new ArrayList<>();
        List<Plan.Update> pending = new ArrayList<>(wantRename);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Plan.Update u = it.next();
                NameKey target = nameKey(u.desired().projectId(), u.desired().name());
                if (!holders.containsKey(target)) {
                    holders.remove(nameKey(u.existing().projectId(), u.existing().name()));
                    holders.put(target, u.existing());
                    renames.add(u);
                    it.remove();
                    progress = true;
                }
            }
        }
        for (Plan.Update u : pending) {
            conflicts.add(new Plan.Conflict(u.desired(), nameTaken(u.desired(), holders)));
        }
        List<SourceTask> creates = new ArrayList<>();
        for (SourceTask record : wantCreate) {
            NameKey target = nameKey(record.projectId(), record.name());
            if (holders.containsKey(target)) {
                conflicts.add(new Plan.Conflict(record, nameTaken(record, holders)));
            } else {
                holders.put(target, record);
                creates.add(record);
            }
        }
        return new Names(renames, creates, conflicts);
    }

    /** The identity of a task we manage, or null for tasks that are not ours. */
    public static String managedIdentity(TogglTask task, IdentityRule rule) {
        if (task.hasIntegrationFields()) {
            Provider provider = Provider.fromId(task.integrationProvider());
            return provider == null ? null : Identity.of(provider, task.integrationExtId());
        }
        return rule.identityOf(task.name());
    }

    private static long estimate(Long seconds) {
        // Toggl answers null or 0 for "no estimate"; treat both alike so they cause no churn.
        return seconds == null ? 0L : seconds;
    }

    /** A task name within its project (names are unique per project). */
    private record NameKey(long projectId, String name) {
    }

    private static NameKey nameKey(long projectId, String name) {
        return new NameKey(projectId, name);
    }

    private static String nameTaken(SourceTask record, Map<NameKey, Object> holders) {
        Object holder = holders.get(nameKey(record.projectId(), record.name()));
        String by = holder instanceof TogglTask task ? "task " + task.id() : "the record on line " + ((SourceTask) holder).line();
        return "name '" + record.name() + "' is already used in project " + record.projectId() + " by " + by
                + " (names are unique per project)";
    }
}
