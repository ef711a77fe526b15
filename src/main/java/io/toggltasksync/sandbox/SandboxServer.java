package io.toggltasksync.sandbox;

import static io.toggltasksync.sandbox.TogglSandbox.API_PREFIX;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import io.toggltasksync.sandbox.TogglSandbox.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the sandbox: serves 127.0.0.1 with the JDK server and answers each request
 * under the sandbox's lock (injected fault, token, quota, then the route to the endpoint), records
 * it, and writes the answer outside the lock.
 */
final class SandboxServer {

    private static final Pattern WORKSPACE_TASKS = Pattern.compile("^/workspaces/(\\d+)/tasks$");
    private static final Pattern PROJECT_TASKS = Pattern.compile("^/workspaces/(\\d+)/projects/(\\d+)/tasks$");
    private static final Pattern PROJECT_TASK = Pattern.compile("^/workspaces/(\\d+)/projects/(\\d+)/tasks/([^/]+)$");

    static {
        // The JDK server writes the response headers and the body in two TCP segments; with
        // Nagle's algorithm on, the body then waits for the client's delayed ACK (~40 ms per
        // request). TCP_NODELAY makes a small answer take well under a millisecond. The property
        // is read once, when the JDK server is first used, and only when nobody has set it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The sandbox's monitor, which guards all of its state. */
    private final Object lock;
    private final String apiToken;
    private final QuotaWindow quota;
    private final Faults faults;
    private final TaskEndpoints endpoints;
    private final AccountEndpoints accounts;
    private final ProjectEndpoints projects;
    private final ReportEndpoints reports;

    // --- guarded by lock ---
    private final Map<String, Long> counts = new TreeMap<>();
    /** The most recent requests, for tests; bounded so a 100,000-task run does not fill the heap. */
    private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
    private HttpServer server;
    private ExecutorService executor;

    SandboxServer(Object lock, String apiToken, QuotaWindow quota, Faults faults, TaskEndpoints endpoints, AccountEndpoints accounts,
            ProjectEndpoints projects, ReportEndpoints reports) {
        this.lock = lock;
        this.apiToken = apiToken;
        this.quota = quota;
        this.faults = faults;
        this.endpoints = endpoints;
        this.accounts = accounts;
        this.projects = projects;
        this.reports = reports;
    }

    // =====================================================================================
    // Lifecycle (start and port are called under the lock)
    // =====================================================================================

    void start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            AtomicInteger n = new AtomicInteger();
            // A few daemon threads: enough for a client with a small connection pool, and a
            // forgotten sandbox never keeps the JVM alive.
            ExecutorService ex = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "toggl-sandbox-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(ex);
            s.createContext("/", this::handle);
            s.start();
            server = s;
            executor = ex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Stops outside the lock: handlers still running need it to finish. */
    void close() {
        HttpServer s;
        ExecutorService ex;
        synchronized (lock) {
            s = server;
            ex = executor;
            server = null;
            executor = null;
        }
        if (s != null) {
            s.stop(0);
        }
        if (ex != null) {
            ex.shutdownNow();
            try {
                ex.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // =====================================================================================
    // Recorded requests (read under the lock)
    // =====================================================================================

    long requestCount(String method) {
        return counts.getOrDefault(method.toUpperCase(Locale.ROOT), 0L);
    }

    Map<String, Long> requestCounts() {
        return Map.copyOf(counts);
    }

    long totalRequests() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    void resetCounters() {
        counts.clear();
        recorded.clear();
    }

    // =====================================================================================
    // Handling
    // =====================================================================================

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String fullPath = exchange.getRequestURI().getPath();
            boolean api = fullPath.equals(API_PREFIX) || fullPath.startsWith(API_PREFIX + "/");
            String path = api ? fullPath.substring(API_PREFIX.length()) : fullPath;
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String query = exchange.getRequestURI().getRawQuery();
            // Read the whole body before anything else: a lost answer must look like a processed
            // request whose response vanished, not like a server that stopped reading.
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");

            Reply reply;
            boolean loseAnswer = false;
            synchronized (lock) {
                Fault fault = faults.take(method, path);
                if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                    reply = Faults.reply(fault, quota);
                } else {
                    reply = process(method, api, path, query, body, auth);
                    loseAnswer = fault != null;
                }
                // Recorded before anything is sent, so a test that got its answer sees the count.
                counts.merge(method, 1L, Long::sum);
                if (recorded.size() == TogglSandbox.MAX_RECORDED) {
                    recorded.removeFirst();
                }
                recorded.addLast(new RecordedRequest(method, path, query, body, loseAnswer ? 0 : reply.status()));
            }
            if (loseAnswer) {
                // Closing an exchange before its response headers are sent makes the JDK server
                // close the TCP connection: the client sees EOF / reset with no status line.
                return;
            }
            send(exchange, reply);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        reply.headers().forEach(headers::set);
        if (reply.body() == null || reply.body().length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1); // -1: Content-Length 0, no body
        } else {
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            exchange.getResponseBody().write(reply.body());
        }
    }

    /** Auth, quota, routing; answers what Toggl would. Runs under the lock. */
    private Reply process(String method, boolean api, String path, String query, String body, String auth) {
        Reply reply;
        if (!authorized(auth)) {
            reply = Reply.text(403, "Incorrect username and/or password");
        } else if (quota.spend()) {
            reply = Reply.text(402, QuotaWindow.message(quota.resetsIn()));
        } else {
            try {
                reply = api ? route(method, path, query, body) : reports.route(method, path, body);
            } catch (ApiError e) {
                reply = e.reply;
            } catch (RuntimeException e) {
                reply = Reply.text(500, "Internal Server Error");
            }
        }
        quota.addHeaders(reply.headers());
        return reply;
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return decoded.equals(apiToken + ":api_token");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // =====================================================================================
    // Routing
    // =====================================================================================

    private static Reply notFound() {
        return Reply.text(404, "404 page not found");
    }

    private Reply route(String method, String path, String rawQuery, String body) {
        Reply account = accounts.route(method, path);
        if (account == null) {
            account = accounts.planRefusal(path);
        }
        if (account != null) {
            return account;
        }
        Query query = Query.parse(rawQuery);
        Reply projectList = projects.route(method, path, query, body);
        if (projectList != null) {
            return projectList;
        }
        Matcher m = WORKSPACE_TASKS.matcher(path);
        if (m.matches()) {
            long wid = parseId(m.group(1));
            if (method.equals("GET")) {
                return endpoints.listWorkspaceTasks(wid, query);
            }
            return notFound();
        }
        m = PROJECT_TASKS.matcher(path);
        if (m.matches()) {
            Project project = endpoints.project(parseId(m.group(1)), parseId(m.group(2)));
            return switch (method) {
                case "GET" -> endpoints.listProjectTasks(project, query);
                case "POST" -> endpoints.createTask(project, SandboxJson.parseObject(body));
                default -> notFound();
            };
        }
        m = PROJECT_TASK.matcher(path);
        if (m.matches()) {
            Project project = endpoints.project(parseId(m.group(1)), parseId(m.group(2)));
            String ids = m.group(3);
            return switch (method) {
                case "GET" -> endpoints.getTask(endpoints.existingTask(project, ids));
                case "PUT" -> endpoints.updateTask(endpoints.existingTask(project, ids), SandboxJson.parseObject(body));
                case "DELETE" -> endpoints.deleteTask(endpoints.existingTask(project, ids));
                case "PATCH" -> endpoints.patchTasks(project, ids, body);
                default -> notFound();
            };
        }
        return notFound();
    }

    private static long parseId(String digits) {
        if (!TaskEndpoints.NUMBER.matcher(digits).matches()) {
            throw new ApiError(notFound());
        }
        return Long.parseLong(digits);
    }
}
