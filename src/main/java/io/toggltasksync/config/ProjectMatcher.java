package io.toggltasksync.config;

import io.toggltasksync.config.ProjectMatchRule.Form;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.TogglProject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which Toggl project each Jira project goes to, before any write: an explicit {@code toggl.project-map}
 * entry wins; else the first form of the {@link ProjectMatchRule} that names exactly one Toggl project
 * (trimmed, case-insensitive). It never guesses: a name several projects share, or two Jira projects
 * landing on one Toggl project by the rule, is a refusal that stops the run. A match that is archived is
 * never written into: its records are skipped with the reason. Pure: no I/O, no Toggl, no run.
 */
public final class ProjectMatcher {

    /** How a Jira project found its Toggl project. */
    public enum Via {
        MAP, KEY, NAME_KEY
    }

    /** A Jira project's Toggl project; {@code projectName} is null for a map entry not in the list. */
    public record Match(String projectKey, long projectId, String projectName, Via via) {
    }

    /**
     * @param matched  the keys with an active project (or a map entry) to write into
     * @param skipped  the keys whose match is archived, with the reason their records are skipped
     * @param unmatched the keys with neither nor a refusal (their records go where they go today: the default project, or rejected)
     * @param refusals why the run must stop before any write; empty when it may go on
     */
    public record Result(Map<String, Match> matched, Map<String, String> skipped, List<String> unmatched,
                         List<String> refusals) {

        public Result {
            matched = Collections.unmodifiableMap(new LinkedHashMap<>(matched));
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
            unmatched = List.copyOf(unmatched);
            refusals = List.copyOf(refusals);
        }

        public boolean refused() {
            return !refusals.isEmpty();
        }

        /** The Toggl project id for a key, when it has an active one or a map entry. */
        public Optional<Long> projectOf(String jiraKey) {
            Match m = jiraKey == null ? null : matched.get(jiraKey.trim());
            return m == null ? Optional.empty() : Optional.of(m.projectId());
        }
    }

    private ProjectMatcher() {
    }

    /** True when some Jira project has no map entry and the rule is on: only then is the project list worth a read. */
    public static boolean needsProjectList(ProjectMatchRule rule, Map<String, Long> projectMap, Collection<SourceProject> jira) {
        return !rule.off() && jira.stream()
                .map(p -> p.key() == null ? "" : p.key().trim())
                .anyMatch(k -> !k.isEmpty() && !projectMap.containsKey(k));
    }

    public static Result match(ProjectMatchRule rule, Map<String, Long> projectMap, Collection<SourceProject> jira,
                               List<TogglProject> toggl) {
        Map<String, Match> matched = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Map<String, Match> found = new LinkedHashMap<>();

        for (Map.Entry<String, String> p : byKey(jira).entrySet()) {
            String key = p.getKey();
            Long mapped = projectMap.get(key);
            if (mapped != null) {
                found.put(key, new Match(key, mapped, nameOf(mapped, toggl), Via.MAP));
                continue;
            }
            int refusedBefore = refusals.size();
            Match m = byRule(rule, key, p.getValue(), toggl, refusals);
            if (m != null) {
                found.put(key, m);
            } else if (refusals.size() == refusedBefore) {
                unmatched.add(key);
            }
        }
        // every map entry counts, seen in this read or not: an incremental read sees only the projects that changed
        List<Match> claims = new ArrayList<>(found.values());
        projectMap.forEach((key, id) -> {
            if (!found.containsKey(key)) {
                claims.add(new Match(key, id, nameOf(id, toggl), Via.MAP));
            }
        });
        refusals.addAll(collisions(claims));

        for (Match m : found.values()) {
            TogglProject project = m.via() == Via.MAP ? null : byId(m.projectId(), toggl);
            if (project != null && !project.active()) {
                skipped.put(m.projectKey(), "Toggl project '" + project.name() + "' (id " + project.id() + ", matched for Jira project "
                        + m.projectKey() + " by " + word(m.via()) + ") is archived: its records are not written; restore the project "
                        + "in Toggl or map " + m.projectKey() + " in toggl.project-map");
            } else {
                matched.put(m.projectKey(), m);
            }
        }
        return new Result(matched, skipped, unmatched, refusals);
    }

    /** The distinct trimmed keys in order, each with the first non-blank name a record gave. */
    private static Map<String, String> byKey(Collection<SourceProject> jira) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (SourceProject p : jira) {
            String key = p.key() == null ? "" : p.key().trim();
            if (key.isEmpty()) {
                continue;
            }
            String name = p.name() == null || p.name().isBlank() ? null : p.name().trim();
            keys.merge(key, name == null ? "" : name, (old, now) -> old.isEmpty() ? now : old);
        }
        return keys;
    }

    private static Match byRule(ProjectMatchRule rule, String key, String name, List<TogglProject> toggl, List<String> refusals) {
        for (Form form : rule.forms()) {
            String expected = form.expectedName(key, name);
            if (expected == null) {
                continue;
            }
            List<TogglProject> hits = toggl.stream()
                    .filter(t -> t.name() != null && t.name().trim().equalsIgnoreCase(expected))
                    .toList();
            if (hits.size() == 1) {
                return new Match(key, hits.get(0).id(), hits.get(0).name(), form == Form.KEY ? Via.KEY : Via.NAME_KEY);
            }
            if (hits.size() > 1) {
                refusals.add("Jira project " + key + ": " + hits.size() + " Toggl projects are named '" + expected
                        + "' (case-insensitive): " + describe(hits) + "; rename all but one in Toggl or map " + key
                        + " in toggl.project-map");
                return null;
            }
        }
        return null;
    }

    /** Two Jira projects on one Toggl project, unless every one of them is an explicit map entry (a choice, not an accident). */
    private static List<String> collisions(Collection<Match> found) {
        Map<Long, List<Match>> byProject = new TreeMap<>();
        found.forEach(m -> byProject.computeIfAbsent(m.projectId(), id -> new ArrayList<>()).add(m));
        List<String> refusals = new ArrayList<>();
        for (List<Match> same : byProject.values()) {
            if (same.size() < 2 || same.stream().allMatch(m -> m.via() == Via.MAP)) {
                continue;
            }
            Match first = same.get(0);
            String who = same.stream().map(m -> m.projectKey() + " (by " + word(m.via()) + ")").collect(Collectors.joining(", "));
            refusals.add("Jira projects " + who + " all resolve to Toggl project "
                    + (first.projectName() == null ? "" : "'" + first.projectName() + "' ") + "(id " + first.projectId()
                    + "): map each of them in toggl.project-map or rename the Toggl projects");
        }
        return refusals;
    }

    private static String describe(List<TogglProject> hits) {
        TreeSet<String> parts = new TreeSet<>();
        hits.forEach(h -> parts.add("'" + h.name() + "' (id " + h.id() + (h.active() ? "" : ", archived") + ")"));
        return String.join(", ", parts);
    }

    private static String word(Via via) {
        return switch (via) {
            case MAP -> "toggl.project-map";
            case KEY -> "key";
            case NAME_KEY -> "name (key)";
        };
    }

    private static String nameOf(long id, List<TogglProject> toggl) {
        TogglProject p = byId(id, toggl);
        return p == null ? null : p.name();
    }

    private static TogglProject byId(long id, List<TogglProject> toggl) {
        return toggl.stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }
}
