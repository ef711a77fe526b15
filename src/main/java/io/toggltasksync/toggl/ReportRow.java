package io.toggltasksync.toggl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.TimeEntry;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One row of the Reports API's detailed search: a user's entries with one project, task and description
 * (one entry a row unless the search is grouped).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportRow(
        @JsonProperty("user_id") long userId,
        @JsonProperty("username") String username,
        @JsonProperty("project_id") Long projectId,
        @JsonProperty("task_id") Long taskId,
        @JsonProperty("description") String description,
        @JsonProperty("row_number") Long rowNumber,
        @JsonProperty("time_entries") List<Entry> timeEntries) {

    /** An entry of a row; its times carry the token user's offset. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("id") long id,
            @JsonProperty("seconds") Long seconds,
            @JsonProperty("start") String start,
            @JsonProperty("stop") String stop,
            @JsonProperty("at") String at) {
    }

    /**
     * The row's entries as the model has them, their times normalised to instants.
     *
     * @throws DateTimeParseException when a time is not one, or an entry has no start
     */
    public List<TimeEntry> entries(long workspaceId, ZoneId userZone) {
        if (timeEntries == null) {
            return List.of();
        }
        return timeEntries.stream().map(e -> {
            if (e.start() == null) {
                throw new DateTimeParseException("time entry " + e.id() + " has no start", "", 0);
            }
            return new TimeEntry(e.id(), workspaceId, userId, username, projectId, taskId, description,
                    ReportsApi.instant(e.start(), userZone), ReportsApi.instant(e.stop(), userZone),
                    e.seconds() == null ? 0 : e.seconds(), ReportsApi.instant(e.at(), userZone));
        }).toList();
    }
}
