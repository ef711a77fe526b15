package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.SourceDeferred;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.source.SourceTransientException;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.RouteTest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code github-source}, {@code github-issue} and {@code github-call} routes (github-source.camel.yaml) under their
 * error handling, the route configuration {@code github-read-errors} (error-handling.camel.yaml): GitHub is
 * {@code mock:github} ({@link RouteTest#mockGithub}). The batch is the body only when every page of every repository was
 * read; 5xx, IO errors and rate limits waited for are retried ({@code githubRedelivery}), a refusal, a rate limit beyond
 * {@code github.rate-limit-max-wait} or an answer that is not JSON fails at once; for one issue 404, 410 and 301 say it
 * is gone. The exact requests against a real HTTP server are {@code GithubSourceWireMockTest}'s. The pattern: see
 * {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class GithubSourceRouteTest extends RouteTest {

    static final String API = "/repos/octo/api/issues";
    static final String WEB = "/repos/octo/web/issues";
    static final String FIRST_QUERY = "state=all&per_page=100&sort=updated&direction=asc";
    static final String DATE = "Mon, 07 Dec 2026 21:00:00 GMT";

    MockEndpoint github;
    /** The run's read, as {@code GithubSource.read} gives it to the route: what a failed read leaves for the next state. */
    GithubSourceRead sourceRead;

    @BeforeEach
    void githubMocked() throws Exception {
        github = mockGithub();
    }

    private Exchange read(String repos) {
        SyncRun run = newRun("sync.source=github", "github.api-url=" + GITHUB_URL, "github.token=" + GithubFixture.TOKEN,
                "github.repos=" + repos, "toggl.project-map=octo/api=2001,octo/web=2002");
        sourceRead = new GithubSourceRead(null);
        Exchange exchange = exchange(run, null);
        exchange.setProperty(GithubSourceRead.PROPERTY, sourceRead);
        return template.send("direct:github-source", exchange);
    }

    private Exchange readIssue(long number) {
        SyncRun run = newRun("sync.source=github", "github.api-url=" + GITHUB_URL, "github.token=" + GithubFixture.TOKEN,
                "github.repos=octo/api", "toggl.project-map=octo/api=2001");
        Exchange exchange = exchange(run, null);
        exchange.setProperty(GithubSettings.PROPERTY, GithubSettings.of(run.settings()));
        exchange.setProperty(GithubIssueRef.PROPERTY, new GithubIssueRef(new GithubRepo("octo", "api"), number));
        return template.send("direct:github-issue", exchange);
    }

    /** {@code github.max-retries} as the app read it when Camel started ({@code githubRedelivery}). */
    private static int githubMaxRetries() {
        return GithubSettings.retry(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class)).maxRetries();
    }

    /** A {@code Link} header whose {@code rel="next"} is {@code pathAndQuery} on the mocked GitHub. */
    private static String next(String pathAndQuery) {
        return "<" + GITHUB_URL + pathAndQuery + ">; rel=\"next\", <" + GITHUB_URL + "/repositories/1/issues?state=all&page=9>; rel=\"last\"";
    }

    /** Each request GitHub received, in order: its path, and {@code ?query} when it has one. */
    private List<String> requests() {
        return github.getReceivedExchanges().stream().map(e -> {
            String query = e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
            return e.getMessage().getHeader(Exchange.HTTP_PATH, String.class) + (query == null ? "" : "?" + query);
        }).toList();
    }

    /** The read failed as a whole: whatever the body holds, it is no batch to plan on. */
    private static void assertNoBatch(Exchange exchange, String... why) {
        assertThat(exchange.getMessage().getBody() instanceof SourceBatch).as(why.length > 0 ? why[0] : "no batch").isFalse();
    }

    private static long epoch(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    }

    @Test
    void pagesAreFollowedAsFarAsTheLinkSaysThenTheNextRepository() {
        github.whenExchangeReceived(1, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open")),
                "Link", next("/repositories/1/issues?state=all&page=2")));
        // the last page: GitHub's Link names only the pages before it
        github.whenExchangeReceived(2, answer(200, GithubFixture.page(GithubFixture.issue(12, 2, "Two", "open")),
                "Link", "<" + GITHUB_URL + "/repositories/1/issues?state=all&page=1>; rel=\"prev\", <" + GITHUB_URL
                        + "/repositories/1/issues?state=all&page=1>; rel=\"first\""));
        github.whenExchangeReceived(3, answer(200, GithubFixture.page(GithubFixture.issue(21, 1, "Web", "open"))));

        Exchange exchange = read("octo/api,octo/web");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::name, SourceTask::projectId)
                .containsExactly(tuple("api#1 One", 2001L), tuple("api#2 Two", 2001L), tuple("web#1 Web", 2002L));
        assertThat(requests()).containsExactly(API + "?" + FIRST_QUERY, "/repositories/1/issues?state=all&page=2", WEB + "?" + FIRST_QUERY);
        assertThat(github.getReceivedExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader("Authorization"))
                .isEqualTo("Bearer " + GithubFixture.TOKEN));
        assertThat(exchange.getMessage().getHeader("Authorization")).as("forgotten once sent").isNull();
        assertThat(sourceRead.calls()).hasValue(3);
        assertThat(sourceRead.nextCursor(0)).isNotNull();
    }

    @Test
    void aServerErrorMidPagesIsRetriedThenFailsWithNoBatchAndNoCursor() {
        github.whenExchangeReceived(1, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open")),
                "Link", next("/repositories/1/issues?state=all&page=2")));
        for (int i = 2; i <= 2 + githubMaxRetries(); i++) {
            // a proxy's page that repeats the request's headers: the token must not reach the message
            github.whenExchangeReceived(i, answer(502, "<html>Bad Gateway for Bearer " + GithubFixture.TOKEN + "</html>"));
        }

        Exchange exchange = read("octo/api,octo/web");

        assertThat(exchange.getException()).isInstanceOf(GithubTransientException.class).isInstanceOf(SourceTransientException.class)
                .hasMessageContaining("502").hasMessageContaining("octo/api").hasMessageNotContaining(GithubFixture.TOKEN);
        assertThat(github.getReceivedCounter()).as("page 1, then page 2 and its retries; octo/web never")
                .isEqualTo(2 + githubMaxRetries());
        assertThat(requests()).last().isEqualTo("/repositories/1/issues?state=all&page=2");
        assertThat(redeliveries.count()).isEqualTo(githubMaxRetries());
        assertNoBatch(exchange);
        assertThat(exchange.getProperty(GithubRead.PROPERTY)).isNull();
        assertThat(sourceRead.nextCursor(0)).as("the next run reads from where this one began").isNull();
    }

    @Test
    void aServerErrorThatPassesIsRetriedIntoTheBatch() {
        github.whenExchangeReceived(1, answer(503, "Service Unavailable"));
        github.whenExchangeReceived(2, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open"))));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).hasSize(1);
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void anIoErrorIsRetriedThenFailsAsItselfWithTheCredentialsGone() {
        github.whenAnyExchangeReceived(e -> {
            throw new ConnectException("Connection refused");
        });

        Exchange exchange = read("octo/api");

        // not wrapped: an IO error fails a run as it is (RunFailures.FAILS), and names no token
        assertThat(exchange.getException()).isInstanceOf(IOException.class).hasMessageNotContaining(GithubFixture.TOKEN);
        assertThat(github.getReceivedCounter()).isEqualTo(1 + githubMaxRetries());
        assertThat(redeliveries.count()).isEqualTo(githubMaxRetries());
        assertThat(exchange.getMessage().getHeader("Authorization")).as("forgotten though the send failed").isNull();
        assertNoBatch(exchange);
    }

    @Test
    void aBadTokenOrAnUnknownRepositoryIsRefusedAtOnce() {
        github.whenExchangeReceived(1, answer(401, "{\"message\":\"Bad credentials: " + GithubFixture.TOKEN + "\"}"));
        Exchange badToken = read("octo/api");

        assertThat(badToken.getException()).isInstanceOf(GithubRefused.class).hasMessageContaining("github.token")
                .hasMessageNotContaining(GithubFixture.TOKEN);
        assertThat(((GithubRefused) badToken.getException()).status()).isEqualTo(401);
        assertThat(github.getReceivedCounter()).isEqualTo(1);

        github.reset();
        github.whenExchangeReceived(1, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open"))));
        github.whenExchangeReceived(2, answer(404, "{\"message\":\"Not Found\"}"));
        Exchange unknown = read("octo/api,octo/web");

        assertThat(unknown.getException()).isInstanceOf(GithubRefused.class).hasMessageContaining("octo/web");
        assertThat(((GithubRefused) unknown.getException()).repo()).isEqualTo("octo/web");
        assertThat(github.getReceivedCounter()).isEqualTo(2);
        assertNoBatch(unknown, "octo/api read whole is no batch without octo/web");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aRateLimitBeyondTheMaxWaitDefersAtOnce() {
        github.whenAnyExchangeReceived(answer(403, "{\"message\":\"API rate limit exceeded\"}", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(epoch(DATE) + 3000), "Date", DATE));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class).isInstanceOf(SourceDeferred.class)
                .hasMessageContaining("resets in 3001 s").hasMessageContaining("github.rate-limit-max-wait");
        assertThat(github.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertNoBatch(exchange);
    }

    @Test
    void aRateLimitSpentByAPageStopsTheReadBeforeTheNextPage() {
        github.whenAnyExchangeReceived(answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open")),
                "Link", next("/repositories/1/issues?state=all&page=2"), "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(epoch(DATE) + 3000), "Date", DATE));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class);
        assertThat(github.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertNoBatch(exchange);
    }

    @Test
    void aRateLimitThatEndsAtOnceIsSentAgain() {
        github.whenExchangeReceived(1, answer(429, "{\"message\":\"secondary rate limit\"}", "retry-after", "0", "Date", DATE));
        github.whenExchangeReceived(2, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open"))));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).hasSize(1);
        assertThat(github.getReceivedCounter()).isEqualTo(2);
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void aRateLimitWaitedForThatComesBackEveryTimeDefersOnceTheRetriesAreSpent() {
        // each wait is one of github.max-retries; a limit still there after them defers the read (exit 1), as one
        // that resets too late does: it is no failure (exit 2)
        github.whenAnyExchangeReceived(answer(429, "{\"message\":\"secondary rate limit\"}", "retry-after", "0", "Date", DATE));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isInstanceOf(GithubRateLimited.class).isInstanceOf(SourceDeferred.class)
                .hasMessageContaining("secondary rate limit").hasMessageContaining("deferred to the next run");
        assertThat(github.getReceivedCounter()).isEqualTo(1 + githubMaxRetries());
        assertNoBatch(exchange);
    }

    @Test
    void theRetriesSpentOnOnePageLeaveTheNextPageAllOfItsWaits() {
        // page 1 passes on its last retry; page 2's rate limit, waited for once, must not be taken for one past them
        int retries = githubMaxRetries();
        for (int i = 1; i <= retries; i++) {
            github.whenExchangeReceived(i, answer(502, "{}"));
        }
        github.whenExchangeReceived(retries + 1, answer(200, GithubFixture.page(GithubFixture.issue(11, 1, "One", "open")),
                "Link", next("/repositories/1/issues?state=all&page=2")));
        github.whenExchangeReceived(retries + 2, answer(429, "{\"message\":\"secondary rate limit\"}", "retry-after", "0", "Date", DATE));
        github.whenExchangeReceived(retries + 3, answer(200, GithubFixture.page(GithubFixture.issue(12, 2, "Two", "open"))));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::name)
                .containsExactly("api#1 One", "api#2 Two");
        assertThat(github.getReceivedCounter()).isEqualTo(retries + 3);
    }

    @Test
    void anAnswerThatIsNotJsonFailsAtOnceWithoutTheToken() {
        github.whenAnyExchangeReceived(answer(200, "<html>Sign in again, " + GithubFixture.TOKEN + "</html>"));

        Exchange exchange = read("octo/api");

        assertThat(exchange.getException()).isInstanceOf(SourceException.class).hasMessageContaining("is not JSON")
                .hasMessageNotContaining(GithubFixture.TOKEN);
        assertThat(github.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void oneIssueAnswered404Or410Or301IsGoneNotAFailure() {
        for (int status : new int[] {404, 410, 301}) {
            github.reset();
            github.whenAnyExchangeReceived(answer(status, "{\"message\":\"gone\"}"));

            Exchange exchange = readIssue(7);

            assertThat(exchange.getException()).as("%d", status).isNull();
            assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).isEmpty();
            assertThat(exchange.getProperty(GithubIssueRead.PROPERTY, GithubIssueRead.class).found()).isEqualTo(GithubIssueRead.Found.GONE);
            assertThat(requests()).containsExactly(API + "/7");
        }
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void oneIssueFoundIsItsTask() {
        github.whenAnyExchangeReceived(answer(200, GithubFixture.issue(81, 7, "Seven", "open")));

        Exchange exchange = readIssue(7);

        assertThat(exchange.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::identity).containsExactly("github:81");
        assertThat(exchange.getProperty(GithubIssueRead.PROPERTY, GithubIssueRead.class).found()).isEqualTo(GithubIssueRead.Found.ISSUE);
    }

    @Test
    void oneIssueRefusedOrUnreadableIsAFailureNotGone() {
        github.whenAnyExchangeReceived(answer(401, "{\"message\":\"Bad credentials\"}"));
        Exchange refused = readIssue(7);
        assertThat(refused.getException()).isInstanceOf(GithubRefused.class);
        assertThat(github.getReceivedCounter()).isEqualTo(1);

        github.reset();
        github.whenAnyExchangeReceived(answer(403, "{\"message\":\"Resource not accessible by personal access token\"}"));
        Exchange forbidden = readIssue(7);
        assertThat(forbidden.getException()).isInstanceOf(GithubRefused.class).hasMessageContaining("403");
        assertThat(github.getReceivedCounter()).isEqualTo(1);

        github.reset();
        github.whenAnyExchangeReceived(answer(200, "[]"));
        Exchange notAnIssue = readIssue(7);
        assertThat(notAnIssue.getException()).isInstanceOf(SourceException.class).hasMessageContaining("is not an issue");

        assertThat(redeliveries.count()).isZero();
        for (Exchange failed : new Exchange[] {refused, forbidden, notAnIssue}) {
            assertThat(failed.getProperty(GithubIssueRead.PROPERTY)).as("nothing found, gone least of all").isNull();
            assertNoBatch(failed);
        }

        github.reset();
        github.whenAnyExchangeReceived(answer(500, "Internal Server Error"));
        Exchange serverError = readIssue(7);
        assertThat(serverError.getException()).isInstanceOf(GithubTransientException.class);
        assertThat(github.getReceivedCounter()).isEqualTo(1 + githubMaxRetries());
        assertThat(redeliveries.count()).isEqualTo(githubMaxRetries());
        assertThat(serverError.getProperty(GithubIssueRead.PROPERTY)).isNull();
    }
}
