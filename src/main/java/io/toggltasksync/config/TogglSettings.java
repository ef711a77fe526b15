package io.toggltasksync.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * How the Toggl API is called ({@code toggl.*} of the client): where, as whom, how fast, in what pages and batches,
 * how long a spent quota is waited for, and how a transient failure is sent again.
 *
 * @param apiUrl              {@code toggl.api-url}, without a trailing slash
 * @param apiToken            {@code toggl.api-token}: a secret (masked in {@link #toString})
 * @param rateLimit           {@code toggl.rate-limit}: requests a second; 0: no throttle
 * @param quotaMaxWaitSeconds {@code toggl.quota-max-wait}: a spent hourly quota that resets within this is waited for
 * @param hourlyQuota         {@code toggl.hourly-quota}: the plan's requests an hour, for the run's forecast
 */
public record TogglSettings(String apiUrl, String apiToken, long workspaceId, int rateLimit, int pageSize, int patchBatchSize,
        boolean patchEstimates, long quotaMaxWaitSeconds, int hourlyQuota, Retry retry) {

    public static final String DEFAULT_API_URL = "https://api.track.toggl.com/api/v9";
    /** The token of a sandbox run that names none: the sandbox takes any. */
    public static final String SANDBOX_TOKEN = "sandbox-token";

    /**
     * Redelivery of transient failures (IO errors, 429, 5xx): up to {@code maxRetries} more
     * attempts, the first after {@code delayMs}, doubling up to {@code maxDelayMs}.
     */
    public record Retry(int maxRetries, long delayMs, long maxDelayMs) {
    }

    /**
     * Reads and checks the retry settings alone: the error handlers' redelivery policy is made when
     * Camel starts, from these only ({@link SyncSettings#load} checks them too, so a bad value stops the app first).
     */
    public static Retry retry(Function<String, Optional<String>> lookup) {
        return retry(new SettingsReader(lookup));
    }

    private static Retry retry(SettingsReader r) {
        return new Retry((int) r.nonNegativeLong("toggl.max-retries", 4), r.nonNegativeLong("toggl.retry-delay-ms", 1000),
                r.nonNegativeLong("toggl.max-retry-delay-ms", 30000));
    }

    /** Reads and checks them; {@code sandbox}: a sandbox run needs no token. */
    public static TogglSettings read(SettingsReader r, boolean sandbox) {
        String apiUrl = r.string("toggl.api-url").orElse(DEFAULT_API_URL);
        r.checkBaseUrl("toggl.api-url", apiUrl, "the token goes in toggl.api-token (TOGGL_API_TOKEN)");
        String token = r.string("toggl.api-token").orElse(sandbox ? SANDBOX_TOKEN : null);
        if (token == null) {
            throw r.missing("toggl.api-token", "the Toggl API token (Profile settings > API Token)");
        }
        long workspace = r.positiveLong("toggl.workspace-id").orElseThrow(() -> r.missing("toggl.workspace-id", "the Toggl workspace id"));
        int rate = (int) r.nonNegativeLong("toggl.rate-limit", 1);
        int pageSize = (int) r.positiveLong("toggl.page-size").orElse(200L).longValue();
        int batch = (int) r.positiveLong("toggl.patch-batch-size").orElse(100L).longValue();
        boolean patchEstimates = r.bool("toggl.patch-estimates", true);
        long quotaWait = r.nonNegativeLong("toggl.quota-max-wait", 60);
        // Starter's limit: tasks need a paid plan, and Starter is the smallest (Premium: 600)
        int hourlyQuota = (int) r.positiveLong("toggl.hourly-quota").orElse(240L).longValue();
        String url = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        return new TogglSettings(url, token, workspace, rate, pageSize, batch, patchEstimates, quotaWait, hourlyQuota, retry(r));
    }

    /** Hides the token from the generated toString (records print every component). */
    @Override
    public String toString() {
        return "TogglSettings[apiUrl=" + apiUrl + ", apiToken=****, workspaceId=" + workspaceId + ", rateLimit=" + rateLimit
                + ", pageSize=" + pageSize + ", patchBatchSize=" + patchBatchSize + ", patchEstimates=" + patchEstimates
                + ", quotaMaxWaitSeconds=" + quotaMaxWaitSeconds + ", hourlyQuota=" + hourlyQuota + ", retry=" + retry + "]";
    }
}
