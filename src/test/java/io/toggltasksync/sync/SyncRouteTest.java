package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.source.SourceDeferred;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import io.toggltasksync.toggl.TogglQuotaException;
import io.toggltasksync.toggl.TogglTransientException;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code sync-run} route (sync.camel.yaml) with its phases mocked: a failure in one phase ends the run as its
 * {@code doCatch} says (abort with exit 2, or defer on a spent quota) with nothing applied, and the report is written
 * whatever happened ({@code doFinally}). What it catches is {@code runFailures}'s (a source that asks to wait and a
 * spent quota stop it, exit 1; the source, a setting, Toggl or IO fail it, exit 2), a cause included. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class SyncRouteTest extends RouteTest {

    MockEndpoint readSource;
    MockEndpoint snapshot;
    MockEndpoint apply;
    SyncRun run;

    @BeforeEach
    void mockThePhases() throws Exception {
        adviseOnce("sync-run", route -> {
            route.weaveByToUri("direct:read-source").replace().to("mock:read-source");
            route.weaveByToUri("direct:toggl-snapshot").replace().to("mock:toggl-snapshot");
            route.weaveByToUri("direct:toggl-apply").replace().to("mock:toggl-apply");
        });
        readSource = mock("mock:read-source");
        snapshot = mock("mock:toggl-snapshot");
        apply = mock("mock:toggl-apply");
        run = newRun();
        readSource.whenAnyExchangeReceived(e -> e.getMessage().setBody(new SourceBatch("test source",
                List.of(record("R1"), record("R2")), List.of(), io.toggltasksync.model.IdentityRule.NONE)));
    }

    private static SourceTask record(String id) {
        return new SourceTask(Provider.CSV, id, "Task " + id, TestSettings.P1, null, true, 2);
    }

    private static Processor fails(RuntimeException e) {
        return exchange -> {
            throw e;
        };
    }

    private Exchange sync() {
        return template.send("direct:sync", exchange(run, null));
    }

    @Test
    void plannedWritesGoToTheApplyPhase() {
        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(apply.getReceivedCounter()).isEqualTo(1);
        assertThat(apply.getReceivedExchanges().get(0).getMessage().getBody(Plan.class).creates()).hasSize(2);
    }

    @Test
    void aFailedSourceReadAbortsWithExitTwoAndNothingIsApplied() {
        readSource.whenAnyExchangeReceived(fails(new SourceException("Jira search failed (HTTP 500)")));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(snapshot.getReceivedCounter()).isZero();
        assertThat(apply.getReceivedCounter()).isZero();
    }

    @Test
    void aFailedSnapshotAbortsWithExitTwoAndNothingIsPlanned() {
        snapshot.whenAnyExchangeReceived(fails(new TogglTransientException(503, "503 Service Unavailable")));

        sync();

        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(run.plan()).isNull();
        assertThat(apply.getReceivedCounter()).isZero();
        assertThat(run.ledger().records(Outcome.DEFERRED)).isEqualTo(2);
    }

    @Test
    void aQuotaSpentDuringTheSnapshotDefersEveryRecord() {
        snapshot.whenAnyExchangeReceived(fails(new TogglQuotaException(3600, "Toggl hourly API quota spent")));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(run.stop().isStopped()).isTrue();
        assertThat(run.ledger().records(Outcome.DEFERRED)).isEqualTo(2);
        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(apply.getReceivedCounter()).isZero();
    }

    @Test
    void aSourceThatAsksToWaitStopsTheRunWithExitOneAndNothingIsRead() {
        readSource.whenAnyExchangeReceived(fails(new SourceDeferred("rate limit spent, resets in 3600 s")));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(run.stop().isStopped()).isTrue();
        assertThat(run.isAborted()).isFalse();
        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(snapshot.getReceivedCounter()).isZero();
        assertThat(apply.getReceivedCounter()).isZero();
    }

    @Test
    void aMappingTheFileContradictsAbortsWithExitTwo() {
        readSource.whenAnyExchangeReceived(fails(new ConfigException("csv.columns (CSV_COLUMNS) needs column(s) 'Hours'")));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(run.abortReason()).contains("'Hours'");
        assertThat(snapshot.getReceivedCounter()).isZero();
    }

    @Test
    void anIoErrorWrappedByCamelAbortsWithExitTwo() {
        // the failure as Camel may hand it on: the expected type is a cause, as doCatch's own lists look for it
        snapshot.whenAnyExchangeReceived(fails(new org.apache.camel.RuntimeCamelException(new java.io.IOException("connection reset"))));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isNull();
        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(run.abortReason()).contains("connection reset");
        assertThat(apply.getReceivedCounter()).isZero();
    }

    @Test
    void theReportIsWrittenAfterARunThatSucceeds() {
        sync();

        assertThat(run.settings().run().reportFile()).exists();
    }

    @Test
    void theReportIsWrittenAfterARunThatAborts() {
        readSource.whenAnyExchangeReceived(fails(new SourceException("Jira search failed (HTTP 500)")));

        sync();

        assertThat(run.settings().run().reportFile()).exists();
    }

    @Test
    void theReportIsWrittenAfterAFailureNoCatchExpects() {
        snapshot.whenAnyExchangeReceived(fails(new IllegalStateException("bug")));

        Exchange exchange = sync();

        assertThat(exchange.getException()).isInstanceOf(IllegalStateException.class);
        assertThat(run.settings().run().reportFile()).exists();
    }
}
