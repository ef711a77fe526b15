package io.toggltasksync.toggl;

import io.toggltasksync.config.TogglSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The Toggl client's side of one run (exchange property {@value #PROPERTY}): where and how to
 * call, the calls made, and the quota seen. Knows nothing else of the run.
 */
public final class TogglSession {

    public static final String PROPERTY = "toggl";

    private final TogglSettings settings;
    private final Set<String> secrets;
    private final ApiCalls calls = new ApiCalls();
    private final QuotaTracker quota;

    /** {@code secrets}: every secret of the run (not only Toggl's), masked in what the client logs. */
    public TogglSession(TogglSettings settings, Set<String> secrets) {
        this(settings, secrets, settings.quotaMaxWaitSeconds());
    }

    /** A session that waits at most {@code quotaMaxWaitSeconds} for a spent quota (the preflight: 0, it never waits). */
    public TogglSession(TogglSettings settings, Set<String> secrets, long quotaMaxWaitSeconds) {
        this.settings = settings;
        this.secrets = Set.copyOf(secrets);
        this.quota = new QuotaTracker(quotaMaxWaitSeconds);
    }

    public String apiUrl() {
        return settings.apiUrl();
    }

    public long workspaceId() {
        return settings.workspaceId();
    }

    public int pageSize() {
        return settings.pageSize();
    }

    public int rateLimit() {
        return settings.rateLimit();
    }

    public Set<String> secrets() {
        return secrets;
    }

    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((settings.apiToken() + ":api_token").getBytes(StandardCharsets.UTF_8));
    }

    public ApiCalls calls() {
        return calls;
    }

    public QuotaTracker quota() {
        return quota;
    }
}
