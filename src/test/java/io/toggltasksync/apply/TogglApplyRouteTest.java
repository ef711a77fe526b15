package io.toggltasksync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code toggl-apply} and {@code toggl-write} routes (toggl-apply.camel.yaml) under their error handling, the
 * route configuration {@code toggl-write-errors} (error-handling.camel.yaml): which refused writes are retried, which
 * go to the dead letter ({@code direct:write-failed}) at once, and what a spent quota stops. The pattern: see
 * {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class TogglApplyRouteTest extends RouteTest {

    MockEndpoint toggl;
    /** What reaches the dead letter route {@code write-failed}. */
    MockEndpoint deadLetter;
    SyncRun run;

    @BeforeEach
    void mockTogglAndWatchTheDeadLetter() throws Exception {
        toggl = mockToggl();
        deadLetter = watchDeadLetters();
        run = newRun();
    }

    private static SourceTask record(String id) {
        return new SourceTask(Provider.CSV, id, "Task " + id, TestSettings.P1, 3600L, true, 2);
    }

    private Exchange applyCreates(SourceTask... records) {
        Plan plan = new Plan(Arrays.asList(records), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Plan.Guard(false, 0, 0, 0.5));
        return template.send("direct:toggl-apply", exchange(run, plan));
    }

    @Test
    void aClientErrorGoesToTheDeadLetterAtOnceAndTheRecordFails() {
        toggl.whenAnyExchangeReceived(answer(400, "estimated_seconds must be positive"));

        Exchange exchange = applyCreates(record("R1"));

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertThat(deadLetter.getReceivedCounter()).isEqualTo(1);
        assertThat(run.ledger().records(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotJsonGoesToTheDeadLetterWithoutRedelivery() {
        toggl.whenAnyExchangeReceived(answer(200, "<html>proxy login</html>"));

        applyCreates(record("R1"));

        assertThat(deadLetter.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertThat(run.ledger().records(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedThenDeadLettered() {
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Exchange exchange = applyCreates(record("R1"));

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(redeliveries.count()).isEqualTo(maxRetries());
        assertThat(deadLetter.getReceivedCounter()).isEqualTo(1);
        assertThat(run.ledger().records(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void aServerErrorThatPassesIsRetriedAndTheTaskCreated() {
        SourceTask r1 = record("R1");
        toggl.whenExchangeReceived(1, answer(503, "Service Unavailable"));
        toggl.whenExchangeReceived(2, answer(200, taskJson(501, r1.name())));

        applyCreates(r1);

        assertThat(toggl.getReceivedCounter()).isEqualTo(2);
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(run.ledger().records(Outcome.CREATED)).isEqualTo(1);
    }

    @Test
    void aSpentQuotaStopsTheRunAndDefersThisCallAndEveryQueuedOne() {
        toggl.whenAnyExchangeReceived(quotaSpent());

        Exchange exchange = applyCreates(record("R1"), record("R2"), record("R3"));

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertThat(run.stop().isStopped()).isTrue();
        assertThat(run.ledger().records(Outcome.DEFERRED)).isEqualTo(3);
        assertThat(deadLetter.getReceivedCounter()).isZero();
    }

    @Test
    void aStoppedRunDefersWithoutSending() {
        run.stop().stop("shutting down");

        applyCreates(record("R1"), record("R2"));

        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(run.ledger().records(Outcome.DEFERRED)).isEqualTo(2);
    }
}
