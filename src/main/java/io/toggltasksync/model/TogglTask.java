package io.toggltasksync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A task as Toggl returns it (only the fields the sync needs). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TogglTask(
        @JsonProperty("id") long id,
        @JsonProperty("workspace_id") Long workspaceId,
        @JsonProperty("project_id") long projectId,
        @JsonProperty("name") String name,
        @JsonProperty("estimated_seconds") Long estimatedSeconds,
        @JsonProperty("active") boolean active,
        @JsonProperty("integration_provider") String integrationProvider,
        @JsonProperty("integration_ext_type") String integrationExtType,
        @JsonProperty("integration_ext_id") String integrationExtId) {

    public boolean hasIntegrationFields() {
        return integrationProvider != null && !integrationProvider.isBlank()
                && integrationExtId != null && !integrationExtId.isBlank();
    }
}
