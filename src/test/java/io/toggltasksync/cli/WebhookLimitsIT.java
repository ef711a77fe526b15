package io.toggltasksync.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.PackagedApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app's webhook receiver against early and hostile clients (the bench's
 * {@code bench/webhook-flood.sh} at a scale a test can afford): from its first answer it says 503
 * with {@code Retry-After} until it accepts (never a 404 while its routes start), and connections
 * that send part of a body with a wrong signature and hold are cut, while health and a signed
 * delivery still pass and SIGTERM still stops it. Nothing is synced: the schedule never fires, and
 * an event without a sync state is deferred (no Jira or Toggl call).
 */
class WebhookLimitsIT {

    private static final String SECRET = "it-webhook-secret-0123456789abcdef";
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    private PackagedApp packaged;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void setUp() {
        packaged = new PackagedApp(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        packaged.close();
    }

    @Test
    void fromItsFirstAnswerTheReceiverSays503WithRetryAfterUntilItAccepts() throws Exception {
        int port = PackagedApp.freePort();
        Process app = launch(port);
        List<String> answers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 202 && System.nanoTime() < deadline && app.isAlive()) {
            try {
                HttpResponse<String> answer = http.send(signed(port), HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                answers.add(status + (answer.headers().firstValue("Retry-After").isPresent() ? " Retry-After" : ""));
            } catch (IOException notListening) {
                Thread.sleep(20);
            }
        }

        assertThat(status).as(() -> "the last answer; log:\n" + packaged.log("app")).isEqualTo(202);
        // a 404 (the server up, the route not yet) would tell Jira the URL is wrong: it does not retry that
        assertThat(answers.subList(0, answers.size() - 1)).as("the answers before the first 202").allMatch(a -> a.equals("503 Retry-After"));
    }

    @Test
    void heldConnectionsWithAWrongSignatureAreCutWhileHealthAndASignedDeliveryPass() throws Exception {
        int port = PackagedApp.freePort();
        Process app = launch(port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !app.isAlive() || status(port, "/q/health/ready") == 200);
        assertThat(app.isAlive()).as(() -> "app ended early; log:\n" + packaged.log("app")).isTrue();

        // each promises 1 MB, sends 64 KB and waits
        for (int i = 0; i < 100; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(s);
            s.getOutputStream().write(("POST /webhooks/jira HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\nX-Hub-Signature: sha256=" + "0".repeat(64) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[64 * 1024]);
        }
        long held = System.nanoTime();

        assertThat(status(port, "/q/health/live")).isEqualTo(200);
        for (Socket s : sockets) {
            // the app answers and closes each within seconds (a body that stops coming is cut)
            long left = Duration.ofSeconds(10).toMillis() - Duration.ofNanos(System.nanoTime() - held).toMillis();
            assertThat(closedByTheApp(s, (int) Math.max(1, left))).as("connection %d closed by the app", sockets.indexOf(s)).isTrue();
        }
        assertThat(http.send(signed(port), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("jira_webhook_deliveries_total{outcome=\"accepted\"} 1.0");

        app.destroy(); // SIGTERM
        assertThat(app.waitFor(30, SECONDS)).as("stopped by SIGTERM").isTrue();
    }

    /** Whether the app closes {@code s} within {@code millis} (what it answers before does not matter here). */
    private static boolean closedByTheApp(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        try {
            while (in.read(buf) >= 0) {
                // its answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private Process launch(int port) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(Map.of("TOGGL_API_URL", NOWHERE + "/api/v9", "TOGGL_API_TOKEN", "it-secret-token-0123456789",
                "TOGGL_WORKSPACE_ID", "42", "TOGGL_PROJECT_ID", "1001", "SYNC_SOURCE", "jira", "JIRA_URL", NOWHERE, "JIRA_USER", "me@acme.test",
                "JIRA_TOKEN", JiraFixture.JIRA_TOKEN, "JIRA_JQL", "project = ALPHA"));
        env.putAll(Map.of("JIRA_WEBHOOK_SECRET", SECRET, "SYNC_SCHEDULE", "0 0 0 1 1 ? 2099", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "SYNC_REPORT_FILE", dir.resolve("report.json").toString(), "SYNC_STATE_FILE", dir.resolve("sync-state.json").toString(),
                "SYNC_DEAD_LETTER_FILE", dir.resolve("dead-letter.jsonl").toString()));
        return packaged.launch("app", env);
    }

    private static HttpRequest signed(int port) {
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":"
                + JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L) + "}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/jira")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private int status(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
