package io.toggltasksync.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of a task POST or PUT. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskPayload(
        @JsonProperty("name") String name,
        @JsonProperty("estimated_seconds") Long estimatedSeconds,
        @JsonProperty("active") boolean active,
        @JsonProperty("integration_provider") String integrationProvider,
        @JsonProperty("integration_ext_type") String integrationExtType,
        @JsonProperty("integration_ext_id") String integrationExtId) {

    public static TaskPayload of(SourceTask task) {
        return new TaskPayload(task.name(), task.estimatedSeconds() == null ? 0L : task.estimatedSeconds(), task.active(),
                task.provider().id(), task.provider().extType(), task.externalId());
    }
}
