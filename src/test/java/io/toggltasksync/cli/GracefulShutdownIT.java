package io.toggltasksync.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.testing.PackagedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM against the packaged app ({@code java -jar target/quarkus-app/quarkus-run.jar}, built by
 * {@code package}; failsafe runs this in {@code verify}), as Kubernetes or Ctrl-C sends it: the call
 * in flight finishes and is counted, the rest is deferred, the report and the dead letter file are
 * complete, the process exits 143 (128 + SIGTERM), and the next run finishes the job without a
 * duplicate. The Toggl API is the in-memory sandbox, started in this JVM.
 */
class GracefulShutdownIT {

    private static final String TOKEN = "it-secret-token-0123456789";
    private static final long WS = 42;
    private static final long PROJECT = 1001;
    private static final int ROWS = 40;
    /** 128 + 15: the JVM's exit status when SIGTERM ends it (shutdown hooks run first). */
    private static final int SIGTERM_EXIT = 143;
    private static final String SHUTDOWN_LOG = "Shutting down: finishing the call in flight";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TogglSandbox sandbox;
    private PackagedApp app;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** external_id -> row, in file order. */
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private Path csv;

    private record Row(String externalId, String name, long estimate) {
    }

    @BeforeEach
    void setUp() throws IOException {
        app = new PackagedApp(dir);
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, PROJECT, "Shutdown");
        StringBuilder file = new StringBuilder("external_id,name,project_id,estimated_seconds,active\n");
        for (int i = 1; i <= ROWS; i++) {
            Row row = new Row(String.format("SIG-%02d", i), String.format("Shutdown task %02d", i), 600L * i);
            rows.put(row.externalId(), row);
            file.append(row.externalId()).append(',').append(row.name()).append(',').append(PROJECT).append(',')
                    .append(row.estimate()).append(",true\n");
        }
        csv = Files.writeString(dir.resolve("tasks.csv"), file.toString(), StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
        sandbox.close();
    }

    /**
     * The deterministic case: SIGTERM arrives while Toggl has already created a task but its answer
     * is still on the way. The app must wait for that answer and count the task (a task in Toggl
     * that the report does not know about would be "half-written").
     */
    @Test
    void sigtermWhileAPostIsInFlightFinishesItDefersTheRestAndTheNextRunCompletes() throws Exception {
        // The first create is refused, so the dead letter file has a line to get right.
        sandbox.injectFault(TogglSandbox.Fault.status("POST", "/projects/\\d+/tasks$", 400, "\"Invalid estimated_seconds\""));
        // The 5th POST is processed by the sandbox, but its answer is held until the test releases it.
        GatedProxy proxy = new GatedProxy(sandbox.port(), 5);
        closeables.add(proxy);

        Process app = launch("first", Map.of("TOGGL_API_URL", proxy.baseUrl(), "TOGGL_RATE_LIMIT", "0"));
        assertThat(proxy.held.await(60, SECONDS)).as(() -> "the 5th POST never came; app log:\n" + log("first")).isTrue();
        assertThat(sandbox.allTasks()).hasSize(4); // POST 1 refused, 2-5 created (5 unanswered yet)

        app.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(30)).until(() -> log("first").contains(SHUTDOWN_LOG));
        // Still waiting for the call in flight: nothing ended, no report yet.
        assertThat(app.isAlive()).isTrue();
        assertThat(dir.resolve("first-report.json")).doesNotExist();

        proxy.release.countDown();
        int exit = exitCode(app, "first");
        assertThat(exit).as(() -> "exit code; app log:\n" + log("first")).isEqualTo(SIGTERM_EXIT);
        assertThat(summaries("first")).isEqualTo(1);

        Map<String, Object> report = report("first");
        assertThat(report).containsEntry("status", "incomplete").containsEntry("stopped", "shutting down")
                .containsEntry("exit_code", 1).containsEntry("read", ROWS);
        // Exactly: 1 refused, 4 created (the held one included), the 35 never sent are deferred.
        assertThat(count(report, "failed")).isEqualTo(1);
        assertThat(count(report, "created")).isEqualTo(4);
        assertThat(count(report, "deferred")).isEqualTo(ROWS - 5);
        assertThat(count(report, "created") + count(report, "deferred") + count(report, "failed")).isEqualTo(ROWS);
        assertThat(((Map<?, ?>) report.get("api_calls")).get("POST")).isEqualTo(5);
        assertThat(sandbox.requestCount("POST")).isEqualTo(5);
        assertTasksMatchTheCsv(4);
        assertThat(dir.resolve("first-report.json.tmp")).doesNotExist();

