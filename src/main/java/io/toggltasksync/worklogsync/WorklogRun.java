package io.toggltasksync.worklogsync;

import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogChanges;
import io.toggltasksync.source.jira.WorklogWriteResult;
import io.toggltasksync.toggl.TogglWorkspace;
import io.toggltasksync.worklog.WorklogPlan;
import io.toggltasksync.worklog.WorklogPlanner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run's worklog sync (exchange property {@value #PROPERTY}): its window, the mirrored issues, what each
 * phase read, the plan, and what became of each write. Made by {@code worklogSteps.begin} for the run and
 * dropped with it.
 */
public final class WorklogRun {

    public static final String PROPERTY = "worklogRun";

    /** How the worklog part ended. */
    public enum Status {
        /** Planned and written (or, in a dry run, planned). */
        DONE,
        /** Not done in this run: the Toggl quota was spent, or the run was stopped; the next run does it. */
        DEFERRED,
        /** A read failed: nothing was planned or written. */
        FAILED
    }

    private final WorklogSettings settings;
    private final boolean dryRun;
    private final Instant now;
    private final Instant windowStart;
    private final MirroredIssues issues;
    private final long togglCallsBefore;

    private volatile TogglWorkspace workspace;
    private volatile ZoneId userZone;
    private volatile int entriesRead;
    private volatile JiraWorklogs worklogs;
    private volatile WorklogPlan plan;
    private volatile List<TimeEntry> plannedEntries = List.of();
    private volatile WorklogPlanner.Options planOptions;
    private volatile List<Long> lookedUp = List.of();
    private volatile Status status = Status.DONE;
    private volatile String reason;
    private volatile String stoppedWrites;
    private volatile KnownWorklogs.Reads reads;
    private volatile KnownWorklogs known;
    private volatile WorklogChanges changes;
    private volatile List<String> changedOfOurs = List.of();
    private final List<WorklogWriteResult> results = new ArrayList<>();
    private int jiraReads;
    private int created;
    private int updated;
    private int deleted;
    private int failed;
    private int readBack;
    private int writeCalls;

    public WorklogRun(WorklogSettings settings, boolean dryRun, Instant now, MirroredIssues issues, long togglCallsBefore) {
        this.settings = settings;
        this.dryRun = dryRun;
        this.now = now;
        this.windowStart = now.minus(settings.lookback());
        this.issues = issues;
        this.togglCallsBefore = togglCallsBefore;
    }

    public WorklogSettings settings() {
        return settings;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant now() {
        return now;
    }

    /** Entries that started before it, and their worklogs, are never touched. */
    public Instant windowStart() {
        return windowStart;
    }

    public MirroredIssues issues() {
        return issues;
    }

    public long togglCallsBefore() {
        return togglCallsBefore;
    }

    public TogglWorkspace workspace() {
        return workspace;
    }

    void workspace(TogglWorkspace read) {
        this.workspace = read;
    }

    public ZoneId userZone() {
        return userZone;
    }

    void userZone(ZoneId zone) {
        this.userZone = zone;
    }

    public int entriesRead() {
        return entriesRead;
    }

    void entriesRead(List<TimeEntry> entries) {
        this.entriesRead = entries.size();
    }

    /** Jira's worklogs of the mirrored issues, null until read. */
    public JiraWorklogs worklogs() {
        return worklogs;
    }

    void worklogs(JiraWorklogs read) {
        this.worklogs = read;
    }

    /** What the run reads of Jira's worklogs (Jira's feeds of changes, issues whole), null until decided. */
    public KnownWorklogs.Reads reads() {
        return reads;
    }

    /** Our worklogs as known so far in the run: from the last run, then as read; null until decided. */
    public KnownWorklogs known() {
        return known;
    }

    void reads(KnownWorklogs.Reads decided, KnownWorklogs knowledge) {
        this.reads = decided;
        this.known = knowledge;
    }

    /** Jira's feeds of changes as read in this run, null when they were not. */
    WorklogChanges changes() {
        return changes;
    }

    /** The ids of ours among them read again by id ({@link KnownWorklogs#toRead}), worked out once. */
    List<String> changedOfOurs() {
        return changedOfOurs;
    }

    void changes(WorklogChanges read, List<String> ofOurs) {
        this.changes = read;
        this.changedOfOurs = List.copyOf(ofOurs);
    }

    synchronized void countJiraReads(int calls) {
        jiraReads += calls;
    }

    /** Jira calls of the reads so far (retries not counted). */
    public synchronized int jiraReads() {
        return jiraReads;
    }

    /** The writes' results, in the order they came. */
    synchronized List<WorklogWriteResult> results() {
        return List.copyOf(results);
    }

    /** The plan, null until planned, and again while the look-up of its deletions runs ({@link #awaitLookup}). */
    public WorklogPlan plan() {
        return plan;
    }

    void plan(WorklogPlan planned) {
        this.plan = planned;
    }

    /** The entries the plan was made from (the window's), empty until planned. */
    public List<TimeEntry> plannedEntries() {
        return plannedEntries;
    }

    /** The planner's options of this run, null until planned: a plan made again after the look-up uses the same. */
    public WorklogPlanner.Options planOptions() {
        return planOptions;
    }

    void planInput(List<TimeEntry> entries, WorklogPlanner.Options options) {
        this.plannedEntries = List.copyOf(entries);
        this.planOptions = options;
    }

    /** The entry ids looked up before the window (those of worklogs the first plan deleted), empty without a look-up. */
    public List<Long> lookedUp() {
        return lookedUp;
    }

    /**
     * The plan's deletions wait for the look-up of these entries: the plan is dropped until it is made again with
     * what the look-up finds, so that a failed look-up leaves no plan (nothing planned, nothing written).
     */
    void awaitLookup(List<Long> entryIds) {
        this.lookedUp = List.copyOf(entryIds);
        this.plan = null;
    }

    public Status status() {
        return status;
    }

    /** Why the worklog part was deferred or failed, null when done. */
    public String reason() {
        return reason;
    }

    void end(Status ended, String why) {
        if (status == Status.DONE) {
            this.status = ended;
            this.reason = why;
        }
    }

    /** Why the remaining writes were not sent (Jira refused the token, the run was stopped), null while they go on. */
    public String stoppedWrites() {
        return stoppedWrites;
    }

    void stopWrites(String why) {
        if (stoppedWrites == null) {
            stoppedWrites = why;
        }
    }

    /** A write's result, kept for the next run's knowledge. */
    synchronized void written(WorklogWriteResult result) {
        results.add(result);
    }

    synchronized void countCreated(boolean wasReadBack) {
        created++;
        writeCalls++;
        if (wasReadBack) {
            readBack++;
            writeCalls++;
        }
    }

    synchronized void countUpdated() {
        updated++;
        writeCalls++;
    }

    synchronized void countDeleted() {
        deleted++;
        writeCalls++;
    }

    synchronized void countFailed() {
        failed++;
        writeCalls++;
    }

    public synchronized int created() {
        return created;
    }

    public synchronized int updated() {
        return updated;
    }

    public synchronized int deleted() {
        return deleted;
    }

    public synchronized int failed() {
        return failed;
    }

    /** Creates whose POST answer was lost and that were found in Jira by their mark. */
    public synchronized int readBack() {
        return readBack;
    }

    /** Jira calls of the writes (a POST read back counts its GET; retries not counted). */
    public synchronized int writeCalls() {
        return writeCalls;
    }

    /** Planned writes not sent (a 401, a stop). */
    public synchronized int notSent() {
        return plan == null || dryRun ? 0 : Math.max(0, plan.writes().size() - created - updated - deleted - failed);
    }
}
