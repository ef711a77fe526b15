package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.toggl.TogglSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One preflight (exchange property {@value #PROPERTY}): the reads still to make, the lines found so far, and
 * the facts later lines are worked out from (how many records, how many tasks Toggl has). Owned by
 * {@link CheckService} for one check and dropped after it.
 */
public final class CheckRun {

    public static final String PROPERTY = "check";

    private final SyncSettings settings;
    /** The worklog settings when the worklog sync is on, else null: no worklog lines. */
    private final WorklogSettings worklogs;
    /** Never waits for a spent quota: a preflight reports it instead. */
    private final TogglSession toggl;
    private final Deque<CheckCall> calls = new ArrayDeque<>();
    private final List<CheckLine> lines = new ArrayList<>();

    // --- facts ---
    /** The valid records the source gives (CSV: read; Jira: counted), null while unknown. */
    Long records;
    /** Whether {@link #records} is Jira Cloud's approximate count. */
    boolean recordsApproximate;
    SourceBatch csv;
    /** Tasks per target project that Toggl reported (active and done). */
    final Map<Long, Long> togglTasks = new TreeMap<>();
    /** Projects Toggl showed missing, archived or refused. */
    final Set<Long> unusableProjects = new TreeSet<>();
    boolean tasksRefused;
    Boolean workspacePremium;
    Long firstQuotaRemaining;
    long callsAtFirstQuota;
    /** Whether Toggl answered for the workspace: the probe writes only then. */
    boolean workspaceReached;
    /** The source projects the check saw (for the "projects" line), the area of that line, and how much of the source they cover. */
    List<io.toggltasksync.model.SourceProject> sourceProjects = List.of();
    String sourceProjectsArea;
    String sourceProjectsSeen = "";
    /** The workspace's project list, as read so far, and its pages read. */
    final List<io.toggltasksync.model.TogglProject> workspaceProjects = new ArrayList<>();
    int projectPages;
    /** What {@code GET /workspaces/{id}} said of the token's user: a workspace admin (null: not said). */
    Boolean workspaceAdmin;
    /** {@code --probe}'s task and what it learned; null without {@code --probe}. */
    final Probe probe;

    public CheckRun(SyncSettings settings) {
        this(settings, null);
    }

    /** @param probeProject where {@code --probe} writes its task, null: no probe */
    public CheckRun(SyncSettings settings, Long probeProject) {
        this(settings, probeProject, null);
    }

    /** @param worklogs the worklog settings; their lines are checked only when the worklog sync is on */
    public CheckRun(SyncSettings settings, Long probeProject, WorklogSettings worklogs) {
        this.settings = settings;
        this.worklogs = worklogs != null && worklogs.enabled() && JiraSettings.of(settings) != null ? worklogs : null;
        this.toggl = new TogglSession(settings.toggl(), settings.secrets(), 0);
        long now = java.time.Instant.now().getEpochSecond();
        this.probe = probeProject == null ? null : new Probe(probeProject, ProbeLines.name(now), "toggl-task-sync-probe-" + now, now);
    }

    /** The probe task of {@code --probe}: where, under which name, and what became of it. */
    static final class Probe {
        final long projectId;
        final String name;
        final String extId;
        final long createdAt;
        Long taskId;
        int deletes;
        boolean started;
        /** What the workspace did, as far as the probe got (null: not found out). */
        Boolean keepsIntegrationFields;
        Boolean patchesEstimates;
        Boolean sinceListsDeleted;

        Probe(long projectId, String name, String extId, long createdAt) {
            this.projectId = projectId;
            this.name = name;
            this.extId = extId;
            this.createdAt = createdAt;
        }
    }

    /** What {@code --probe} will write, said before it writes; null without a probe. */
    public String probeAnnouncement() {
        return probe == null ? null : ProbeLines.announce(probe.projectId, probe.name);
    }

    public SyncSettings settings() {
        return settings;
    }

    /** The worklog settings when the worklog sync is on (and the source is Jira), else null. */
    WorklogSettings worklogs() {
        return worklogs;
    }

    public TogglSession toggl() {
        return toggl;
    }

    /** The exchange properties the routes read: the check, the settings, the Toggl session. */
    public Map<String, Object> exchangeProperties() {
        return Map.of(PROPERTY, this, SyncSettings.PROPERTY, settings, TogglSession.PROPERTY, toggl);
    }

    void queue(CheckCall call) {
        calls.addLast(call);
    }

    CheckCall nextCall() {
        return calls.pollFirst();
    }

    boolean hasNextCall() {
        return !calls.isEmpty();
    }

    /** Drops the queued reads of one kind of call (after a refusal every later one would be refused too). */
    void skip(java.util.function.Predicate<CheckCall> which) {
        calls.removeIf(which);
    }

    /** Adds a line, with every secret of the settings masked: the last line of defence before print and report. */
    void add(CheckLine line) {
        Set<String> secrets = settings.secrets();
        lines.add(new CheckLine(line.area(), line.subject(), line.status(), Secrets.mask(line.detail(), secrets),
                Secrets.mask(line.fix(), secrets)));
    }

    /** The lines, grouped by area in the order a reader wants them (within an area, as found). */
    public Checklist checklist() {
        List<CheckLine> sorted = new ArrayList<>(lines);
        sorted.sort(java.util.Comparator.comparingInt(l -> AREAS.indexOf(l.area()) < 0 ? AREAS.size() : AREAS.indexOf(l.area())));
        return new Checklist(sorted);
    }

    private static final List<String> AREAS = List.of(TogglLines.AREA, "CSV", JiraLines.AREA, WorklogLines.AREA, PlanCost.AREA, StateLine.AREA,
            ProbeLines.AREA);

    /** The Toggl projects a sync would read and write: those configured, and those the CSV's records name. */
    Set<Long> targetProjects() {
        Set<Long> projects = new TreeSet<>(settings.projects().configuredProjects());
        if (csv != null) {
            // a record waiting for its project by name has none yet
            csv.tasks().stream().filter(t -> t.projectId() > 0).forEach(t -> projects.add(t.projectId()));
        }
        return projects;
    }

    /** Notes what the quota headers said, once per answer: the first reading against the last tells what others spent meanwhile. */
    void quotaSeen() {
        Long remaining = toggl.quota().remaining();
        if (remaining != null && firstQuotaRemaining == null) {
            firstQuotaRemaining = remaining;
            callsAtFirstQuota = toggl.calls().total();
        }
    }
}
