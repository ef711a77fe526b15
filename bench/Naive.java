import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.sandbox.TogglSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The naive baseline of the benchmark: what a simple script does, against a sandbox of its own: one GET and one POST
 * (first import) or PUT (reruns) per record, sequentially.
 */
final class Naive {
    final TogglSandbox sandbox;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String auth = "Basic " + Base64.getEncoder().encodeToString((Bench.TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));
    final String tasksUrl;
    /** external id -> task id, as the script saves them from its first import. */
    final Map<String, Long> ids = new HashMap<>();

    Naive(TogglSandbox sandbox) {
        this.sandbox = sandbox;
        this.tasksUrl = sandbox.baseUrl() + "/workspaces/" + Bench.WORKSPACE + "/projects/" + Bench.PROJECT + "/tasks";
    }

    void run(Bench.Result r, List<Bench.Rec> recs, boolean firstImport) throws Exception {
        System.err.printf(Locale.ROOT, "bench: N=%,d %s: naive ...", r.n, r.situation.label);
        sandbox.resetCounters();
        String newestPage = sandbox.baseUrl() + "/workspaces/" + Bench.WORKSPACE + "/tasks?pid=" + Bench.PROJECT
                + "&active=both&sort_field=created_at&sort_order=DESC&per_page=1&page=1";
        long t0 = System.nanoTime();
        if (firstImport) {
            // Every write makes the sandbox rebuild its listing (O(tasks)), so these GETs go in
            // one pass before the POSTs, served from its cache: the same calls, in another order.
            for (int i = 0; i < recs.size(); i++) {
                send("GET", newestPage, null);
            }
        }
        for (Bench.Rec rec : recs) {
            String body = Bench.JSON.createObjectNode().put("name", rec.name()).put("estimated_seconds", rec.estimate())
                    .put("active", rec.active()).toString();
            if (firstImport) {
                JsonNode created = Bench.JSON.readTree(send("POST", tasksUrl, body));
                ids.put(rec.extId(), created.path("id").asLong());
            } else {
                String url = tasksUrl + "/" + ids.get(rec.extId());
                send("GET", url, null);
                send("PUT", url, body);
            }
        }
        r.naiveWallMs = (System.nanoTime() - t0) / 1_000_000;
        r.naiveCalls = sandbox.totalRequests();
        System.err.printf(Locale.ROOT, " %,d calls in %s%n", r.naiveCalls, BenchReport.seconds(r.naiveWallMs));
    }

    String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " -> " + resp.statusCode() + " " + resp.body());
        }
        return resp.body();
    }
}
