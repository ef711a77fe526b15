package io.toggltasksync.source.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One GET to GitHub: a path below {@code github.api-url}, its query as sent (already URL-encoded), and the
 * {@code If-None-Match} to send with it (null: none).
 */
public record GithubRequest(String path, String query, String ifNoneMatch) {

    /** The first page of a repository's issues: every state, oldest change first; {@code since} null for all of them. */
    static GithubRequest firstPage(GithubSettings settings, GithubRepo repo, Instant since) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", "all");
        query.put("per_page", Integer.toString(settings.pageSize()));
        query.put("sort", "updated");
        query.put("direction", "asc");
        if (!settings.labels().isEmpty()) {
            query.put("labels", String.join(",", settings.labels()));
        }
        if (since != null) {
            query.put("since", since.toString());
        }
        return new GithubRequest(repo.issuesPath(), query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")), null);
    }

    /** One issue, by its number in the repository. */
    static GithubRequest issue(GithubRepo repo, long number) {
        return new GithubRequest(repo.issuesPath() + "/" + number, null, null);
    }

    /** This request, sent only if the answer changed since the one with {@code etag} (null: always). */
    GithubRequest ifNoneMatch(String etag) {
        return new GithubRequest(path, query, etag);
    }

    /** The exact URL (an ETag belongs to it). */
    String url(String apiUrl) {
        return apiUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
