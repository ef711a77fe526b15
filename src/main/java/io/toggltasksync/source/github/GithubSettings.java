package io.toggltasksync.source.github;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SettingsReader;
import io.toggltasksync.config.SourceSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The GitHub Issues source's settings ({@code github.*}), read and checked here, each default written once below.
 *
 * @param apiUrl           {@code github.api-url}: {@code https://api.github.com}, or GitHub Enterprise Server's
 *                         {@code https://HOST/api/v3}; no trailing slash
 * @param token            {@code github.token}: sent as {@code Authorization: Bearer}; a secret (masked in {@link #toString})
 * @param repos            {@code github.repos}: the repositories read, in the order given
 * @param labels           {@code github.labels}: only issues with all of these labels; empty: every issue
 * @param pageSize         {@code github.page-size}: issues a page (GitHub allows 1 to 100)
 * @param rateLimitMaxWait {@code github.rate-limit-max-wait}: a spent rate limit that resets (or a {@code retry-after}) within
 *                         this is waited for; a later one stops the read (deferred)
 * @param retry            {@code github.max-retries}, {@code github.retry-delay-ms}, {@code github.max-retry-delay-ms}: the
 *                         redelivery of a 5xx or a failed connection ({@code githubRedelivery})
 * @param receiver         the webhook receiver's settings ({@code github.webhook-*}), null when no secret turns it on
 */
public record GithubSettings(String apiUrl, String token, List<GithubRepo> repos, List<String> labels, int pageSize,
        Duration rateLimitMaxWait, Retry retry, WebhookSettings receiver) implements SourceSettings {

    /** The exchange property that carries them in a read. */
    public static final String PROPERTY = "githubSettings";
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final Duration DEFAULT_RATE_LIMIT_MAX_WAIT = Duration.ofSeconds(60);
    static final Duration MAX_RATE_LIMIT_MAX_WAIT = Duration.ofHours(1);

    /** How a 5xx or a failed connection is sent again: exponential backoff from {@code delayMs}, at most {@code maxDelayMs}. */
    public record Retry(int maxRetries, long delayMs, long maxDelayMs) {
    }

    public GithubSettings {
        repos = List.copyOf(repos);
        labels = List.copyOf(labels);
    }

    /** The GitHub settings of a GitHub run's settings; null for another source. */
    public static GithubSettings of(SyncSettings settings) {
        return settings.sourceSettings() instanceof GithubSettings github ? github : null;
    }

    /** Reads and checks every {@code github.*} setting. */
    public static GithubSettings load(Function<String, Optional<String>> lookup) {
        return read(new SettingsReader(lookup));
    }

    private static GithubSettings read(SettingsReader r) {
        String apiUrl = r.string("github.api-url").orElse(DEFAULT_API_URL).replaceAll("/+$", "");
        r.checkBaseUrl("github.api-url", apiUrl, "the token is sent on its own (github.token)");
        String token = r.string("github.token").orElseThrow(() -> r.missing("github.token",
                "a GitHub token that can read the repositories' issues (fine-grained: Issues read-only; classic: repo or public_repo)"));
        if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            // never repeated in the message: it is a secret
            throw r.invalid("github.token", "must not contain spaces, line breaks or control characters");
        }
        List<GithubRepo> repos = repos(r);
        List<String> labels = labels(r);
        long pageSize = r.positiveLong("github.page-size").orElse((long) DEFAULT_PAGE_SIZE);
        if (pageSize > 100) {
            throw r.invalid("github.page-size", "must be from 1 to 100 (GitHub's largest page), got " + pageSize);
        }
        Duration wait = r.duration("github.rate-limit-max-wait", DEFAULT_RATE_LIMIT_MAX_WAIT);
        if (wait.compareTo(MAX_RATE_LIMIT_MAX_WAIT) > 0) {
            throw r.invalid("github.rate-limit-max-wait", "must be at most 1h (GitHub's limit resets within the hour), got '"
                    + r.string("github.rate-limit-max-wait").orElse("") + "'");
        }
        return new GithubSettings(apiUrl, token, repos, labels, (int) pageSize, wait, retry(r), WebhookSettings.read(r, "github"));
    }

    /**
     * Reads and checks the retry settings alone: the redelivery policy is made when Camel starts, whatever the source
     * (the defaults serve a run of another source; {@link #load} checks them again for a GitHub run).
     */
    public static Retry retry(Function<String, Optional<String>> lookup) {
        return retry(new SettingsReader(lookup));
    }

    private static Retry retry(SettingsReader r) {
        return new Retry((int) Math.min(Integer.MAX_VALUE, r.nonNegativeLong("github.max-retries", 3)),
                r.nonNegativeLong("github.retry-delay-ms", 1000), r.nonNegativeLong("github.max-retry-delay-ms", 30000));
    }

    private static List<GithubRepo> repos(SettingsReader r) {
        String raw = r.string("github.repos").orElseThrow(() -> r.missing("github.repos",
                "the repositories whose issues become tasks, as owner/repo separated by commas"));
        List<GithubRepo> repos = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            GithubRepo repo = r.parsed("github.repos", s -> GithubRepo.parse(entry));
            if (!seen.add(repo.sameAs())) {
                throw r.invalid("github.repos", "names " + repo.key() + " twice (GitHub's names are not case-sensitive)");
            }
            repos.add(repo);
        }
        if (repos.isEmpty()) {
            throw r.missing("github.repos", "the repositories whose issues become tasks, as owner/repo separated by commas");
        }
        return repos;
    }

    private static List<String> labels(SettingsReader r) {
        Set<String> labels = new LinkedHashSet<>();
        for (String label : r.string("github.labels").orElse("").split(",")) {
            if (!label.isBlank()) {
                labels.add(label.trim());
            }
        }
        return List.copyOf(labels);
    }

    /**
     * The site, the repositories (as GitHub compares them) and the labels: a state made with others says nothing of what
     * these read. Not the token, nor the page size (a cursor of another page size is read whole: {@link GithubCursor}).
     */
    @Override
    public String stateKey() {
        return apiUrl + "|" + repos.stream().map(GithubRepo::sameAs).toList() + "|labels=" + String.join(",", labels);
    }

    /** The secrets of these settings, for masking. */
    @Override
    public Set<String> secrets() {
        Set<String> secrets = new HashSet<>();
        secrets.add(token);
        if (receiver != null) {
            secrets.add(receiver.secret());
        }
        return secrets;
    }

    /**
     * What a cursor's kept queries were made with: a cursor of other settings (another site, other labels, another page
     * size) says nothing about what these would read, so the next read is whole ({@link GithubCursor}).
     */
    String queryFingerprint() {
        return apiUrl + "|labels=" + String.join(",", labels) + "|per_page=" + pageSize;
    }

    /** Hides the secrets from the generated toString (records print every component). */
    @Override
    public String toString() {
        return "GithubSettings[apiUrl=" + apiUrl + ", token=****, repos=" + repos + ", labels=" + labels + ", pageSize=" + pageSize
                + ", receiver=" + receiver + ", rateLimitMaxWait=" + rateLimitMaxWait
                + ", retry=" + retry + "]";
    }

    /** Reads the {@code github.*} settings (registered in META-INF/services as a {@link SourceSettings.Reader}). */
    public static final class Reader implements SourceSettings.Reader {

        @Override
        public String source() {
            return "github";
        }

        @Override
        public SourceSettings read(SettingsReader r) {
            return GithubSettings.read(r);
        }

        @Override
        public ConfigException unused(SettingsReader r) {
            return r.string("github.webhook-secret").isPresent()
                    ? r.invalid("github.webhook-secret", "turns on the GitHub webhook receiver, which needs sync.source=github (SYNC_SOURCE=github)")
                    : null;
        }
    }
}
