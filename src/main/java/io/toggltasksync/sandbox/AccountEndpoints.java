package io.toggltasksync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reads beyond the task endpoints that the preflight ({@code --check}) makes: the token's account
 * ({@code GET /me}, with the user's time zone), a workspace (whether the user is its admin) and a project.
 * With the switches a test sets, the workspace can be on the free plan (its task endpoints then answer 402,
 * as Toggl's do), its user no admin, and a project archived. Run under the sandbox's lock; the switches are
 * set through {@link TogglSandbox} under it too.
 */
final class AccountEndpoints {

    private static final Pattern WORKSPACE = Pattern.compile("^/workspaces/(\\d{1,18})$");
    private static final Pattern PROJECT = Pattern.compile("^/workspaces/(\\d{1,18})/projects/(\\d{1,18})$");
    private static final Pattern TASK_PATHS = Pattern.compile("^/workspaces/\\d+/(projects/\\d+/)?tasks(/.*)?$");

    private final TaskStore store;
    private final TaskEndpoints tasks;
    private final String apiToken;

    // --- switches (see the TogglSandbox setters) ---
    boolean freePlan;
    /** Whether the token's user is an admin of the workspace (else the reports show only their own entries). */
    boolean admin = true;
    /** The token user's time zone: {@code GET /me} says it, the reports read dates and write times in it. */
    ZoneId userZone = ZoneId.of("UTC");

    AccountEndpoints(TaskStore store, TaskEndpoints tasks, String apiToken) {
        this.store = store;
        this.tasks = tasks;
        this.apiToken = apiToken;
    }

    /** The answer to a GET this class serves, or null when the path is not one of them. */
    Reply route(String method, String path) {
        if (!method.equals("GET")) {
            return null;
        }
        if (path.equals("/me")) {
            return me();
        }
        Matcher m = WORKSPACE.matcher(path);
        if (m.matches()) {
            return workspace(Long.parseLong(m.group(1)));
        }
        m = PROJECT.matcher(path);
        if (m.matches()) {
            return project(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return null;
    }

    /** On the free plan every task endpoint answers 402 with no quota in it (tasks are a paid feature); else null. */
    Reply planRefusal(String path) {
        if (freePlan && TASK_PATHS.matcher(path).matches()) {
            return Reply.error(402, "Tasks are available on paid plans only");
        }
        return null;
    }

    /** Like Toggl's, the account answer carries the API token: a client must never print it whole. */
    private Reply me() {
        ObjectNode me = SandboxJson.newObject()
                .put("id", TogglSandbox.REQUESTER_USER_ID)
                .put("email", "sandbox@example.invalid")
                .put("fullname", TogglSandbox.REQUESTER_NAME)
                .put("timezone", userZone.getId())
                .put("api_token", apiToken);
        return Reply.json(SandboxJson.write(me));
    }

    private Reply workspace(long workspaceId) {
        if (!tasks.autoCreateProjects && !store.hasWorkspace(workspaceId)) {
            return Reply.text(403, "User does not have access to this resource.");
        }
        ObjectNode ws = SandboxJson.newObject()
                .put("id", workspaceId)
                .put("name", "Workspace " + workspaceId)
                .put("premium", !freePlan)
                .put("admin", admin)
                .put("business_ws", false)
                .put("api_token", apiToken);
        return Reply.json(SandboxJson.write(ws));
    }

    private Reply project(long workspaceId, long projectId) {
        Project p;
        try {
            p = tasks.project(workspaceId, projectId);
        } catch (ApiError e) {
            // an unknown project in a known workspace: Toggl's GET answers 404 here, not the task endpoints' 400
            return e.reply.status() == 400 ? Reply.error(404, "Project not found") : e.reply;
        }
        return Reply.json(SandboxJson.write(ProjectEndpoints.json(p, store)));
    }
}
