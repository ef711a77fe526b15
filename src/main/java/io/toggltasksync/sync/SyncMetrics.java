package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import io.toggltasksync.account.Ledger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.toggltasksync.toggl.ApiCalls;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics of the runs, published at {@code /q/metrics} in long-running mode and pushed
 * at the end of a one-off run when {@code metrics.push-url} is set.
 *
 * <p>Besides the counters, {@code sync_last_run_*} gauges describe the last run alone. A one-off
 * run's counters start at 0 and each push replaces the last one, so {@code increase()} cannot see
 * two runs in a row that failed alike; the gauges let one alert rule serve pushed and scraped runs.
 */
@ApplicationScoped
public class SyncMetrics {

    @Inject
    MeterRegistry registry;


    private final AtomicLong quotaRemaining = new AtomicLong(-1);
    private final AtomicLong lastSuccess = new AtomicLong(0);
    private final AtomicLong quotaLimit = new AtomicLong(-1);
    private final AtomicLong lastRunEnd = new AtomicLong(0);
    private final AtomicLong lastRunMillis = new AtomicLong(0);
    private final AtomicLong lastRunExitCode = new AtomicLong(0);
    private final AtomicLong lastRunGuardTripped = new AtomicLong(0);
    /** The full sweep's progress in thousandths (1000: the last run completed it or swept whole), and whether it is past due. */
    private final AtomicLong sweepProgress = new AtomicLong(0);
    private final AtomicLong sweepOverdue = new AtomicLong(0);
    private final Map<Outcome, AtomicLong> lastRunRecords = new EnumMap<>(Outcome.class);
    /** The report section of the worklog sync (its flow is above this package) and the counts of it the gauge shows. */
    static final String WORKLOGS = "worklogs";
    static final List<String> WORKLOG_OUTCOMES = List.of("created", "updated", "deleted", "unchanged", "failed", "withheld_deletions");
    private final Map<String, AtomicLong> lastRunWorklogs = new java.util.LinkedHashMap<>();
    private final List<Meter> gauges = new ArrayList<>();
    private volatile boolean gaugesRegistered;
    private volatile boolean runGaugesRegistered;

    private void registerGauges() {
        if (!gaugesRegistered) {
            gauge("toggl_quota_remaining", Tags.empty(), quotaRemaining, AtomicLong::get);
            gauge("toggl_quota_hourly_limit", Tags.empty(), quotaLimit, AtomicLong::get);
            gauge("sync_last_success_timestamp_seconds", Tags.empty(), lastSuccess, AtomicLong::get);
            gaugesRegistered = true;
        }
    }

    /**
     * Only once a run has ended: a source event before the first run (a Deployment's first run waits
     * for its schedule) must not publish a last run at 0, which reads as one that ended in 1970
     * with exit code 0.
     */
    private void registerRunGauges() {
        if (!runGaugesRegistered) {
            gauge("sync_last_run_timestamp_seconds", Tags.empty(), lastRunEnd, AtomicLong::get);
            gauge("sync_last_run_duration_seconds", Tags.empty(), lastRunMillis, ms -> ms.get() / 1000.0);
            gauge("sync_last_run_exit_code", Tags.empty(), lastRunExitCode, AtomicLong::get);
            gauge("sync_last_run_guard_tripped", Tags.empty(), lastRunGuardTripped, AtomicLong::get);
            gauge("sync_sweep_progress_ratio", Tags.empty(), sweepProgress, p -> p.get() / 1000.0);
            gauge("sync_sweep_overdue", Tags.empty(), sweepOverdue, AtomicLong::get);
            for (Outcome o : Outcome.values()) {
                AtomicLong n = new AtomicLong(0);
                lastRunRecords.put(o, n);
                gauge("sync_last_run_records", Tags.of("outcome", label(o)), n, AtomicLong::get);
            }
            for (String o : WORKLOG_OUTCOMES) {
                AtomicLong n = new AtomicLong(0);
                lastRunWorklogs.put(o, n);
                gauge("sync_last_run_worklogs", Tags.of("outcome", o), n, AtomicLong::get);
            }
            runGaugesRegistered = true;
        }
    }

