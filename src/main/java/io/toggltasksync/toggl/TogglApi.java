package io.toggltasksync.toggl;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.HttpRequests;
import io.toggltasksync.support.Json;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * Sets up each Toggl request and classifies each answer, around the camel-http endpoint of the
 * {@code toggl-call} route. Stateless: the run's side lives in its {@link TogglSession}.
 */
@ApplicationScoped
@Named("togglApi")
public class TogglApi {

    private static final Logger LOG = Logger.getLogger(TogglApi.class);
    /** Exchange property: how many times this request has been sent (a retry sends it again). */
    public static final String ATTEMPTS = "togglAttempts";
    /** Exchange property: the API base URL the route sends to. */
    public static final String ENDPOINT = "togglEndpoint";
    static final String QUOTA_REMAINING = "X-Toggl-Quota-Remaining";
    static final String QUOTA_RESETS_IN = "X-Toggl-Quota-Resets-In";

    /** Whether the client-side throttle is on ({@code toggl.rate-limit} > 0). */
    public boolean rateLimited(@ExchangeProperty(TogglSession.PROPERTY) TogglSession session) {
        return session.rateLimit() > 0;
    }

    /** Requests allowed per second, for the throttle. */
    public int rateLimit(@ExchangeProperty(TogglSession.PROPERTY) TogglSession session) {
        return session.rateLimit();
    }

    /**
     * Sets method, path, query and auth of the request; the body becomes the request's payload
     * object (the route marshals it to JSON). Waits for, or stops on, a spent quota first.
     */
    public void prepare(Exchange exchange, @ExchangeProperty(TogglSession.PROPERTY) TogglSession session,
            @ExchangeProperty(TogglRequest.PROPERTY) TogglRequest request) throws InterruptedException {
        session.quota().awaitRoom();
        var message = exchange.getMessage();
        HttpRequests.prepare(message, request.method(), request.path(), request.query(), session.authorization());
        if (request.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setBody(request.body());
        }
        exchange.setProperty(ENDPOINT, request.baseUrl() != null ? request.baseUrl() : session.apiUrl());
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempts);
        session.calls().sent(request.method(), attempts > 1);
    }

    /** Removes the credentials from the message once the request is sent (also on failure). */
    public void forgetCredentials(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
    }

    /**
     * The answer's text read into the type the read asked for, by the app's one ObjectMapper (as the routes' json
     * unmarshal reads). An answer that is no such JSON fails the read (not retried: another try reads the same).
     */
    public Object answer(@Body String text, @ExchangeProperty(TogglRead.PROPERTY) TogglRead read) throws JsonProcessingException {
        return Json.MAPPER.readValue(text == null ? "" : text, read.answerType());
    }

    /**
     * Reads the answer: on 2xx the body becomes its text; otherwise throws the exception that tells
     * the error handler what to do (retry, dead letter, stop).
     */
    public void classify(Exchange exchange, @ExchangeProperty(TogglSession.PROPERTY) TogglSession session,
            @ExchangeProperty(TogglRequest.PROPERTY) TogglRequest request) {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        Long remaining = longHeader(message.getHeader(QUOTA_REMAINING));
        Long resetsIn = longHeader(message.getHeader(QUOTA_RESETS_IN));
        QuotaTracker quota = session.quota();
        quota.note(remaining, resetsIn);
        session.calls().answered(status);
        message.setBody(body);
        if (status >= 200 && status < 300) {
            return;
        }
        // Masked here, at the source: the retry log line of Camel's error handler prints this message.
        String text = Secrets.mask(status + " " + ErrorText.summarize(body), session.secrets());
        LOG.debugf("%s answered %s", request.describe(), text);
        if (status == 429 || status >= 500) {
            throw new TogglTransientException(status, text);
        }
        // a 402 whose headers say calls are left is not the quota: it is a paid feature on a free plan
        boolean quotaSpent = remaining != null ? remaining <= 0 : resetsIn != null;
        if (status == 402 && quotaSpent) {
            if (remaining == null) {
                quota.note(0L, null);
            }
            if (quota.willWait()) {
                // the retry waits for the reset in prepare, the one place that waits
                throw new TogglTransientException(status, "quota spent; it resets in " + quota.resetsInNow() + " s");
            }
            throw quota.spentException();
        }
        if (status == 402) {
            throw new TogglClientException(status, text + " (tasks need a paid Toggl plan)");
        }
        if (status == 401 || status == 403) {
            String reports = request.baseUrl() == null ? ""
                    : ", and that its user may read the workspace's reports (private ones need their owner or a workspace admin)";
            throw new TogglAuthException(status, text + " (check toggl.api-token and access to workspace " + session.workspaceId() + reports + ")");
        }
        throw new TogglClientException(status, text);
    }

    private static Long longHeader(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
