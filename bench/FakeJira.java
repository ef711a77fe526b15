import io.toggltasksync.support.HubSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake Jira Cloud of the webhook benchmarks: the whole JQL answers the {@link WebhookLag#ISSUES} issues
 * {@code BEN-1} on, a one-issue search that issue as it is now (its summary in {@link #summaries}). In burst mode the
 * scheduled run's search is held ({@link WebhookBurst#holdTheRun}). Its deliveries are {@code jira:issue_updated},
 * signed in {@code X-Hub-Signature}.
 */
final class FakeJira extends WebhookLag.Source {

    static final Pattern ONE_ISSUE = Pattern.compile("issuekey = \"(BEN-\\d+)\"");

    /** Issue key -> current summary, as the fake Jira answers. */
    final Map<String, String> summaries = new ConcurrentHashMap<>();

    FakeJira() throws IOException {
        for (int i = 1; i <= WebhookLag.ISSUES; i++) {
            summaries.put("BEN-" + i, "Issue " + i);
        }
        server.createContext("/rest/api/3/search/jql", exchange -> {
            calls.incrementAndGet();
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher one = ONE_ISSUE.matcher(query);
            List<String> issues = new ArrayList<>();
            if (one.find()) {
                String summary = summaries.get(one.group(1));
                if (summary != null) {
                    issues.add(issue(one.group(1), summary));
                }
            } else {
                WebhookBurst.holdTheRun();
                for (int i = 1; i <= WebhookLag.ISSUES; i++) {
                    issues.add(issue("BEN-" + i, summaries.get("BEN-" + i)));
                }
            }
            answer(exchange, 200, "{\"issues\":[" + String.join(",", issues) + "],\"isLast\":true}", Map.of());
        });
        server.start();
    }

    static String issue(String key, String summary) {
        return "{\"id\":\"" + key.substring(4) + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"" + summary + "\","
                + "\"status\":{\"name\":\"x\",\"statusCategory\":{\"key\":\"indeterminate\"}},\"resolution\":null,"
                + "\"timeoriginalestimate\":3600,\"project\":{\"key\":\"BEN\"}}}";
    }

    @Override
    String name() {
        return "jira";
    }

    @Override
    Map<String, String> env() {
        return Map.of("SYNC_SOURCE", "jira", "JIRA_URL", url(), "JIRA_USER", "bench@acme.test", "JIRA_TOKEN", "bench-jira-token",
                "JIRA_JQL", "project = BEN", "TOGGL_PROJECT_MAP", "BEN=" + WebhookLag.PROJECT);
    }

    @Override
    HttpRequest.Builder delivery(String base, int issue, String summary) {
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":" + issue("BEN-" + issue, summary) + "}";
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/jira")).header("Content-Type", "application/json")
                .header("X-Hub-Signature", HubSignature.header(WebhookLag.SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Override
    void rename(int issue, String summary) {
        summaries.put("BEN-" + issue, summary);
    }

    @Override
    String taskName(int issue, String summary) {
        return "BEN-" + issue + " " + summary;
    }
}
