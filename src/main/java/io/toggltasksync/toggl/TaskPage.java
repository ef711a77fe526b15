package io.toggltasksync.toggl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.toggltasksync.model.TogglTask;
import java.util.List;

/** One page of {@code GET /workspaces/{wid}/tasks}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskPage(List<TogglTask> data, Integer page, Integer perPage, Long totalCount) {

    public List<TogglTask> tasks() {
        return data == null ? List.of() : data;
    }
}
