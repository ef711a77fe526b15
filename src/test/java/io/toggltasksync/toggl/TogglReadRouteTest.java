package io.toggltasksync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code toggl-read} route (toggl-call.camel.yaml): a {@link TogglRead}'s request sent through {@code toggl-call}
 * under {@code toggl-read-errors}, the answer read into the read's type; a failure that retrying does not cure fails
 * the caller. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class TogglReadRouteTest extends RouteTest {

    private static final TogglRead WORKSPACE = TogglRead.of(TogglRequest.get("/workspaces/42", null), TogglWorkspace.class);
    private static final String WORKSPACE_JSON = "{\"id\":42,\"name\":\"Acme\",\"premium\":true,\"admin\":true}";

    MockEndpoint toggl;
    SyncRun run;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
        run = newRun();
    }

    private Exchange read(TogglRead read) {
        return template.send("direct:toggl-read", exchange(run, read));
    }

    @Test
    void theAnswerIsReadIntoTheTypeTheReadNames() {
        toggl.whenAnyExchangeReceived(answer(200, WORKSPACE_JSON));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(new TogglWorkspace(42, "Acme", true, true));
        assertThat(toggl.getReceivedExchanges().get(0).getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/workspaces/42");
    }

    @Test
    void anArrayIsReadIntoAListOfTheElementType() {
        toggl.whenAnyExchangeReceived(answer(200, "[{\"id\":1001,\"name\":\"Web\"},{\"id\":1002,\"name\":\"App\"}]"));

        Exchange exchange = read(TogglRead.listOf(TogglRequest.get("/workspaces/42/projects", null), TogglProject.class));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).extracting(p -> ((TogglProject) p).id()).containsExactly(1001L, 1002L);
    }

    @Test
    void aServerErrorIsRetriedAndTheAnswerRead() {
        toggl.whenExchangeReceived(1, answer(503, "Service Unavailable"));
        toggl.whenExchangeReceived(2, answer(200, WORKSPACE_JSON));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isNull();
        assertThat(redeliveries.count()).isEqualTo(1);
        assertThat(run.toggl().calls().retries()).isEqualTo(1);
        assertThat(exchange.getMessage().getBody(TogglWorkspace.class).seesEveryonesEntries()).isTrue();
    }

    @Test
    void aServerErrorThatLastsFailsTheCallerAfterTheRetries() {
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isInstanceOf(TogglTransientException.class).hasMessageContaining("503");
        assertThat(toggl.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(redeliveries.count()).isEqualTo(maxRetries());
    }

    @Test
    void aClientErrorFailsTheCallerAtOnce() {
        toggl.whenAnyExchangeReceived(answer(404, "Not Found"));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isInstanceOf(TogglClientException.class).hasMessageContaining("404");
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aSpentQuotaFailsTheCallerAtOnce() {
        toggl.whenAnyExchangeReceived(quotaSpent());

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isInstanceOf(TogglQuotaException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void anAnswerThatIsNotTheJsonAskedForFailsTheCallerWithoutRetrying() {
        toggl.whenAnyExchangeReceived(answer(200, "<html>proxy login</html>"));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isInstanceOf(JsonProcessingException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void anEmptyAnswerFailsTheCallerWithoutRetrying() {
        toggl.whenAnyExchangeReceived(answer(200, null));

        Exchange exchange = read(WORKSPACE);

        assertThat(exchange.getException()).isInstanceOf(JsonProcessingException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aReadCountsOnlyItsOwnAttempts() {
        // the attempts a read before it left on the exchange (the Reports API's pages are read on one exchange)
        Exchange exchange = exchange(run, WORKSPACE);
        exchange.setProperty(TogglApi.ATTEMPTS, 3);
        toggl.whenAnyExchangeReceived(answer(200, WORKSPACE_JSON));

        template.send("direct:toggl-read", exchange);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getProperty(TogglApi.ATTEMPTS)).isEqualTo(1);
        assertThat(run.toggl().calls().retries()).isZero();
    }
}
