package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.HttpRequests;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-source} route: which page to ask for next, the request
 * headers (auth), the classification of each answer, and the mapping into the desired set.
 */
@ApplicationScoped
@Named("jiraSourceReader")
public class JiraSourceReader {

    private static final Logger LOG = Logger.getLogger(JiraSourceReader.class);
    private static final long MAX_RETRY_AFTER_MS = 60_000;
    /** Exchange property: the Jira base URL the route sends to. */
    static final String ENDPOINT = "jiraEndpoint";

    /** Starts the search: every issue of the JQL, or with a {@link JiraWindow} only those updated within it. */
    public void begin(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings,
            @ExchangeProperty(JiraClock.PROPERTY) JiraClock clock, @ExchangeProperty(SourceEvent.PROPERTY) IssueEvent event) {
        JiraSearch search = event != null ? search(settings, JiraWindow.oneIssue(JiraSettings.of(settings).jql(), event.issueKey()))
                : search(settings, clock == null ? null : clock.window());
        JiraPaging paging = new JiraPaging(search, builder(settings, search));
        if (clock != null) {
            clock.reading(paging);
        }
        exchange.setProperty(JiraPaging.PROPERTY, paging);
    }

    private static JiraSearch search(SyncSettings settings, JiraWindow window) {
        JiraSettings jira = JiraSettings.of(settings);
        return search(settings, window == null ? jira.jql() : window.narrow(jira.jql()));
    }

    private static JiraSearch search(SyncSettings settings, String jql) {
        JiraSettings jira = JiraSettings.of(settings);
        LOG.infof("Searching %s for: %s", jira.url(), jql);
        return jira.cloud() ? JiraSearch.cloud(jql, jira.pageSize()) : JiraSearch.dataCenter(jql, jira.pageSize());
    }

    private static JiraBatchBuilder builder(SyncSettings settings, JiraSearch search) {
        return new JiraBatchBuilder(search.description(), new JiraIssueMapper(settings.projects().projectResolver()));
    }

    public boolean hasNextPage(@ExchangeProperty(JiraPaging.PROPERTY) JiraPaging paging) {
        return paging.next != null;
    }

    /** Sets method, path, query and auth of the next search request (or of the {@link JiraRequest} property, if one is set). */
    public void prepare(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings,
            @ExchangeProperty(JiraPaging.PROPERTY) JiraPaging paging, @ExchangeProperty(JiraRequest.PROPERTY) JiraRequest single) {
        JiraSettings jira = JiraSettings.of(settings);
        JiraRequest request = single != null ? single : paging.next;
        HttpRequests.prepare(exchange.getMessage(), request.method(), request.path(), request.query(), authorization(jira));
        if (request.body() != null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(request.body());
        }
        exchange.setProperty(ENDPOINT, jira.url());
        if (single == null) {
            paging.calls++;
        } else {
            // a redelivery runs this route again: the count tells a retried DELETE from a first one
            exchange.setProperty(JiraRequest.ATTEMPTS, exchange.getProperty(JiraRequest.ATTEMPTS, 0, Integer.class) + 1);
        }
    }

    /** Removes the credentials from the message once the request is sent (also on failure). */
    public void forgetCredentials(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
    }

    /** Cloud: Basic email:api-token. Data Center: Bearer personal access token, or Basic user:password. */
    static String authorization(JiraSettings jira) {
        if (jira.user() == null) {
            return "Bearer " + jira.token();
        }
        return "Basic " + Base64.getEncoder().encodeToString((jira.user() + ":" + jira.token()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * 2xx: the body is the answer. 429 ({@link JiraRateLimited}) and 5xx ({@link JiraTransientException}): retried
     * by the caller's error handler, after Retry-After. Anything else: {@link JiraRefused}, not retried.
     */
    public void classify(Exchange exchange, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings,
            @ExchangeProperty(SourceEvent.PROPERTY) IssueEvent event) throws InterruptedException {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        message.setBody(body);
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 429 || status >= 500) {
            Long wait = JiraErrors.retryAfterMillis(message.getHeader("Retry-After", String.class));
            if (wait != null && wait > 0) {
                long ms = Math.min(wait, MAX_RETRY_AFTER_MS);
                LOG.infof("Jira answered %d with Retry-After: waiting %d ms", status, ms);
                Thread.sleep(ms);
            }
            String text = "Jira answered " + status + " " + Secrets.mask(ErrorText.summarize(body), settings.secrets());
            throw status == 429 ? new JiraRateLimited(text) : new JiraTransientException(status, text);
        }
        String refusal = Secrets.mask(JiraErrors.message(status, body, message.getHeader("Retry-After", String.class)), settings.secrets());
        // only Jira's "does not exist": a JQL broken for every issue must fail loudly, as it does in runs
        if (event != null && status == 400 && body != null && body.contains("does not exist")) {
            throw new JiraIssueUnknown(refusal);
        }
        throw new JiraRefused(status, Secrets.mask(JiraErrors.detail(body), settings.secrets()), refusal);
    }

    /** Jira refused the search for the key as naming no issue: the search found nothing. */
    public SourceBatch noIssue(@ExchangeProperty(SourceEvent.PROPERTY) IssueEvent event) {
        return new SourceBatch("Jira: no issue " + event.issueKey(), java.util.List.of(), java.util.List.of(), io.toggltasksync.model.IdentityRule.NONE);
    }

    /** An answer that is not JSON: the run cannot go on (it is not retried). */
    public void notJson(@Body String body) {
        throw JiraSearch.notJson(body);
    }

    /**
     * The page's issues into the desired set, and the next page, if any. The first page's
     * {@code Date} is Jira's time: when it shows the window too narrow, the search starts again wider.
     * A read with a gap ({@link JiraPaging#gap}) starts again once; a second one ends the run.
     */
    public void acceptPage(@Body JsonNode answer, @Header("Date") String date, @ExchangeProperty(JiraPaging.PROPERTY) JiraPaging paging,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings, @ExchangeProperty(JiraClock.PROPERTY) JiraClock clock) {
        Long jiraTime = paging.pages == 0 && clock != null ? HttpRequests.epochSecond(date) : null;
        JiraWindow wider = jiraTime == null ? null : clock.firstAnswer(jiraTime);
        if (wider != null) {
            LOG.warnf("Jira's clock says more time passed since the last search than this machine's: searching again for the last %d minutes",
                    wider.minutes());
            JiraSearch search = search(settings, wider);
            paging.restart(search, builder(settings, search));
            return;
        }
        JiraPage page = paging.search.parse(answer);
        paging.builder.add(page);
        paging.pages++;
        Optional<JiraRequest> next = paging.search.nextPage(page);
        String gap = paging.gap(page, next);
        if (gap != null) {
            if (paging.readAgain) {
                throw new SourceException("the Jira search was incomplete twice (" + gap + "): nothing is decided missing from a partial read");
            }
            LOG.warnf("The Jira search was incomplete (%s): reading it again from the first page", gap);
            paging.readAgain = true;
            paging.restart(paging.search, builder(settings, paging.search));
            return;
        }
        paging.next = next.orElse(null);
    }

    /** Every page was read: the desired set. */
    public SourceBatch finish(@ExchangeProperty(JiraPaging.PROPERTY) JiraPaging paging) {
        LOG.infof("Jira search read in %d page(s)%s", paging.pages, paging.readAgain ? ", the second time from the first page" : "");
        return paging.builder.build();
    }
}
