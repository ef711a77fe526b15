package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import io.toggltasksync.account.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toggltasksync.toggl.ApiCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Prometheus metrics of the runs, published at {@code /q/metrics} in long-running mode. */
@ApplicationScoped
public class SyncMetrics {

    @Inject
    MeterRegistry registry;


    private final AtomicLong quotaRemaining = new AtomicLong(-1);
    private final AtomicLong lastSuccess = new AtomicLong(0);
    private volatile boolean gaugesRegistered;

    private void registerGauges() {
        if (!gaugesRegistered) {
            registry.gauge("toggl_quota_remaining", quotaRemaining);
            registry.gauge("sync_last_success_timestamp_seconds", lastSuccess);
            gaugesRegistered = true;
        }
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
        if (outcome == RunStatus.IN_SYNC) {
            lastSuccess.set(Instant.now().getEpochSecond());
        }
        Timer.builder("sync_run_duration").register(registry).record(Duration.between(run.started(), Instant.now()));
    }

    /** A Jira event's run: its records and calls count like a run's; it is not a sync run itself. */
    public synchronized void recordEvent(SyncRun run) {
        registerGauges();
        recordWork(run);
    }

    private void recordWork(SyncRun run) {
        Ledger l = run.ledger();
        for (Outcome o : Outcome.values()) {
            registry.counter("sync_records_total", "outcome", o.name().toLowerCase(Locale.ROOT)).increment(l.total(o));
        }
        ApiCalls calls = run.toggl().calls();
        calls.byMethod().forEach((method, n) -> registry.counter("toggl_api_calls_total", "method", method).increment(n));
        calls.byStatus().forEach((status, n) -> registry.counter("toggl_api_responses_total", "status", status.toString()).increment(n));
        registry.counter("toggl_api_retries_total").increment(run.retries());
        Long remaining = run.toggl().quota().remaining();
        if (remaining != null) {
            quotaRemaining.set(remaining);
        }
    }
}
