package io.toggltasksync.sandbox;

import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
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
 * <p>This class is the control API; the work is done by {@link SandboxServer} (HTTP, routing),
 * {@link TaskEndpoints}, {@link TaskStore}, {@link ReportEndpoints} (the Reports API's detailed search of
 * time entries, kept in {@link TimeEntryStore}), {@link QuotaWindow} and {@link Faults}.
 *
 * <p>Thread-safe: all state, in those classes too, is guarded by {@code this}; responses are
 * written outside the lock. Seeding and inspection methods ({@link #putTask}, {@link #tasks}, ...)
 * are not counted as API calls.
 */
public final class TogglSandbox implements AutoCloseable {

    /** Path prefix of every API route; fault regexes and recorded paths are relative to it. */
    public static final String API_PREFIX = "/api/v9";
    /** The user id Toggl would report for the token's owner when a body gives none. */
    public static final long REQUESTER_USER_ID = 7_000_001L;
    /** The token's owner's name ({@code GET /me}'s {@code fullname}). */
    public static final String REQUESTER_NAME = "Sandbox User";
    /** First time entry id handed out. */
    public static final long FIRST_TIME_ENTRY_ID = 3_000_000_001L;
    /** First task id handed out; real Toggl ids are large numbers too, so small ints never pass as ids by accident. */
    public static final long FIRST_TASK_ID = 1_000_001L;
    /** How many of the most recent requests {@link #requests()} keeps. */
    static final int MAX_RECORDED = 10_000;

    // --- guarded by this ---
    private Clock clock = Clock.systemUTC();
    private final TaskStore store = new TaskStore(() -> clock.instant());
    private final QuotaWindow quota = new QuotaWindow(() -> clock.instant());
    private final Faults faults = new Faults();
    private final TimeEntryStore entries = new TimeEntryStore(() -> clock.instant());
    private final TaskEndpoints endpoints = new TaskEndpoints(store);
    private final AccountEndpoints accounts;
    private final ReportEndpoints reports;
    private final SandboxServer server;

    public TogglSandbox(String apiToken) {
        accounts = new AccountEndpoints(store, endpoints, Objects.requireNonNull(apiToken, "apiToken"));
        reports = new ReportEndpoints(entries, endpoints, accounts);
        server = new SandboxServer(this, apiToken, quota, faults, endpoints, accounts, new ProjectEndpoints(store, endpoints), reports);
    }

    // =====================================================================================
    // Lifecycle
    // =====================================================================================

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving. */
    public synchronized TogglSandbox start(int port) {
        server.start(port);
        return this;
    }

    public synchronized int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>/api/v9}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + API_PREFIX;
    }

    /** {@code http://127.0.0.1:<port>/reports/api/v3}: the Reports API, derived from {@link #baseUrl()} as Toggl's is. */
    public String reportsUrl() {
        return WorklogSettings.reportsUrl(baseUrl());
    }

    @Override
    public void close() {
        server.close();
    }

    // =====================================================================================
    // Configuration
    // =====================================================================================

    /** Registers a project (and thereby its workspace). Re-adding a project renames it. */
    public synchronized void addProject(long workspaceId, long projectId, String name) {
        store.addProject(workspaceId, projectId, name);
    }

    /**
     * When on, any project id a request names exists (created on first use), so the demo works
     * with any CSV without listing its projects first. Off by default, like the real Toggl.
     */
    public synchronized void setAutoCreateProjects(boolean on) {
        endpoints.autoCreateProjects = on;
    }

    /** When false, POST/PUT ignore integration_* fields and responses show them as null (Toggl may not keep them). */
    public synchronized void setStoreIntegrationFields(boolean store) {
        endpoints.storeIntegrationFields = store;
    }

    /** When on, the workspace is on Toggl's free plan: it says {@code premium: false} and its task endpoints answer 402. */
    public synchronized void setFreePlan(boolean free) {
        accounts.freePlan = free;
    }

    /**
     * Archives a project (or restores it): its {@code GET} and the workspace's project list then say
     * {@code active: false}, status {@code archived}, and it refuses new tasks.
     */
    public synchronized void setProjectArchived(long projectId, boolean archived) {
        store.setArchived(projectId, archived);
    }

    /** Whether the token's user is a workspace admin (default true): when not, the reports show only their own entries. */
    public synchronized void setWorkspaceAdmin(boolean admin) {
        accounts.admin = admin;
    }

    /**
     * The token user's time zone (default UTC, e.g. {@code ZoneId.of("+01:00")} or {@code Europe/Berlin}):
     * {@code GET /me} says it, the reports read their dates in it and write times with its offset.
     */
    public synchronized void setUserTimeZone(ZoneId zone) {
        accounts.userZone = Objects.requireNonNull(zone);
    }

    /** The most rows a reports page holds, whatever {@code page_size} the client asks for (default 1,000). */
    public synchronized void setReportMaxPageSize(int maxPageSize) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be >= 1");
        }
        reports.maxPageSize = maxPageSize;
    }

    /** The largest page the server grants, whatever {@code per_page} the client asks for. */
    public synchronized void setMaxPerPage(int maxPerPage) {
        if (maxPerPage < 1) {
            throw new IllegalArgumentException("maxPerPage must be >= 1");
        }
        endpoints.maxPerPage = maxPerPage;
    }

    /**
     * The paths a PATCH may set (default {@code /active}, {@code /name}, {@code /estimated_seconds}):
     * only {@code /active} is documented, so tests also run against a Toggl that refuses the others.
     */
    public synchronized void setPatchPaths(Set<String> paths) {
        endpoints.patchPaths = Set.copyOf(paths);
    }

    /** How many task ids one PATCH may name. */
    public synchronized void setPatchLimit(int patchLimit) {
        if (patchLimit < 1) {
            throw new IllegalArgumentException("patchLimit must be >= 1");
        }
        endpoints.patchLimit = patchLimit;
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
        quota.set(remaining, resetsInSeconds);
    }

    public synchronized void clearQuota() {
        quota.clear();
    }

    /** Units left in the current quota window, or -1 when the quota is off. */
    public synchronized int quotaRemaining() {
        return quota.remaining();
    }

    public synchronized void injectFault(Fault fault) {
        faults.add(fault);
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Faults injected but not yet (fully) consumed. */
    public synchronized int pendingFaults() {
        return faults.pending();
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
        return store.put(workspaceId, projectId, name, estimatedSeconds, active, provider, extType, extId).toModel();
    }

    // --- time entries (the reports' data; Toggl's own write endpoints for them are not served) ---

    /**
     * Stores a time entry with the next id, modified now; {@code seconds} follows from start and stop (a
     * running entry, {@code stop} null, is not listed by the reports).
     */
    public synchronized TimeEntry addTimeEntry(long workspaceId, long userId, String userName, Long projectId, Long taskId,
            String description, Instant start, Instant stop) {
        return entries.add(workspaceId, userId, userName, projectId, taskId, description, start, stop);
    }

    /**
     * Edits a time entry as a person would in Toggl: {@code change} answers the entry as it should be
     * (its id and workspace stay); {@code seconds} and {@code at} are set again.
     *
     * @throws IllegalArgumentException if there is no such entry
     */
    public synchronized TimeEntry updateTimeEntry(long id, UnaryOperator<TimeEntry> change) {
        TimeEntry updated = entries.update(id, change);
        if (updated == null) {
            throw new IllegalArgumentException("no time entry " + id);
        }
        return updated;
    }

    /** Deletes a time entry; false when there was none. */
    public synchronized boolean deleteTimeEntry(long id) {
        return entries.remove(id);
    }

    /** The stored time entry with this id, or null. */
    public synchronized TimeEntry timeEntry(long id) {
        return entries.get(id);
    }

    /** Every time entry, ordered by id. */
    public synchronized List<TimeEntry> timeEntries() {
        return List.copyOf(entries.all());
    }

    /** Everything {@code sandbox.state-file} keeps. */
    synchronized SavedSandbox saved() {
        List<SavedSandbox.SavedProject> projects = store.allProjects().stream()
                .map(p -> new SavedSandbox.SavedProject(p.workspaceId(), p.id(), p.name(), store.isArchived(p.id()))).toList();
        return new SavedSandbox(projects, allTasks(), entries.all().stream().map(SavedSandbox.SavedTimeEntry::of).toList());
    }

    /** Puts back what {@link #saved()} kept: projects first (named, archived or not), then tasks, then time entries. */
    synchronized void restore(SavedSandbox saved) {
        if (saved.projects() != null) {
            for (SavedSandbox.SavedProject p : saved.projects()) {
                store.addProject(p.workspaceId(), p.id(), p.name());
                store.setArchived(p.id(), p.archived());
            }
        }
        if (saved.tasks() != null) {
            store.restore(saved.tasks());
        }
        if (saved.timeEntries() != null) {
            entries.restore(saved.timeEntries().stream().map(SavedSandbox.SavedTimeEntry::toModel).toList());
        }
    }

    /**
     * Puts back tasks saved from an earlier sandbox (the demo's state file), keeping their ids;
     * unknown projects are registered on the fly.
     */
    public synchronized void restore(List<TogglTask> saved) {
        store.restore(saved);
    }

    /** All tasks of a project, active and inactive, ordered by id, as stored (integration fields unmasked). */
    public synchronized List<TogglTask> tasks(long projectId) {
        return store.projectTasks(projectId).stream().map(Task::toModel).toList();
    }

    /** Every task in every project, ordered by id. */
    public synchronized List<TogglTask> allTasks() {
        return store.all().stream().map(Task::toModel).toList();
    }

    /** The stored task with this id, or null. */
    public synchronized TogglTask task(long taskId) {
        Task t = store.get(taskId);
        return t == null ? null : t.toModel();
    }

    // =====================================================================================
    // Counters
    // =====================================================================================

    /** Requests received with this HTTP method (case-insensitive), faulted ones included. */
    public synchronized long requestCount(String method) {
        return server.requestCount(method);
    }

    /** Requests per HTTP method. */
    public synchronized Map<String, Long> requestCounts() {
        return server.requestCounts();
    }

    public synchronized long totalRequests() {
        return server.totalRequests();
    }

    /** The requests received, in order (the most recent 10,000). */
    public synchronized List<RecordedRequest> requests() {
        return server.requests();
    }

    public synchronized void resetCounters() {
        server.resetCounters();
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
            return status(method, pathRegex, 402, QuotaWindow.message(resetsInSeconds),
                    Map.of(QuotaWindow.HDR_REMAINING, "0", QuotaWindow.HDR_RESETS_IN, Long.toString(resetsInSeconds)));
        }

        /** The same fault, firing {@code n} times. */
        public Fault times(int n) {
            return new Fault(kind, method, pathRegex, status, body, headers, n);
        }
    }
}
