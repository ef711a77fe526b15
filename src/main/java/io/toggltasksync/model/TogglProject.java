package io.toggltasksync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A project of the Toggl workspace as its project list shows it; {@code active} false means archived. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TogglProject(@JsonProperty("id") long id, @JsonProperty("name") String name, @JsonProperty("active") boolean active) {
}
