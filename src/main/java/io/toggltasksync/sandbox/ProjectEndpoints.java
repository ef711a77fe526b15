package io.toggltasksync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /workspaces/{wid}/projects}: the workspace's projects, archived ones included, as Toggl
 * documents the list: a bare JSON array, {@code page} from 1, {@code per_page} 151 by default and at most
 * 200, {@code active} true (the default), false or both. No total comes with it, so a client pages until a
 * short page. {@code POST} makes a project ({@code name} required and unique in the workspace, ignoring case,
 * as Toggl refuses a taken name; {@code active} true unless given). Run under the sandbox's lock.
 */
final class ProjectEndpoints {

    static final int DEFAULT_PER_PAGE = 151;
    static final int MAX_PER_PAGE = 200;
    /** Ids of projects made through the API start here, clear of the small ids tests and the demo seed. */
    static final long FIRST_CREATED_ID = 3_000_001L;
    private static final Pattern PROJECTS = Pattern.compile("^/workspaces/(\\d{1,18})/projects$");

    private final TaskStore store;
    private final TaskEndpoints tasks;

    ProjectEndpoints(TaskStore store, TaskEndpoints tasks) {
        this.store = store;
        this.tasks = tasks;
    }

    /** The answer to a request this class serves, or null when the path is not the project list. */
    Reply route(String method, String path, Query query, String body) {
        Matcher m = PROJECTS.matcher(path);
        if (!m.matches()) {
            return null;
        }
        if (method.equals("POST")) {
            return create(Long.parseLong(m.group(1)), SandboxJson.parseObject(body));
        }
        if (!method.equals("GET")) {
            return Reply.text(404, "404 page not found");
        }
        return list(Long.parseLong(m.group(1)), query);
    }

    private Reply create(long workspaceId, ObjectNode body) {
        tasks.requireWorkspace(workspaceId);
        String name = SandboxJson.requireName(body).trim();
        if (store.projects(workspaceId).stream().anyMatch(p -> p.name().equalsIgnoreCase(name))) {
            throw ApiError.badRequest("Name has already been taken");
        }
        long id = Math.max(FIRST_CREATED_ID, store.projects(workspaceId).stream().mapToLong(Project::id).max().orElse(0) + 1);
        store.addProject(workspaceId, id, name);
        if (body.has("active") && !body.get("active").asBoolean(true)) {
            store.setArchived(id, true);
        }
        return Reply.json(SandboxJson.write(json(store.project(id), store)));
    }

    private Reply list(long workspaceId, Query query) {
        tasks.requireWorkspace(workspaceId);
        Boolean active = query.activeFilter();
        int page = Math.max(1, query.intParam("page", 1));
        int perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.intParam("per_page", DEFAULT_PER_PAGE)));
        List<Project> matching = store.projects(workspaceId).stream()
                .filter(p -> active == null || active == !store.isArchived(p.id()))
                .toList();
        long from = (long) (page - 1) * perPage;
        long to = Math.min(matching.size(), from + perPage);
        ArrayNode list = SandboxJson.newObject().arrayNode();
        for (long i = from; i < to; i++) {
            list.add(json(matching.get((int) i), store));
        }
        return Reply.json(SandboxJson.write(list));
    }

    /** A project as the list and {@code GET /workspaces/{wid}/projects/{pid}} answer it. */
    static ObjectNode json(Project p, TaskStore store) {
        boolean active = !store.isArchived(p.id());
        ObjectNode project = SandboxJson.newObject()
                .put("id", p.id())
                .put("workspace_id", p.workspaceId())
                .put("name", p.name())
                .put("active", active)
                .put("status", active ? "active" : "archived")
                .put("is_private", true);
        project.putNull("client_id");
        return project;
    }
}
