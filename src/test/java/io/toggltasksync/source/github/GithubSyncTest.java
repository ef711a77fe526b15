package io.toggltasksync.source.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.GithubFixture.issue;
import static io.toggltasksync.testing.GithubFixture.page;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GitHub Issues source in a run, end to end: WireMock GitHub, sandbox Toggl. Issues of {@code acme/alpha} go to
 * the project found by matching ({@code name-key}: "alpha (acme/alpha)"), those of {@code acme/beta} to P2 by
 * {@code toggl.project-map}.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class GithubSyncTest {

    static final String ALPHA = "/repos/acme/alpha/issues";
    static final String BETA = "/repos/acme/beta/issues";
    /** The Toggl project {@code acme/alpha} matches by its name. */
    static final long P3 = 1003;

    @Inject
    SyncService service;

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;

    @BeforeEach
    void start() {
        t.sandbox.addProject(SandboxFixture.WS, P3, "alpha (acme/alpha)");
        answer(ALPHA, "a1", issue(101, 1, "Login page", "open"), issue(102, 2, "Signup", "open"));
        answer(BETA, "b1", issue(201, 7, "Billing", "open"));
    }

    /** The list of {@code path} with ETag {@code etag}; a request that sends that ETag back is answered 304. */
    private void answer(String path, String etag, String... issues) {
        github.getStubMappings().stream().filter(m -> path.equals(m.getRequest().getUrlPath())).toList().forEach(github::removeStub);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        github.stubFor(get(urlPathEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"" + etag + "\"").withHeader("Date", date)
                .withHeader("x-ratelimit-remaining", "4999").withBody(page(issues))));
        github.stubFor(get(urlPathEqualTo(path)).atPriority(1).withHeader("If-None-Match", equalTo("\"" + etag + "\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"" + etag + "\"").withHeader("Date", date)));
    }

    private SyncRun sync(String... more) {
        t.sandbox.resetCounters();
        github.resetRequests();
        return service.runOnce(GithubFixture.mirror(t.testSettings(), github.baseUrl(), "acme/alpha,acme/beta")
                .overrides("toggl.project-id=", "toggl.project-map=acme/beta=" + P2).overrides(more).load());
    }

    private SyncRun imported() {
        SyncRun run = sync();
        assertThat(run.exitCode()).as(String.valueOf(run.abortReason())).isZero();
        assertThat(run.mode().incremental()).isFalse();
        return run;
    }

    @Test
    void issuesOfTwoRepositoriesImportIntoTheirProjects() {
        imported();

        assertThat(t.task(P3, "alpha#1 Login page").active()).as("acme/alpha by the name of its repository").isTrue();
        assertThat(t.task(P3, "alpha#2 Signup").active()).isTrue();
        assertThat(t.task(P2, "beta#7 Billing").active()).as("acme/beta by toggl.project-map").isTrue();
        github.verify(getRequestedFor(urlPathEqualTo(ALPHA)).withHeader("Authorization", equalTo("Bearer " + GithubFixture.TOKEN)));
    }

    @Test
    void aRerunWritesNothingAndCostsOneConditionalRequestPerRepository() {
        imported();

        SyncRun run = sync();

        assertThat(run.mode().incremental()).as(run.mode().reason()).isTrue();
        assertThat(run.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(github.getAllServeEvents()).hasSize(2);
        github.verify(1, getRequestedFor(urlPathEqualTo(ALPHA)).withHeader("If-None-Match", equalTo("\"a1\"")));
        github.verify(1, getRequestedFor(urlPathEqualTo(BETA)).withHeader("If-None-Match", equalTo("\"b1\"")));
        assertThat(github.getAllServeEvents()).allMatch(e -> e.getResponse().getStatus() == 304);
        assertThat(run.sourceRead().calls().getAsLong()).isEqualTo(2);
    }

    @Test
    void aRenamedAClosedAndAReopenedIssueLandOnTheNextRun() {
        answer(BETA, "b1", issue(201, 7, "Billing", "open"), issue(202, 8, "Refunds", "closed"));
        imported();
        assertThat(t.task(P2, "beta#8 Refunds").active()).isFalse();
        answer(ALPHA, "a2", issue(101, 1, "Login page with SSO", "open"), issue(102, 2, "Signup", "closed"));
        answer(BETA, "b2", issue(201, 7, "Billing", "open"), issue(202, 8, "Refunds", "open"));

        SyncRun run = sync();

        assertThat(run.mode().incremental()).isTrue();
        assertThat(run.exitCode()).isZero();
        assertThat(t.task(P3, "alpha#1 Login page with SSO").active()).isTrue();
        assertThat(t.task(P3, "alpha#2 Signup").active()).as("closed").isFalse();
        assertThat(t.task(P2, "beta#8 Refunds").active()).as("reopened").isTrue();
        assertThat(t.sandbox.tasks(P3)).hasSize(2);
    }

    @Test
    void anIssueGoneFromTheListIsMissingOnASweepOnly() {
        imported();
        // #2 deleted (or transferred away): no longer listed
        answer(ALPHA, "a2", issue(101, 1, "Login page", "open"));

        SyncRun incremental = sync();

        assertThat(incremental.mode().incremental()).isTrue();
        assertThat(t.task(P3, "alpha#2 Signup").active()).as("an incremental run decides nothing missing").isTrue();

        SyncRun sweep = sync("sync.full-sweep=true");

        assertThat(sweep.mode().incremental()).isFalse();
        assertThat(t.task(P3, "alpha#2 Signup").active()).as("sync.missing=deactivate, on a sweep").isFalse();
        assertThat(t.task(P3, "alpha#1 Login page").active()).isTrue();
    }

    @Test
    void aRateLimitMidRunDefersTheRunAndTheNextRunCatchesUp() throws Exception {
        SyncRun first = imported();
        byte[] state = Files.readAllBytes(first.settings().state().stateFile());
        answer(ALPHA, "a2", issue(101, 1, "Login page with SSO", "open"), issue(102, 2, "Signup", "open"));
        github.stubFor(get(urlPathEqualTo(BETA)).atPriority(0).willReturn(aResponse().withStatus(403)
                .withHeader("retry-after", "3600").withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));

        SyncRun limited = sync();

        assertThat(limited.exitCode()).as("deferred, as with Toggl's spent quota").isEqualTo(1);
        assertThat(limited.isAborted()).isFalse();
        assertThat(t.writes()).isZero();
        assertThat(Files.readAllBytes(first.settings().state().stateFile())).as("the state stays: the next run reads from the same place")
                .isEqualTo(state);
        assertThat(t.task(P3, "alpha#1 Login page").active()).isTrue();
        assertThat(limited.ledger().total(Outcome.DEFERRED)).as("the records the state knows").isEqualTo(3);

        github.removeStub(github.getStubMappings().stream().filter(s -> s.getPriority() != null && s.getPriority() == 0).findFirst()
                .orElseThrow());
        SyncRun next = sync();

        assertThat(next.exitCode()).isZero();
        assertThat(t.task(P3, "alpha#1 Login page with SSO").active()).isTrue();
    }

    @Test
    void aRefusedTokenOrAnUnknownRepositoryExitsTwoWithoutWrites() {
        github.stubFor(get(urlPathEqualTo(BETA)).atPriority(0).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Not Found\"}")));

        SyncRun run = sync();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.abortReason()).contains("acme/beta").doesNotContain(GithubFixture.TOKEN);
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.tasks(P3)).isEmpty();
    }
}
