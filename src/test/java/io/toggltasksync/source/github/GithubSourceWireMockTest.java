package io.toggltasksync.source.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.RouteTest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ExchangeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code github-source} and {@code github-issue} routes (github-source.camel.yaml) against a GitHub on WireMock: the
 * exact requests (headers, query, paging by Link, If-None-Match), the batch and the read they give, and every answer
 * that stops or retries a read (rate limits, refusals, 5xx), under {@code github-read-errors}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class GithubSourceWireMockTest extends RouteTest {

    static final String API = "/repos/octo/api/issues";
    static final String WEB = "/repos/octo/web/issues";
    static final String QUERY = "?state=all&per_page=100&sort=updated&direction=asc";
    static final String DATE = "Mon, 07 Dec 2026 21:00:00 GMT";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

    private Exchange read(GithubCursor last, String repos, String... overrides) {
        Exchange exchange = ExchangeBuilder.anExchange(context).build();
        exchange.setProperty(SyncSettings.PROPERTY, settings("toggl.project-map=octo/api=2001,octo/web=2002"));
        exchange.setProperty(GithubSettings.PROPERTY, GithubFixture.settings(wm.baseUrl(), repos, overrides));
        exchange.setProperty(GithubCursor.PROPERTY, last);
        return template.send("direct:github-source", exchange);
    }

    private static SourceBatch batch(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(SourceBatch.class);
    }

    private static GithubRead githubRead(Exchange exchange) {
        return exchange.getProperty(GithubRead.PROPERTY, GithubRead.class);
    }

    private static ResponseDefinitionBuilder json(String body, String... headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Date", DATE).withBody(body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        return response;
    }

    private String next(String pathAndQuery) {
        return "<" + wm.baseUrl() + pathAndQuery + ">; rel=\"next\", <" + wm.baseUrl() + "/repositories/1/issues?page=3>; rel=\"last\"";
    }

    private void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        wm.stubFor(request.willReturn(response));
    }

    @Test
    void threePagesByTheirLinksWithPullRequestsSkippedAndTheExactHeaders() {
        stub(get(urlEqualTo(API + QUERY)), json(GithubFixture.page(GithubFixture.issue(11, 1, "One", "open"),
                GithubFixture.pullRequest(12, 2, "A change")), "Link", next("/repositories/1/issues?state=all&page=2")));
        stub(get(urlEqualTo("/repositories/1/issues?state=all&page=2")), json(GithubFixture.page(GithubFixture.issue(13, 3, "Three", "closed")),
                "Link", next("/repositories/1/issues?state=all&page=3")));
        stub(get(urlEqualTo("/repositories/1/issues?state=all&page=3")), json(GithubFixture.page(GithubFixture.pullRequest(14, 4, "B"),
                GithubFixture.issue(15, 5, "Five", "open"))));

        Exchange exchange = read(null, "octo/api");

        assertThat(batch(exchange).tasks()).extracting(SourceTask::externalId, SourceTask::name, SourceTask::active, SourceTask::projectId)
                .containsExactly(tuple("11", "api#1 One", true, 2001L),
                        tuple("13", "api#3 Three", false, 2001L),
                        tuple("15", "api#5 Five", true, 2001L));
        assertThat(batch(exchange).rejections()).isEmpty();
        GithubRead read = githubRead(exchange);
        assertThat(read.whole()).isTrue();
        assertThat(read.pullRequestsSkipped()).isEqualTo(2);
        assertThat(read.calls()).isEqualTo(3);
        wm.verify(3, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + GithubFixture.TOKEN))
                .withHeader("User-Agent", equalTo("toggl-task-sync")).withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")).withHeader("If-None-Match", absent()));
        // three pages: since moves to GitHub's time less the overlap, no ETag for the new URL
        assertThat(read.cursor().repos().get("octo/api")).isEqualTo(new GithubCursor.RepoCursor("2026-12-07T20:58:00Z",
                wm.baseUrl() + API + QUERY + "&since=2026-12-07T20%3A58%3A00Z", null));
        assertThat(read.cursor().githubTime()).isEqualTo(ZonedDateTime.parse(DATE, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
    }

    @Test
    void twoRepositoriesIntoTheirProjectsWithTheirLabels() {
        stub(get(urlEqualTo(API + QUERY + "&labels=bug%2Cteam+a")), json(GithubFixture.page(GithubFixture.issue(21, 1, "Api bug", "open"))));
        stub(get(urlEqualTo(WEB + QUERY + "&labels=bug%2Cteam+a")), json(GithubFixture.page(GithubFixture.issue(22, 1, "Web bug", "open"),
                GithubFixture.issue(23, 2, "Long " + "x".repeat(300), "open"))));

        Exchange exchange = read(null, "octo/api,octo/web", "github.labels=bug,team a");

        SourceBatch batch = batch(exchange);
        assertThat(batch.tasks()).extracting(SourceTask::name, SourceTask::projectId).containsExactly(
                tuple("api#1 Api bug", 2001L), tuple("web#1 Web bug", 2002L),
                tuple("web#2 Long " + "x".repeat(244), 2002L));
        assertThat(batch.projects().seen()).containsExactly(new SourceProject("octo/api", "api"), new SourceProject("octo/web", "web"));
        assertThat(batch.tasks()).extracting(SourceTask::line).containsExactly(1L, 2L, 3L);
        assertThat(batch.tasks().get(2).name()).hasSize(255);
    }

    @Test
    void anUnchangedRepositoryCostsOne304WithTheEtagOfItsExactUrl() {
        stub(get(urlEqualTo(API + QUERY)).withHeader("If-None-Match", absent()),
                json(GithubFixture.page(GithubFixture.issue(31, 1, "One", "open")), "ETag", "W/\"v1\""));
        GithubRead first = githubRead(read(null, "octo/api"));
        assertThat(first.cursor().repos().get("octo/api").etag()).isEqualTo("W/\"v1\"");
        wm.resetRequests();
        stub(get(urlEqualTo(API + QUERY)).withHeader("If-None-Match", equalTo("W/\"v1\"")),
                aResponse().withStatus(304).withHeader("Date", "Mon, 07 Dec 2026 21:05:00 GMT").withHeader("ETag", "W/\"v1\""));

        Exchange again = read(first.cursor(), "octo/api");

        wm.verify(1, anyRequestedFor(anyUrl()));
        wm.verify(getRequestedFor(urlEqualTo(API + QUERY)).withHeader("If-None-Match", equalTo("W/\"v1\"")));
        assertThat(batch(again).tasks()).isEmpty();
        GithubRead read = githubRead(again);
        assertThat(read.whole()).isFalse();
        assertThat(read.unchanged()).containsExactly("octo/api");
        assertThat(read.cursor().repos()).isEqualTo(first.cursor().repos());
    }

    @Test
    void a304ToARequestWithoutIfNoneMatchIsNoAnswer() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(304));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(SourceException.class).hasMessageContaining("without If-None-Match");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aChangedRepositoryIsReadByTheKeptQueryAndKeepsItWithTheNewEtag() {
        String since = "&since=2026-12-07T20%3A00%3A00Z";
        GithubCursor last = GithubCursor.of(GithubFixture.settings(wm.baseUrl(), "octo/api"), 1L,
                java.util.Map.of("octo/api", new GithubCursor.RepoCursor("2026-12-07T20:00:00Z", wm.baseUrl() + API + QUERY + since, "W/\"v1\"")));
        stub(get(urlEqualTo(API + QUERY + since)).withHeader("If-None-Match", equalTo("W/\"v1\"")),
                json(GithubFixture.page(GithubFixture.issue(31, 1, "One renamed", "closed")), "ETag", "W/\"v2\""));

        Exchange exchange = read(last, "octo/api");

        assertThat(batch(exchange).tasks()).extracting(SourceTask::name).containsExactly("api#1 One renamed");
        assertThat(githubRead(exchange).whole()).isFalse();
        assertThat(githubRead(exchange).cursor().repos().get("octo/api"))
                .isEqualTo(new GithubCursor.RepoCursor("2026-12-07T20:00:00Z", wm.baseUrl() + API + QUERY + since, "W/\"v2\""));
    }

    @Test
    void anIssueReceivedTwiceReadsTheRepositoryAgainOnce() {
        String page2 = "/repositories/1/issues?state=all&page=2";
        stub(get(urlEqualTo(API + QUERY)).inScenario("shift").whenScenarioStateIs(Scenario.STARTED),
                json(GithubFixture.page(GithubFixture.issue(41, 1, "One", "open")), "Link", next(page2)));
        // issue 41 changed meanwhile: it moved to the end, and 42 moved up to the first page, already read
        stub(get(urlEqualTo(page2)).inScenario("shift").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("read again"),
                json(GithubFixture.page(GithubFixture.issue(41, 1, "One changed", "open"))));
        stub(get(urlEqualTo(API + QUERY)).inScenario("shift").whenScenarioStateIs("read again"),
                json(GithubFixture.page(GithubFixture.issue(42, 2, "Two", "open")), "Link", next(page2)));
        stub(get(urlEqualTo(page2)).inScenario("shift").whenScenarioStateIs("read again"),
                json(GithubFixture.page(GithubFixture.issue(41, 1, "One changed", "open"))));

        // the last read kept the whole small list with its ETag: the first request is conditional, the second pass is not
        GithubCursor last = GithubCursor.of(GithubFixture.settings(wm.baseUrl(), "octo/api"), 1L,
                java.util.Map.of("octo/api", new GithubCursor.RepoCursor(null, wm.baseUrl() + API + QUERY, "W/\"v1\"")));
        Exchange exchange = read(last, "octo/api");

        assertThat(batch(exchange).tasks()).extracting(SourceTask::name).containsExactly("api#2 Two", "api#1 One changed");
        assertThat(githubRead(exchange).readAgain()).containsExactly("octo/api");
        wm.verify(1, getRequestedFor(urlEqualTo(API + QUERY)).withHeader("If-None-Match", equalTo("W/\"v1\"")));
        wm.verify(1, getRequestedFor(urlEqualTo(API + QUERY)).withHeader("If-None-Match", absent()));
    }

    @Test
    void aSpentLimitThatResetsSoonIsWaitedFor() {
        String page2 = "/repositories/1/issues?page=2";
        stub(get(urlEqualTo(API + QUERY)), json(GithubFixture.page(GithubFixture.issue(51, 1, "One", "open")), "Link", next(page2),
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(epoch(DATE) + 1)));
        stub(get(urlEqualTo(page2)), json(GithubFixture.page(GithubFixture.issue(52, 2, "Two", "open"))));
        long started = System.nanoTime();

        Exchange exchange = read(null, "octo/api", "github.rate-limit-max-wait=5s");

        assertThat(batch(exchange).tasks()).hasSize(2);
        // reset one second after GitHub's Date, and that second counted in: two seconds, by GitHub's clock
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aSpentLimitThatResetsLateStopsTheReadBeforeTheNextRequest() {
        String page2 = "/repositories/1/issues?page=2";
        stub(get(urlEqualTo(API + QUERY)), json(GithubFixture.page(GithubFixture.issue(51, 1, "One", "open")), "Link", next(page2),
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(epoch(DATE) + 1800)));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class).hasMessageContaining("resets in 1801 s")
                .hasMessageContaining("octo/api").hasMessageContaining("deferred");
        assertThat(((GithubRateLimited) exchange.getException()).resetsInSeconds()).isEqualTo(1801);
        wm.verify(0, getRequestedFor(urlEqualTo(page2)));
        assertThat(redeliveries.count()).isZero();
        assertThat(exchange.getMessage().getBody()).isNotInstanceOf(SourceBatch.class);
    }

    @Test
    void aSecondaryLimitWithAShortRetryAfterIsWaitedAndSentAgain() {
        for (int status : new int[] {403, 429}) {
            wm.resetAll();
            stub(get(urlEqualTo(API + QUERY)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok"),
                    aResponse().withStatus(status).withHeader("retry-after", "1").withHeader("Date", DATE)
                            .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}"));
            stub(get(urlEqualTo(API + QUERY)).inScenario("limit").whenScenarioStateIs("ok"),
                    json(GithubFixture.page(GithubFixture.issue(61, 1, "One", "open"))));

            Exchange exchange = read(null, "octo/api");

            assertThat(batch(exchange).tasks()).as("after %d", status).hasSize(1);
            wm.verify(2, getRequestedFor(urlEqualTo(API + QUERY)));
        }
    }

    @Test
    void aSecondaryLimitWithALongRetryAfterStopsTheRead() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(429).withHeader("retry-after", "600").withHeader("Date", DATE));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class).hasMessageContaining("secondary rate limit");
        wm.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void aSpentPrimaryLimitRefusalResettingLateStopsTheRead() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(epoch(DATE) + 3000)).withHeader("Date", DATE)
                .withBody("{\"message\":\"API rate limit exceeded\"}"));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class).hasMessageContaining("resets in 3001 s");
        wm.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void aBadTokenOrAnUnknownRepositoryIsRefusedAtOnceNamingTheRepositoryNotTheToken() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials " + GithubFixture.TOKEN + "\"}"));
        Exchange badToken = read(null, "octo/api");
        assertThat(badToken.getException()).isInstanceOf(GithubRefused.class).hasMessageContaining("401").hasMessageContaining("octo/api")
                .hasMessageContaining("github.token").hasMessageNotContaining(GithubFixture.TOKEN);

        stub(get(urlEqualTo(WEB + QUERY)), aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}"));
        Exchange unknown = read(null, "octo/web");
        assertThat(unknown.getException()).isInstanceOf(GithubRefused.class).hasMessageStartingWith("No repository octo/web at");
        assertThat(((GithubRefused) unknown.getException()).repo()).isEqualTo("octo/web");
        assertThat(redeliveries.count()).isZero();
        assertThat(unknown.getMessage().getBody()).isNotInstanceOf(SourceBatch.class);
    }

    @Test
    void aServerErrorIsRetriedByGithubsPolicyThenFails() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(502).withBody("Bad Gateway"));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubTransientException.class);
        int retries = GithubSettings.retry(name -> org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(name, String.class)).maxRetries();
        wm.verify(1 + retries, getRequestedFor(urlEqualTo(API + QUERY)));
        assertThat(redeliveries.count()).isEqualTo(retries);
    }

    @Test
    void aFailedConnectionIsSentAgain() {
        stub(get(urlEqualTo(API + QUERY)).inScenario("io").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stub(get(urlEqualTo(API + QUERY)).inScenario("io").whenScenarioStateIs("ok"), json(GithubFixture.page(GithubFixture.issue(91, 1, "One", "open"))));

        Exchange exchange = read(null, "octo/api");

        assertThat(batch(exchange).tasks()).hasSize(1);
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void aNextPageOnAnotherSiteIsNeverRequested() {
        stub(get(urlEqualTo(API + QUERY)), json(GithubFixture.page(GithubFixture.issue(71, 1, "One", "open")),
                "Link", "<http://127.0.0.1:1/repositories/1/issues?page=2>; rel=\"next\""));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(SourceException.class).hasMessageContaining("is not below github.api-url");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void anAnswerThatIsNotTheListIsNotRetried() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(200).withBody("<html>Sign in</html>"));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(SourceException.class).hasMessageContaining("is not JSON");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aMovedRepositoryIsNotFollowed() {
        stub(get(urlEqualTo(API + QUERY)), aResponse().withStatus(301).withHeader("Location", wm.baseUrl() + "/repositories/9/issues"));

        Exchange exchange = read(null, "octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRefused.class).hasMessageContaining("moved (301");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/repositories/9/issues")));
    }

    private Exchange readIssue(long number) {
        Exchange exchange = ExchangeBuilder.anExchange(context).build();
        exchange.setProperty(SyncSettings.PROPERTY, settings("toggl.project-map=octo/api=2001"));
        exchange.setProperty(GithubSettings.PROPERTY, GithubFixture.settings(wm.baseUrl(), "octo/api"));
        exchange.setProperty(GithubIssueRef.PROPERTY, new GithubIssueRef(new GithubRepo("octo", "api"), number));
        return template.send("direct:github-issue", exchange);
    }

    @Test
    void oneIssueReadAgainIntoAOneTaskBatchOrGone() {
        stub(get(urlEqualTo(API + "/7")), json(GithubFixture.issue(81, 7, "Seven", "closed")));
        stub(get(urlEqualTo(API + "/8")), aResponse().withStatus(410).withBody("{\"message\":\"This issue was deleted\"}"));
        stub(get(urlEqualTo(API + "/9")), aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}"));
        stub(get(urlEqualTo(API + "/10")), json(GithubFixture.pullRequest(82, 10, "A change")));

        Exchange found = readIssue(7);
        assertThat(batch(found).tasks()).extracting(SourceTask::identity, SourceTask::active)
                .containsExactly(tuple("github:81", false));
        assertThat(found.getProperty(GithubIssueRead.PROPERTY, GithubIssueRead.class).found()).isEqualTo(GithubIssueRead.Found.ISSUE);
        for (long gone : new long[] {8, 9}) {
            Exchange exchange = readIssue(gone);
            assertThat(batch(exchange).tasks()).isEmpty();
            assertThat(exchange.getProperty(GithubIssueRead.PROPERTY, GithubIssueRead.class).found()).isEqualTo(GithubIssueRead.Found.GONE);
        }
        Exchange pr = readIssue(10);
        assertThat(batch(pr).tasks()).isEmpty();
        assertThat(pr.getProperty(GithubIssueRead.PROPERTY, GithubIssueRead.class).found()).isEqualTo(GithubIssueRead.Found.PULL_REQUEST);
        wm.verify(4, getRequestedFor(anyUrl()).withHeader("User-Agent", equalTo("toggl-task-sync")));
    }

    private static long epoch(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(ZoneOffset.UTC).toEpochSecond();
    }
}
