package io.toggltasksync.config;

import java.util.Map;
import java.util.Optional;

/**
 * Finds the Toggl project of a record while its source is read: the source project key through
 * {@code toggl.project-map}, else the default project ({@code toggl.project-id}). With
 * {@code toggl.project-match} on, a key without a map entry {@link #defers} instead: its Toggl project is
 * found by name once every record was read and the workspace's projects are known.
 */
public record ProjectResolver(Long defaultProjectId, Map<String, Long> projectsByKey, boolean matchByName) {

    public ProjectResolver {
        projectsByKey = Map.copyOf(projectsByKey);
    }

    /** Map and default only, as with {@code toggl.project-match=off}. */
    public ProjectResolver(Long defaultProjectId, Map<String, Long> projectsByKey) {
        this(defaultProjectId, projectsByKey, false);
    }

    /** Whether a record of this source project key waits for the project list: matching is on and the key has no map entry. */
    public boolean defers(String projectKey) {
        return matchByName && projectKey != null && !projectKey.isBlank() && !projectsByKey.containsKey(projectKey.trim());
    }

    /** The project for a source project key (may be null or blank), or empty when there is none. */
    public Optional<Long> resolve(String projectKey) {
        if (projectKey != null && !projectKey.isBlank()) {
            Long mapped = projectsByKey.get(projectKey.trim());
            if (mapped != null) {
                return Optional.of(mapped);
            }
        }
        return Optional.ofNullable(defaultProjectId);
    }
}
