package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import io.toggltasksync.account.Ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceRejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toggltasksync.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run and record outcome has its series after the first run, at 0 until it happens:
 * Prometheus' increase() cannot see a series' first sample, so an alert on the first failed record
 * or aborted run needs the series to exist before.
 */
class SyncMetricsTest {

    @TempDir
    Path dir;

    @Test
    void afterOneCleanRunEveryOutcomeSeriesExistsAndOnlyWhatHappenedCounts() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,project_id,estimated_seconds,active\n");
        SyncRun run = new SyncRun(TestSettings.minimal().with("toggl.project-id", 2).csv(csv).load(), new Ledger(entry -> { }));
        SyncMetrics metrics = new SyncMetrics();
        metrics.registry = new SimpleMeterRegistry();

        metrics.record(run);

        assertThat(count("sync_runs_total", "in_sync", metrics)).isEqualTo(1.0);
        assertThat(count("sync_runs_total", "incomplete", metrics)).isZero();
        assertThat(count("sync_runs_total", "aborted", metrics)).isZero();
        for (Outcome o : Outcome.values()) {
            assertThat(count("sync_records_total", o.name().toLowerCase(Locale.ROOT), metrics)).as(o.name()).isZero();
        }
    }

    @Test
    void lastRunGaugesDescribeTheLastRunAloneNotASum() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,project_id,estimated_seconds,active\n");
        SyncSettings settings = TestSettings.minimal().with("toggl.project-id", 2).with("toggl.hourly-quota", 600).csv(csv).load();
        SyncMetrics metrics = new SyncMetrics();
        metrics.registry = new SimpleMeterRegistry();
        Ledger rejecting = new Ledger(entry -> { });
        rejecting.rejected(new SourceRejection(3, "A-1", "empty summary"));
        rejecting.rejected(new SourceRejection(4, "A-2", "empty summary"));

        metrics.record(new SyncRun(settings, rejecting));

        assertThat(gauge("sync_last_run_records", "rejected", metrics)).isEqualTo(2.0);
        assertThat(gauge("sync_last_run_exit_code", null, metrics)).isEqualTo((double) ExitCode.INCOMPLETE);
        assertThat(gauge("sync_last_success_timestamp_seconds", null, metrics)).isZero();
        assertThat(gauge("toggl_quota_hourly_limit", null, metrics)).isEqualTo(600.0);

        metrics.record(new SyncRun(settings, new Ledger(entry -> { })));

        // a counter would say 2 now; the gauge says what the last run did
        assertThat(gauge("sync_last_run_records", "rejected", metrics)).isZero();
        assertThat(count("sync_records_total", "rejected", metrics)).isEqualTo(2.0);
        assertThat(gauge("sync_last_run_exit_code", null, metrics)).isEqualTo((double) ExitCode.IN_SYNC);
        assertThat(gauge("sync_last_run_guard_tripped", null, metrics)).isZero();
        assertThat(gauge("sync_last_run_timestamp_seconds", null, metrics))
                .isEqualTo(gauge("sync_last_success_timestamp_seconds", null, metrics)).isPositive();
        assertThat(gauge("sync_last_run_duration_seconds", null, metrics)).isNotNegative();
    }

    @Test
    void theNextAppInTheSameRegistryGetsGaugesOfItsOwn() throws IOException {
        // Quarkus started again in one JVM (tests, dev mode) keeps the registry but makes a new SyncMetrics
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,project_id,estimated_seconds,active\n");
        SyncSettings settings = TestSettings.minimal().with("toggl.project-id", 2).csv(csv).load();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SyncMetrics first = new SyncMetrics();
        first.registry = registry;
        Ledger rejecting = new Ledger(entry -> { });
        rejecting.rejected(new SourceRejection(3, "A-1", "empty summary"));
        first.record(new SyncRun(settings, rejecting));
        first.removeGauges();

        SyncMetrics next = new SyncMetrics();
        next.registry = registry;
        next.record(new SyncRun(settings, new Ledger(entry -> { })));

        assertThat(gauge("sync_last_run_exit_code", null, next)).isEqualTo((double) ExitCode.IN_SYNC);
        assertThat(gauge("sync_last_run_records", "rejected", next)).isZero();
    }

    @Test
    void anEventBeforeTheFirstRunPublishesNoLastRun() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,project_id,estimated_seconds,active\n");
        SyncSettings settings = TestSettings.minimal().with("toggl.project-id", 2).csv(csv).load();
        SyncMetrics metrics = new SyncMetrics();
        metrics.registry = new SimpleMeterRegistry();

        metrics.recordEvent(new SyncRun(settings, new Ledger(entry -> { })));

        // a last run at 0 would read as one that ended in 1970, in sync
        for (String name : new String[] {"sync_last_run_timestamp_seconds", "sync_last_run_exit_code",
                "sync_last_run_duration_seconds", "sync_last_run_guard_tripped", "sync_last_run_records"}) {
            assertThat(metrics.registry.find(name).gauges()).as(name).isEmpty();
        }
        assertThat(gauge("toggl_quota_hourly_limit", null, metrics)).isEqualTo(240.0);

        metrics.record(new SyncRun(settings, new Ledger(entry -> { })));

        assertThat(gauge("sync_last_run_timestamp_seconds", null, metrics)).isPositive();
    }

    private static double gauge(String name, String outcome, SyncMetrics metrics) {
        var search = metrics.registry.find(name);
        Gauge gauge = (outcome == null ? search : search.tag("outcome", outcome)).gauge();
        assertThat(gauge).as(name + " exists").isNotNull();
        return gauge.value();
    }

    private static double count(String name, String outcome, SyncMetrics metrics) {
        Counter counter = metrics.registry.find(name).tag("outcome", outcome).counter();
        assertThat(counter).as(name + "{outcome=" + outcome + "} exists").isNotNull();
        return counter.count();
    }
}
