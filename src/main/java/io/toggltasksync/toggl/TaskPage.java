package io.toggltasksync.toggl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.TogglTask;
import java.util.List;

/** One page of {@code GET /workspaces/{wid}/tasks}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskPage(
        @JsonProperty("data") List<TogglTask> data,
        @JsonProperty("page") Integer page,
        @JsonProperty("per_page") Integer perPage,
        @JsonProperty("total_count") Long totalCount) {

    public List<TogglTask> tasks() {
        return data == null ? List.of() : data;
    }
}
