package io.toggltasksync.sync;

import io.toggltasksync.support.ControlChars;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ProjectMatchRule;
import io.toggltasksync.config.ProjectSettings;
import io.toggltasksync.config.ProjectMatcher;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.ProjectsToFind;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.toggl.NewProject;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRead;
import io.toggltasksync.toggl.TogglRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The steps of the {@code resolve-projects} route: the records whose source project has no
 * {@code toggl.project-map} entry get the Toggl project matching finds (or one made for them), once the
 * whole source was read and the workspace's projects are known. Stateless: the run's side is its
 * {@link ProjectResolution}.
 */
@ApplicationScoped
@Named("projectFinder")
public class ProjectFinder {

    private static final Logger LOG = Logger.getLogger(ProjectFinder.class);
    /** Exchange property: the project a split exchange makes. */
    public static final String CREATION = "projectCreation";

    /**
     * Decides whether the workspace's project list is needed, and whether the one the sync state kept serves:
     * only when it finds an active project for every waiting key. Anything else (no match, archived, a refusal,
     * a project to make) reads it afresh, so that a stale list never makes a project twice nor stops a run.
     */
    public void start(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        ProjectsToFind waiting = run.batch().projects();
        if (!waiting.waiting()) {
            return;
        }
        SyncSettings s = run.settings();
        List<TogglProject> kept = run.state() == null ? null : run.state().togglProjects();
        if (kept != null && run.mode().incremental()) {
            ProjectMatcher.Result r = ProjectMatcher.match(s.projects().match(), s.projects().projectMap(), waiting.seen(), kept);
            // a key the kept list does not match goes to the default project (or is rejected): no read changes that,
            // unless a project is to be made for it
            boolean serves = !r.refused() && r.skipped().isEmpty() && waiting.keyOf().values().stream()
                    .allMatch(k -> r.matched().containsKey(k) || (!s.projects().create() && r.unmatched().contains(k)));
            if (serves) {
                run.projects().useKept(kept);
                LOG.infof("Toggl projects: the %d the sync state knows", kept.size());
                return;
            }
        }
        if (run.event() != null) {
            // one issue's event reads no project list and makes no project: the scheduled run does that
            run.haltEvent(EventOutcome.DEFERRED, "the Toggl project of " + String.join(", ", waiting.keyOf().values())
                    + " is not in the sync state yet: the next scheduled run finds it");
            return;
        }
        run.projects().readFromToggl();
        LOG.info("Reading the workspace's Toggl projects (some source project has no toggl.project-map entry)");
    }

    public boolean morePages(@ExchangeProperty(ProjectResolution.PROPERTY) ProjectResolution projects) {
        return projects.morePages();
    }

    /** The next page of the list to read. */
    public TogglRead pageRead(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        return TogglRead.listOf(TogglRequest.get(TogglPaths.projects(run.settings().toggl().workspaceId()),
                TogglPaths.projectListQuery(run.projects().nextPage(), TogglPaths.PROJECT_PAGE_SIZE)), TogglProject.class);
    }

    public void acceptPage(@Body List<TogglProject> page, @ExchangeProperty(ProjectResolution.PROPERTY) ProjectResolution projects) {
        projects.page(page == null ? List.of() : page, TogglPaths.PROJECT_PAGE_SIZE);
    }

    /**
     * Matches the waiting keys; a refusal (a name several projects share, two keys on one project) stops the
     * run here, before any write. Answers the projects to make (none in a dry run: it only shows them).
     */
    public List<ProjectResolution.Creation> match(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        ProjectsToFind waiting = run.batch().projects();
        ProjectResolution projects = run.projects();
        if (!waiting.waiting() || run.eventHalt() != null) {
            return List.of();
        }
        SyncSettings s = run.settings();
        ProjectMatcher.Result r = ProjectMatcher.match(s.projects().match(), s.projects().projectMap(), waiting.seen(), projects.projects());
        projects.matched(r);
        if (r.refused()) {
            throw new ConfigException("Toggl projects cannot be told apart, so nothing was written: " + String.join("; ", r.refusals()));
        }
        r.skipped().forEach(projects::skipped);
        Map<String, String> names = new HashMap<>();
        waiting.seen().forEach(p -> names.put(p.key(), p.name()));
        long placeholder = 0;
        for (String key : r.unmatched()) {
            if (s.projects().create()) {
                projects.toCreate(new ProjectResolution.Creation(key, ProjectMatchRule.madeName(key, names.get(key)), --placeholder));
            } else if (s.projects().projectId() != null) {
                projects.toDefault(key);
            } else {
                projects.unknown(key);
            }
        }
        // keys and names are outside text (the source's, Toggl's)
        r.matched().values().forEach(m -> LOG.infof("  Toggl project of %s: '%s' (id %d, by %s)", ControlChars.escape(m.projectKey()),
                m.projectName() == null ? "?" : ControlChars.escape(m.projectName()), m.projectId(), m.via().name().toLowerCase(java.util.Locale.ROOT)));
        projects.skipped().forEach((key, why) -> LOG.warnf("  skipped %s: %s", ControlChars.escape(key), ControlChars.escape(why)));
        projects.toDefault().forEach(key -> LOG.infof("  Toggl project of %s: none found, so the default toggl.project-id %d",
                ControlChars.escape(key), s.projects().projectId()));
        List<ProjectResolution.Creation> toMake = new ArrayList<>(projects.creations().values());
        toMake.forEach(c -> LOG.infof("  %s Toggl project '%s' for %s", s.run().dryRun() ? "Dry run: would create" : "Creating",
                ControlChars.escape(c.name()), ControlChars.escape(c.key())));
        return s.run().dryRun() ? List.of() : toMake;
    }

