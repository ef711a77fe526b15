package io.toggltasksync.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the long-running (scheduled) mode relies on: one run at a time, health, metrics. */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class LongRunningModeTest {

    @Inject
    SyncService service;

    @Test
    void twoRunsNeverOverlap(SandboxFixture t) {
        // rate limit 5/s: each run of 4 creates takes a noticeable time
        Path csv = t.csv("t.csv", "A,a,,,true", "B,b,,,true", "C,c,,,true", "D,d,,,true");
        CompletableFuture<SyncRun> first = CompletableFuture.supplyAsync(() -> service.runOnce(t.settings(csv, "toggl.rate-limit=5")));
        CompletableFuture<SyncRun> second = CompletableFuture.supplyAsync(() -> service.runOnce(t.settings(csv, "toggl.rate-limit=5")));
        SyncRun a = first.join();
        SyncRun b = second.join();

        SyncRun earlier = a.started().isBefore(b.started()) ? a : b;
        SyncRun later = earlier == a ? b : a;
        assertThat(later.started()).isAfterOrEqualTo(earlier.finished());
        assertThat(t.sandbox.allTasks()).hasSize(4);
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(4);
    }

    @Test
    void healthAndMetricsShowTheRuns(SandboxFixture t) {
        SyncRun run = service.runOnce(t.settings(t.csv("t.csv", "A,a,,,true", "B,b,,,true")));
        assertThat(run.exitCode()).isZero();

        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("last_run_exit_code"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sync_runs_total{outcome=\"in_sync\"}"))
                .body(containsString("sync_records_total{outcome=\"created\"}"))
                .body(containsString("sync_records_total{outcome=\"failed\"}"))   // at 0 too: SyncMetricsTest
                .body(containsString("toggl_api_calls_total{method=\"POST\"}"))
                .body(containsString("sync_last_success_timestamp_seconds"))
                .body(containsString("sync_run_duration_seconds_count"));
    }
}
