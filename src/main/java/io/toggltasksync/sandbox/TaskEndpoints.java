package io.toggltasksync.sandbox;

import static io.toggltasksync.sandbox.ApiError.badRequest;
import static io.toggltasksync.sandbox.SandboxJson.bool;
import static io.toggltasksync.sandbox.SandboxJson.estimate;
import static io.toggltasksync.sandbox.SandboxJson.integral;
import static io.toggltasksync.sandbox.SandboxJson.optText;
import static io.toggltasksync.sandbox.SandboxJson.requireName;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The task endpoints of the v9 API, answering what Toggl would. Run under the sandbox's lock; the
 * settings below are set through {@link TogglSandbox} under it too.
 */
final class TaskEndpoints {

    static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    private final TaskStore store;

    // --- settings (see the TogglSandbox setters) ---
    boolean autoCreateProjects;
    boolean storeIntegrationFields = true;
    int maxPerPage = 200;
    int patchLimit = 100;
    Set<String> patchPaths = Set.of("/active", "/name", "/estimated_seconds");

    TaskEndpoints(TaskStore store) {
        this.store = store;
    }

    // --- resolving the path ---

    /** 403 for a workspace we do not know (no access), 400 for a project not in it, like Toggl. */
    Project project(long workspaceId, long projectId) {
        if (autoCreateProjects && store.project(projectId) == null) {
            store.addProject(workspaceId, projectId, "Project " + projectId);
        }
        requireWorkspace(workspaceId);
        Project p = store.project(projectId);
        if (p == null || p.workspaceId() != workspaceId) {
            throw badRequest("Invalid project_id");
        }
        return p;
    }

    void requireWorkspace(long workspaceId) {
        if (autoCreateProjects) {
            return;
        }
        if (!store.hasWorkspace(workspaceId)) {
            throw new ApiError(Reply.text(403, "User does not have access to this resource."));
        }
    }

    Task existingTask(Project project, String idText) {
        if (!NUMBER.matcher(idText).matches()) {
            throw badRequest("Invalid task_id");
        }
        Task t = store.get(Long.parseLong(idText));
        if (t == null || t.projectId != project.id()) {
            throw badRequest("Invalid task_id");
        }
        return t;
    }

    // --- 1. GET /workspaces/{wid}/tasks ---

