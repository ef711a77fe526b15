package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraRequest;
import io.toggltasksync.toggl.TogglRequest;

/**
 * One read the preflight makes, and what its answer is about: a Toggl request through the {@code toggl-call}
 * route, or a Jira request through {@code jira-call}.
 *
 * @param projectId the Toggl project the answer is about, for {@link Kind#TOGGL_PROJECT} and {@link Kind#TOGGL_TASKS}
 */
public record CheckCall(Kind kind, TogglRequest toggl, JiraRequest jira, Long projectId) {

    public enum Kind {
        TOGGL_ME, TOGGL_WORKSPACE, TOGGL_PROJECT, TOGGL_TASKS, TOGGL_PROJECT_LIST, JIRA_MYSELF, JIRA_PROJECTS, JIRA_COUNT,
        PROBE_CREATE, PROBE_READ, PROBE_PATCH, PROBE_DELETE, PROBE_FIND, PROBE_GONE, PROBE_SINCE,
        WORKLOG_TIME_TRACKING, WORKLOG_PERMISSIONS, WORKLOG_REPORTS;

        boolean probe() {
            return name().startsWith("PROBE_");
        }

        boolean worklog() {
            return name().startsWith("WORKLOG_");
        }
    }

    static CheckCall toggl(Kind kind, TogglRequest request, Long projectId) {
        return new CheckCall(kind, request, null, projectId);
    }

    static CheckCall jira(Kind kind, JiraRequest request) {
        return new CheckCall(kind, null, request, null);
    }

    public boolean isJira() {
        return jira != null;
    }
}
