package io.toggltasksync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.PackagedApp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Long-running mode with Jira webhooks, as a Kubernetes Deployment runs it: the packaged app
 * ({@code java -jar}, built by {@code package}; failsafe runs this in {@code verify}) with only
 * environment variables, no {@code QUARKUS_HTTP_HOST_ENABLED}. Jira is a WireMock Cloud, Toggl the
 * sandbox, both in this JVM.
 */
class WebhookModeIT {

    private static final String TOKEN = "it-secret-token-0123456789";
    private static final String SECRET = "it-webhook-secret-0123456789abcdef";
    private static final long WS = 42;
    private static final long PROJECT = 1001;
    private static final String JQL = "project = ALPHA";
    private static final String ONE_ISSUE = "(" + JQL + ") AND issuekey = \"ALPHA-1\"";

    @TempDir
    Path dir;

    private TogglSandbox sandbox;
    private WireMockServer jira;
    private PackagedApp app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void setUp() {
        app = new PackagedApp(dir);
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, PROJECT, "Alpha");
        jira = new WireMockServer(wireMockConfig().dynamicPort());
        jira.start();
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), JiraFixture.issue("ALPHA-2", "Signup", "new", null, null)))));
        // the scheduled runs after the first ask only for what changed: nothing, so only an event renames
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", matching("\\(project = ALPHA\\) AND updated >= .*"))
                .willReturn(okJson(JiraFixture.page())));
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(ONE_ISSUE)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L)))));
    }

    @AfterEach
    void tearDown() {
        app.close();
        jira.stop();
        sandbox.close();
    }

    @Test
    void healthMetricsAndTheReceiverAnswerWithNoExtraSwitchAndASignedEventRenamesTheTask() throws Exception {
        int port = PackagedApp.freePort();
        Process app = launch("webhooks", Map.of("SYNC_SCHEDULE", "*/2 * * * * ?", "JIRA_WEBHOOK_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        String base = "http://localhost:" + port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !app.isAlive() || status(base + "/q/health/live") == 200);
        assertThat(app.isAlive()).as(() -> "app ended early; log:\n" + log("webhooks")).isTrue();
        // the first scheduled run imports and leaves the sync state the events are planned against
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("sync-state.json")));
        assertThat(sandbox.tasks(PROJECT)).extracting(t -> t.name()).contains("ALPHA-1 Login page");

        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":"
                + JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L) + "}";
        assertThat(post(base, body, "sha256=" + "0".repeat(64))).as("a wrong signature").isEqualTo(401);
        assertThat(post(base, body, HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.tasks(PROJECT).stream()
                .anyMatch(t -> t.name().equals("ALPHA-1 Login page, with SSO")));
        jira.verify(1, getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(ONE_ISSUE)));
        String metrics = fetch(base + "/q/metrics");
        assertThat(metrics).contains("jira_webhook_events_total{outcome=\"applied\"} 1.0")
                .contains("jira_webhook_deliveries_total{outcome=\"rejected_signature\"} 1.0")
                .contains("sync_runs_total{outcome=\"in_sync\"}");
        assertThat(log("webhooks")).doesNotContain(SECRET);

        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, SECONDS)).isTrue();
    }

    @Test
    void aOneOffRunOpensNoPort() throws Exception {
        int port = PackagedApp.freePort();
        // the search takes a while: the run is caught in the middle
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L))).withFixedDelay(4000)));
        Process app = launch("once", Map.of("QUARKUS_HTTP_PORT", Integer.toString(port)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !jira.findAll(getRequestedFor(urlPathEqualTo(JiraFixture.CLOUD))).isEmpty());
        assertThat(app.isAlive()).as(() -> "the run ended early; log:\n" + log("once")).isTrue();

        try (Socket socket = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000))
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(app.waitFor(60, SECONDS)).isTrue();
        assertThat(app.exitValue()).as(() -> "exit code; log:\n" + log("once")).isZero();
    }

    /** Starts the packaged app as a Jira Cloud mirror of {@link #JQL} into the sandbox, {@code env} on top. */
    private Process launch(String name, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_API_TOKEN", TOKEN,
                "TOGGL_WORKSPACE_ID", Long.toString(WS), "TOGGL_PROJECT_MAP", "ALPHA=" + PROJECT, "TOGGL_RATE_LIMIT", "0", "SYNC_SOURCE", "jira",
                "JIRA_URL", jira.baseUrl(), "JIRA_USER", "me@acme.test", "JIRA_TOKEN", JiraFixture.JIRA_TOKEN, "JIRA_JQL", JQL));
        all.put("SYNC_REPORT_FILE", dir.resolve("report.json").toString());
        all.put("SYNC_DEAD_LETTER_FILE", dir.resolve("dead-letter.jsonl").toString());
        all.putAll(env);
        return app.launch(name, all);
    }

    private int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String fetch(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int post(String base, String body, String signature) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/jira")).header("Content-Type", "application/json")
                .header("X-Hub-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String log(String name) {
        return app.log(name);
    }
}
