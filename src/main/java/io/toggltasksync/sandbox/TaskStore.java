package io.toggltasksync.sandbox;

import io.toggltasksync.model.TogglTask;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The sandbox's projects and tasks, indexed by id, by project and by name, with the sorted views
 * of the workspace listing. Guarded by the sandbox's lock. Every write goes through
 * {@link #insert}, {@link #rename}, {@link #touch} or {@link #remove}, so the indexes and the
 * cached views stay right.
 */
final class TaskStore {

    /** One filtered and sorted listing of a workspace, as {@code GET /workspaces/{wid}/tasks} asks for it. */
    record ViewKey(long workspaceId, String sortField, boolean descending, Boolean active, Long pid, Long since) {
    }

    private final InstantSource clock;
    private final Map<Long, Project> projects = new HashMap<>();
    private final Set<Long> archived = new HashSet<>();
    private final TreeMap<Long, Task> tasksById = new TreeMap<>();
    private final Map<Long, TreeMap<Long, Task>> tasksByProject = new HashMap<>();
    /** name -> task id per project: uniqueness checks must not scan the project. */
    private final Map<Long, Map<String, Long>> namesByProject = new HashMap<>();
    /**
     * Filtered and sorted views of the workspace list, kept until the next write. Reading 100,000
     * tasks page by page must not re-sort them on every page; any write simply drops the cache.
     */
    private final Map<ViewKey, List<Task>> viewCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, List<Task>> eldest) {
            return size() > 16;
        }
    };
    private long nextTaskId = TogglSandbox.FIRST_TASK_ID;

    TaskStore(InstantSource clock) {
        this.clock = clock;
    }

    // --- projects ---

    /** Registers a project (and thereby its workspace). Re-adding a project renames it. */
    void addProject(long workspaceId, long projectId, String name) {
        Project existing = projects.get(projectId);
        if (existing != null && existing.workspaceId() != workspaceId) {
            throw new IllegalArgumentException("project " + projectId + " belongs to workspace " + existing.workspaceId());
        }
        projects.put(projectId, new Project(workspaceId, projectId, name));
        tasksByProject.computeIfAbsent(projectId, k -> new TreeMap<>());
        namesByProject.computeIfAbsent(projectId, k -> new HashMap<>());
        invalidateViews();
    }

    /** The project, or null. */
    Project project(long projectId) {
        return projects.get(projectId);
    }

    /** The workspace's projects, by name (case-insensitive) then id. */
    List<Project> projects(long workspaceId) {
        return projects.values().stream()
                .filter(p -> p.workspaceId() == workspaceId)
                .sorted(Comparator.comparing(Project::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Project::id))
                .toList();
    }

    /** Every project, by id. */
    List<Project> allProjects() {
        return projects.values().stream().sorted(Comparator.comparingLong(Project::id)).toList();
    }

    void setArchived(long projectId, boolean archive) {
        if (archive) {
            archived.add(projectId);
        } else {
            archived.remove(projectId);
        }
    }

    boolean isArchived(long projectId) {
        return archived.contains(projectId);
    }

    boolean hasWorkspace(long workspaceId) {
        return projects.values().stream().anyMatch(p -> p.workspaceId() == workspaceId);
    }

    // --- reading ---

    /** The task, or null. */
    Task get(long taskId) {
        return tasksById.get(taskId);
    }

    /** Every task, ordered by id. */
    Collection<Task> all() {
        return tasksById.values();
    }

    /** The project's tasks ordered by id; none for an unknown project. */
    Collection<Task> projectTasks(long projectId) {
        TreeMap<Long, Task> byId = tasksByProject.get(projectId);
        return byId == null ? List.of() : byId.values();
    }

    /** The id of the task with this name in the (known) project, or null when the name is free. */
    Long nameHolder(long projectId, String name) {
        return namesByProject.get(projectId).get(name);
    }

    /** The workspace's tasks filtered and sorted as the key says; cached until the next write. */
    List<Task> view(ViewKey key) {
        return viewCache.computeIfAbsent(key, this::buildView);
    }

    private List<Task> buildView(ViewKey key) {
        Predicate<Task> keep = t -> t.workspaceId == key.workspaceId()
                && (key.active() == null || t.active == key.active())
                && (key.pid() == null || t.projectId == key.pid())
                && (key.since() == null || t.at.getEpochSecond() >= key.since());
        Comparator<Task> order = key.sortField().equals("name")
                ? Comparator.<Task, String>comparing(t -> t.name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(t -> t.name).thenComparingLong(t -> t.id)
                : Comparator.<Task, Instant>comparing(t -> t.createdAt).thenComparingLong(t -> t.id);
        if (key.descending()) {
            order = order.reversed();
        }
        List<Task> view = new ArrayList<>();
        for (Task t : tasksById.values()) {
            if (keep.test(t)) {
                view.add(t);
            }
        }
        view.sort(order);
        return Collections.unmodifiableList(view);
    }

    // --- seeding: no validation except per-project name uniqueness ---

    /** Stores a task with the next id; an unknown project is registered as "Project &lt;id&gt;". */
    Task put(long workspaceId, long projectId, String name, Long estimatedSeconds,
             boolean active, String provider, String extType, String extId) {
        Project project = projects.get(projectId);
        if (project == null) {
            addProject(workspaceId, projectId, "Project " + projectId);
        } else if (project.workspaceId() != workspaceId) {
            throw new IllegalArgumentException("project " + projectId + " belongs to workspace " + project.workspaceId());
        }
        if (nameHolder(projectId, name) != null) {
            throw new IllegalArgumentException("Name has already been taken: " + name);
        }
        Task t = newTask(workspaceId, projectId, name);
        t.estimatedSeconds = estimatedSeconds;
        t.active = active;
        t.provider = provider;
        t.extType = extType;
        t.extId = extId;
        insert(t);
        return t;
    }

    /** Puts back saved tasks keeping their ids; later ids start above the largest. */
    void restore(List<TogglTask> saved) {
        for (TogglTask s : saved) {
            long workspaceId = s.workspaceId() == null ? 0 : s.workspaceId();
            if (!projects.containsKey(s.projectId())) {
                addProject(workspaceId, s.projectId(), "Project " + s.projectId());
            }
            if (tasksById.containsKey(s.id()) || nameHolder(s.projectId(), s.name()) != null) {
                throw new IllegalArgumentException("task " + s.id() + " '" + s.name() + "' clashes with an existing task");
            }
            Task t = new Task(s.id(), workspaceId, s.projectId(), s.name(), clock.instant());
            t.estimatedSeconds = s.estimatedSeconds();
            t.active = s.active();
            t.provider = s.integrationProvider();
            t.extType = s.integrationExtType();
            t.extId = s.integrationExtId();
            insert(t);
            nextTaskId = Math.max(nextTaskId, s.id() + 1);
        }
    }

    // --- writes ---

    /** A new task with the next id, created now; not stored until {@link #insert}. */
    Task newTask(long workspaceId, long projectId, String name) {
        return new Task(nextTaskId++, workspaceId, projectId, name, clock.instant());
    }

    void insert(Task t) {
        tasksById.put(t.id, t);
        tasksByProject.get(t.projectId).put(t.id, t);
        namesByProject.get(t.projectId).put(t.name, t.id);
        invalidateViews();
    }

    void rename(Task t, String newName) {
        Map<String, Long> names = namesByProject.get(t.projectId);
        names.remove(t.name);
        names.put(newName, t.id);
        t.name = newName;
    }

    /** Marks the task changed now; called after every change of its fields. */
    void touch(Task t) {
        t.at = clock.instant();
        invalidateViews();
    }

    void remove(Task t) {
        tasksById.remove(t.id);
        tasksByProject.get(t.projectId).remove(t.id);
        namesByProject.get(t.projectId).remove(t.name);
        invalidateViews();
    }

    private void invalidateViews() {
        viewCache.clear();
    }
}
