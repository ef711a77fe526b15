package io.toggltasksync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.TestSettings.P1;
import static io.toggltasksync.testing.TestSettings.WS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.account.DeadLetterFile;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.source.SourceRegistry;
import jakarta.inject.Inject;
import io.toggltasksync.source.github.GithubEvent;
import io.toggltasksync.source.github.GithubRepo;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.RouteTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code github-event} route (github-event.camel.yaml) alone: a GitHub event applied against the sync state, GitHub
 * a WireMock API (the real {@code github-issue} read), Toggl a mock. Its paths: a rename written, a deletion confirmed
 * only by GitHub's 404, a deletion said of an issue GitHub still has (outside the labels) ignored, a failed read, no state.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class GithubEventRouteTest extends RouteTest {

    static final long TASK = 10;
    static final long ISSUE_ID = 1007;
    static final String ISSUE = "/repos/octo/api/issues/7";
    static final String RENAMED = "api#7 Login page, with SSO";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

    MockEndpoint toggl;
    SyncSettings settings;
    SyncRun run;

    /** The source as the run knows it by name (its words are what an event's reasons say). */
    @Inject
    SourceRegistry sources;

    @BeforeEach
    void mocks() throws Exception {
        toggl = mockToggl();
        toggl.whenAnyExchangeReceived(answer(200, taskJson(TASK, RENAMED)));
        github.resetAll();
        settingsWith();
    }

    private void settingsWith(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("sync.source=github", "github.api-url=" + github.baseUrl(),
                "github.token=" + GithubFixture.TOKEN, "github.repos=octo/api", "github.max-retries=0", "toggl.project-map=octo/api=" + P1,
                "sync.missing=delete"));
        all.addAll(List.of(more));
        settings = settings(all.toArray(String[]::new));
    }

    /** The state an import of octo/api#7 "Login page" (task 10 of project P1) leaves. */
    private void imported() throws Exception {
        String name = "api#7 Login page";
        SyncState state = new SyncState(SyncState.VERSION, settings.stateFingerprint(), 1_800_000_000L, 1_799_990_000L, Set.of(P1),
                1_799_990_000L, false, List.of(new TogglTask(TASK, WS, P1, name, null, true, "github", "issue", Long.toString(ISSUE_ID))),
                Map.of(), List.of(new SourceTask(Provider.GITHUB, Long.toString(ISSUE_ID), name, P1, null, true, 1)), null);
        StateFile.save(settings.state().stateFile(), state);
    }

    private EventResult apply(boolean deleted) {
        try (DeadLetterFile deadLetters = new DeadLetterFile(settings.run().deadLetterFile(), settings.secrets(), true)) {
            run = new SyncRun(settings, new Ledger(deadLetters), new GithubEvent(new GithubRepo("octo", "api"), 7, ISSUE_ID, deleted,
                    Instant.now(), 1));
            run.source(sources.named("github"));
            RunStatePersistence.beginEvent(run);
            Exchange exchange = template.send("direct:github-event", exchange(run, null));
            assertThat(exchange.getException()).isNull();
            return run.eventResult();
        }
    }

    private SyncState stateAfter() {
        return StateFile.load(settings.state().stateFile(), settings.stateFingerprint()).state();
    }

    private static void githubHas(String issueJson) {
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(okJson(issueJson)));
    }

    @Test
    void aRenameIsOneGithubReadOfTheIssueAndOneTogglWriteAndTheStateLearnsIt() throws Exception {
        imported();
        githubHas(GithubFixture.issue(ISSUE_ID, 7, "Login page, with SSO", "open"));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.APPLIED);
        github.verify(1, getRequestedFor(urlPathEqualTo(ISSUE)));
        assertThat(toggl.getReceivedCounter()).as("no Toggl read: planned against the state").isEqualTo(1);
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly(RENAMED);
        assertThat(stateAfter().records()).extracting(SourceTask::name).containsExactly(RENAMED);
    }

    @Test
    void aDeletionConfirmedByGithubs404GoesByTheMissingPolicy() throws Exception {
        imported();
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        toggl.whenAnyExchangeReceived(answer(200, null));

        EventResult result = apply(true);

        assertThat(result.outcome()).isEqualTo(EventOutcome.APPLIED);
        assertThat(toggl.getReceivedExchanges()).singleElement()
                .satisfies(e -> assertThat(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("DELETE"));
        assertThat(stateAfter().tasks()).isEmpty();
        assertThat(stateAfter().records()).isEmpty();
    }

    @Test
    void anUpdateOfAnIssueGithubAnswers404ForDeletesNothing() throws Exception {
        imported();
        // an "edited" delivery for an issue gone since: only a deletion's delivery (or a sweep) may cost its task
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.IGNORED);
        assertThat(result.reason()).contains("GitHub no longer has it");
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly("api#7 Login page");
    }

    @Test
    void aDeletionSaidOfAnIssueGithubStillHasOutsideTheLabelsDeletesNothing() throws Exception {
        settingsWith("github.labels=sync");
        imported();
        // the issue is there, without the label: a replayed "deleted" must not cost its task
        githubHas(GithubFixture.issue(ISSUE_ID, 7, "Login page", "open"));

        EventResult result = apply(true);

        assertThat(result.outcome()).isEqualTo(EventOutcome.IGNORED);
        assertThat(result.reason()).contains("github.labels");
        assertThat(toggl.getReceivedCounter()).isZero();
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly("api#7 Login page");
    }

    @Test
    void aFailedGithubReadFailsTheEventAndWritesNothing() throws Exception {
        imported();
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(aResponse().withStatus(502)));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.FAILED);
        assertThat(result.reason()).doesNotContain(GithubFixture.TOKEN);
        assertThat(toggl.getReceivedCounter()).isZero();
    }

    @Test
    void aSpentTogglQuotaDefersTheEventAndTheStateKeepsTheTask() throws Exception {
        imported();
        githubHas(GithubFixture.issue(ISSUE_ID, 7, "Login page, with SSO", "open"));
        toggl.whenAnyExchangeReceived(quotaSpent());

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(stateAfter().tasks()).extracting(TogglTask::name).containsExactly("api#7 Login page");
    }

    @Test
    void aGithubRateLimitBeyondTheWaitDefersTheEventAndWritesNothing() throws Exception {
        imported();
        long now = java.time.Instant.now().getEpochSecond();
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(now + 3600))
                .withHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        assertThat(toggl.getReceivedCounter()).isZero();
    }

    @Test
    void withoutASyncStateTheEventIsDeferredAndNeitherGithubNorTogglIsCalled() {
        EventResult result = apply(false);

        assertThat(result.outcome()).isEqualTo(EventOutcome.DEFERRED);
        github.verify(0, getRequestedFor(urlPathEqualTo(ISSUE)));
        assertThat(toggl.getReceivedCounter()).isZero();
    }
}
