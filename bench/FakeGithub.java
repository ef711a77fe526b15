import com.sun.net.httpserver.HttpExchange;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub REST API for the webhook benchmark (a JDK HTTP server in the benchmark's JVM), one repository
 * {@value #REPO} with the issues 1 to {@link WebhookLag#ISSUES}, all open: the issues list ({@code state=all}, paged by
 * {@code per_page} and {@code page} with a {@code Link} to the next page; no ETag, so no 304), and one issue by number
 * as it is now (404 for a number it does not have). And the signed deliveries GitHub would send for them.
 */
final class FakeGithub extends WebhookLag.Source {

    static final String REPO = "bench/api";
    static final String TOKEN = "bench-github-token-0123456789";
    static final Pattern ONE_ISSUE = Pattern.compile("^/repos/" + REPO + "/issues/(\\d+)$");

    /** Issue number -> title and updated_at, as the fake answers. */
    final Map<Integer, Issue> issues = new ConcurrentHashMap<>();

    record Issue(String title, String updatedAt) {
    }

    FakeGithub() throws IOException {
        String created = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 1; i <= WebhookLag.ISSUES; i++) {
            issues.put(i, new Issue("Issue " + i, created));
        }
        server.createContext("/repos/" + REPO + "/issues", this::issuesApi);
        server.start();
    }

    private void issuesApi(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        Matcher one = ONE_ISSUE.matcher(path);
        if (one.matches()) {
            int number = Integer.parseInt(one.group(1));
            Issue issue = issues.get(number);
            // a number the repository does not have (the burst's): GitHub's 404, which changes nothing for an "edited" event
            answerGithub(exchange, issue == null ? 404 : 200, issue == null ? "{\"message\":\"Not Found\"}" : json(number, issue), null);
            return;
        }
        // the whole list (a run's read): in burst mode the first scheduled run holds the sync lock here
        WebhookBurst.holdTheRun();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<String> items = new ArrayList<>();
        for (int n = (page - 1) * perPage + 1; n <= Math.min(page * perPage, WebhookLag.ISSUES); n++) {
            items.add(json(n, issues.get(n)));
        }
        String next = null;
        if (page * perPage < WebhookLag.ISSUES) {
            query.put("page", Integer.toString(page + 1));
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(v));
            next = "<" + url() + path + "?" + q + ">; rel=\"next\"";
        }
        answerGithub(exchange, 200, "[" + String.join(",", items) + "]", next);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return query;
    }

    static String json(int number, Issue issue) {
        return "{\"id\":" + id(number) + ",\"node_id\":\"I_" + number + "\",\"number\":" + number + ",\"title\":" + Json.write(issue.title())
                + ",\"state\":\"open\",\"state_reason\":null,\"labels\":[],\"updated_at\":\"" + issue.updatedAt() + "\",\"html_url\":\"https://github.com/"
                + REPO + "/issues/" + number + "\"}";
    }

    static long id(int number) {
        return 7_000_000_000L + number;
    }

    /** GitHub's rate-limit headers on every answer (plenty left), and the next page's {@code Link}. */
    private static void answerGithub(HttpExchange exchange, int status, String json, String link) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("x-ratelimit-remaining", "4999", "x-ratelimit-reset",
                Long.toString(Instant.now().getEpochSecond() + 3600)));
        if (link != null) {
            headers.put("Link", link);
        }
        answer(exchange, status, json, headers);
    }

    @Override
    String name() {
        return "github";
    }

    @Override
    Map<String, String> env() {
        return Map.of("SYNC_SOURCE", "github", "GITHUB_API_URL", url(), "GITHUB_TOKEN", TOKEN, "GITHUB_REPOS", REPO,
                "TOGGL_PROJECT_MAP", REPO + "=" + WebhookLag.PROJECT);
    }

    /** An {@code issues} event as GitHub sends it: JSON, signed over the raw body, a delivery id of its own. */
    @Override
    HttpRequest.Builder delivery(String base, int number, String title) {
        Issue issue = issues.get(number);
        String updatedAt = issue == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString() : issue.updatedAt();
        String body = "{\"action\":\"edited\",\"issue\":{\"id\":" + id(number) + ",\"number\":" + number + ",\"title\":" + Json.write(title)
                + ",\"state\":\"open\",\"updated_at\":\"" + updatedAt + "\"},\"repository\":{\"full_name\":\"" + REPO + "\"}}";
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/github")).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", HubSignature.header(WebhookLag.SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Override
    void rename(int number, String title) {
        issues.put(number, new Issue(title, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    @Override
    String taskName(int number, String title) {
        return REPO.substring(REPO.indexOf('/') + 1) + "#" + number + " " + title;
    }
}