        // Dead letters: one line per rejected or failed record (deferred ones are not dead: the
        // next run picks them up), each a complete JSON object.
        List<Map<String, Object>> deadLetters = deadLetters("first");
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0)).containsEntry("kind", "failed").containsEntry("status", 400)
                .containsEntry("project_id", (int) PROJECT);
        assertThat(rows).containsKey((String) deadLetters.get(0).get("external_id"));
        assertThat(sandbox.allTasks()).noneMatch(t -> t.integrationExtId().equals(deadLetters.get(0).get("external_id")));

        // The next run (no SIGTERM) creates exactly what is missing: the failed and deferred records.
        Process again = launch("second", Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_RATE_LIMIT", "0"));
        assertThat(exitCode(again, "second")).as(() -> "exit code; app log:\n" + log("second")).isZero();
        Map<String, Object> second = report("second");
        assertThat(second).containsEntry("status", "in sync");
        assertThat(count(second, "created")).isEqualTo(ROWS - 4);
        assertThat(count(second, "unchanged")).isEqualTo(4);
        assertThat(sandbox.requestCount("POST")).isEqualTo(5 + ROWS - 4);
        assertTasksMatchTheCsv(ROWS);
        assertThat(deadLetters("second")).isEmpty();
    }

    /**
     * Scheduled mode (the Kubernetes Deployment: HTTP on, throttled to 2 requests/s), SIGTERM at
     * whatever point of a run it lands (typically while the next call waits for the throttle).
     */
    @Test
    void sigtermDuringAScheduledRunStopsItCleanly() throws Exception {
        int port = freePort();
        Process app = launch("scheduled", Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_RATE_LIMIT", "2",
                "SYNC_SCHEDULE", "* * * * * ?", "QUARKUS_HTTP_HOST_ENABLED", "true", "QUARKUS_HTTP_PORT", Integer.toString(port)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.requestCount("POST") >= 3 || !app.isAlive());
        assertThat(app.isAlive()).as(() -> "app ended early; log:\n" + log("scheduled")).isTrue();

        app.destroy(); // SIGTERM
        int exit = exitCode(app, "scheduled");
        assertThat(exit).as(() -> "exit code; app log:\n" + log("scheduled")).isEqualTo(SIGTERM_EXIT);
        assertThat(log("scheduled")).contains(SHUTDOWN_LOG);
        // One run, one report: no scheduled run starts once shutdown has begun (it would find
        // Camel stopping and overwrite this report and the dead letters with an empty, aborted run).
        assertThat(summaries("scheduled")).isEqualTo(1);

        Map<String, Object> report = report("scheduled");
        assertThat(report).containsEntry("status", "incomplete").containsEntry("stopped", "shutting down");
        long created = count(report, "created");
        assertThat(created).isBetween(3L, ROWS - 1L);
        assertThat(count(report, "failed")).isZero();
        assertThat(created + count(report, "deferred")).isEqualTo(ROWS);
        // Every POST that reached Toggl is counted: none answered after the stop was dropped.
        assertThat(sandbox.requestCount("POST")).isEqualTo(created);
        assertThat(((Map<?, ?>) report.get("api_calls")).get("POST")).isEqualTo((int) created);
        assertTasksMatchTheCsv(created);
        assertThat(deadLetters("scheduled")).isEmpty();
    }

    /** Scheduled mode between runs: SIGTERM ends the app at once; there is no run to report. */
    @Test
    void sigtermWhileIdleInScheduledModeExitsPromptly() throws Exception {
        int port = freePort();
        // a schedule that does not fire during the test
        Process app = launch("idle", Map.of("TOGGL_API_URL", sandbox.baseUrl(), "SYNC_SCHEDULE", "0 0 0 1 1 ? 2099",
                "QUARKUS_HTTP_HOST_ENABLED", "true", "QUARKUS_HTTP_PORT", Integer.toString(port)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/live")).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> !app.isAlive() || http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        assertThat(app.isAlive()).as(() -> "app ended early; log:\n" + log("idle")).isTrue();

        long t0 = System.nanoTime();
        app.destroy(); // SIGTERM
        int exit = exitCode(app, "idle");
        assertThat(exit).as(() -> "exit code; app log:\n" + log("idle")).isEqualTo(SIGTERM_EXIT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(log("idle")).doesNotContain(SHUTDOWN_LOG);
        assertThat(dir.resolve("idle-report.json")).doesNotExist();
        assertThat(sandbox.totalRequests()).isZero();
    }

    // ---- helpers ----

    /** Starts the packaged app with the CSV run's settings and {@code env} on top. */
    private Process launch(String name, Map<String, String> env) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(Map.of("TOGGL_API_TOKEN", TOKEN, "TOGGL_WORKSPACE_ID", Long.toString(WS),
                "TOGGL_PROJECT_ID", Long.toString(PROJECT), "CSV_PATH", csv.toString(),
                "SYNC_REPORT_FILE", dir.resolve(name + "-report.json").toString(),
                "SYNC_DEAD_LETTER_FILE", dir.resolve(name + "-dead-letter.jsonl").toString()));
        all.putAll(env);
        return app.launch(name, all);
    }

    private int exitCode(Process p, String name) throws InterruptedException {
        assertThat(p.waitFor(60, SECONDS)).as(() -> "the app did not exit; log:\n" + log(name)).isTrue();
        return p.exitValue();
    }

    private String log(String name) {
        return app.log(name);
    }

    /** How many runs ended: each logs one "Summary:" line when it writes its report. */
    private long summaries(String name) {
        return log(name).lines().filter(l -> l.contains("Summary: ")).count();
    }

    /** The report: it must exist and parse as one complete JSON object. */
    private Map<String, Object> report(String name) throws IOException {
        Path file = dir.resolve(name + "-report.json");
        assertThat(file).as(() -> "no report; app log:\n" + log(name)).exists();
        return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
    }

    /** The dead letter file: it must exist and every line must be a complete JSON object. */
    private List<Map<String, Object>> deadLetters(String name) throws IOException {
        Path file = dir.resolve(name + "-dead-letter.jsonl");
        assertThat(file).exists();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
        }
        return lines;
    }

    private static long count(Map<String, Object> report, String key) {
        return ((Number) report.get(key)).longValue();
    }

    /** Toggl holds exactly {@code n} tasks, each one a CSV row written in full, none twice. */
    private void assertTasksMatchTheCsv(long n) {
        List<TogglTask> tasks = sandbox.allTasks();
        assertThat(tasks).hasSize((int) n);
        Set<String> ids = tasks.stream().map(TogglTask::integrationExtId).collect(Collectors.toSet());
        assertThat(ids).hasSize((int) n);
        for (TogglTask t : tasks) {
            Row row = rows.get(t.integrationExtId());
            assertThat(row).as("task %s has no CSV row", t).isNotNull();
            assertThat(t.name()).isEqualTo(row.name());
            assertThat(t.estimatedSeconds()).isEqualTo(row.estimate());
            assertThat(t.projectId()).isEqualTo(PROJECT);
            assertThat(t.active()).isTrue();
        }
        assertThat(tasks.stream().map(TogglTask::name).distinct()).hasSize((int) n);
    }

    private static int freePort() throws IOException {
        return PackagedApp.freePort();
    }

    /**
     * Between the app and the sandbox: passes every request through, but holds the answer to the
     * n-th POST (which the sandbox has already carried out) until {@link #release} opens.
     */
    static final class GatedProxy implements AutoCloseable {

        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final int targetPort;
        private final int holdPost;
        private final AtomicInteger posts = new AtomicInteger();
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gated-proxy");
            t.setDaemon(true);
            return t;
        });
        private final HttpServer server;

        GatedProxy(int targetPort, int holdPost) throws IOException {
            this.targetPort = targetPort;
            this.holdPost = holdPost;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + TogglSandbox.API_PREFIX;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String method = exchange.getRequestMethod();
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + exchange.getRequestURI()))
                        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if ("POST".equalsIgnoreCase(method) && posts.incrementAndGet() == holdPost) {
                    held.countDown();
                    release.await(120, SECONDS);
                }
                answer.headers().map().forEach((name, values) -> {
                    if (!Set.of("content-length", "transfer-encoding", "connection", "date").contains(name.toLowerCase())) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] out = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
