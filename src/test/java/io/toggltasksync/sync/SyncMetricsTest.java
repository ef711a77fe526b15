package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import io.toggltasksync.account.Ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
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

    private static double count(String name, String outcome, SyncMetrics metrics) {
        Counter counter = metrics.registry.find(name).tag("outcome", outcome).counter();
        assertThat(counter).as(name + "{outcome=" + outcome + "} exists").isNotNull();
        return counter.count();
    }
}
