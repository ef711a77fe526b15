package io.toggltasksync.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;
import java.time.Instant;
import java.util.List;

/**
 * What {@code sandbox.state-file} keeps between runs: the projects (those made through the API
 * too, so that a rerun finds them instead of making them again), the tasks and the time entries. A file of an older
 * version is a bare array of tasks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SavedSandbox(@JsonProperty("projects") List<SavedProject> projects, @JsonProperty("tasks") List<TogglTask> tasks,
        @JsonProperty("time_entries") List<SavedTimeEntry> timeEntries) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SavedProject(@JsonProperty("workspace_id") long workspaceId, @JsonProperty("id") long id, @JsonProperty("name") String name,
            @JsonProperty("archived") boolean archived) {
    }

    /** A time entry with its times as ISO 8601 text (the app's mapper has no java.time module). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SavedTimeEntry(@JsonProperty("id") long id, @JsonProperty("workspace_id") long workspaceId, @JsonProperty("user_id") long userId,
            @JsonProperty("user_name") String userName, @JsonProperty("project_id") Long projectId, @JsonProperty("task_id") Long taskId,
            @JsonProperty("description") String description, @JsonProperty("start") String start, @JsonProperty("stop") String stop,
            @JsonProperty("seconds") long seconds, @JsonProperty("at") String at) {

        static SavedTimeEntry of(TimeEntry e) {
            return new SavedTimeEntry(e.id(), e.workspaceId(), e.userId(), e.userName(), e.projectId(), e.taskId(), e.description(),
                    text(e.start()), text(e.stop()), e.seconds(), text(e.at()));
        }

        TimeEntry toModel() {
            return new TimeEntry(id, workspaceId, userId, userName, projectId, taskId, description, instant(start), instant(stop),
                    seconds, instant(at));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }

        private static Instant instant(String text) {
            return text == null ? null : Instant.parse(text);
        }
    }
}
