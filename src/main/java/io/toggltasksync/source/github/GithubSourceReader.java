package io.toggltasksync.source.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.HttpRequests;
import io.toggltasksync.support.Json;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

/**
 * The beans behind github-source.camel.yaml: the read's start, each request's headers, the classification of each
 * answer (rate limits on GitHub's clock, refusals that name the repository), each page into the batch, and the end.
 * Stateless: a read's state is its {@link GithubReading}.
 */
@ApplicationScoped
@Named("githubSourceReader")
public class GithubSourceReader {

    private static final Logger LOG = Logger.getLogger(GithubSourceReader.class);
    /** Exchange property: the base URL the route sends to. */
    static final String ENDPOINT = "githubEndpoint";
    /** GitHub refuses a request without a User-Agent. */
    static final String USER_AGENT = "toggl-task-sync";
    static final String API_VERSION = "2022-11-28";

    /**
     * Starts a read of every configured repository: whole when {@code last} is null (or of other settings), else what
     * changed since it. The run's settings give where each repository's tasks go ({@code toggl.project-map}, matching).
     */
    public void begin(Exchange exchange, @ExchangeProperty(GithubSettings.PROPERTY) GithubSettings given,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings sync, @ExchangeProperty(GithubCursor.PROPERTY) GithubCursor last,
            @ExchangeProperty(GithubSourceRead.PROPERTY) GithubSourceRead run) {
        // a run's settings carry them; a read started on its own (a test, the check) may give them apart
        GithubSettings settings = given != null ? given : GithubSettings.of(sync);
        if (settings == null) {
            throw new SourceException("the GitHub source is not configured: set sync.source=github (SYNC_SOURCE=github)");
        }
        exchange.setProperty(GithubSettings.PROPERTY, settings);
        if (last != null && !GithubCursor.usable(settings, last)) {
            LOG.info("The last GitHub read was made with other settings (site, labels or page size): reading every issue");
        }
        GithubReading reading = GithubReading.list(settings, sync.projects().projectResolver(), last);
        LOG.infof("Reading the issues of %s from %s%s", settings.repos(), settings.apiUrl(),
                GithubCursor.usable(settings, last) ? " changed since the last read" : "");
        exchange.setProperty(GithubReading.PROPERTY, reading);
        if (run != null) {
            run.reading(reading);
        }
    }

    /** Starts the read of one issue ({@link GithubIssueRef}). */
    public void beginIssue(Exchange exchange, @ExchangeProperty(GithubSettings.PROPERTY) GithubSettings settings,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings sync, @ExchangeProperty(GithubIssueRef.PROPERTY) GithubIssueRef issue) {
        exchange.setProperty(GithubReading.PROPERTY, GithubReading.issue(settings, sync.projects().projectResolver(), issue));
    }

    /** Starts one preflight read ({@link GithubCall}): {@code github-call} sends it; its answer stays the body. */
    public void beginCall(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings sync,
            @ExchangeProperty(GithubCall.PROPERTY) GithubCall call) {
        exchange.setProperty(GithubReading.PROPERTY, GithubReading.call(GithubSettings.of(sync), call));
        exchange.getMessage().setBody(null);
    }

    public boolean hasNext(@ExchangeProperty(GithubReading.PROPERTY) GithubReading reading) {
        return reading.next != null;
    }

