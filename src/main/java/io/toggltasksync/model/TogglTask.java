package io.toggltasksync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A task as Toggl returns it (only the fields the sync needs).
 *
 * @param at when Toggl last modified it (ISO 8601, Toggl's clock), null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TogglTask(
        @JsonProperty("id") long id,
        @JsonProperty("workspace_id") Long workspaceId,
        @JsonProperty("project_id") long projectId,
        @JsonProperty("name") String name,
        @JsonProperty("estimated_seconds") Long estimatedSeconds,
        @JsonProperty("active") boolean active,
        @JsonProperty("integration_provider") String integrationProvider,
        @JsonProperty("integration_ext_type") String integrationExtType,
        @JsonProperty("integration_ext_id") String integrationExtId,
        @JsonProperty("at") String at) {

    /** A task whose modification time is not known (tests, the sandbox's saved state). */
    public TogglTask(long id, Long workspaceId, long projectId, String name, Long estimatedSeconds, boolean active,
            String integrationProvider, String integrationExtType, String integrationExtId) {
        this(id, workspaceId, projectId, name, estimatedSeconds, active, integrationProvider, integrationExtType, integrationExtId, null);
    }

    /** This task after a write that set its name, estimate and active; when Toggl modified it is then unknown. */
    public TogglTask written(String newName, Long newEstimate, boolean newActive) {
        return new TogglTask(id, workspaceId, projectId, newName, newEstimate, newActive, integrationProvider, integrationExtType,
                integrationExtId, null);
    }

    public boolean hasIntegrationFields() {
        return integrationProvider != null && !integrationProvider.isBlank()
                && integrationExtId != null && !integrationExtId.isBlank();
    }

    /** {@link #at} in UNIX seconds, null when absent or unreadable. */
    public Long atEpochSecond() {
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(at).toEpochSecond();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
