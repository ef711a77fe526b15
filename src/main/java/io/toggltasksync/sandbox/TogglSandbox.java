package io.toggltasksync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.model.TogglTask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory fake of the Toggl Track v9 task API, served over real HTTP on 127.0.0.1.
 *
 * <p>It exists so that the sync can be demonstrated, tested and benchmarked without a paid Toggl
 * workspace and without spending the scarce hourly quota. It imitates the behaviour the sync has
 * to cope with rather than Toggl in every detail: paging with a server-side cap on
 * {@code per_page}, the default {@code active=true} filter, {@code null} for an empty project
 * list, per-project unique names, bulk PATCH with per-task failures, error bodies that are not
 * JSON objects, quota headers and 402, and injected faults (status codes and lost answers).
 *
 * <p>Thread-safe: all state is guarded by {@code this}; responses are written outside the lock.
 * Seeding and inspection methods ({@link #putTask}, {@link #tasks}, ...) are not counted as API
 * calls.
 */
public final class TogglSandbox implements AutoCloseable {

    /** Path prefix of every API route; fault regexes and recorded paths are relative to it. */
    public static final String API_PREFIX = "/api/v9";
    /** The user id Toggl would report for the token's owner when a body gives none. */
    public static final long REQUESTER_USER_ID = 7_000_001L;
    /** First task id handed out; real Toggl ids are large numbers too, so small ints never pass as ids by accident. */
    public static final long FIRST_TASK_ID = 1_000_001L;

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HDR_QUOTA_REMAINING = "X-Toggl-Quota-Remaining";
    private static final String HDR_QUOTA_RESETS_IN = "X-Toggl-Quota-Resets-In";
    /** Toggl formats timestamps with an explicit offset and whole seconds. */
    private static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final Set<String> ALL_PATCH_PATHS = Set.of("/active", "/name", "/estimated_seconds");

    private static final Pattern WORKSPACE_TASKS = Pattern.compile("^/workspaces/(\\d+)/tasks$");
    private static final Pattern PROJECT_TASKS = Pattern.compile("^/workspaces/(\\d+)/projects/(\\d+)/tasks$");
    private static final Pattern PROJECT_TASK = Pattern.compile("^/workspaces/(\\d+)/projects/(\\d+)/tasks/([^/]+)$");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    static {
        // The JDK server writes the response headers and the body in two TCP segments; with
        // Nagle's algorithm on, the body then waits for the client's delayed ACK (~40 ms per
        // request). TCP_NODELAY makes a small answer take well under a millisecond. The property
        // is read once, when the JDK server is first used, and only when nobody has set it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String apiToken;
    private final ObjectMapper mapper = new ObjectMapper();

    // --- state, guarded by this ---
    private final Map<Long, Project> projects = new HashMap<>();
    private final TreeMap<Long, Task> tasksById = new TreeMap<>();
    private final Map<Long, TreeMap<Long, Task>> tasksByProject = new HashMap<>();
    /** name -> task id per project: uniqueness checks must not scan the project. */
    private final Map<Long, Map<String, Long>> namesByProject = new HashMap<>();
    /**
     * Filtered and sorted views of the workspace list, kept until the next write. Reading 100,000
     * tasks page by page must not re-sort them on every page; any write simply drops the cache.
     */
    private final Map<ViewKey, List<Task>> viewCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ViewKey, List<Task>> eldest) {
            return size() > 16;
        }
    };
    private long nextTaskId = FIRST_TASK_ID;
    private boolean storeIntegrationFields = true;
    private int maxPerPage = 200;
    private int patchLimit = 100;
    private volatile Set<String> patchPaths = ALL_PATCH_PATHS;
    private Clock clock = Clock.systemUTC();

    private final List<ActiveFault> faults = new ArrayList<>();
    private boolean autoCreateProjects;
    private final Map<String, Long> counts = new TreeMap<>();
    /** The most recent requests, for tests; bounded so a 100,000-task run does not fill the heap. */
    private final java.util.ArrayDeque<RecordedRequest> recorded = new java.util.ArrayDeque<>();
    static final int MAX_RECORDED = 10_000;

    /** Quota simulation; off while {@code quotaLimit} is null. */
    private Integer quotaLimit;
    private int quotaRemaining;
    private long quotaWindowSeconds;
    private Instant quotaResetAt;

    // --- server ---
    private HttpServer server;
    private ExecutorService executor;

    public TogglSandbox(String apiToken) {
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
    }

    // =====================================================================================
    // Lifecycle
    // =====================================================================================

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving. */
    public synchronized TogglSandbox start(int port) {
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
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/api/v9}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + API_PREFIX;
    }

    @Override
    public void close() {
        HttpServer s;
        ExecutorService ex;
        synchronized (this) {
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
    // Configuration
    // =====================================================================================

    /** Registers a project (and thereby its workspace). Re-adding a project renames it. */
    public synchronized void addProject(long workspaceId, long projectId, String name) {
        Project existing = projects.get(projectId);
        if (existing != null && existing.workspaceId() != workspaceId) {
            throw new IllegalArgumentException("project " + projectId + " belongs to workspace " + existing.workspaceId());
        }
        projects.put(projectId, new Project(workspaceId, projectId, name));
        tasksByProject.computeIfAbsent(projectId, k -> new TreeMap<>());
        namesByProject.computeIfAbsent(projectId, k -> new HashMap<>());
        invalidateViews();
    }

    /** When false, POST/PUT ignore integration_* fields and responses show them as null (Toggl may not keep them). */
    /**
     * When on, any project id a request names exists (created on first use), so the demo works
     * with any CSV without listing its projects first. Off by default, like the real Toggl.
     */
    public synchronized void setAutoCreateProjects(boolean on) {
        this.autoCreateProjects = on;
    }

    public synchronized void setStoreIntegrationFields(boolean store) {
        this.storeIntegrationFields = store;
    }

    /** The largest page the server grants, whatever {@code per_page} the client asks for. */
    public synchronized void setMaxPerPage(int maxPerPage) {
        if (maxPerPage < 1) {
            throw new IllegalArgumentException("maxPerPage must be >= 1");
        }
        this.maxPerPage = maxPerPage;
    }

    /**
     * The paths a PATCH may set (default {@code /active}, {@code /name}, {@code /estimated_seconds}):
     * only {@code /active} is documented, so tests also run against a Toggl that refuses the others.
     */
    public synchronized void setPatchPaths(Set<String> paths) {
        this.patchPaths = Set.copyOf(paths);
    }

    /** How many task ids one PATCH may name. */
    public synchronized void setPatchLimit(int patchLimit) {
        if (patchLimit < 1) {
            throw new IllegalArgumentException("patchLimit must be >= 1");
        }
        this.patchLimit = patchLimit;
    }

    /** The clock behind {@code at}, {@code since} and the quota window (tests move time with it). */
    public synchronized void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Switches the hourly quota on: every response carries the quota headers, each authenticated
     * request spends one unit, and once none is left requests answer 402 without being processed.
     * When the window ends the quota refills to {@code remaining} and a new window starts.
     */
    public synchronized void setQuota(int remaining, long resetsInSeconds) {
        if (remaining < 0 || resetsInSeconds < 0) {
            throw new IllegalArgumentException("remaining and resetsInSeconds must be >= 0");
        }
        quotaLimit = remaining;
        quotaRemaining = remaining;
        quotaWindowSeconds = resetsInSeconds;
        quotaResetAt = clock.instant().plusSeconds(resetsInSeconds);
    }

    public synchronized void clearQuota() {
        quotaLimit = null;
    }

    /** Units left in the current quota window, or -1 when the quota is off. */
    public synchronized int quotaRemaining() {
        if (quotaLimit == null) {
            return -1;
        }
        refillQuotaIfDue();
        return quotaRemaining;
    }

    public synchronized void injectFault(Fault fault) {
        faults.add(new ActiveFault(fault));
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Faults injected but not yet (fully) consumed. */
    public synchronized int pendingFaults() {
        return faults.size();
    }

    // =====================================================================================
    // Seeding and inspection (not API calls)
    // =====================================================================================

    /**
     * Stores a task directly, bypassing validation except per-project name uniqueness. An unknown
     * project is registered on the fly as "Project &lt;id&gt;".
     *
     * @throws IllegalArgumentException if the name is taken in the project or the project belongs to another workspace
     */
    public synchronized TogglTask putTask(long workspaceId, long projectId, String name, Long estimatedSeconds,
                                          boolean active, String provider, String extType, String extId) {
        Project project = projects.get(projectId);
        if (project == null) {
            addProject(workspaceId, projectId, "Project " + projectId);
        } else if (project.workspaceId() != workspaceId) {
            throw new IllegalArgumentException("project " + projectId + " belongs to workspace " + project.workspaceId());
        }
        if (namesByProject.get(projectId).containsKey(name)) {
            throw new IllegalArgumentException("Name has already been taken: " + name);
        }
        Task t = newTask(workspaceId, projectId, name);
        t.estimatedSeconds = estimatedSeconds;
        t.active = active;
        t.provider = provider;
        t.extType = extType;
        t.extId = extId;
        insert(t);
        return t.toModel();
    }

    /**
     * Puts back tasks saved from an earlier sandbox (the demo's state file), keeping their ids;
     * unknown projects are registered on the fly.
     */
    public synchronized void restore(List<TogglTask> saved) {
        for (TogglTask s : saved) {
            long workspaceId = s.workspaceId() == null ? 0 : s.workspaceId();
            if (!projects.containsKey(s.projectId())) {
                addProject(workspaceId, s.projectId(), "Project " + s.projectId());
            }
            if (tasksById.containsKey(s.id()) || namesByProject.get(s.projectId()).containsKey(s.name())) {
                throw new IllegalArgumentException("task " + s.id() + " '" + s.name() + "' clashes with an existing task");
            }
            Task t = new Task(s.id(), workspaceId, s.projectId(), clock.instant());
            t.name = s.name();
            t.at = t.createdAt;
            t.userId = REQUESTER_USER_ID;
            t.estimatedSeconds = s.estimatedSeconds();
            t.active = s.active();
            t.provider = s.integrationProvider();
            t.extType = s.integrationExtType();
            t.extId = s.integrationExtId();
            insert(t);
            nextTaskId = Math.max(nextTaskId, s.id() + 1);
        }
    }

    /** All tasks of a project, active and inactive, ordered by id, as stored (integration fields unmasked). */
    public synchronized List<TogglTask> tasks(long projectId) {
        TreeMap<Long, Task> byId = tasksByProject.get(projectId);
        if (byId == null) {
            return List.of();
        }
        return byId.values().stream().map(Task::toModel).toList();
    }

    /** Every task in every project, ordered by id. */
    public synchronized List<TogglTask> allTasks() {
        return tasksById.values().stream().map(Task::toModel).toList();
    }

    /** The stored task with this id, or null. */
    public synchronized TogglTask task(long taskId) {
        Task t = tasksById.get(taskId);
        return t == null ? null : t.toModel();
    }

    // =====================================================================================
    // Counters
    // =====================================================================================

    /** Requests received with this HTTP method (case-insensitive), faulted ones included. */
    public synchronized long requestCount(String method) {
        return counts.getOrDefault(method.toUpperCase(Locale.ROOT), 0L);
    }

    /** Requests per HTTP method. */
    public synchronized Map<String, Long> requestCounts() {
        return Map.copyOf(counts);
    }

    public synchronized long totalRequests() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The requests received, in order (the most recent 10,000). */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public synchronized void resetCounters() {
        counts.clear();
        recorded.clear();
    }

    /**
     * One request as the sandbox received it.
     *
     * @param path  relative to {@code /api/v9} (the full path if outside it), decoded
     * @param query the raw query string, or null
     * @param body  the request body as UTF-8 text ("" when none)
     * @param status the status answered, or 0 when the answer was deliberately lost
     */
    public record RecordedRequest(String method, String path, String query, String body, int status) {
    }

    // =====================================================================================
    // Faults
    // =====================================================================================

    /**
     * A fault to inject. Matched by HTTP method ("*" for any) and a regex searched in the path
     * relative to {@code /api/v9} (anchor it with ^...$ to match exactly; the query is not part
     * of the path). Faults are tried in the order injected; each firing consumes one of its
     * {@link #times(int)} (default 1).
     */
    public record Fault(Kind kind, String method, String pathRegex, int status, String body,
                        Map<String, String> headers, int times) {

        public enum Kind {
            /** Answer with a fixed status, body and headers without processing the request. */
            STATUS,
            /** Process the request, then close the connection without answering. */
            LOSE_ANSWER
        }

        public Fault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(method, "method");
            Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex")); // fail fast on a bad regex
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            if (times < 1) {
                throw new IllegalArgumentException("times must be >= 1");
            }
        }

        /** Answers {@code status} with a plain-text {@code body}, without processing. */
        public static Fault status(String method, String pathRegex, int status, String body) {
            return status(method, pathRegex, status, body, Map.of());
        }

        /** Answers {@code status} with {@code body} and extra headers (e.g. a Content-Type), without processing. */
        public static Fault status(String method, String pathRegex, int status, String body, Map<String, String> headers) {
            return new Fault(Kind.STATUS, method, pathRegex, status, body, headers, 1);
        }

        /** 429 with the HTML page Toggl's proxy sends, and no Retry-After. */
        public static Fault tooManyRequests(String method, String pathRegex) {
            return status(method, pathRegex, 429, "<html><body>Too Many Requests</body></html>",
                    Map.of("Content-Type", "text/html; charset=utf-8"));
        }

        /** 500 with Toggl's plain-text body. */
        public static Fault serverError(String method, String pathRegex) {
            return status(method, pathRegex, 500, "Internal Server Error");
        }

        /** Processes the request (e.g. really creates the task), then drops the connection unanswered. */
        public static Fault loseAnswer(String method, String pathRegex) {
            return new Fault(Kind.LOSE_ANSWER, method, pathRegex, 0, null, Map.of(), 1);
        }

        /** 402 with an exhausted quota in the headers, as Toggl answers once the hourly quota is spent. */
        public static Fault quotaExhausted(String method, String pathRegex, long resetsInSeconds) {
            return status(method, pathRegex, 402, quotaMessage(resetsInSeconds),
                    Map.of(HDR_QUOTA_REMAINING, "0", HDR_QUOTA_RESETS_IN, Long.toString(resetsInSeconds)));
        }

        /** The same fault, firing {@code n} times. */
        public Fault times(int n) {
            return new Fault(kind, method, pathRegex, status, body, headers, n);
        }
    }

    private static final class ActiveFault {
        final Fault fault;
        final Pattern path;
        int left;

        ActiveFault(Fault fault) {
            this.fault = fault;
            this.path = Pattern.compile(fault.pathRegex());
            this.left = fault.times();
        }

        boolean matches(String method, String p) {
            return ("*".equals(fault.method()) || fault.method().equalsIgnoreCase(method)) && path.matcher(p).find();
        }
    }

    // =====================================================================================
    // HTTP handling
    // =====================================================================================

    /** What to send back; a null body means no body at all. */
    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Reply json(byte[] body) {
            return new Reply(200, JSON, body, new LinkedHashMap<>());
        }

        static Reply text(int status, String text) {
            return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        /** Toggl often sends an error as a bare JSON string ("Invalid project_id"), labelled as text. */
        static Reply error(int status, String message) {
            return text(status, '"' + message.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }

        static Reply empty(int status) {
            return new Reply(status, null, null, new LinkedHashMap<>());
        }
    }

    /** Thrown inside request processing to answer with an error right away. */
    private static final class ApiError extends RuntimeException {
        final transient Reply reply;

        ApiError(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private static ApiError badRequest(String message) {
        return new ApiError(Reply.error(400, message));
    }

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
            synchronized (this) {
                ActiveFault fault = takeFault(method, path);
                if (fault != null && fault.fault.kind() == Fault.Kind.STATUS) {
                    reply = faultReply(fault.fault);
                } else {
                    reply = process(method, api, path, query, body, auth);
                    loseAnswer = fault != null;
                }
                // Recorded before anything is sent, so a test that got its answer sees the count.
                counts.merge(method, 1L, Long::sum);
                if (recorded.size() == MAX_RECORDED) {
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

    private void send(HttpExchange exchange, Reply reply) throws IOException {
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

    private ActiveFault takeFault(String method, String path) {
        for (Iterator<ActiveFault> it = faults.iterator(); it.hasNext(); ) {
            ActiveFault f = it.next();
            if (f.matches(method, path)) {
                if (--f.left == 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private Reply faultReply(Fault fault) {
        Map<String, String> headers = new LinkedHashMap<>();
        addQuotaHeaders(headers);
        headers.putAll(fault.headers()); // the fault's own headers win (e.g. quota 0, Content-Type)
        String contentType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type")) ? null : TEXT;
        byte[] body = fault.body() == null ? null : fault.body().getBytes(StandardCharsets.UTF_8);
        return new Reply(fault.status(), contentType, body, headers);
    }

    /** Auth, quota, routing; answers what Toggl would. Runs under the lock. */
    private Reply process(String method, boolean api, String path, String query, String body, String auth) {
        Reply reply;
        if (!authorized(auth)) {
            reply = Reply.text(403, "Incorrect username and/or password");
        } else if (quotaLimit != null && spendQuota()) {
            reply = Reply.text(402, quotaMessage(quotaResetsIn()));
        } else {
            try {
                reply = api ? route(method, path, query, body) : notFound();
            } catch (ApiError e) {
                reply = e.reply;
            } catch (RuntimeException e) {
                reply = Reply.text(500, "Internal Server Error");
            }
        }
        addQuotaHeaders(reply.headers());
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

    // --- quota ---

    /** Spends one unit; true when none was left (the request must be refused with 402). */
    private boolean spendQuota() {
        refillQuotaIfDue();
        if (quotaRemaining <= 0) {
            return true;
        }
        quotaRemaining--;
        return false;
    }

    private void refillQuotaIfDue() {
        Instant now = clock.instant();
        if (quotaWindowSeconds > 0 && !now.isBefore(quotaResetAt)) {
            quotaRemaining = quotaLimit;
            quotaResetAt = now.plusSeconds(quotaWindowSeconds);
        }
    }

    private long quotaResetsIn() {
        long millis = Duration.between(clock.instant(), quotaResetAt).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    private void addQuotaHeaders(Map<String, String> headers) {
        if (quotaLimit != null) {
            headers.put(HDR_QUOTA_REMAINING, Integer.toString(quotaRemaining));
            headers.put(HDR_QUOTA_RESETS_IN, Long.toString(quotaResetsIn()));
        }
    }

    private static String quotaMessage(long resetsIn) {
        return "You have hit your hourly quota for API calls. Your quota will reset in " + resetsIn + " seconds.";
    }

    // --- routing ---

    private static Reply notFound() {
        return Reply.text(404, "404 page not found");
    }

    private Reply route(String method, String path, String query, String body) {
        Map<String, String> params = parseQuery(query);
        Matcher m = WORKSPACE_TASKS.matcher(path);
        if (m.matches()) {
            long wid = parseId(m.group(1));
            if (method.equals("GET")) {
                return listWorkspaceTasks(wid, params);
            }
            return notFound();
        }
        m = PROJECT_TASKS.matcher(path);
        if (m.matches()) {
            Project project = project(parseId(m.group(1)), parseId(m.group(2)));
            return switch (method) {
                case "GET" -> listProjectTasks(project, params);
                case "POST" -> createTask(project, parseObject(body));
                default -> notFound();
            };
        }
        m = PROJECT_TASK.matcher(path);
        if (m.matches()) {
            Project project = project(parseId(m.group(1)), parseId(m.group(2)));
            String ids = m.group(3);
            return switch (method) {
                case "GET" -> Reply.json(taskBytes(existingTask(project, ids)));
                case "PUT" -> updateTask(existingTask(project, ids), parseObject(body));
                case "DELETE" -> deleteTask(existingTask(project, ids));
                case "PATCH" -> patchTasks(project, ids, body);
                default -> notFound();
            };
        }
        return notFound();
    }

    private static long parseId(String digits) {
        if (!NUMBER.matcher(digits).matches()) {
            throw new ApiError(notFound());
        }
        return Long.parseLong(digits);
    }

    /** 403 for a workspace we do not know (no access), 400 for a project not in it, like Toggl. */
    private Project project(long workspaceId, long projectId) {
        if (autoCreateProjects && !projects.containsKey(projectId)) {
            addProject(workspaceId, projectId, "Project " + projectId);
        }
        requireWorkspace(workspaceId);
        Project p = projects.get(projectId);
        if (p == null || p.workspaceId() != workspaceId) {
            throw badRequest("Invalid project_id");
        }
        return p;
    }

    private void requireWorkspace(long workspaceId) {
        if (autoCreateProjects) {
            return;
        }
        boolean known = projects.values().stream().anyMatch(p -> p.workspaceId() == workspaceId);
        if (!known) {
            throw new ApiError(Reply.text(403, "User does not have access to this resource."));
        }
    }

    private Task existingTask(Project project, String idText) {
        if (!NUMBER.matcher(idText).matches()) {
            throw badRequest("Invalid task_id");
        }
        Task t = tasksById.get(Long.parseLong(idText));
        if (t == null || t.projectId != project.id()) {
            throw badRequest("Invalid task_id");
        }
        return t;
    }

    // --- 1. GET /workspaces/{wid}/tasks ---

    private record ViewKey(long workspaceId, String sortField, boolean descending, Boolean active, Long pid, Long since) {
    }

    private Reply listWorkspaceTasks(long workspaceId, Map<String, String> params) {
        requireWorkspace(workspaceId);
        int page = Math.max(1, intParam(params, "page", 1));
        int perPage = Math.min(maxPerPage, Math.max(1, intParam(params, "per_page", 50)));
        String sortField = params.getOrDefault("sort_field", "name").toLowerCase(Locale.ROOT);
        if (!sortField.equals("name") && !sortField.equals("created_at")) {
            throw badRequest("Invalid sort_field");
        }
        String sortOrder = params.getOrDefault("sort_order", "ASC").toUpperCase(Locale.ROOT);
        if (!sortOrder.equals("ASC") && !sortOrder.equals("DESC")) {
            throw badRequest("Invalid sort_order");
        }
        Boolean active = activeFilter(params);
        Long pid = params.containsKey("pid") ? longParam(params, "pid") : null;
        Long since = params.containsKey("since") ? longParam(params, "since") : null;

        List<Task> view = viewCache.computeIfAbsent(
                new ViewKey(workspaceId, sortField, sortOrder.equals("DESC"), active, pid, since), this::buildView);

        // Streamed rather than built as a tree: this is the hot path of a full read.
        long from = (long) (page - 1) * perPage;
        long to = Math.min(view.size(), from + perPage);
        byte[] json = generate(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (long i = from; i < to; i++) {
                writeTask(g, view.get((int) i));
            }
            g.writeEndArray();
            g.writeNumberField("page", page);
            g.writeNumberField("per_page", perPage);
            g.writeStringField("sort_field", sortField);
            g.writeStringField("sort_order", sortOrder);
            g.writeNumberField("total_count", view.size());
            g.writeEndObject();
        });
        return Reply.json(json);
    }

    private List<Task> buildView(ViewKey key) {
        Predicate<Task> keep = t -> t.workspaceId == key.workspaceId()
                && (key.active() == null || t.active == key.active())
                && (key.pid() == null || t.projectId == key.pid())
                && (key.since() == null || t.at.getEpochSecond() >= key.since());
        Comparator<Task> order = key.sortField().equals("name")
                ? Comparator.<Task, String>comparing(t -> t.name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(t -> t.name).thenComparingLong(t -> t.id)
                : Comparator.<Task, Instant>comparing(t -> t.createdAt).thenComparingLong(t -> t.id);
        if (key.descending()) {
            order = order.reversed();
        }
        List<Task> view = new ArrayList<>();
        for (Task t : tasksById.values()) {
            if (keep.test(t)) {
                view.add(t);
            }
        }
        view.sort(order);
        return Collections.unmodifiableList(view);
    }

    /** {@code active}: true (default), false or both (null = no filter). */
    private static Boolean activeFilter(Map<String, String> params) {
        String value = params.getOrDefault("active", "true").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "both" -> null;
            default -> throw badRequest("Invalid active filter: " + value);
        };
    }

    // --- 2. GET /workspaces/{wid}/projects/{pid}/tasks ---

    private Reply listProjectTasks(Project project, Map<String, String> params) {
        Boolean active = activeFilter(params);
        List<Task> tasks = tasksByProject.get(project.id()).values().stream()
                .filter(t -> active == null || t.active == active)
                .sorted(Comparator.<Task, String>comparing(t -> t.name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(t -> t.id))
                .toList();
        if (tasks.isEmpty()) {
            // Toggl answers the literal null, not [], when a project has no (matching) tasks.
            return Reply.json("null".getBytes(StandardCharsets.UTF_8));
        }
        return Reply.json(generate(g -> {
            g.writeStartArray();
            for (Task t : tasks) {
                writeTask(g, t);
            }
            g.writeEndArray();
        }));
    }

    // --- 3. POST /workspaces/{wid}/projects/{pid}/tasks ---

    private Reply createTask(Project project, ObjectNode body) {
        String name = requireName(body);
        if (namesByProject.get(project.id()).containsKey(name)) {
            throw badRequest("Name has already been taken");
        }
        Long estimate = body.has("estimated_seconds") ? estimate(body.get("estimated_seconds")) : null;
        boolean active = !body.has("active") || body.get("active").isNull() || bool(body.get("active"), "active");
        Long userId = body.hasNonNull("user_id") ? integral(body.get("user_id"), "user_id") : null;

        Task t = newTask(project.workspaceId(), project.id(), name);
        t.estimatedSeconds = estimate;
        t.active = active;
        if (userId != null) {
            t.userId = userId;
        }
        if (storeIntegrationFields) {
            t.provider = optText(body, "integration_provider");
            t.extType = optText(body, "integration_ext_type");
            t.extId = optText(body, "integration_ext_id");
        }
        insert(t);
        return Reply.json(taskBytes(t));
    }

    // --- 5. PUT .../tasks/{tid}: only the fields present change ---

    private Reply updateTask(Task t, ObjectNode body) {
        // Validate everything first so that a refused PUT changes nothing.
        String name = body.has("name") ? requireName(body) : null;
        if (name != null && !name.equals(t.name)) {
            Long holder = namesByProject.get(t.projectId).get(name);
            if (holder != null && holder != t.id) {
                throw badRequest("Name has already been taken");
            }
        }
        Long estimate = body.has("estimated_seconds") ? estimate(body.get("estimated_seconds")) : t.estimatedSeconds;
        boolean active = body.hasNonNull("active") ? bool(body.get("active"), "active") : t.active;

        if (name != null) {
            rename(t, name);
        }
        t.estimatedSeconds = estimate;
        t.active = active;
        if (storeIntegrationFields) {
            if (body.has("integration_provider")) {
                t.provider = optText(body, "integration_provider");
            }
            if (body.has("integration_ext_type")) {
                t.extType = optText(body, "integration_ext_type");
            }
            if (body.has("integration_ext_id")) {
                t.extId = optText(body, "integration_ext_id");
            }
        }
        touch(t);
        return Reply.json(taskBytes(t));
    }

    // --- 6. DELETE .../tasks/{tid} ---

    private Reply deleteTask(Task t) {
        tasksById.remove(t.id);
        tasksByProject.get(t.projectId).remove(t.id);
        namesByProject.get(t.projectId).remove(t.name);
        invalidateViews();
        return Reply.empty(200);
    }

    // --- 7. PATCH .../tasks/{id1,id2,...} ---

    private record PatchOp(String op, String path, JsonNode value) {
    }

    private Reply patchTasks(Project project, String idList, String body) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : idList.split(",")) {
            String s = part.trim();
            if (!NUMBER.matcher(s).matches()) {
                throw badRequest("Invalid task_id");
            }
            ids.add(Long.parseLong(s));
        }
        if (ids.size() > patchLimit) {
            throw badRequest("PATCH request is limited to " + patchLimit + " entries at once");
        }
        JsonNode parsed = parse(body);
        if (!parsed.isArray()) {
            throw badRequest("Invalid JSON: expected an array of operations");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (JsonNode node : parsed) {
            String op = node.path("op").asText("");
            String path = node.path("path").asText("");
            if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
                throw badRequest("Invalid op: " + op);
            }
            if (!patchPaths.contains(path)) {
                throw badRequest("Path not found: " + path);
            }
            ops.add(new PatchOp(op, path, node.get("value")));
        }

        ArrayNode success = mapper.createArrayNode();
        ArrayNode failure = mapper.createArrayNode();
        for (long id : ids) {
            Task t = tasksById.get(id);
            String problem = t == null || t.projectId != project.id() ? "Task not found" : applyPatch(t, ops);
            if (problem == null) {
                success.add(id);
            } else {
                failure.addObject().put("id", id).put("message", problem);
            }
        }
        ObjectNode root = mapper.createObjectNode();
        root.set("success", success);
        root.set("failure", failure);
        return Reply.json(write(root));
    }

    /** Applies all operations to one task, or none of them: returns the failure message, or null. */
    private String applyPatch(Task t, List<PatchOp> ops) {
        String name = t.name;
        Long estimate = t.estimatedSeconds;
        boolean active = t.active;
        try {
            for (PatchOp op : ops) {
                boolean remove = op.op().equals("remove");
                switch (op.path()) {
                    case "/active" -> {
                        if (remove) {
                            return "Path /active can not be removed";
                        }
                        active = bool(op.value(), "active");
                    }
                    case "/name" -> {
                        if (remove) {
                            return "Path /name can not be removed";
                        }
                        if (op.value() == null || !op.value().isTextual() || op.value().asText().isBlank()) {
                            return "Name can't be blank";
                        }
                        name = op.value().asText();
                    }
                    case "/estimated_seconds" -> estimate = remove ? null : estimate(op.value());
                    default -> throw new IllegalStateException(op.path());
                }
            }
        } catch (ApiError e) {
            return new String(e.reply.body(), StandardCharsets.UTF_8).replace("\"", "");
        }
        Long holder = namesByProject.get(t.projectId).get(name);
        if (holder != null && holder != t.id) {
            return "Name has already been taken";
        }
        if (!name.equals(t.name)) {
            rename(t, name);
        }
        t.estimatedSeconds = estimate;
        t.active = active;
        touch(t);
        return null;
    }

    // --- body and query helpers ---

    private JsonNode parse(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw badRequest("JSON is not valid");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw badRequest("JSON is not valid");
        }
    }

    private ObjectNode parseObject(String body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw badRequest("JSON is not valid");
        }
        return (ObjectNode) node;
    }

    private static String requireName(ObjectNode body) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw badRequest("Name can't be blank");
        }
        return n.asText();
    }

    private static Long estimate(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        long v = integral(n, "estimated_seconds");
        if (v < 0) {
            throw badRequest("Estimated seconds can't be negative");
        }
        return v;
    }

    private static long integral(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw badRequest("Invalid " + field);
        }
        return n.asLong();
    }

    private static boolean bool(JsonNode n, String field) {
        if (n == null || !n.isBoolean()) {
            throw badRequest("Invalid " + field);
        }
        return n.booleanValue();
    }

    private static String optText(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }

    private static int intParam(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw badRequest("Invalid " + name);
        }
    }

    private static long longParam(Map<String, String> params, String name) {
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException e) {
            throw badRequest("Invalid " + name);
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] generate(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] taskBytes(Task t) {
        return generate(g -> writeTask(g, t));
    }

    /** The task as Toggl renders it (snake_case, the fields of the reference). */
    private void writeTask(JsonGenerator g, Task t) throws IOException {
        Project p = projects.get(t.projectId);
        // When integration fields are "not kept", Toggl shows them as null whatever is stored.
        boolean showIntegration = storeIntegrationFields;
        g.writeStartObject();
        g.writeNumberField("id", t.id);
        g.writeStringField("name", t.name);
        g.writeNumberField("workspace_id", t.workspaceId);
        g.writeNumberField("project_id", t.projectId);
        g.writeStringField("project_name", p == null ? null : p.name());
        g.writeNumberField("user_id", t.userId);
        g.writeBooleanField("active", t.active);
        writeNullableNumber(g, "estimated_seconds", t.estimatedSeconds);
        g.writeNumberField("tracked_seconds", 0);
        g.writeStringField("at", t.atText());
        g.writeBooleanField("recurring", false);
        g.writeNullField("rate");
        g.writeNullField("rate_last_updated");
        g.writeNullField("client_name");
        g.writeNullField("toggl_accounts_id");
        g.writeStringField("integration_provider", showIntegration ? t.provider : null);
        g.writeStringField("integration_ext_type", showIntegration ? t.extType : null);
        g.writeStringField("integration_ext_id", showIntegration ? t.extId : null);
        g.writeEndObject();
    }

    private static void writeNullableNumber(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    // --- state changes: every write goes through these so the indexes and caches stay right ---

    private Task newTask(long workspaceId, long projectId, String name) {
        Instant now = clock.instant();
        Task t = new Task(nextTaskId++, workspaceId, projectId, now);
        t.name = name;
        t.at = now;
        t.userId = REQUESTER_USER_ID;
        return t;
    }

    private void insert(Task t) {
        tasksById.put(t.id, t);
        tasksByProject.get(t.projectId).put(t.id, t);
        namesByProject.get(t.projectId).put(t.name, t.id);
        invalidateViews();
    }

    private void rename(Task t, String newName) {
        Map<String, Long> names = namesByProject.get(t.projectId);
        names.remove(t.name);
        names.put(newName, t.id);
        t.name = newName;
    }

    private void touch(Task t) {
        t.at = clock.instant();
        invalidateViews();
    }

    private void invalidateViews() {
        viewCache.clear();
    }

    private record Project(long workspaceId, long id, String name) {
    }

    private static final class Task {
        final long id;
        final long workspaceId;
        final long projectId;
        final Instant createdAt;
        String name;
        Long estimatedSeconds;
        boolean active = true;
        long userId;
        String provider;
        String extType;
        String extId;
        Instant at;
        private Instant formattedAt;
        private String atText;

        Task(long id, long workspaceId, long projectId, Instant createdAt) {
            this.id = id;
            this.workspaceId = workspaceId;
            this.projectId = projectId;
            this.createdAt = createdAt;
        }

        /** {@code at} as Toggl formats it, cached: formatting dominates a page of 200 otherwise. */
        String atText() {
            if (at != formattedAt) {
                atText = AT_FORMAT.format(at);
                formattedAt = at;
            }
            return atText;
        }

        TogglTask toModel() {
            return new TogglTask(id, workspaceId, projectId, name, estimatedSeconds, active, provider, extType, extId);
        }
    }
}
