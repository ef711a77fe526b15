package io.toggltasksync.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.config.ProjectMatchRule;
import io.toggltasksync.config.ProjectMatcher;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.support.Json;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The "projects" line: the source projects the check saw and the Toggl project each goes to, as a sync
 * finds it ({@link ProjectMatcher}): the map, else (with {@code toggl.project-match} on) the workspace's
 * project list, read page by page only when some project has no map entry, else what would be made, else
 * the default project. A refusal a sync would stop on is a failed line.
 */
final class ProjectLines {

    private ProjectLines() {
    }

    /**
     * The source projects are known: the line now, or, when matching needs the workspace's projects, after
     * the list was read.
     *
     * @param seen how much of the source they come from, e.g. " (among the first 100 issues)"
     */
    static void found(CheckRun run, String area, List<SourceProject> projects, String seen) {
        run.sourceProjects = List.copyOf(projects);
        run.sourceProjectsArea = area;
        run.sourceProjectsSeen = seen;
        SyncSettings s = run.settings();
        if (ProjectMatcher.needsProjectList(s.projects().match(), s.projects().projectMap(), projects)) {
            run.queue(page(run, 1));
        } else {
            line(run, null);
        }
    }

    private static CheckCall page(CheckRun run, int page) {
        return CheckCall.toggl(Kind.TOGGL_PROJECT_LIST, TogglRequest.get(TogglPaths.projects(run.settings().toggl().workspaceId()),
                TogglPaths.projectListQuery(page, TogglPaths.PROJECT_PAGE_SIZE)), null);
    }

    static void answered(CheckRun run, JsonNode answer) {
        List<TogglProject> page = new ArrayList<>();
        answer.forEach(p -> page.add(Json.MAPPER.convertValue(p, TogglProject.class)));
        run.workspaceProjects.addAll(page);
        run.projectPages++;
        if (page.size() >= TogglPaths.PROJECT_PAGE_SIZE) {
            run.queue(page(run, run.projectPages + 1));
        } else {
            line(run, run.workspaceProjects);
        }
    }

    static void failed(CheckRun run, Throwable e) {
        run.add(CheckLine.warning(run.sourceProjectsArea, "projects", "the workspace's project list could not be read ("
                + e.getMessage() + "), so the Toggl project of " + keys(run.sourceProjects) + " is not known",
                "see the Toggl lines; a sync reads the same list"));
    }

    /** @param toggl the workspace's projects, null when not read (matching off, or every project mapped) */
    private static void line(CheckRun run, List<TogglProject> toggl) {
        SyncSettings s = run.settings();
        ProjectMatchRule rule = toggl == null ? new ProjectMatchRule(List.of()) : s.projects().match();
        ProjectMatcher.Result r = ProjectMatcher.match(rule, s.projects().projectMap(), run.sourceProjects, toggl == null ? List.of() : toggl);
        String area = run.sourceProjectsArea;
        if (r.refused()) {
            run.add(CheckLine.failed(area, "projects", String.join("; ", r.refusals()),
                    "a sync stops here before any write (exit 2): map them apart in toggl.project-map or rename the Toggl projects"));
            return;
        }
        List<String> routes = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (SourceProject p : run.sourceProjects) {
            String key = p.key();
            ProjectMatcher.Match m = r.matched().get(key);
            if (m != null) {
                routes.add(key + " -> project " + m.projectId() + (m.via() == ProjectMatcher.Via.MAP ? ""
                        : " '" + m.projectName() + "' (by " + (m.via() == ProjectMatcher.Via.KEY ? "key" : "name (key)") + ")"));
            } else if (r.skipped().containsKey(key)) {
                routes.add(key + " -> archived: skipped");
            } else if (s.projects().create() && toggl != null) {
                routes.add(key + " -> to be made as '" + ProjectMatchRule.madeName(key, p.name()) + "'");
            } else if (s.projects().projectId() != null) {
                routes.add(key + " -> default project " + s.projects().projectId());
            } else {
                routes.add(key + " -> none");
                none.add(key);
            }
        }
        String detail = String.join(", ", routes) + run.sourceProjectsSeen;
        if (!none.isEmpty()) {
            run.add(CheckLine.warning(area, "projects", detail + ": the issues of " + none + " have no Toggl project and would be rejected",
                    "add " + none.get(0) + "=<Toggl project id> to toggl.project-map (TOGGL_PROJECT_MAP), set toggl.project-id, "
                            + "or let a sync make it (toggl.create-projects=true)"));
        } else if (!r.skipped().isEmpty()) {
            run.add(CheckLine.warning(area, "projects", detail + ": " + String.join("; ", r.skipped().values()),
                    "restore the archived project in Toggl, or map the key in toggl.project-map"));
        } else {
            run.add(CheckLine.passed(area, "projects", detail));
        }
    }

    private static String keys(List<SourceProject> projects) {
        List<String> keys = new ArrayList<>();
        projects.forEach(p -> keys.add(p.key()));
        return String.join(", ", keys);
    }
}