    Reply listWorkspaceTasks(long workspaceId, Query query) {
        requireWorkspace(workspaceId);
        int page = Math.max(1, query.intParam("page", 1));
        int perPage = Math.min(maxPerPage, Math.max(1, query.intParam("per_page", 50)));
        String sortField = query.get("sort_field", "name").toLowerCase(Locale.ROOT);
        if (!sortField.equals("name") && !sortField.equals("created_at")) {
            throw badRequest("Invalid sort_field");
        }
        String sortOrder = query.get("sort_order", "ASC").toUpperCase(Locale.ROOT);
        if (!sortOrder.equals("ASC") && !sortOrder.equals("DESC")) {
            throw badRequest("Invalid sort_order");
        }
        Boolean active = query.activeFilter();
        Long pid = query.longParam("pid");
        Long since = query.longParam("since");

        List<Task> view = store.view(
                new TaskStore.ViewKey(workspaceId, sortField, sortOrder.equals("DESC"), active, pid, since));

        // Streamed rather than built as a tree: this is the hot path of a full read.
        long from = (long) (page - 1) * perPage;
        long to = Math.min(view.size(), from + perPage);
        byte[] json = SandboxJson.generate(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (long i = from; i < to; i++) {
                writeTask(g, view.get((int) i));
            }
            g.writeEndArray();
            g.writeNumberField("page", page);
            g.writeNumberField("per_page", perPage);
            g.writeStringField("sort_field", sortField);
            g.writeStringField("sort_order", sortOrder);
            g.writeNumberField("total_count", view.size());
            g.writeEndObject();
        });
        return Reply.json(json);
    }

    // --- 2. GET /workspaces/{wid}/projects/{pid}/tasks ---

    Reply listProjectTasks(Project project, Query query) {
        Boolean active = query.activeFilter();
        List<Task> tasks = store.projectTasks(project.id()).stream()
                .filter(t -> active == null || t.active == active)
                .sorted(Comparator.<Task, String>comparing(t -> t.name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(t -> t.id))
                .toList();
        if (tasks.isEmpty()) {
            // Toggl answers the literal null, not [], when a project has no (matching) tasks.
            return Reply.json("null".getBytes(StandardCharsets.UTF_8));
        }
        return Reply.json(SandboxJson.generate(g -> {
            g.writeStartArray();
            for (Task t : tasks) {
                writeTask(g, t);
            }
            g.writeEndArray();
        }));
    }

    // --- 3. POST /workspaces/{wid}/projects/{pid}/tasks ---

    Reply createTask(Project project, ObjectNode body) {
        if (store.isArchived(project.id())) {
            // Toggl's exact answer here is not documented; a 400 is what a client must expect of a refusal
            throw badRequest("Cannot add tasks to an archived project");
        }
        String name = requireName(body);
        if (store.nameHolder(project.id(), name) != null) {
            throw badRequest("Name has already been taken");
        }
        Long estimate = body.has("estimated_seconds") ? estimate(body.get("estimated_seconds")) : null;
        boolean active = !body.has("active") || body.get("active").isNull() || bool(body.get("active"), "active");
        Long userId = body.hasNonNull("user_id") ? integral(body.get("user_id"), "user_id") : null;

        Task t = store.newTask(project.workspaceId(), project.id(), name);
        t.estimatedSeconds = estimate;
        t.active = active;
        if (userId != null) {
            t.userId = userId;
        }
        if (storeIntegrationFields) {
            t.provider = optText(body, "integration_provider");
            t.extType = optText(body, "integration_ext_type");
            t.extId = optText(body, "integration_ext_id");
        }
        store.insert(t);
        return getTask(t);
    }

    // --- 4. GET .../tasks/{tid} ---

    Reply getTask(Task t) {
        return Reply.json(SandboxJson.generate(g -> writeTask(g, t)));
    }

    // --- 5. PUT .../tasks/{tid}: only the fields present change ---

    Reply updateTask(Task t, ObjectNode body) {
        // Validate everything first so that a refused PUT changes nothing.
        String name = body.has("name") ? requireName(body) : null;
        if (name != null && !name.equals(t.name)) {
            Long holder = store.nameHolder(t.projectId, name);
            if (holder != null && holder != t.id) {
                throw badRequest("Name has already been taken");
            }
        }
        Long estimate = body.has("estimated_seconds") ? estimate(body.get("estimated_seconds")) : t.estimatedSeconds;
        boolean active = body.hasNonNull("active") ? bool(body.get("active"), "active") : t.active;

        if (name != null) {
            store.rename(t, name);
        }
        t.estimatedSeconds = estimate;
        t.active = active;
        if (storeIntegrationFields) {
            if (body.has("integration_provider")) {
                t.provider = optText(body, "integration_provider");
            }
            if (body.has("integration_ext_type")) {
                t.extType = optText(body, "integration_ext_type");
            }
            if (body.has("integration_ext_id")) {
                t.extId = optText(body, "integration_ext_id");
            }
        }
        store.touch(t);
        return getTask(t);
    }

    // --- 6. DELETE .../tasks/{tid} ---

    Reply deleteTask(Task t) {
        store.remove(t);
        return Reply.empty(200);
    }

    // --- 7. PATCH .../tasks/{id1,id2,...} ---

    private record PatchOp(String op, String path, JsonNode value) {
    }

    Reply patchTasks(Project project, String idList, String body) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : idList.split(",")) {
            String s = part.trim();
            if (!NUMBER.matcher(s).matches()) {
                throw badRequest("Invalid task_id");
            }
            ids.add(Long.parseLong(s));
        }
        if (ids.size() > patchLimit) {
            throw badRequest("PATCH request is limited to " + patchLimit + " entries at once");
        }
        JsonNode parsed = SandboxJson.parse(body);
        if (!parsed.isArray()) {
            throw badRequest("Invalid JSON: expected an array of operations");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (JsonNode node : parsed) {
            String op = node.path("op").asText("");
            String path = node.path("path").asText("");
            if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
                throw badRequest("Invalid op: " + op);
            }
            if (!patchPaths.contains(path)) {
                throw badRequest("Path not found: " + path);
            }
            ops.add(new PatchOp(op, path, node.get("value")));
        }

        ObjectNode root = SandboxJson.newObject();
        ArrayNode success = root.putArray("success");
        ArrayNode failure = root.putArray("failure");
        for (long id : ids) {
            Task t = store.get(id);
            String problem = t == null || t.projectId != project.id() ? "Task not found" : applyPatch(t, ops);
            if (problem == null) {
                success.add(id);
            } else {
                failure.addObject().put("id", id).put("message", problem);
            }
        }
        return Reply.json(SandboxJson.write(root));
    }

    /** Applies all operations to one task, or none of them: returns the failure message, or null. */
    private String applyPatch(Task t, List<PatchOp> ops) {
        String name = t.name;
        Long estimate = t.estimatedSeconds;
        boolean active = t.active;
        try {
            for (PatchOp op : ops) {
                boolean remove = op.op().equals("remove");
                switch (op.path()) {
                    case "/active" -> {
                        if (remove) {
                            return "Path /active can not be removed";
                        }
                        active = bool(op.value(), "active");
                    }
                    case "/name" -> {
                        if (remove) {
                            return "Path /name can not be removed";
                        }
                        if (op.value() == null || !op.value().isTextual() || op.value().asText().isBlank()) {
                            return "Name can't be blank";
                        }
                        name = op.value().asText();
                    }
                    case "/estimated_seconds" -> estimate = remove ? null : estimate(op.value());
                    default -> throw new IllegalStateException(op.path());
                }
            }
        } catch (ApiError e) {
            return new String(e.reply.body(), StandardCharsets.UTF_8).replace("\"", "");
        }
        Long holder = store.nameHolder(t.projectId, name);
        if (holder != null && holder != t.id) {
            return "Name has already been taken";
        }
        if (!name.equals(t.name)) {
            store.rename(t, name);
        }
        t.estimatedSeconds = estimate;
        t.active = active;
        store.touch(t);
        return null;
    }

    private void writeTask(JsonGenerator g, Task t) throws IOException {
        Project p = store.project(t.projectId);
        SandboxJson.writeTask(g, t, p == null ? null : p.name(), storeIntegrationFields);
    }
}