    /**
     * The next request: a clean message, the token, GitHub's media type and API version, a User-Agent, and
     * {@code If-None-Match} when the cursor kept an ETag for this very URL. Waits first when the last answer spent the
     * rate limit and it resets soon enough.
     */
    public void prepare(Exchange exchange, @ExchangeProperty(GithubReading.PROPERTY) GithubReading reading) throws InterruptedException {
        GithubSettings settings = reading.settings;
        reading.waitForLimit(settings.rateLimitMaxWait());
        GithubRequest request = reading.next;
        Message message = exchange.getMessage();
        HttpRequests.prepare(message, "GET", request.path(), null, "Bearer " + settings.token());
        if (request.query() != null && !request.query().isEmpty()) {
            // as GitHub gave it in a Link, or as GithubRequest encoded it: sent as it is
            message.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        message.setHeader("Accept", "application/vnd.github+json");
        message.setHeader("X-GitHub-Api-Version", API_VERSION);
        message.setHeader("User-Agent", USER_AGENT);
        if (request.ifNoneMatch() != null) {
            message.setHeader("If-None-Match", request.ifNoneMatch());
        }
        exchange.setProperty(ENDPOINT, settings.apiUrl());
        reading.calls++;
    }

    /** Removes the credentials from the message once the request is sent (also on failure). */
    public void forgetCredentials(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
    }

    /**
     * 2xx and 304: the answer, to {@link #acceptPage}. A rate limit (403/429 with {@code retry-after}, or
     * {@code x-ratelimit-remaining: 0}): waited for and sent again when it ends within {@code github.rate-limit-max-wait},
     * else (or when it is still there once {@code github.max-retries} are spent) {@link GithubRateLimited}. 5xx: {@link GithubTransientException}, sent again by {@code github-read-errors}.
     * 401, 404, 410, 301 and other refusals: {@link GithubRefused}, naming the repository (for one issue, 404, 410 and
     * 301 say it is gone).
     */
    public void classify(Exchange exchange, @ExchangeProperty(GithubReading.PROPERTY) GithubReading reading) throws InterruptedException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        message.setBody(body);
        String date = message.getHeader("Date", String.class);
        GithubSettings settings = reading.settings;
        String repo = reading.repo().key();
        if (status >= 200 && status < 300 || status == 304) {
            // Camel leaves the count of this request's redeliveries on the message: the next request starts with none
            message.removeHeaders("CamelRedelivery*");
            reading.answered(HttpRequests.epochSecond(date));
            GithubRateLimit spent = GithubRateLimit.afterAnswer(header(message, "x-ratelimit-remaining"), header(message, "x-ratelimit-reset"), date);
            if (spent != null) {
                reading.limit(spent);
            }
            return;
        }
        GithubRateLimit limited = GithubRateLimit.refusal(status, header(message, "retry-after"), header(message, "x-ratelimit-remaining"),
                header(message, "x-ratelimit-reset"), date, body);
        if (limited != null) {
            if (limited.waitSeconds() > settings.rateLimitMaxWait().toSeconds()) {
                throw reading.stop(limited);
            }
            // each wait is one of github.max-retries: a limit still there when they are spent defers, as one that
            // resets too late does; it is no failure of the read (exit 2)
            int sentAgain = message.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
            if (sentAgain >= settings.retry().maxRetries()) {
                throw reading.stopAfterRetries(limited);
            }
            LOG.infof("GitHub answered %d for %s: %s; waiting %d s", status, repo, limited.why(), limited.waitSeconds());
            Thread.sleep(limited.waitSeconds() * 1000);
            throw new GithubTransientException(status, "GitHub answered " + status + " for " + repo + ": " + limited.why());
        }
        String said = Secrets.mask(ErrorText.summarize(body), settings.secrets());
        if (status >= 500) {
            throw new GithubTransientException(status, "GitHub answered " + status + " for " + repo + ": " + said);
        }
        if (reading.oneIssue() && (status == 404 || status == 410 || status == 301)) {
            reading.gone();
            message.setBody(null);
            return;
        }
        throw new GithubRefused(status, repo, refusal(status, repo, settings) + " (GitHub said: " + said + ")");
    }

    private static String refusal(int status, String repo, GithubSettings settings) {
        return switch (status) {
            case 401 -> "GitHub refused the token (401) reading " + repo + ": check github.token (GITHUB_TOKEN)";
            case 403 -> "The token may not read " + repo + "'s issues (403): a fine-grained token needs Issues: read-only on it, "
                    + "a classic token repo (or public_repo for a public repository)";
            case 404 -> "No repository " + repo + " at " + settings.apiUrl() + " (404), or the token cannot see it: check github.repos "
                    + "and the token's repositories";
            case 410 -> "Issues are turned off in " + repo + " (410): remove it from github.repos";
            case 301 -> "The repository " + repo + " moved (301, renamed or transferred): put its new owner/name in github.repos";
            default -> "GitHub refused the read of " + repo + " (" + status + ")";
        };
    }

    private static String header(Message message, String name) {
        return message.getHeader(name, String.class);
    }

    /** The answer into the read: a page of the list (the next page by its Link), a 304, or the one issue. */
    public void acceptPage(Exchange exchange, @ExchangeProperty(GithubReading.PROPERTY) GithubReading reading) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (reading.next == null) {
            return; // one issue found gone by classify
        }
        if (status == 304 && reading.next.ifNoneMatch() == null) {
            // not an answer to this read (a cache or proxy in between): nothing can be taken from it
            throw new SourceException("GitHub answered 304 for " + reading.repo().key() + " to a request without If-None-Match");
        }
        if (status == 304) {
            LOG.debugf("GitHub: nothing changed in %s (304)", reading.repo().key());
            reading.unchanged();
            return;
        }
        JsonNode answer;
        try {
            String body = message.getBody(String.class);
            answer = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceException("GitHub's answer for " + reading.repo().key() + " is not JSON: "
                    + Secrets.mask(ErrorText.summarize(message.getBody(String.class)), reading.settings.secrets()));
        }
        reading.accept(answer, header(message, "Link"), header(message, "ETag"));
    }

    /** Every repository was read: the batch as the body, and {@link GithubRead} as a property. */
    public SourceBatch finish(Exchange exchange, @ExchangeProperty(GithubReading.PROPERTY) GithubReading reading) {
        SourceBatch batch = reading.batch();
        if (reading.oneIssue()) {
            exchange.setProperty(GithubIssueRead.PROPERTY, reading.issueRead());
            return batch;
        }
        GithubRead read = reading.read();
        LOG.infof("GitHub read: %d task(s), %d rejected, %d pull request(s) skipped, %d call(s), unchanged: %s", batch.tasks().size(),
                batch.rejections().size(), read.pullRequestsSkipped(), read.calls(), read.unchanged());
        exchange.setProperty(GithubRead.PROPERTY, read);
        GithubSourceRead run = exchange.getProperty(GithubSourceRead.PROPERTY, GithubSourceRead.class);
        if (run != null) {
            run.done(read);
        }
        return batch;
    }
}
