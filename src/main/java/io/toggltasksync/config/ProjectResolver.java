package io.toggltasksync.config;

import java.util.Map;
import java.util.Optional;

/**
 * Finds the Toggl project of a record: the source project key through {@code toggl.project-map},
 * else the default project ({@code toggl.project-id}).
 */
public record ProjectResolver(Long defaultProjectId, Map<String, Long> projectsByKey) {

    public ProjectResolver {
        projectsByKey = Map.copyOf(projectsByKey);
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
