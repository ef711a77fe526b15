package io.toggltasksync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code toggl-apply} and {@code toggl-write} routes (toggl-apply.camel.yaml): each kind of {@code WriteCall} sent,
 * its answer read into its type and accounted (the route picks by the call's type); and under their error handling, the
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

    /** A managed task of project {@link TestSettings#P1} linked to the CSV record {@code id}. */
    private static TogglTask task(long taskId, String id) {
        return new TogglTask(taskId, TestSettings.WS, TestSettings.P1, "Task " + id, 3600L, true, Provider.CSV.id(), "task", id);
    }

    private Exchange applyCreates(SourceTask... records) {
        return apply(Arrays.asList(records), List.of(), List.of(), List.of());
    }

    private Exchange apply(List<SourceTask> creates, List<Plan.Update> updates, List<Plan.Flip> flips, List<TogglTask> deletions) {
        Plan plan = new Plan(creates, updates, flips, deletions, List.of(), List.of(), List.of(), List.of(),
                new Plan.Guard(false, 0, 0, 0.5));
        return template.send("direct:toggl-apply", exchange(run, plan));
    }

    private Message sent(int index) {
        return toggl.getReceivedExchanges().get(index).getMessage();
    }

    // Each kind of call: its request, its answer read into its type, its accounting (toggl-write's choice by type).

    @Test
    void aCreateIsAPostWhoseAnswerGivesTheTaskId() {
        toggl.whenAnyExchangeReceived(answer(200, taskJson(501, "Task R1")));

        Exchange exchange = applyCreates(record("R1"));

        assertThat(exchange.getException()).isNull();
        assertThat(sent(0).getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(run.ledger().records(Outcome.CREATED)).isEqualTo(1);
        assertThat(run.writes().writtenTasks()).extracting(TogglTask::id).containsExactly(501L);
    }

    @Test
    void anUpdateIsAPutAndItsRecordUpdated() {
        SourceTask renamed = new SourceTask(Provider.CSV, "R1", "Task R1 renamed", TestSettings.P1, 3600L, true, 2);
        toggl.whenAnyExchangeReceived(answer(200, taskJson(7, renamed.name())));

        Exchange exchange = apply(List.of(), List.of(new Plan.Update(task(7, "R1"), renamed)), List.of(), List.of());

        assertThat(exchange.getException()).isNull();
        assertThat(sent(0).getHeader(Exchange.HTTP_METHOD)).isEqualTo("PUT");
        assertThat(run.ledger().records(Outcome.UPDATED)).isEqualTo(1);
        assertThat(run.writes().writtenTasks()).extracting(TogglTask::name).containsExactly("Task R1 renamed");
    }

    @Test
    void aDeletionIsADeleteAndItsTaskCountedDeleted() {
        Exchange exchange = apply(List.of(), List.of(), List.of(), List.of(task(7, "R1")));

        assertThat(exchange.getException()).isNull();
        assertThat(sent(0).getHeader(Exchange.HTTP_METHOD)).isEqualTo("DELETE");
        assertThat(run.ledger().missing(Outcome.DELETED)).isEqualTo(1);
        assertThat(run.writes().deletedTaskIds()).containsExactly(7L);
    }

    @Test
    void aBulkPatchIsAccountedTaskByTaskFromItsAnswer() {
        toggl.whenAnyExchangeReceived(answer(200, "{\"success\":[7],\"failure\":[{\"id\":8,\"message\":\"Task not found\"}]}"));

        Exchange exchange = apply(List.of(), List.of(), List.of(new Plan.Flip(task(7, "R1"), false, null), new Plan.Flip(task(8, "R2"), false, null)),
                List.of());

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(sent(0).getHeader(Exchange.HTTP_METHOD)).isEqualTo("PATCH");
        assertThat(run.ledger().missing(Outcome.DEACTIVATED)).isEqualTo(1);
        assertThat(run.ledger().missing(Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void aCreateRefusedForATakenNameIsLookedUpAndFoundOurs() {
        // the POST's answer was lost once; its retry finds the name taken, by the task the first attempt made
        toggl.whenExchangeReceived(1, answer(400, "Name has already been taken"));
        toggl.whenExchangeReceived(2, answer(200, "{\"data\":[" + taskJson(501, "Task R1") + "]}"));

        Exchange exchange = applyCreates(record("R1"));

        assertThat(exchange.getException()).isNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(2);
        assertThat(sent(1).getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(deadLetter.getReceivedCounter()).isEqualTo(1);
        assertThat(run.ledger().records(Outcome.CREATED)).isEqualTo(1);
        assertThat(run.ledger().records(Outcome.FAILED)).isZero();
    }

    // The error paths.

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
