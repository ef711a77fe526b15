package io.toggltasksync.toggl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The task endpoints of Toggl's v9 API that the sync uses, and their listing queries. */
public final class TogglPaths {

    private TogglPaths() {
    }

    /** The token's own account (answers 403 for a token Toggl refuses). */
    public static String me() {
        return "/me";
    }

    public static String workspace(long workspaceId) {
        return "/workspaces/" + workspaceId;
    }

    public static String project(long workspaceId, long projectId) {
        return "/workspaces/" + workspaceId + "/projects/" + projectId;
    }

    /** The largest page Toggl grants for the workspace's project list. */
    public static final int PROJECT_PAGE_SIZE = 200;

    /** The workspace's projects: the list (GET, paged) and where a project is made (POST). */
    public static String projects(long workspaceId) {
        return "/workspaces/" + workspaceId + "/projects";
    }

    /** A page of the workspace's project list, archived projects too; the answer has no total, so a short page is the last. */
    public static Map<String, String> projectListQuery(int page, int perPage) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("active", "both");
        q.put("page", Integer.toString(page));
        q.put("per_page", Integer.toString(perPage));
        return q;
    }

    /** The smallest page of a project's tasks: its {@code total_count} says how many there are. */
    public static Map<String, String> countQuery(long projectId) {
        return listQuery(projectId, 1, 1, null);
    }

    public static String workspaceTasks(long workspaceId) {
        return "/workspaces/" + workspaceId + "/tasks";
    }

    public static String projectTasks(long workspaceId, long projectId) {
        return "/workspaces/" + workspaceId + "/projects/" + projectId + "/tasks";
    }

    public static String task(long workspaceId, long projectId, long taskId) {
        return projectTasks(workspaceId, projectId) + "/" + taskId;
    }

    /** The bulk PATCH path: the ids of one project's tasks, comma-separated. */
    public static String tasks(long workspaceId, long projectId, List<Long> taskIds) {
        return projectTasks(workspaceId, projectId) + "/" + taskIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** One page of a project's tasks, newest first (where a create whose answer was lost is). */
    public static Map<String, String> newestFirstQuery(long projectId, int perPage) {
        Map<String, String> q = listQuery(projectId, 1, perPage, null);
        q.put("sort_order", "DESC");
        return q;
    }

    /**
     * Query parameters for a workspace task listing page, oldest first (stable while tasks are added).
     *
     * @param since null: every task; else only tasks modified since then (UNIX seconds)
     */
    public static Map<String, String> listQuery(long projectId, int page, int perPage, Long since) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("active", "both");
        q.put("pid", Long.toString(projectId));
        if (since != null) {
            q.put("since", Long.toString(since));
        }
        q.put("page", Integer.toString(page));
        q.put("per_page", Integer.toString(perPage));
        q.put("sort_field", "created_at");
        q.put("sort_order", "ASC");
        return q;
    }
}
