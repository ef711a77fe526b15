package io.toggltasksync.webhook;

import static io.toggltasksync.testing.TestSettings.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.RouteTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.toggltasksync.model.IssueEvent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookGate}: what a client without the secret can make {@code POST /webhooks/jira} hold.
 * Raw sockets, because the point is what the app answers before a body is whole (an HTTP client
 * would wait to send it all). The app is the route tests' ({@link RouteTest.Profile}), the events of
 * signed deliveries caught on {@code mock:jira-event} as in {@code JiraWebhookRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class WebhookGateTest extends RouteTest {

    static final String SECRET = "gate-test-secret-0123456789";
    static final int MAX_BYTES = 4096;
    static final String WRONG = "sha256=" + "0".repeat(64);
    /** Longer than any answer may take, shorter than a test worth waiting for. */
    static final int PATIENCE_MS = 5000;

    @Inject
    JiraWebhook webhook;

    @Inject
    WebhookGate gate;

    @Inject
    MeterRegistry registry;

    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void openTheReceiver() throws Exception {
        adviseOnce("jira-event-coalesce", route -> route.weaveByType(BeanDefinition.class).replace().to("mock:jira-event"));
        webhook.open(settings(JiraFixture.concat(JiraFixture.cloudSettings(JIRA_URL, "project = ALPHA", 100), "toggl.project-map=ALPHA=" + P1,
                "jira.webhook-secret=" + SECRET, "jira.webhook-max-bytes=" + MAX_BYTES)));
    }

    @AfterEach
    void closeTheSockets() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        s.setSoTimeout(PATIENCE_MS);
        sockets.add(s);
        return s;
    }

    /** Sends a POST's head: the body, if any, is the caller's to send (or not). */
    private Socket post(String signature, String... headers) throws IOException {
        Socket s = connect();
        StringBuilder head = new StringBuilder("POST /webhooks/jira HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n");
        if (signature != null) {
            head.append(JiraWebhook.SIGNATURE).append(": ").append(signature).append("\r\n");
        }
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        s.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** The app's whole answer on {@code s} up to its closing the connection; fails if it does not within PATIENCE_MS. */
    private static String answerAndClose(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int n; (n = in.read(buf)) >= 0;) {
                answer.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the app neither answered nor closed within " + PATIENCE_MS + " ms; so far: " + answer);
        }
        return answer.toString(StandardCharsets.US_ASCII);
    }

    private double deliveries(String outcome) {
        return registry.counter(WebhookMetrics.DELIVERIES, "outcome", outcome).count();
    }

    private static String delivery(String key) {
        return "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":" + JiraFixture.issue(key, "Login page", "indeterminate", null, 3600L) + "}";
    }

    @Test
    void theGateGuardsThePathOfTheReceiversRoute() {
        assertThat(camelContext.getRoute("jira-webhook").getEndpoint().getEndpointUri()).contains(WebhookGate.PATH);
    }

    @Test
    void withoutAWellFormedSignatureTheAnswerIs401BeforeTheBodyIsSent() throws IOException {
        double refused = deliveries("rejected_signature");

        assertThat(answerAndClose(post(null, "Content-Length: 4000"))).startsWith("HTTP/1.1 401");
        assertThat(answerAndClose(post("sha256=abc", "Content-Length: 4000"))).startsWith("HTTP/1.1 401");

        assertThat(deliveries("rejected_signature")).isEqualTo(refused + 2);
    }

    @Test
    void aContentLengthOverEitherLimitIs413BeforeTheBodyIsSentAndCounted() throws IOException {
        double tooLarge = deliveries("rejected_too_large");

        assertThat(answerAndClose(post(WRONG, "Content-Length: " + (MAX_BYTES + 1)))).startsWith("HTTP/1.1 413");
        // over quarkus.http.limits.max-body-size too: the server's own 413 would not be counted
        assertThat(answerAndClose(post(WRONG, "Content-Length: 2000000"))).startsWith("HTTP/1.1 413");

        assertThat(deliveries("rejected_too_large")).isEqualTo(tooLarge + 2);
    }

    @Test
    void aChunkedBodyIsCutOffOnceItPassesTheLimit() throws IOException {
        double tooLarge = deliveries("rejected_too_large");
        Socket s = post(WRONG, "Transfer-Encoding: chunked");
        byte[] chunk = ("1000\r\n" + "x".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        s.getOutputStream().write(chunk);
        s.getOutputStream().write(chunk);

        assertThat(answerAndClose(s)).startsWith("HTTP/1.1 413");
        assertThat(deliveries("rejected_too_large")).isEqualTo(tooLarge + 1);
    }

    @Test
    void aBodyThatStopsComingIsCutOffWith408() throws IOException {
        double slow = deliveries("rejected_slow");
        Socket s = post(WRONG, "Content-Length: 4000");
        s.getOutputStream().write(new byte[1000]);
        long start = System.nanoTime();

        assertThat(answerAndClose(s)).startsWith("HTTP/1.1 408");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WebhookGate.STALL);
        assertThat(deliveries("rejected_slow")).isEqualTo(slow + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.inFlightBytes() == 0);
    }

    @Test
    void aWrongSignatureIsFoundOnceTheBodyEndsAnd401() throws IOException {
        double refused = deliveries("rejected_signature");
        byte[] body = delivery("ALPHA-20").getBytes(StandardCharsets.UTF_8);
        Socket s = post(WRONG, "Content-Length: " + body.length);
        s.getOutputStream().write(body);

        assertThat(answerAndClose(s)).startsWith("HTTP/1.1 401");
        assertThat(deliveries("rejected_signature")).isEqualTo(refused + 1);
    }

    @Test
    void aSignedBodyThatComesInPiecesIsJoinedInOrderAndAccepted() throws Exception {
        MockEndpoint events = mock("mock:jira-event");
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":"
                + JiraFixture.issue("ALPHA-22", "Long " + "y".repeat(2500), "indeterminate", null, 3600L) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Socket s = post(HubSignature.header(SECRET, bytes), "Transfer-Encoding: chunked", JiraWebhook.DELIVERY_ID + ": " + UUID.randomUUID());
        int third = bytes.length / 3;
        for (int from = 0; from < bytes.length; from += third) {
            int n = Math.min(third, bytes.length - from);
            s.getOutputStream().write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(bytes, from, n);
            s.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(50); // separate reads on the app's side
        }
        s.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();

        byte[] head = new byte[12];
        assertThat(s.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(head.length);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 202");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.getReceivedExchanges().stream()
                .anyMatch(e -> e.getMessage().getBody(IssueEvent.class).issueKey().equals("ALPHA-22")));
    }

    @Test
    void bodiesBeingReadHoldAtMostTheirBudgetAndASignedDeliveryPassesOnceTheStalledAreCut() throws Exception {
        double busy = deliveries("rejected_busy");
        for (int i = 0; i < WebhookGate.IN_FLIGHT_DELIVERIES; i++) {
            post(WRONG, "Content-Length: " + MAX_BYTES).getOutputStream().write(new byte[100]);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.inFlightBytes() == (long) WebhookGate.IN_FLIGHT_DELIVERIES * MAX_BYTES);

        String full = answerAndClose(post(WRONG, "Content-Length: 100"));

        assertThat(full).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: " + WebhookGate.RETRY_AFTER_SECONDS);
        assertThat(deliveries("rejected_busy")).isEqualTo(busy + 1);
        // the stalled bodies are cut, and the budget is free again for Jira
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.inFlightBytes() == 0);
        String body = delivery("ALPHA-21");
        int status = RestAssured.given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header(JiraWebhook.SIGNATURE, HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header(JiraWebhook.DELIVERY_ID, UUID.randomUUID().toString()).post(WebhookGate.PATH).statusCode();
        assertThat(status).isEqualTo(202);
    }
}
