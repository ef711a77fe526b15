package io.toggltasksync.check;

import io.toggltasksync.source.github.GithubCall;
import io.toggltasksync.source.jira.JiraRequest;
import io.toggltasksync.toggl.TogglRequest;

/**
 * One read the preflight makes, and what its answer is about: a Toggl request through the {@code toggl-call}
 * route, a Jira request through {@code jira-call}, or a GitHub request through {@code github-call}.
 *
 * @param projectId the Toggl project the answer is about, for {@link Kind#TOGGL_PROJECT} and {@link Kind#TOGGL_TASKS}
 */
public record CheckCall(Kind kind, TogglRequest toggl, JiraRequest jira, GithubCall github, Long projectId) {

    public enum Kind {
        TOGGL_ME, TOGGL_WORKSPACE, TOGGL_PROJECT, TOGGL_TASKS, TOGGL_PROJECT_LIST, JIRA_MYSELF, JIRA_PROJECTS, JIRA_COUNT,
        GITHUB_RATE_LIMIT, GITHUB_REPO,
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
        return new CheckCall(kind, request, null, null, projectId);
    }

    static CheckCall jira(Kind kind, JiraRequest request) {
        return new CheckCall(kind, null, request, null, null);
    }

    static CheckCall github(Kind kind, GithubCall call) {
        return new CheckCall(kind, null, null, call, null);
    }

    public boolean isJira() {
        return jira != null;
    }

    public boolean isGithub() {
        return github != null;
    }
}
