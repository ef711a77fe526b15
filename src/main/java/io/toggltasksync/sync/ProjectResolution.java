package io.toggltasksync.sync;

import io.toggltasksync.config.ProjectMatcher;
import io.toggltasksync.model.TogglProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's search for the Toggl projects of its source projects (exchange property {@value #PROPERTY}): the
 * workspace's project list as read (or as the sync state kept it), what matching made of it, the projects
 * to make and those made, and the keys whose records are skipped or fall back to the default project.
 */
public final class ProjectResolution {

    public static final String PROPERTY = "projects";

    /** A Toggl project to make for a source project: its key, the name it gets, and its id once made (a dry run's is negative). */
    public record Creation(String key, String name, long id) {
    }

    private final List<TogglProject> listed = new ArrayList<>();
    private final Map<String, Creation> creations = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<String> toDefault = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private volatile String listSource;
    private volatile int pagesRead;
    private volatile boolean lastPageRead;
    private volatile ProjectMatcher.Result matched;
    private volatile boolean resolved;

    /** Starts a fresh read of the list (a list from the sync state that did not serve is dropped). */
    synchronized void readFromToggl() {
        listed.clear();
        pagesRead = 0;
        lastPageRead = false;
        listSource = "toggl";
    }

    /** The list the sync state kept, used as if read. */
    synchronized void useKept(List<TogglProject> kept) {
        listed.clear();
        listed.addAll(kept);
        lastPageRead = true;
        listSource = "sync state";
    }

    /** One page of the list; a page shorter than asked for is the last. */
    synchronized void page(List<TogglProject> projects, int perPage) {
        listed.addAll(projects);
        pagesRead++;
        lastPageRead = projects.size() < perPage;
    }

    synchronized boolean morePages() {
        return "toggl".equals(listSource) && !lastPageRead;
    }

    synchronized int nextPage() {
        return pagesRead + 1;
    }

    /** Whether the workspace's projects are known (read now, or from the sync state). */
    public synchronized boolean listKnown() {
        return listSource != null && lastPageRead;
    }

    /** Where the list came from: {@code toggl}, {@code sync state}, or null when the run needed none. */
    public String listSource() {
        return listSource;
    }

    public int pagesRead() {
        return pagesRead;
    }

    /** The workspace's projects as known, with the ones this run made; empty when the list was not needed. */
    public synchronized List<TogglProject> projects() {
        List<TogglProject> all = new ArrayList<>(listed);
        creations.values().stream().filter(c -> c.id() > 0).forEach(c -> all.add(new TogglProject(c.id(), c.name(), true)));
        return all;
    }

    void matched(ProjectMatcher.Result result) {
        this.matched = result;
    }

    /** What matching found, null when it did not run. */
    public ProjectMatcher.Result matched() {
        return matched;
    }

    synchronized void toCreate(Creation creation) {
        creations.put(creation.key(), creation);
    }

    /** A project was made: its id replaces the placeholder. */
    synchronized void created(String key, long id) {
        Creation c = creations.get(key);
        creations.put(key, new Creation(key, c.name(), id));
    }

    /** The projects to make (before the run made them) or made, by source project key. */
    public synchronized Map<String, Creation> creations() {
        return new LinkedHashMap<>(creations);
    }

    synchronized void skipped(String key, String reason) {
        skipped.put(key, reason);
    }

    /** Source project keys whose records are skipped, with the reason. */
    public synchronized Map<String, String> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    synchronized void toDefault(String key) {
        toDefault.add(key);
    }

    /** Keys neither mapped nor matched whose records go to {@code toggl.project-id}. */
    public synchronized List<String> toDefault() {
        return List.copyOf(toDefault);
    }

    synchronized void unknown(String key) {
        unknown.add(key);
    }

    /** Keys with no Toggl project at all: their records are rejected. */
    public synchronized List<String> unknown() {
        return List.copyOf(unknown);
    }

    void resolved() {
        this.resolved = true;
    }

    /** Whether every record now has its Toggl project (or was set aside with a reason). */
    public boolean isResolved() {
        return resolved;
    }
}
