package io.toggltasksync.testing;

import io.toggltasksync.source.github.GithubSettings;
import io.toggltasksync.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** GitHub's side of the GitHub source's tests: settings, and the JSON of issues and pull requests as GitHub lists them. */
public final class GithubFixture {

    /** The token every GitHub test uses: it must never appear in a message. */
    public static final String TOKEN = "ghp_TestSecretToken0123456789abcdef";
    public static final String WEBHOOK_SECRET = "webhook-secret-0123456789";

    private GithubFixture() {
    }

    /** {@code github.*} for {@code apiUrl} and {@code repos} (owner/repo,...), changed by {@code name=value} overrides. */
    public static Map<String, String> values(String apiUrl, String repos, String... overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("github.api-url", apiUrl);
        values.put("github.token", TOKEN);
        values.put("github.repos", repos);
        for (String o : overrides) {
            int eq = o.indexOf('=');
            values.put(o.substring(0, eq), o.substring(eq + 1));
        }
        values.values().removeIf(String::isEmpty);
        return values;
    }

    /** {@code base} made a GitHub mirror of {@code repos} ({@code owner/repo,...}) on the GitHub at {@code apiUrl}. */
    public static TestSettings mirror(TestSettings base, String apiUrl, String repos) {
        base.with("sync.source", "github");
        values(apiUrl, repos).forEach(base::with);
        return base;
    }

    /** {@link GithubSettings#load} of {@link #values}. */
    public static GithubSettings settings(String apiUrl, String repos, String... overrides) {
        Map<String, String> values = values(apiUrl, repos, overrides);
        return GithubSettings.load(name -> Optional.ofNullable(values.get(name)));
    }

    /** An issue as GitHub lists it (its state_reason following its state). */
    public static String issue(long id, long number, String title, String state) {
        return "{\"id\":" + id + ",\"node_id\":\"I_" + id + "\",\"number\":" + number + ",\"title\":" + quoted(title) + ",\"state\":\""
                + state + "\",\"state_reason\":" + (state.equals("closed") ? "\"completed\"" : "null")
                + ",\"labels\":[],\"updated_at\":\"2026-12-07T10:00:00Z\",\"html_url\":\"https://github.com/o/r/issues/" + number + "\"}";
    }

    /** A pull request as GitHub lists it among the issues. */
    public static String pullRequest(long id, long number, String title) {
        return "{\"id\":" + id + ",\"number\":" + number + ",\"title\":" + quoted(title) + ",\"state\":\"open\",\"pull_request\":"
                + "{\"url\":\"https://api.github.com/repos/o/r/pulls/" + number + "\"}}";
    }

    /** A page of the list. */
    public static String page(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    private static String quoted(String text) {
        return Json.write(text);
    }
}
