package io.toggltasksync.toggl;

import io.toggltasksync.sync.RunContext;
import io.toggltasksync.sync.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * Builds each Toggl request from its {@link TogglCall} and classifies each answer. Called by the
 * {@code toggl-call} route around the camel-http endpoint.
 */
@ApplicationScoped
@Named("togglApi")
public class TogglApi {

    private static final Logger LOG = Logger.getLogger(TogglApi.class);
    /** Exchange property: how many times this call has been sent (a retry sends it again). */
    public static final String ATTEMPTS = "togglAttempts";
    static final String QUOTA_REMAINING = "X-Toggl-Quota-Remaining";
    static final String QUOTA_RESETS_IN = "X-Toggl-Quota-Resets-In";

    /** Whether the client-side throttle is on ({@code toggl.rate-limit} > 0). */
    public boolean rateLimited(@ExchangeProperty("run") RunContext run) {
        return run.settings().rateLimit() > 0;
    }

    /** Requests allowed per second, for the throttle. */
    public int rateLimit(@ExchangeProperty("run") RunContext run) {
        return run.settings().rateLimit();
    }

    /** Sets method, path, query, auth and body from the call in the exchange property {@code togglCall}. */
    public void prepare(Exchange exchange) throws InterruptedException {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        checkQuota(run);
        var message = exchange.getMessage();
        HttpRequests.prepare(message, call.method(), call.path(), call.query(), basicAuth(run.settings().apiToken()));
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setBody(Json.write(call.body()));
        }
        exchange.setProperty("togglEndpoint", run.settings().apiUrl());
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
        exchange.setProperty(ATTEMPTS, attempts);
        if (attempts > 1) {
            run.countRetry();
        }
        run.countCall(call.method());
    }

    /** Removes the credentials from the message once the request is sent (also on failure). */
    public void forgetCredentials(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
    }

    /**
     * Reads the answer: on 2xx the body becomes its text; otherwise throws the exception that tells
     * the error handler what to do (retry, dead letter, stop).
     */
    public void classify(Exchange exchange) throws InterruptedException {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        Long remaining = longHeader(message.getHeader(QUOTA_REMAINING));
        Long resetsIn = longHeader(message.getHeader(QUOTA_RESETS_IN));
        run.quota(remaining, resetsIn);
        run.countStatus(status);
        message.setBody(body);
        if (status >= 200 && status < 300) {
            return;
        }
        // Masked here, at the source: the retry log line of Camel's error handler prints this message.
        String text = Secrets.mask(status + " " + ErrorText.summarize(body), run.settings().secrets());
        LOG.debugf("%s answered %s", call.describe(), text);
        if (status == 429 || status >= 500) {
            throw new TogglTransientException(status, text);
        }
        if (status == 402 && (remaining != null || resetsIn != null)) {
            if (remaining == null) {
                run.quota(0L, null);
            }
            if (willWaitForQuota(run)) {
                // the retry waits for the reset in checkQuota, the one place that waits
                throw new TogglTransientException(status, "quota spent; it resets in " + run.quotaResetsInNow() + " s");
            }
            throw quotaSpent(run);
        }
        if (status == 402) {
            throw new TogglClientException(status, text + " (tasks need a paid Toggl plan)");
        }
        if (status == 401 || status == 403) {
            throw new TogglAuthException(status, text + " (check toggl.api-token and access to workspace "
                    + run.settings().workspaceId() + ")");
        }
        throw new TogglClientException(status, text);
    }

    /**
     * Never sends a call that the last quota headers say Toggl will refuse: waits for a reset that
     * is near ({@code toggl.quota-max-wait}, at most twice a run), else stops the run here, so a spent
     * quota costs no call at all. A stopped write run defers the rest to the next run.
     */
    private static void checkQuota(RunContext run) throws InterruptedException {
        if (!run.quotaSpent()) {
            return;
        }
        if (!willWaitForQuota(run)) {
            throw quotaSpent(run);
        }
        long wait = run.quotaResetsInNow();
        run.countQuotaWait();
        LOG.infof("Toggl hourly quota spent; it resets in %d s: waiting for it", wait);
        Thread.sleep((wait + 1) * 1000L);
        run.quotaRefilled();
    }

    private static boolean willWaitForQuota(RunContext run) {
        return run.quotaResetsInNow() <= run.settings().quotaMaxWaitSeconds() && run.quotaWaits() < 2;
    }

    private static TogglQuotaException quotaSpent(RunContext run) {
        long resetsIn = run.quotaResetsInNow();
        return new TogglQuotaException(resetsIn, "Toggl hourly API quota spent"
                + (resetsIn == Long.MAX_VALUE ? "" : "; it resets in " + resetsIn + " s"));
    }

    static String basicAuth(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((token + ":api_token").getBytes(StandardCharsets.UTF_8));
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

    /** One page of a project's tasks, newest first (where a create whose answer was lost is). */
    public static Map<String, String> newestFirstQuery(long projectId, int perPage) {
        Map<String, String> q = listQuery(projectId, 1, perPage);
        q.put("sort_order", "DESC");
        return q;
    }

    /** Query parameters for a workspace task listing page, oldest first (stable while tasks are added). */
    public static Map<String, String> listQuery(long projectId, int page, int perPage) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("active", "both");
        q.put("pid", Long.toString(projectId));
        q.put("page", Integer.toString(page));
        q.put("per_page", Integer.toString(perPage));
        q.put("sort_field", "created_at");
        q.put("sort_order", "ASC");
        return q;
    }
}
