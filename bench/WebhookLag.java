import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook latency: from sending a signed event to the task's new name in Toggl, with the packaged app in long-running
 * mode (its own process), the Toggl sandbox at 1 request/second (the app's default rate limit) and the quota free,
 * and a fake source in this JVM that answers the one-issue read with the issue as it is now: Jira Cloud
 * ({@link FakeJira}) or, with {@code github}, GitHub's API ({@link GithubWebhookLag}). Run by bench/webhook.sh; see
 * bench/README.md. The burst modes: {@link WebhookBurst}; events on a large mirror: {@link WebhookMirror}.
 */
public class WebhookLag {

    static final String TOKEN = "bench-token-0123456789";
    static final String SECRET = "bench-webhook-secret-0123456789abcdef";
    static final long WS = 42;
    static final long PROJECT = 1001;
    static final int ISSUES = 200;
    static final Path RESULTS = Path.of("bench/webhook-results.md");
    /** A schedule that never fires: only events write. */
    static final String NEVER = "0 0 0 1 1 ? 2099";

    /**
     * A fake source the scenarios run against: a JDK HTTP server in this JVM that counts its calls, a signed delivery
     * for one of its issues, the task name an issue becomes.
     */
    abstract static class Source {
        final HttpServer server;
        final AtomicLong calls = new AtomicLong();

        Source() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }

        /** The receiver's path and its metrics' prefix: jira, github. */
        abstract String name();

        /** The app's settings for this source (its webhook secret, {@code <NAME>_WEBHOOK_SECRET}, is added in long-running mode). */
        abstract Map<String, String> env();

        /** A signed delivery saying issue {@code issue} changed ({@code title}: what a payload carries, never trusted). */
        abstract HttpRequest.Builder delivery(String base, int issue, String title);

        /** The issue renamed in the fake source: the app reads it so. */
        abstract void rename(int issue, String title);

        abstract String taskName(int issue, String title);

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The fake's reads so far. */
        long reads() {
            return calls.get();
        }

        void stop() {
            server.stop(0);
        }

        /** A JSON answer, with {@code headers} besides its content type. */
        static void answer(HttpExchange exchange, int status, String json, Map<String, String> headers) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    /** The app's GC log, when a mode asks for one. */
    static Path gcLog;

    public static void main(String[] args) {
        // The JDK's HTTP server with Nagle's algorithm on makes each answer on a kept-alive connection wait ~44 ms for the
        // client's delayed ACK. The sandbox turns it off for every server, but only when it starts before the first one:
        // a fake source starts first here, so the property is set before either.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AppProcess.main(() -> {
            run(args);
            return 0;
        });
    }

    static void run(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("burst")) {
            WebhookBurst.burst(args.length > 1 ? Integer.parseInt(args[1]) : 5000, args.length > 2 ? Integer.parseInt(args[2]) : ISSUES);
        } else if (mode.equals("mirror")) {
            WebhookMirror.mirror(args.length > 1 ? Integer.parseInt(args[1]) : 100_000, args.length > 2 ? Integer.parseInt(args[2]) : 30,
                    args.length > 3 ? args[3] : "this build");
        } else if (mode.equals("github")) {
            GithubWebhookLag.run(Arrays.copyOfRange(args, 1, args.length));
        } else {
            latency(args.length > 0 ? Integer.parseInt(args[0]) : 40);
        }
    }

    static void latency(int spaced) throws Exception {
        // the import: a one-off run leaves the sync state the events are planned against
        Imported set = imported("webhook-bench-", new FakeJira(), Map.of());
        System.err.println("== imported " + set.sandbox().tasks(PROJECT).size() + " tasks");
        Running app = set.app("webhooks", Map.of("SYNC_SCHEDULE", NEVER));
        List<String> rows = scenarios(app, spaced);
        String metrics = AppProcess.scrape(app.http(), app.base());
        app.stop();
        set.stop();

        StringBuilder out = new StringBuilder();
        out.append("# Webhook latency\n\n").append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.version")).append(". The app: `java -Xmx256m -XX:TieredStopAtLevel=1 -jar`, ")
                .append("TOGGL_RATE_LIMIT=1 (the default), quota free, jira.webhook-coalesce=500ms (the default), ").append(ISSUES)
                .append(" tasks mirrored. Lag: from sending the signed delivery to the new name in the sandbox (polled every 2 ms).\n\n")
                .append("| scenario | events | p50 | p95 | max | Jira reads | Toggl calls |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("\nThe app's own `jira_webhook_lag_seconds` (receipt to the write's answer):\n\n```\n");
        metrics.lines().filter(l -> l.startsWith("jira_webhook_lag_seconds{quantile") || l.startsWith("jira_webhook_events_total")
                || l.startsWith("jira_webhook_lag_seconds_count")).forEach(l -> out.append(l).append('\n'));
        out.append("```\n");
        System.out.print(out);
        // the sections after the latency table (the bursts', the large mirror's, GitHub's) stay
        String old = Files.exists(RESULTS) ? Files.readString(RESULTS) : "";
        int at = old.indexOf(WebhookBurst.BURST_HEADING);
        Files.writeString(RESULTS, out + (at < 0 ? "" : old.substring(at)));
    }

    /** The three latency scenarios against a running app: spaced events, a burst of 5 deliveries for one issue, 10 issues at once. */
    static List<String> scenarios(Running app, int spaced) throws Exception {
        Source source = app.source();
        TogglSandbox sandbox = app.sandbox();
        List<String> rows = new ArrayList<>();
        sandbox.resetCounters();
        long readsBefore = source.reads();
        List<Long> lags = new ArrayList<>();
        for (int i = 1; i <= spaced; i++) {
            lags.add(renameAndWait(app, i, "Issue " + i + " renamed", 1));
            Thread.sleep(1500);
        }
        rows.add(row("one event every ~1.5 s (" + spaced + " issues)", lags, sandbox, source.reads() - readsBefore));

        sandbox.resetCounters();
        readsBefore = source.reads();
        Thread.sleep(1500);
        rows.add(row("a burst of 5 deliveries for one issue", List.of(renameAndWait(app, 150, "Issue 150, final", 5)), sandbox,
                source.reads() - readsBefore));

        sandbox.resetCounters();
        readsBefore = source.reads();
        Thread.sleep(1500);
        rows.add(row("10 issues changed at once", concurrent(app, 10), sandbox, source.reads() - readsBefore));
        return rows;
    }

    /** What every mode starts from: the sandbox, the fake source with its issues, and the import run's sync state in {@code dir}. */
    record Imported(Path dir, TogglSandbox sandbox, Source source) {

        /** The app in long-running mode with the receiver open, ready: {@code env} on top of the source's settings. */
        Running app(String name, Map<String, String> env) throws Exception {
            int port = AppProcess.freePort();
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            all.put(source.name().toUpperCase(java.util.Locale.ROOT) + "_WEBHOOK_SECRET", SECRET);
            Process process = WebhookLag.app(dir, name, sandbox, source, all);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            // ready: the receiver is open (before that it answers 503)
            AppProcess.waitUntilReady(http, base + "/q/health/ready", process, dir.resolve(name + ".log"));
            return new Running(process, http, base, sandbox, source);
        }

        void stop() {
            source.stop();
            sandbox.close();
        }
    }

    /** The app running with its receiver open. */
    record Running(Process process, HttpClient http, String base, TogglSandbox sandbox, Source source) {
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    static Imported imported(String prefix, Source source, Map<String, String> importEnv) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        TogglSandbox sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, PROJECT, "Bench");
        System.err.println("== working directory " + dir);
        Process importRun = app(dir, "import", sandbox, source, importEnv);
        if (importRun.waitFor() != 0) {
            throw new IllegalStateException("the import failed: see " + dir.resolve("import.log"));
        }
        return new Imported(dir, sandbox, source);
    }

    /** Renames one issue in the source, sends {@code deliveries} signed events for it, and waits for the task's new name: the lag in ms. */
    static long renameAndWait(Running app, int issue, String title, int deliveries) throws Exception {
        app.source().rename(issue, title);
        long t0 = System.nanoTime();
        for (int d = 0; d < deliveries; d++) {
            send(app, issue, title);
        }
        String name = app.source().taskName(issue, title);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.sandbox().tasks(PROJECT).stream().map(TogglTask::name).noneMatch(name::equals)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": not renamed within 60 s");
            }
            Thread.sleep(2);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static List<Long> concurrent(Running app, int n) throws Exception {
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String title = "Issue " + (100 + i) + ", together";
            app.source().rename(100 + i, title);
            names.add(app.source().taskName(100 + i, title));
            send(app, 100 + i, title);
        }
        List<Long> lags = new ArrayList<>(Collections.nCopies(n, -1L));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (lags.contains(-1L)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all renamed within 120 s");
            }
            List<String> now = app.sandbox().tasks(PROJECT).stream().map(TogglTask::name).toList();
            for (int i = 0; i < n; i++) {
                if (lags.get(i) < 0 && now.contains(names.get(i))) {
                    lags.set(i, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            Thread.sleep(2);
        }
        return lags;
    }

    static void send(Running app, int issue, String title) throws Exception {
        int status = app.http().send(app.source().delivery(app.base(), issue, title).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 202) {
            throw new IllegalStateException("the receiver answered " + status);
        }
    }

    static String row(String scenario, List<Long> lags, TogglSandbox sandbox, long reads) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return "| " + scenario + " | " + lags.size() + " | " + ms(percentile(sorted, 50)) + " | " + ms(percentile(sorted, 95)) + " | "
                + ms(sorted.get(sorted.size() - 1)) + " | " + reads + " | " + sandbox.totalRequests() + " (" + sandbox.requestCounts() + ") |";
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    static String ms(long ms) {
        return String.format("%.2f s", ms / 1000.0);
    }

    static String msPrecise(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }

    /** The packaged app against the sandbox and {@code source}, its log, report and dead letters named after {@code name}. */
    static Process app(Path dir, String name, TogglSandbox sandbox, Source source, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(AppProcess.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.addAll(List.of("-jar", AppProcess.JAR));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("JIRA_")
                || k.startsWith("GITHUB_") || k.startsWith("QUARKUS_"));
        pb.environment().putAll(Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_API_TOKEN", TOKEN, "TOGGL_WORKSPACE_ID", Long.toString(WS)));
        pb.environment().putAll(source.env());
        pb.environment().put("SYNC_REPORT_FILE", dir.resolve(name + "-report.json").toString());
        pb.environment().put("SYNC_STATE_FILE", dir.resolve("sync-state.json").toString());
        pb.environment().put("SYNC_DEAD_LETTER_FILE", dir.resolve(name + "-dead-letter.jsonl").toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        return AppProcess.start(pb);
    }
}
