package io.toggltasksync.sync;

import io.toggltasksync.account.Ledger;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.apply.StopSignal;
import io.toggltasksync.apply.RunWrites;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.source.TaskSource;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.state.RunMode;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.toggl.TaskSnapshot;
import io.toggltasksync.toggl.TogglSession;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One sync run (exchange property {@value #PROPERTY}). It owns the parts each phase works on, which
 * the routes carry as their own exchange properties: the Toggl client's session, the snapshot, the
 * apply phase, the stop signal and the ledger. It keeps what the phases produce (the desired set,
 * the plan) and how the run ended.
 */
public final class SyncRun {

    public static final String PROPERTY = "run";
    /** The exchange property naming the route that reads the run's source ({@code read-source} sends there). */
    public static final String SOURCE_ROUTE = "sourceRoute";

    private final SyncSettings settings;
    private final Ledger ledger;
    private final Instant started = Instant.now();
    private final TogglSession toggl;
    private final TaskSnapshot snapshot = new TaskSnapshot();
    private final StopSignal stop = new StopSignal();
    private final RunWrites writes;
    private final ProjectResolution projects = new ProjectResolution();

    private volatile Instant finished;
    private volatile SourceBatch batch;
    private volatile Plan plan;
    private volatile long planWallMs;
    private volatile long planCpuMs;
    private volatile String abortReason;
    private int namesCleaned;
    private volatile SyncState state;
    private volatile RunMode mode = new RunMode(false, "no sync state read");
    private volatile String stateBase;
    private volatile StateFile.Read stateSaved;
    private volatile StateFile.Read stateRead;
    private volatile SourceRead sourceRead;
    private volatile SweepRun sweep;
    private volatile TaskSource source;

    private final SourceEvent event;
    private volatile EventResult.Halt eventHalt;
    private final WorklogSettings worklogs;
    /** Sections a flow after the task sync adds to the report (the worklogs'), by report key. */
    private final Map<String, Map<String, Object>> reportSections = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The exit code such a flow asks for at least (its failures); the task sync's own is worked out from the ledger. */
    private volatile int raisedExitCode = ExitCode.IN_SYNC;

    public SyncRun(SyncSettings settings, Ledger ledger) {
        this(settings, ledger, null, null);
    }

    /** A run that applies one event, for its issue only ({@code event} null: a whole sync). */
    public SyncRun(SyncSettings settings, Ledger ledger, SourceEvent event) {
        this(settings, ledger, event, null);
    }

    /**
     * @param worklogs the worklog sync's settings, null when the run syncs no worklogs (an event's run, a test's);
     *                 carried as exchange property {@value WorklogSettings#PROPERTY} for the flow after the task sync
     */
    public SyncRun(SyncSettings settings, Ledger ledger, SourceEvent event, WorklogSettings worklogs) {
        this.settings = settings;
        this.ledger = ledger;
        this.event = event;
        this.worklogs = worklogs;
        this.toggl = new TogglSession(settings.toggl(), settings.secrets());
        this.writes = new RunWrites(settings.toggl(), settings.secrets(), ledger, stop);
    }

    /** The event this run applies, null for a whole sync. */
    public SourceEvent event() {
        return event;
    }

    /**
     * An event run whose delivery said the record was deleted, and whose source read confirms it: the
     * read for its id found nothing (or the source does not know the id).
     */
    boolean issueGone() {
        return event != null && event.deleted() && batch != null && batch.tasks().isEmpty() && batch.rejections().isEmpty();
    }

    /** Why an event run stopped before planning (nothing to do, or not now), null while it goes on. */
    EventResult.Halt eventHalt() {
        return eventHalt;
    }

    private volatile EventResult eventResult;

    /** How the event this run applied ended, null for a whole sync (or before it ended). */
    public EventResult eventResult() {
        return eventResult;
    }

    void eventResult(EventResult result) {
        this.eventResult = result;
    }

    void haltEvent(EventOutcome outcome, String reason) {
        if (eventHalt == null) {
            eventHalt = new EventResult.Halt(outcome, reason);
        }
    }

    public SyncSettings settings() {
        return settings;
    }

    public Ledger ledger() {
        return ledger;
    }

    public TogglSession toggl() {
        return toggl;
    }

    public TaskSnapshot snapshot() {
        return snapshot;
    }

    public StopSignal stop() {
        return stop;
    }

    public RunWrites writes() {
        return writes;
    }

    /** The parts the routes carry, by exchange property: each phase's part travels as its own property. */
    public Map<String, Object> exchangeProperties() {
        Map<String, Object> parts = new HashMap<>(Map.of(PROPERTY, this, SyncSettings.PROPERTY, settings, TogglSession.PROPERTY, toggl,
                TaskSnapshot.PROPERTY, snapshot, RunWrites.PROPERTY, writes));
        if (sourceRead != null) {
            parts.putAll(sourceRead.exchangeProperties());
        }
        if (event != null) {
            parts.put(SourceEvent.PROPERTY, event);
        }
        parts.put(ProjectResolution.PROPERTY, projects);
        if (source != null) {
            parts.put(SOURCE_ROUTE, source.route());
        }
        if (worklogs != null) {
            parts.put(WorklogSettings.PROPERTY, worklogs);
        }
        return parts;
    }

    /** The source this run reads (picked by {@code sync.source} from the registry), null before the run began. */
    public TaskSource source() {
        return source;
    }

    void source(TaskSource picked) {
        this.source = picked;
    }

    /** The worklog sync's settings, null when this run syncs no worklogs. */
    public WorklogSettings worklogs() {
        return worklogs;
    }

    /**
     * A section of the report under {@code key}, from a flow after the task sync that this package does not know
     * (the worklogs'); set again, it replaces the earlier one.
     */
    public void addReportSection(String key, Map<String, Object> section) {
        reportSections.put(key, new LinkedHashMap<>(section));
    }

    /** The sections added, by report key, in the order added. */
    public Map<String, Map<String, Object>> reportSections() {
        synchronized (reportSections) {
            return new LinkedHashMap<>(reportSections);
        }
    }

    /** Such a flow's result asks for at least this exit code ({@link ExitCode#INCOMPLETE} for a failed write). */
    public void raiseExitCode(int code) {
        if (code > raisedExitCode) {
            raisedExitCode = code;
        }
    }

    /** The search for the Toggl projects of source projects without a map entry. */
    public ProjectResolution projects() {
        return projects;
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished;
    }

    void finished(Instant when) {
        this.finished = when;
    }

    public SourceBatch batch() {
        return batch;
    }

    void batch(SourceBatch batch) {
        this.batch = batch;
    }

    /** Task names the source cleaned of control characters and escape sequences (as read: later batches are derived). */
    public int namesCleaned() {
        return namesCleaned;
    }

    void namesCleaned(int count) {
        this.namesCleaned = count;
    }

    public Plan plan() {
        return plan;
    }

    /** The plan, and how long planning took: wall clock, and CPU of the planning thread. */
    void plan(Plan plan, long wallMs, long cpuMs) {
        this.plan = plan;
        this.planWallMs = wallMs;
        this.planCpuMs = cpuMs;
    }

    public long planWallMs() {
        return planWallMs;
    }

    public long planCpuMs() {
        return planCpuMs;
    }

    /** This run's part of the full sweep spread over runs, null when it has none (it sweeps whole, or has no state). */
    SweepRun sweep() {
        return sweep;
    }

    void sweep(SweepRun part) {
        this.sweep = part;
    }

    /** Whether this run read every target task: a full sweep in one run, or the one that completed a sweep spread over runs. */
    public boolean sweptWhole() {
        return !mode.incremental() || (sweep != null && sweep.complete());
    }

    /** The sync state this run started from, null when it had none it could use. */
    public SyncState state() {
        return state;
    }

    /** Whether this run reads Toggl incrementally, and why (or why not). */
    public RunMode mode() {
        return mode;
    }

    void state(SyncState usable, RunMode decided, SourceRead read) {
        this.state = usable;
        this.mode = decided;
        this.sourceRead = read;
    }

    /** In an event's run: the digest of the state file it planned against, which its journal entry names as its base. */
    String stateBase() {
        return stateBase;
    }

    void stateBase(String digest) {
        this.stateBase = digest;
    }

    /** In a run: the state as it read it, with what identifies the files read (an incremental run appends its change to them). */
    StateFile.Read stateRead() {
        return stateRead;
    }

    void stateRead(StateFile.Read read) {
        this.stateRead = read;
    }

    /** The state this run wrote, as a load would read it; null when it wrote none. */
    StateFile.Read stateSaved() {
        return stateSaved;
    }

    void stateSaved(StateFile.Read saved) {
        this.stateSaved = saved;
    }

    /** Whether this run leaves state for the next (not a dry run, nor one against the embedded sandbox). */
    public boolean writesState() {
        return RunStatePersistence.writesState(settings);
    }

    /** This run's read of its source (whole or from its cursor, its calls), null before the state was read. */
    public SourceRead sourceRead() {
        return sourceRead;
    }

    /** Retried Toggl requests. */
    public long retries() {
        return toggl.calls().retries();
    }

    /** Projects this run reads and writes: those configured plus those the records name. */
    public Set<Long> targetProjects() {
        Set<Long> projects = new TreeSet<>(settings.projects().configuredProjects());
        if (batch != null) {
            // a record still waiting for its project (or a dry run's project to make) has none to read yet
            batch.tasks().stream().filter(t -> t.projectId() > 0).forEach(t -> projects.add(t.projectId()));
        }
        return projects;
    }

    /** The run cannot go on (configuration, source unreadable, authentication refused): exit 2. */
    void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    public String abortReason() {
        return abortReason;
    }

    public boolean isAborted() {
        return abortReason != null;
    }

    /** Records that were read but not accounted yet become deferred (the run stopped before them). */
    void deferUnaccounted(String reason) {
        if (batch == null) {
            return;
        }
        for (SourceTask record : batch.tasks()) {
            if (!ledger.isAccounted(record)) {
                ledger.record(record, Outcome.DEFERRED, null, null, reason);
            }
        }
    }

    public int exitCode() {
        if (abortReason != null) {
            return ExitCode.CANNOT_RUN;
        }
        boolean incomplete = ledger.records(Outcome.REJECTED) + ledger.total(Outcome.FAILED) + ledger.total(Outcome.DEFERRED) > 0
                || (plan != null && plan.guard().tripped());
        return Math.max(incomplete ? ExitCode.INCOMPLETE : ExitCode.IN_SYNC, raisedExitCode);
    }

    public RunStatus status() {
        return isAborted() ? RunStatus.ABORTED : exitCode() == ExitCode.IN_SYNC ? RunStatus.IN_SYNC : RunStatus.INCOMPLETE;
    }
}
