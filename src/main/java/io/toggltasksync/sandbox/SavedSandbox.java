package io.toggltasksync.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.TogglTask;
import java.util.List;

/**
 * What {@code sandbox.state-file} keeps between runs: the projects (those made through the API
 * too, so that a rerun finds them instead of making them again) and the tasks. A file of an older
 * version is a bare array of tasks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SavedSandbox(@JsonProperty("projects") List<SavedProject> projects, @JsonProperty("tasks") List<TogglTask> tasks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SavedProject(@JsonProperty("workspace_id") long workspaceId, @JsonProperty("id") long id, @JsonProperty("name") String name,
            @JsonProperty("archived") boolean archived) {
    }
}
