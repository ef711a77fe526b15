package io.toggltasksync.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    private static final String[] RUN_OUTCOMES = {"in_sync", "incomplete", "aborted"};

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

    public synchronized void record(RunContext run) {
        registerGauges();
        String outcome = run.isAborted() ? "aborted" : run.exitCode() == 0 ? "in_sync" : "incomplete";
        // Every outcome's series exists from the first run on, at 0 until it happens: Prometheus'
        // increase() cannot see a series' first increment, so an alert on the first failed record
        // or aborted run would otherwise never fire.
        for (String o : RUN_OUTCOMES) {
            registry.counter("sync_runs_total", "outcome", o).increment(o.equals(outcome) ? 1 : 0);
        }
        Ledger l = run.ledger();
        for (Outcome o : Outcome.values()) {
            registry.counter("sync_records_total", "outcome", o.name().toLowerCase(Locale.ROOT)).increment(l.total(o));
        }
        run.callsByMethod().forEach((method, n) -> registry.counter("toggl_api_calls_total", "method", method).increment(n));
        run.callsByStatus().forEach((status, n) -> registry.counter("toggl_api_responses_total", "status", status.toString()).increment(n));
        registry.counter("toggl_api_retries_total").increment(run.retries());
        if (run.quotaRemaining() != null) {
            quotaRemaining.set(run.quotaRemaining());
        }
        if (outcome.equals("in_sync")) {
            lastSuccess.set(Instant.now().getEpochSecond());
        }
        Timer.builder("sync_run_duration").register(registry).record(Duration.between(run.started(), Instant.now()));
    }
}
