package io.toggltasksync.toggl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /workspaces/{wid}}, the fields the worklog sync needs: whether the token's user is a workspace
 * admin, without whom the reports show only the user's own time entries.
 *
 * @param admin null when Toggl did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TogglWorkspace(
        @JsonProperty("id") long id,
        @JsonProperty("name") String name,
        @JsonProperty("premium") Boolean premium,
        @JsonProperty("admin") Boolean admin) {

    /** Whether the reports show every user's entries to this token; unknown counts as no (never assume more). */
    public boolean seesEveryonesEntries() {
        return Boolean.TRUE.equals(admin);
    }
}
