package io.toggltasksync.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source projects a batch's records named, and the records still waiting for their Toggl project:
 * those whose key has no {@code toggl.project-map} entry while {@code toggl.project-match} is on. Such a
 * record is a task whose {@code projectId} is {@link SourceTask#PROJECT_TO_FIND} until the run finds (or
 * makes) the project, after the workspace's projects were read.
 *
 * @param seen every source project of the batch's tasks, once per key (with the first name a record gave)
 * @param keyOf identity of each waiting task -> its source project key
 */
public record ProjectsToFind(List<SourceProject> seen, Map<String, String> keyOf) {

    public static final ProjectsToFind NONE = new ProjectsToFind(List.of(), Map.of());

    public ProjectsToFind {
        seen = List.copyOf(seen);
        keyOf = Collections.unmodifiableMap(new LinkedHashMap<>(keyOf));
    }

    public boolean waiting() {
        return !keyOf.isEmpty();
    }

    /** Collects the projects while a source reads, in record order. Not thread-safe: one per read. */
    public static final class Builder {
        private final Map<String, SourceProject> seen = new LinkedHashMap<>();
        private final Map<String, String> keyOf = new LinkedHashMap<>();

        /** A task was read: its source project (null when none), and whether it waits for its Toggl project. */
        public void task(SourceTask task, SourceProject project) {
            if (project == null || project.key() == null || project.key().isBlank()) {
                return;
            }
            String key = project.key().trim();
            String name = project.name() == null || project.name().isBlank() ? null : project.name().trim();
            SourceProject known = seen.get(key);
            if (known == null || known.name() == null && name != null) {
                seen.put(key, new SourceProject(key, name));
            }
            if (task.projectId() == SourceTask.PROJECT_TO_FIND) {
                keyOf.put(task.identity(), key);
            }
        }

        public ProjectsToFind build() {
            return seen.isEmpty() ? NONE : new ProjectsToFind(List.copyOf(seen.values()), keyOf);
        }
    }
}
