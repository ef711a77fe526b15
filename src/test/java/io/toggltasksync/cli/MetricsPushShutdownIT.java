package io.toggltasksync.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.PackagedApp;
import io.toggltasksync.testing.PushgatewayStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CronJob's activeDeadlineSeconds ends a long run with SIGTERM: the packaged app, stopped that
 * way mid-run, still pushes the stopped run's metrics to the Pushgateway (a local stand-in) before
 * it exits 143, within the shutdown wait.
 */
class MetricsPushShutdownIT {

    private static final String TOKEN = "it-secret-token-0123456789";
    private static final long WS = 42;
    private static final long PROJECT = 1001;
    private static final int ROWS = 40;
    private static final int SIGTERM_EXIT = 143;
    private static final String JOB = "nightly-import";

    @TempDir
    Path dir;

    private TogglSandbox sandbox;
    private PushgatewayStandIn gateway;
    private PackagedApp app;

    @BeforeEach
    void setUp() {
        app = new PackagedApp(dir);
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, PROJECT, "Shutdown");
        gateway = PushgatewayStandIn.start();
    }

    @AfterEach
    void tearDown() {
        app.close();
        sandbox.close();
        gateway.close();
    }

    @Test
    void aOneOffRunStoppedBySigtermPushesTheStoppedRunsMetricsBeforeItExits() throws Exception {
        StringBuilder csv = new StringBuilder("external_id,name,project_id,estimated_seconds,active\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(String.format("SIG-%02d,Shutdown task %02d,%d,%d,true%n", i, i, PROJECT, 600 * i));
        }
        Path file = Files.writeString(dir.resolve("tasks.csv"), csv.toString(), StandardCharsets.UTF_8);
        Path report = dir.resolve("report.json");
        // 2 requests a second: the 40 creates take 20 s, SIGTERM lands mid-run
        Process run = app.launch("run", Map.of("TOGGL_API_TOKEN", TOKEN, "TOGGL_API_URL", sandbox.baseUrl(),
                "TOGGL_WORKSPACE_ID", Long.toString(WS), "TOGGL_PROJECT_ID", Long.toString(PROJECT), "TOGGL_RATE_LIMIT", "2",
                "CSV_PATH", file.toString(), "SYNC_REPORT_FILE", report.toString(),
                "SYNC_DEAD_LETTER_FILE", dir.resolve("dead-letter.jsonl").toString(),
                "METRICS_PUSH_URL", gateway.url(), "METRICS_PUSH_JOB", JOB));
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.requestCount("POST") >= 3 || !run.isAlive());
        assertThat(run.isAlive()).as(() -> "the run ended early; log:\n" + app.log("run")).isTrue();
        assertThat(gateway.requests()).as("nothing pushed before the run ends").isEmpty();

        run.destroy(); // SIGTERM

        assertThat(run.waitFor(60, SECONDS)).as(() -> "the app did not exit; log:\n" + app.log("run")).isTrue();
        assertThat(run.exitValue()).as(() -> "exit code; log:\n" + app.log("run")).isEqualTo(SIGTERM_EXIT);
        JsonNode stopped = Json.MAPPER.readTree(report.toFile());
        assertThat(stopped.path("stopped").asText()).isEqualTo("shutting down");
        long created = stopped.path("created").asLong();
        long deferred = stopped.path("deferred").asLong();
        assertThat(deferred).isPositive();

        assertThat(gateway.requests()).as(() -> "one push; log:\n" + app.log("run")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(200))
                .satisfies(r -> assertThat(r.path()).isEqualTo("/metrics/job/" + JOB));
        assertThat(value("sync_runs_total", "outcome", "incomplete")).isEqualTo(1.0);
        assertThat(value("sync_last_run_exit_code")).isEqualTo(1.0);
        assertThat(value("sync_last_run_records", "outcome", "created")).isEqualTo((double) created);
        assertThat(value("sync_last_run_records", "outcome", "deferred")).isEqualTo((double) deferred);
        assertThat(value("toggl_api_calls_total", "method", "POST")).isEqualTo(stopped.path("api_calls").path("POST").asDouble())
                .isEqualTo((double) sandbox.requestCount("POST"));
        assertThat(app.log("run")).containsPattern("Pushed \\d+ metric samples to 127\\.0\\.0\\.1:\\d+/metrics/job/" + JOB)
                .doesNotContain(TOKEN);
    }

    private double value(String metric, String... labels) {
        return gateway.value(JOB, metric, labels).orElseThrow(() -> new AssertionError(metric + " not pushed; log:\n" + app.log("run")));
    }
}
