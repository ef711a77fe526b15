package io.toggltasksync.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checklist says where a one-off run's metrics go, and warns when a push URL is set where nothing pushes. */
class MetricsPushLineTest {

    @TempDir
    Path dir;

    private TestSettings settings() throws Exception {
        return TestSettings.minimal().csv(Files.writeString(dir.resolve("t.csv"), "external_id,name\n"));
    }

    @Test
    void aOneOffRunWithAPushUrlSaysWhereItPushes() throws Exception {
        CheckLine line = MetricsPushLine.of(settings().with("metrics.push-url", "http://pushgateway.monitoring:9091")
                .with("metrics.push-job", "nightly").load());

        assertThat(line.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line.area()).isEqualTo("Metrics");
        assertThat(line.detail()).contains("PUTs its metrics to pushgateway.monitoring:9091/metrics/job/nightly").contains("not called");
    }

    @Test
    void aOneOffRunWithoutOneSaysItsMetricsGoNowhere() throws Exception {
        CheckLine line = MetricsPushLine.of(settings().load());

        assertThat(line.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line.detail()).startsWith("not set").contains("METRICS_PUSH_URL");
    }

    @Test
    void aScheduledAppWithAPushUrlIsWarnedThatItOnlyServesScrapes() throws Exception {
        CheckLine line = MetricsPushLine.of(settings().with("metrics.push-url", "http://gw:9091").with("sync.schedule", "0 */15 * * * ?").load());

        assertThat(line.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(line.detail()).contains("/q/metrics");
        assertThat(MetricsPushLine.of(settings().with("sync.schedule", "0 */15 * * * ?").load())).isNull();
    }
}
