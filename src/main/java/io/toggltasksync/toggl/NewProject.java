package io.toggltasksync.toggl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /workspaces/{wid}/projects}. {@code is_private} is not sent, so the project
 * gets the workspace's default privacy; a null client or colour is left out too (no client, Toggl's colour).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewProject(@JsonProperty("name") String name, @JsonProperty("active") boolean active,
        @JsonProperty("client_id") Long clientId, @JsonProperty("color") String color) {
}
