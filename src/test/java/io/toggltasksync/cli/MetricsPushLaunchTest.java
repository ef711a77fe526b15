package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.PushgatewayStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-off runs against the embedded sandbox with {@code metrics.push-url} pointing at a local stand-in
 * of the Pushgateway: what the gateway holds afterwards is what the run did, each run replaces the
 * last, and a push never changes a run's exit code. The URL is a system property, set per launch
 * (the stand-in's port is only known at run time) and cleared after.
 */
@QuarkusMainTest
@TestProfile(SandboxProfiles.MetricsPush.class)
class MetricsPushLaunchTest {

    private static final String JOB = "toggl-task-sync";
    private static final Path REPORT = Path.of("target/exit-code-test/push-report.json");
    private static final Pattern PUSHED = Pattern.compile("Pushed (\\d+) metric samples to 127\\.0\\.0\\.1:\\d+/metrics/job/" + JOB);
    private static PushgatewayStandIn gateway;

    @BeforeAll
    static void startGateway() {
        gateway = PushgatewayStandIn.start();
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void pointAtTheGateway() throws Exception {
        gateway.reset();
        Files.deleteIfExists(REPORT);
        System.setProperty("metrics.push-url", gateway.url());
    }

    @AfterEach
    void clear() {
        System.clearProperty("metrics.push-url");
    }

    @Test
    void eachRunPushesWhatItDidAndReplacesTheLastRunsGroupExitCodeIncluded(QuarkusMainLauncher launcher) throws Exception {
        // what an older run left in the group: a PUT must not keep it
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/metrics/job/" + JOB))
                .PUT(HttpRequest.BodyPublishers.ofString("sync_retired_metric 7\n")).build(), HttpResponse.BodyHandlers.discarding());

        LaunchResult clean = launcher.launch();

        assertThat(clean.exitCode()).as(clean.getOutput()).isZero();
        JsonNode report = Json.MAPPER.readTree(REPORT.toFile());
        assertThat(report.path("created").asInt()).isPositive();
        assertThat(value("sync_runs_total", "outcome", "in_sync")).isEqualTo(1.0);
        assertThat(value("sync_runs_total", "outcome", "incomplete")).isZero();
        assertThat(value("sync_last_run_records", "outcome", "created")).isEqualTo(report.path("created").asDouble());
        assertThat(value("sync_last_run_exit_code")).isZero();
        assertApiCallsMatch(report);
        assertThat(gateway.value(JOB, "sync_retired_metric")).as("PUT replaced the group").isEmpty();
        assertThat(gateway.group(JOB).orElseThrow()).hasSize(pushedSamples(clean));

        LaunchResult rejecting = launcher.launch("--csv", "samples/bad-rows.csv");

        assertThat(rejecting.exitCode()).as("the push does not change the exit code").isEqualTo(1);
        report = Json.MAPPER.readTree(REPORT.toFile());
        assertThat(report.path("rejected").asInt()).isPositive();
        assertThat(value("sync_last_run_exit_code")).isEqualTo(1.0);
        assertThat(value("sync_runs_total", "outcome", "incomplete")).isEqualTo(1.0);
        assertThat(value("sync_runs_total", "outcome", "in_sync")).as("the second run replaced the first, not added to it").isZero();
        assertThat(value("sync_last_run_records", "outcome", "rejected")).isEqualTo(report.path("rejected").asDouble());
        assertApiCallsMatch(report);
        assertThat(gateway.group(JOB).orElseThrow()).hasSize(pushedSamples(rejecting));

        // an aborted run (exit 2: the source cannot be read) is the one an operator most wants to see
        Path broken = Files.writeString(REPORT.resolveSibling("push-broken.csv"), "external_id,name,project_id\nA-1,\"never closed,1001\n");
        LaunchResult aborted = launcher.launch("--csv", broken.toString());

        assertThat(aborted.exitCode()).as(aborted.getOutput()).isEqualTo(2);
        assertThat(Json.MAPPER.readTree(REPORT.toFile()).path("status").asText()).isEqualTo("aborted");
        assertThat(value("sync_runs_total", "outcome", "aborted")).isEqualTo(1.0);
        assertThat(value("sync_last_run_exit_code")).isEqualTo(2.0);
        assertThat(gateway.requests()).extracting(PushgatewayStandIn.Request::method).containsExactly("PUT", "PUT", "PUT", "PUT");
    }

    @Test
    void aGatewayAnswering500IsOneWarningAndTheRunStillExits0(QuarkusMainLauncher launcher) throws Exception {
        gateway.answerPushesWith(500, "storage unavailable\n");

        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        assertThat(Json.MAPPER.readTree(REPORT.toFile()).path("status").asText()).isEqualTo("in sync");
        String all = result.getOutput() + result.getErrorOutput();
        assertThat(all.lines().filter(l -> l.contains("Metrics not pushed"))).singleElement().asString()
                .contains("WARN").contains("127.0.0.1:").contains("/metrics/job/" + JOB)
                .contains("the Pushgateway answered HTTP 500: storage unavailable");
        assertThat(gateway.requests()).singleElement().extracting(PushgatewayStandIn.Request::status).isEqualTo(500);
    }

    @Test
    void aDryRunPushesNothing(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--dry-run");

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        assertThat(result.getOutput()).contains("Dry run: metrics not pushed");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void theCheckSaysWhereRunsPushAndPushesNothing(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--check");

        assertThat(result.exitCode()).as(result.getOutput()).isLessThan(2);
        assertThat(result.getOutput()).contains("PUTs its metrics to 127.0.0.1:").contains("/metrics/job/" + JOB);
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void aPushUrlThatIsNotAUrlStopsWithExit2BeforeAnyCall(QuarkusMainLauncher launcher) {
        System.setProperty("metrics.push-url", "pushgateway:9091");

        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains(
                "configuration error: metrics.push-url (METRICS_PUSH_URL) must be the Pushgateway's http:// or https:// URL");
        assertThat(REPORT).as("no run").doesNotExist();
    }

    private static double value(String metric, String... labels) {
        return gateway.value(JOB, metric, labels).orElseThrow(() -> new AssertionError(metric + " " + String.join(",", labels)
                + " not in the pushed group: " + gateway.group(JOB)));
    }

    private static void assertApiCallsMatch(JsonNode report) {
        JsonNode calls = report.path("api_calls");
        assertThat(calls.path("POST").asInt()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = calls.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> method = it.next();
            if (!method.getKey().equals("total")) {
                assertThat(value("toggl_api_calls_total", "method", method.getKey())).as(method.getKey()).isEqualTo(method.getValue().asDouble());
            }
        }
    }

    private static int pushedSamples(LaunchResult result) {
        Matcher m = PUSHED.matcher(result.getOutput());
        assertThat(m.find()).as(result.getOutput()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