    private void gauge(String name, Tags tags, AtomicLong state, ToDoubleFunction<AtomicLong> value) {
        gauges.add(Gauge.builder(name, state, value).tags(tags).register(registry));
    }

    /**
     * The injected registry outlives this bean when Quarkus starts again in the same JVM (tests, dev
     * mode): a gauge left there keeps this instance's numbers, or none once they are collected, and
     * the next instance's registration would get that gauge back instead of its own.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    private static String label(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    public synchronized void record(SyncRun run) {
        registerGauges();
        RunStatus outcome = run.status();
        // Every outcome's series exists from the first run on, at 0 until it happens: Prometheus'
        // increase() cannot see a series' first increment, so an alert on the first failed record
        // or aborted run would otherwise never fire.
        for (RunStatus o : RunStatus.values()) {
            registry.counter("sync_runs_total", "outcome", o.label()).increment(o == outcome ? 1 : 0);
        }
        for (String mode : new String[] {"incremental", "full"}) {
            registry.counter("sync_run_mode_total", "mode", mode).increment(mode.equals(run.mode().label()) ? 1 : 0);
        }
        recordWork(run);
        Instant end = Instant.now();
        if (outcome == RunStatus.IN_SYNC) {
            lastSuccess.set(end.getEpochSecond());
        }
        Duration took = Duration.between(run.started(), end);
        Timer.builder("sync_run_duration").register(registry).record(took);
        registerRunGauges();
        // Scrapes do not take this lock: the end time last, so that a scrape between these lines
        // sees the previous run whole or this one's numbers under the previous end time.
        for (Outcome o : Outcome.values()) {
            lastRunRecords.get(o).set(run.ledger().total(o));
        }
        // 0 for a run without worklogs
        Map<String, Object> worklogs = run.reportSections().getOrDefault(WORKLOGS, Map.of());
        lastRunWorklogs.forEach((o, n) -> n.set(worklogs.get(o) instanceof Number count ? count.longValue() : 0));
        lastRunMillis.set(took.toMillis());
        lastRunExitCode.set(run.exitCode());
        lastRunGuardTripped.set(run.plan() != null && run.plan().guard().tripped() ? 1 : 0);
        sweep(run, end.getEpochSecond());
        lastRunEnd.set(end.getEpochSecond());
    }

    /** The sweep's gauges, as the run left the sweep (a run without a state leaves them as they were). */
    private void sweep(SyncRun run, long now) {
        SweepRun sweep = run.sweep();
        if (sweep != null) {
            var progress = sweep.folded() == null ? sweep.found() : sweep.folded().progress();
            double ratio = sweep.complete() ? 1.0 : io.toggltasksync.state.SweepPlan.progress(progress, run.targetProjects(),
                    sweep.tasksPerProject(), run.settings().toggl().pageSize());
            sweepProgress.set(Math.round(ratio * 1000));
            sweepOverdue.set(!sweep.complete() && sweep.found().late(now) ? 1 : 0);
        } else if (sweep == null && run.plan() != null && !run.mode().incremental()) {
            sweepProgress.set(1000);
            sweepOverdue.set(0);
        }
    }

    /** A source event's run: its records and calls count like a run's; it is not a sync run itself. */
    public synchronized void recordEvent(SyncRun run) {
        registerGauges();
        recordWork(run);
    }

    private void recordWork(SyncRun run) {
        Ledger l = run.ledger();
        for (Outcome o : Outcome.values()) {
            registry.counter("sync_records_total", "outcome", label(o)).increment(l.total(o));
        }
        ApiCalls calls = run.toggl().calls();
        calls.byMethod().forEach((method, n) -> registry.counter("toggl_api_calls_total", "method", method).increment(n));
        calls.byStatus().forEach((status, n) -> registry.counter("toggl_api_responses_total", "status", status.toString()).increment(n));
        registry.counter("toggl_api_retries_total").increment(run.retries());
        quotaLimit.set(run.settings().toggl().hourlyQuota());
        Long remaining = run.toggl().quota().remaining();
        if (remaining != null) {
            quotaRemaining.set(remaining);
        }
    }
}
