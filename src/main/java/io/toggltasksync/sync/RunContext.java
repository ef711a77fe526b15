package io.toggltasksync.sync;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.toggl.TogglCall;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The state of one sync run, carried through the routes as the exchange property {@code run}. */
public final class RunContext {

    /** How a run ended, from best to worst. */
    public enum Status { OK, INCOMPLETE, ABORTED }

    private final SyncSettings settings;
    private final Ledger ledger;
    private final Instant started = Instant.now();
    private final Map<String, AtomicLong> callsByMethod = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> callsByStatus = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final Deque<TogglCall> work = new ArrayDeque<>();
    private final Map<Long, TogglTask> snapshot = new LinkedHashMap<>();

    private volatile SourceBatch batch;
    private volatile Plan plan;
    private volatile Long quotaRemaining;
    private volatile Long quotaResetsIn;
    private volatile long quotaSeenAt;
    private volatile int quotaWaits;
    private final AtomicLong deferredCalls = new AtomicLong();
    private final AtomicLong deferredCreates = new AtomicLong();
    private volatile String stopReason;
    private volatile String abortReason;
    private volatile int patchLimit;
    private volatile boolean estimatePatchRefused;
    private volatile long writesPlanned;
    private final AtomicLong writesDone = new AtomicLong();

    public RunContext(SyncSettings settings, Ledger ledger) {
        this.settings = settings;
        this.ledger = ledger;
        this.patchLimit = settings.patchBatchSize();
    }

    public SyncSettings settings() {
        return settings;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Instant started() {
        return started;
    }

    private volatile Instant finished;

    public Instant finished() {
        return finished;
    }

    public void finished(Instant when) {
        this.finished = when;
    }

    public SourceBatch batch() {
        return batch;
    }

    public void batch(SourceBatch batch) {
        this.batch = batch;
    }

    private volatile long planWallMs;
    private volatile long planCpuMs;

    /** How long planning took: wall clock, and CPU of the planning thread (-1 where not measurable). */
    public void planTime(long wallMs, long cpuMs) {
        this.planWallMs = wallMs;
        this.planCpuMs = cpuMs;
    }

    public long planWallMs() {
        return planWallMs;
    }

    public long planCpuMs() {
        return planCpuMs;
    }

    public Plan plan() {
        return plan;
    }

    public void plan(Plan plan) {
        this.plan = plan;
    }

    /** Projects this run reads and writes: those configured plus those the records name. */
    public Set<Long> targetProjects() {
        Set<Long> projects = new TreeSet<>(settings.configuredProjects());
        if (batch != null) {
            batch.tasks().forEach(t -> projects.add(t.projectId()));
        }
        return projects;
    }

    public synchronized void addToSnapshot(TogglTask task) {
        snapshot.put(task.id(), task);
    }

    public synchronized int snapshotSize() {
        return snapshot.size();
    }

    public synchronized java.util.List<TogglTask> snapshot() {
        return java.util.List.copyOf(snapshot.values());
    }

    // ---- the work queue shared by the snapshot, apply and lookup phases ----

    public synchronized void enqueue(TogglCall call) {
        work.addLast(call);
    }

    public synchronized void enqueueFirst(TogglCall call) {
        work.addFirst(call);
    }

    public synchronized TogglCall pollWork() {
        return work.pollFirst();
    }

    public synchronized boolean hasWork() {
        return !work.isEmpty();
    }

    // ---- API accounting ----

    public void countCall(String method) {
        callsByMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
    }

    public void countStatus(int status) {
        callsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> callsByMethod() {
        Map<String, Long> m = new TreeMap<>();
        callsByMethod.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<Integer, Long> callsByStatus() {
        Map<Integer, Long> m = new TreeMap<>();
        callsByStatus.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public long totalCalls() {
        return callsByMethod.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long calls(String method) {
        AtomicLong n = callsByMethod.get(method);
        return n == null ? 0 : n.get();
    }

    private final AtomicLong jiraCalls = new AtomicLong();

    public void countJiraCall() {
        jiraCalls.incrementAndGet();
    }

    public long jiraCalls() {
        return jiraCalls.get();
    }

    public void countRetry() {
        retries.incrementAndGet();
    }

    public long retries() {
        return retries.get();
    }

    /** Notes the quota headers of an answer (absent headers leave what is known). */
    public synchronized void quota(Long remaining, Long resetsIn) {
        if (remaining != null) {
            this.quotaRemaining = remaining;
        }
        if (resetsIn != null) {
            this.quotaResetsIn = resetsIn;
            this.quotaSeenAt = System.nanoTime();
        }
    }

    /** Seconds until the quota resets, counted from now; {@link Long#MAX_VALUE} when Toggl never said. */
    public synchronized long quotaResetsInNow() {
        if (quotaResetsIn == null) {
            return Long.MAX_VALUE;
        }
        long elapsed = (System.nanoTime() - quotaSeenAt) / 1_000_000_000L;
        return Math.max(0, quotaResetsIn - elapsed);
    }

    /** After waiting for the reset: what is left is unknown until the next answer says. */
    public synchronized void quotaRefilled() {
        this.quotaRemaining = null;
    }

    /** Whether the last answer said no call is left in this hour's quota. */
    public boolean quotaSpent() {
        Long remaining = quotaRemaining;
        return remaining != null && remaining <= 0;
    }

    public Long quotaRemaining() {
        return quotaRemaining;
    }

    public Long quotaResetsIn() {
        return quotaResetsIn;
    }

    public int quotaWaits() {
        return quotaWaits;
    }

    public void countQuotaWait() {
        quotaWaits++;
    }

    /** Toggl refused a bulk PATCH of {@code /estimated_seconds}: the rest of this run's re-estimates go as PUTs. */
    public boolean estimatePatchRefused() {
        return estimatePatchRefused;
    }

    public void refuseEstimatePatch() {
        this.estimatePatchRefused = true;
    }

    public int patchLimit() {
        return patchLimit;
    }

    public void patchLimit(int limit) {
        this.patchLimit = Math.max(1, limit);
    }

    /** A write call that was not sent (the run stopped): its records are deferred to the next run. */
    public void countDeferredCall(TogglCall call) {
        deferredCalls.incrementAndGet();
        if (call.kind() == TogglCall.Kind.CREATE) {
            deferredCreates.incrementAndGet();
        }
    }

    public long deferredCreates() {
        return deferredCreates.get();
    }

    public long deferredCalls() {
        return deferredCalls.get();
    }

    // ---- progress ----

    public void writesPlanned(long n) {
        this.writesPlanned = n;
    }

    public long writesPlanned() {
        return writesPlanned;
    }

    public void writeDone() {
        writesDone.incrementAndGet();
    }

    public long writesDone() {
        return writesDone.get();
    }

    // ---- stopping ----

    /** Stop calling Toggl (quota spent, shutdown): what is left is deferred to the next run. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean isStopped() {
        return stopReason != null;
    }

    public String stopReason() {
        return stopReason;
    }

    /** The run cannot go on (configuration, source unreadable, authentication refused): exit 2. */
    public void abort(String reason) {
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
    public void deferUnaccounted(String reason) {
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
            return 2;
        }
        boolean incomplete = ledger.records(Outcome.REJECTED) + ledger.total(Outcome.FAILED) + ledger.total(Outcome.DEFERRED) > 0
                || (plan != null && plan.guard().tripped());
        return incomplete ? 1 : 0;
    }
}
