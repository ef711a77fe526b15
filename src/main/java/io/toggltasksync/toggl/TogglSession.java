package io.toggltasksync.toggl;

import io.toggltasksync.config.SyncSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The Toggl client's side of one run (exchange property {@value #PROPERTY}): where and how to
 * call, the calls made, and the quota seen. Knows nothing else of the run.
 */
public final class TogglSession {

    public static final String PROPERTY = "toggl";

    private final SyncSettings settings;
    private final ApiCalls calls = new ApiCalls();
    private final QuotaTracker quota;

    public TogglSession(SyncSettings settings) {
        this(settings, settings.quotaMaxWaitSeconds());
    }

    /** A session that waits at most {@code quotaMaxWaitSeconds} for a spent quota (the preflight: 0, it never waits). */
    public TogglSession(SyncSettings settings, long quotaMaxWaitSeconds) {
        this.settings = settings;
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
        return settings.secrets();
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
