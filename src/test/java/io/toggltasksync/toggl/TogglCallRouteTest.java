package io.toggltasksync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code toggl-call} route (toggl-call.camel.yaml): one request out, one answer classified.
 * <p>
 * The pattern of every route test; copy it for another route file. {@code @QuarkusTest} with
 * {@code @TestProfile(RouteTest.Profile.class)}: one app for the route tests alone, so their advice never reaches the
 * end-to-end tests. The app has its own {@code @QuarkusMain}, so nothing starts Camel under test: {@link RouteTest}
 * starts it with {@code CamelEngine}, as {@code SyncService} does; the test's {@code @BeforeEach} then advises the
 * running route ({@code adviseOnce}: once per app). Outside systems become mocks
 * ({@code interceptSendToEndpoint(url*).skipSendToOriginalEndpoint()}) that answer with {@code answer(status, body)} or
 * throw; mocks and the {@code redeliveries} counter are reset before each test. A test sends one exchange holding a real
 * {@link SyncRun}'s parts ({@code exchange(run, body)}, as {@code SyncService} builds it) and asserts on state: what the
 * mocks received, the exception, the run's ledger.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class TogglCallRouteTest extends RouteTest {

    static final TogglRequest RENAME = new TogglRequest("PUT", "/workspaces/42/projects/1001/tasks/7", null,
            Map.of("name", "Write the whole spec", "estimated_seconds", 5400));
    static final String BASIC_AUTH = "Basic "
            + Base64.getEncoder().encodeToString((TestSettings.TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));

    MockEndpoint toggl;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
    }

    private Exchange call(TogglRequest request) {
        Exchange exchange = exchange(newRun(), null);
        exchange.setProperty(TogglRequest.PROPERTY, request);
        return template.send("direct:toggl-call", exchange);
    }

    private Message sent() {
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        return toggl.getReceivedExchanges().get(0).getMessage();
    }

    @Test
    void sendsMethodPathAndAuthOfTheRequestToTheApiUrl() {
        call(RENAME);

        Message sent = sent();
        assertThat(sent.getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("PUT");
        assertThat(sent.getHeader(Exchange.HTTP_PATH, String.class)).isEqualTo("/workspaces/42/projects/1001/tasks/7");
        assertThat(sent.getHeader("Authorization", String.class)).isEqualTo(BASIC_AUTH);
        assertThat(toggl.getReceivedExchanges().get(0).getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class))
                .startsWith(TOGGL_URL);
    }

    @Test
    void marshalsThePayloadToJson() throws IOException {
        call(RENAME);

        assertThat(Json.MAPPER.readTree(sent().getBody(String.class)))
                .isEqualTo(Json.MAPPER.readTree("{\"name\":\"Write the whole spec\",\"estimated_seconds\":5400}"));
    }

    @Test
    void aSuccessfulAnswerBecomesTheBodyAsText() {
        toggl.whenAnyExchangeReceived(answer(200, "{\"id\":7}"));

        Exchange exchange = call(RENAME);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("{\"id\":7}");
    }

    @Test
    void theAuthorizationHeaderIsGoneAfterTheCall() {
        Exchange exchange = call(RENAME);

        assertThat(sent().getHeader("Authorization")).isNotNull();
        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void theAuthorizationHeaderIsGoneWhenTheEndpointThrows() {
        toggl.whenAnyExchangeReceived(e -> {
            throw new ConnectException("Connection refused");
        });

        Exchange exchange = call(RENAME);

        assertThat(exchange.getException()).isInstanceOf(ConnectException.class);
        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void aServerErrorIsTransient() {
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglTransientException.class);
    }

    @Test
    void tooManyRequestsIsTransient() {
        toggl.whenAnyExchangeReceived(answer(429, "Too Many Requests"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglTransientException.class);
    }

    @Test
    void aClientErrorIsAClientException() {
        toggl.whenAnyExchangeReceived(answer(400, "estimated_seconds must be positive"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglClientException.class);
    }

    @Test
    void aRefusedTokenIsAnAuthException() {
        toggl.whenAnyExchangeReceived(answer(403, "Forbidden"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglAuthException.class);
    }

    @Test
    void paymentRequiredWithQuotaHeadersIsASpentQuota() {
        toggl.whenAnyExchangeReceived(quotaSpent());

        assertThat(call(RENAME).getException()).isInstanceOf(TogglQuotaException.class);
    }

    @Test
    void paymentRequiredWhoseHeadersLeaveCallsIsThePlanNotTheQuota() {
        // a free workspace's 402 for tasks, on an account whose quota is far from spent
        toggl.whenAnyExchangeReceived(answer(402, "Tasks are available on paid plans only", "X-Toggl-Quota-Remaining", "200",
                "X-Toggl-Quota-Resets-In", "1800"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglClientException.class).hasMessageContaining("paid Toggl plan");
    }

    @Test
    void paymentRequiredWithoutQuotaHeadersIsAClientError() {
        toggl.whenAnyExchangeReceived(answer(402, "Payment Required"));

        assertThat(call(RENAME).getException()).isInstanceOf(TogglClientException.class);
    }
}
