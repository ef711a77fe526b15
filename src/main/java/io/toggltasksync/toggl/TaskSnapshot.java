package io.toggltasksync.toggl;

import io.toggltasksync.model.TogglTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Toggl tasks of the target projects as one run read them (exchange property {@value #PROPERTY}). */
public final class TaskSnapshot {

    public static final String PROPERTY = "snapshot";

    private final Map<Long, TogglTask> tasks = new LinkedHashMap<>();

    public synchronized void add(TogglTask task) {
        tasks.put(task.id(), task);
    }

    public synchronized int size() {
        return tasks.size();
    }

    public synchronized List<TogglTask> tasks() {
        return List.copyOf(tasks.values());
    }
}