    public TogglRequest createRequest(@Body ProjectResolution.Creation creation, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        ProjectSettings p = run.settings().projects();
        return new TogglRequest("POST", TogglPaths.projects(run.settings().toggl().workspaceId()), null,
                new NewProject(creation.name(), true, p.clientId(), p.color()));
    }

    public void created(@Body TogglProject made, @ExchangeProperty(CREATION) ProjectResolution.Creation creation,
            @ExchangeProperty(ProjectResolution.PROPERTY) ProjectResolution projects) {
        projects.created(creation.key(), made.id());
        LOG.infof("  created Toggl project '%s' (id %d) for %s", ControlChars.escape(made.name()), made.id(), ControlChars.escape(creation.key()));
    }

    /**
     * Gives each waiting record its project, or sets it aside with the reason (a rejection, accounted now): its
     * key's match is archived, or nothing was found and there is no default. Once the list is known, a record
     * of an archived project (by map entry, default or a {@code project_id} cell) is set aside too: an archived
     * project is never written into.
     */
    public void resolve(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        if (run.eventHalt() != null) {
            return;
        }
        SourceBatch batch = run.batch();
        ProjectResolution projects = run.projects();
        ProjectMatcher.Result r = projects.matched();
        Map<String, String> keyOf = batch.projects().keyOf();
        Map<Long, TogglProject> archived = projects.listKnown() ? projects.projects().stream().filter(p -> !p.active())
                .collect(Collectors.toMap(TogglProject::id, p -> p, (a, b) -> a)) : Map.of();
        if (keyOf.isEmpty() && archived.isEmpty()) {
            projects.resolved();
            return;
        }
        List<SourceTask> tasks = new ArrayList<>();
        List<SourceRejection> rejections = new ArrayList<>();
        for (SourceTask t : batch.tasks()) {
            String key = keyOf.get(t.identity());
            String reason = null;
            SourceTask task = t;
            if (t.projectId() == SourceTask.PROJECT_TO_FIND && key != null) {
                Long id = r == null ? null : r.projectOf(key).orElse(null);
                ProjectResolution.Creation made = projects.creations().get(key);
                if (id != null) {
                    task = t.withProject(id);
                } else if (made != null) {
                    task = t.withProject(made.id());
                } else if (projects.skipped().containsKey(key)) {
                    reason = "skipped: " + projects.skipped().get(key);
                } else if (projects.toDefault().contains(key)) {
                    task = t.withProject(run.settings().projects().projectId());
                } else {
                    reason = "unknown project: no toggl.project-map entry for '" + key + "', no Toggl project named by toggl.project-match ("
                            + run.settings().projects().match() + "), no default toggl.project-id; map it, or set toggl.create-projects=true";
                }
            }
            TogglProject closed = reason == null ? archived.get(task.projectId()) : null;
            if (closed != null) {
                reason = "skipped: Toggl project '" + closed.name() + "' (id " + closed.id() + ") is archived: its records are not written; "
                        + "restore it in Toggl or point " + (key != null ? key + " in toggl.project-map" : "the record") + " at an active project";
            }
            if (reason != null) {
                rejections.add(new SourceRejection(t.line(), t.externalId(), reason));
            } else {
                tasks.add(task);
            }
        }
        rejections.forEach(run.ledger()::rejected);
        List<SourceRejection> all = new ArrayList<>(batch.rejections());
        all.addAll(rejections);
        run.batch(new SourceBatch(batch.description(), List.copyOf(tasks), List.copyOf(all), batch.identityRule(), ProjectsToFind.NONE));
        if (!rejections.isEmpty()) {
            LOG.warnf("%d record(s) set aside for their Toggl project (see %s)", rejections.size(), run.settings().run().deadLetterFile());
        }
        projects.resolved();
    }

    /** The source projects and the Toggl project each goes to, for the report. */
    static Map<String, Object> report(SyncRun run) {
        ProjectResolution projects = run.projects();
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("match", run.settings().projects().match().toString());
        r.put("list", projects.listSource() == null ? "not needed" : projects.listSource());
        r.put("list_pages_read", projects.pagesRead());
        Map<String, Object> found = new java.util.LinkedHashMap<>();
        if (projects.matched() != null) {
            projects.matched().matched().values().forEach(m -> found.put(m.projectKey(), Map.of("project_id", m.projectId(),
                    "by", m.via().name().toLowerCase(java.util.Locale.ROOT))));
        }
        r.put("matched", found);
        Map<String, Object> made = new java.util.LinkedHashMap<>();
        projects.creations().values().forEach(c -> made.put(c.key(), c.id() > 0 ? Map.of("name", c.name(), "project_id", c.id())
                : Map.of("name", c.name())));
        r.put(run.settings().run().dryRun() ? "to_create" : "created", made);
        r.put("created_count", run.settings().run().dryRun() ? 0 : made.size());
        r.put("skipped", projects.skipped());
        r.put("default_project", projects.toDefault());
        r.put("unknown", projects.unknown());
        return r;
    }
}
