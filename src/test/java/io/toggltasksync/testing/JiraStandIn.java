package io.toggltasksync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Jira that keeps state, for tests of the worklog sync end to end (WireMock checks single
 * requests; this one answers a run's reads with what its writes left). It serves, on Cloud
 * ({@code /rest/api/3}) and Data Center ({@code /rest/api/2}):
 * <ul>
 * <li>the issue search ({@code GET /search/jql} paged by {@code nextPageToken}; {@code GET /search} paged by
 * {@code startAt}) over the issues a test {@link #setIssues sets}, whatever the JQL but an incremental run's
 * {@code updated >= "-Nm"} (see {@link #ageIssues});
 * <li>an issue's worklogs: {@code GET /issue/{key}/worklog} ({@code startedAfter} inclusive, {@code startAt},
 * {@code maxResults}, {@code total}; {@code properties} only with {@code expand=properties}), {@code POST}
 * (201), {@code PUT /issue/{key}/worklog/{id}} (200), {@code DELETE} (204; 404 when gone); 404 for an
 * unknown issue. As Jira: {@code started} must be {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} or 400, time is kept in
 * whole minutes (rounded down) and less than a minute is 400;
 * <li>{@code GET /myself} and {@code GET /configuration} ({@code timeTrackingEnabled}).
 * </ul>
 * Credentials: Basic {@code me@acme.test}:{@link JiraFixture#JIRA_TOKEN}, or Bearer of that token (Data
 * Center); anything else is 401. Tests change it as people would ({@link #addPersonsWorklog},
 * {@link #editWorklog}, {@link #deleteWorklog}, {@link #deleteIssue}), read it ({@link #worklogs}, {@link #count}) and
 * break it ({@link #loseNextPostAnswer}, {@link #failNextPost}, {@link #loseNextDeleteAnswer}, {@link #capWorklogPages},
 * {@link #refuseSearch}, {@link #disableTimeTracking}, {@link #answerStartedWithOffset}), or hold a run in its search
 * ({@link #holdNextSearch}). An event's search ({@code issuekey = "KEY"}) answers that issue alone.
 */
public final class JiraStandIn implements AutoCloseable {

    public static final String USER = "me@acme.test";
    /** The account the token signs in as: the author of the worklogs written through the API. */
    public static final String OWN_ACCOUNT = "557058:token-user";
    public static final String PERSON_ACCOUNT = "557058:a-person";

    /** One issue the search selects; {@code statusCategory} is Jira's key: {@code new}, {@code indeterminate}, {@code done}. */
    public record Issue(String key, String summary, String statusCategory, String resolution, Long estimateSeconds) {

        public static Issue open(String key, String summary) {
            return new Issue(key, summary, "new", null, null);
        }
    }

    /**
     * A stored worklog. {@code comment} is its text (an ADF document's text nodes, a paragraph a line; a v2
     * string as it is), {@code properties} its entity properties ({@code [{key, value}]}).
     */
    public record Worklog(String id, String issueKey, Instant started, long timeSpentSeconds, String comment, JsonNode commentJson,
            ArrayNode properties, String authorAccountId, Instant updated) {

        /** The value of our property {@code toggl-task-sync}, or null (a person's worklog). */
        public JsonNode mark() {
            for (JsonNode p : properties) {
                if ("toggl-task-sync".equals(p.path("key").asText())) {
                    return p.get("value");
                }
            }
            return null;
        }

        /** Jira's own form of {@code started} (UTC). */
        public String startedText() {
            return STARTED.format(started.atOffset(ZoneOffset.UTC));
        }
    }

    /** A request and the status it was answered with ({@code 0}: the connection was closed unanswered). */
    public record Request(String method, String path, Map<String, String> query, int status) {
    }

    /** How the next POST's answer is lost after the worklog was stored. */
    public enum Loss {
        /** Answered 500, as a gateway timing out behind a Jira that wrote. */
        ANSWER_500,
        /** The connection closed without an answer. */
        CLOSE_CONNECTION
    }

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);
    private static final Pattern UPDATED_WITHIN = Pattern.compile("updated >= \"-(\\d+)m\"");
    /** An event's search: {@code (<JQL>) AND issuekey = "<KEY>"}. */
    private static final Pattern ISSUE_KEY = Pattern.compile("issuekey = \"([^\"]+)\"");
    private static final Pattern WORKLOGS = Pattern.compile("/rest/api/([23])/issue/([^/]+)/worklog(?:/([^/]+))?");
    private static final Pattern FEEDS = Pattern.compile("/rest/api/([23])/worklog/(updated|deleted)");
    /** Jira's feed pages: 1,000 worklogs. */
    private static final int FEED_PAGE = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpServer server;
    private final List<Issue> issues = new ArrayList<>();
    /** Issue key -> when it was last set (Jira's {@code updated}), for an incremental search's {@code updated >= "-Nm"}. */
    private final Map<String, Instant> updated = new LinkedHashMap<>();
    /** Issue key -> its worklogs in the order they were created. */
    private final Map<String, List<Worklog>> worklogs = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private long nextId = 10_000;
    private final List<Loss> losses = new ArrayList<>();
    /** Statuses the next worklog POSTs are refused with before anything is stored. */
    private final List<Integer> failures = new ArrayList<>();
    /** The next search is answered only once this opens (its answer made before: what Jira held then). */
    private SearchHold searchHold;
    private Reply searchRefusal;
    private Reply feedRefusal;
    /** The most worklogs a page holds, whatever maxResults asks (Jira may grant fewer). */
    private int worklogPageCap = 5000;
    private int lostDeletes;
    private boolean timeTracking = true;
    /** The offset Jira writes {@code started} in: the token user's profile time zone. */
    private ZoneOffset answerOffset = ZoneOffset.UTC;

    /** How far the stand-in's worklog clock is ahead of the machine's ({@link #passTime}). */
    private Duration clockAhead = Duration.ZERO;
    /** The last worklog change's time: each change gets a later one, as Jira's millisecond times of two edits differ. */
    private Instant lastChange = Instant.EPOCH;
    /** Worklog id -> when it was deleted, for {@code /worklog/deleted}. */
    private final Map<String, Instant> deletedAt = new LinkedHashMap<>();

    private JiraStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static JiraStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            JiraStandIn jira = new JiraStandIn(server);
            server.createContext("/", jira::handle);
            server.start();
            return jira;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, what {@code jira.url} is set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The settings of a Jira Cloud mirror of this Jira (any JQL: the search answers every issue set). */
    public String[] cloudSettings(String... more) {
        return JiraFixture.concat(JiraFixture.cloudSettings(url(), "project in (ALPHA, BETA)", 50), more);
    }

    // --- what a test sets and does as a person would ---

    /**
     * The issues the search selects from now on, in this order; their worklogs are kept. An issue new or
     * changed is updated now (an incremental search finds it).
     */
    public synchronized JiraStandIn setIssues(Issue... selected) {
        List<Issue> before = List.copyOf(issues);
        issues.clear();
        issues.addAll(List.of(selected));
        for (Issue issue : selected) {
            worklogs.computeIfAbsent(issue.key(), k -> new ArrayList<>());
            if (!before.contains(issue)) {
                updated.put(issue.key(), Instant.now());
            }
        }
        return this;
    }

    /** Every issue was last updated {@code ago} earlier than it was: an incremental search no longer finds it. */
    public synchronized JiraStandIn ageIssues(Duration ago) {
        updated.replaceAll((key, at) -> at.minus(ago));
        return this;
    }

    /**
     * Time passes for Jira's worklogs: changes made before now are more than {@code d} old. Jira's
     * {@code /worklog/updated} and {@code /worklog/deleted} leave out the last minute's changes, so a test that
     * wants a change seen by the next run's feeds lets a minute pass.
     */
    public synchronized JiraStandIn passTime(Duration d) {
        clockAhead = clockAhead.plus(d);
        return this;
    }

    /** The time of a worklog change now: the clock, and later than the last change. */
    private Instant changeTime() {
        Instant now = Instant.now().plus(clockAhead).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    /** A worklog a person logged in Jira (no property), answered as stored. */
    public synchronized Worklog addPersonsWorklog(String issueKey, Instant started, long timeSpentSeconds, String comment) {
        List<Worklog> list = existing(issueKey);
        Worklog w = new Worklog(Long.toString(nextId++), issueKey, started, timeSpentSeconds, comment, NODES.textNode(comment),
                NODES.arrayNode(), PERSON_ACCOUNT, changeTime());
        list.add(w);
        return w;
    }

    /** Edits a worklog as a person would in Jira (its properties stay); a null argument leaves that field. */
    public synchronized Worklog editWorklog(String id, Instant started, Long timeSpentSeconds, String comment) {
        Worklog w = worklog(id);
        Worklog edited = new Worklog(w.id(), w.issueKey(), started == null ? w.started() : started,
                timeSpentSeconds == null ? w.timeSpentSeconds() : timeSpentSeconds, comment == null ? w.comment() : comment,
                comment == null ? w.commentJson() : NODES.textNode(comment), w.properties(), w.authorAccountId(), changeTime());
        replace(edited);
        return edited;
    }

    /** The worklogs of an issue, in the order they were created. */
    public synchronized List<Worklog> worklogs(String issueKey) {
        return List.copyOf(worklogs.getOrDefault(issueKey, List.of()));
    }

    /** Every worklog of every issue. */
    public synchronized List<Worklog> allWorklogs() {
        return worklogs.values().stream().flatMap(List::stream).toList();
    }

    /** The worklog with this id; an AssertionError when there is none. */
    public synchronized Worklog worklog(String id) {
        return worklogs.values().stream().flatMap(List::stream).filter(w -> w.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no worklog " + id + " in " + worklogs));
    }

    /** The next POST of a worklog is stored, and its answer lost this way (call again to lose more answers). */
    public synchronized JiraStandIn loseNextPostAnswer(Loss how) {
        losses.add(how);
        return this;
    }

    /** A worklog page holds at most this many worklogs from now on, whatever {@code maxResults} asks for. */
    public synchronized JiraStandIn capWorklogPages(int max) {
        worklogPageCap = max;
        return this;
    }

    /** The next worklog DELETE is done, and its connection closed unanswered. */
    public synchronized JiraStandIn loseNextDeleteAnswer() {
        lostDeletes++;
        return this;
    }

    /** Every issue search is refused with this status and message from now on (0: answered again). */
    public synchronized JiraStandIn refuseSearch(int status, String message) {
        searchRefusal = status == 0 ? null : new Reply(status, errors(message));
        return this;
    }

    /** Jira's worklog feeds ({@code /worklog/updated}, {@code /worklog/deleted}) are refused with this status from now on (0: answered again). */
    public synchronized JiraStandIn refuseFeeds(int status, String message) {
        feedRefusal = status == 0 ? null : new Reply(status, errors(message));
        return this;
    }

    /**
     * The next issue search is held: its answer is made at once (Jira's values then) and its headers sent (their
     * {@code Date}: when Jira answered), its body only when the test releases it, so that the run making it holds
     * the sync lock as long as the test wants.
     */
    public synchronized SearchHold holdNextSearch() {
        searchHold = new SearchHold(new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1));
        return searchHold;
    }

    /** A held search: {@link #awaitHeld} until a search is waiting, {@link #release} to answer it. */
    public record SearchHold(java.util.concurrent.CountDownLatch held, java.util.concurrent.CountDownLatch released) {

        public void awaitHeld(java.time.Duration atMost) throws InterruptedException {
            if (!held.await(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no issue search came within " + atMost);
            }
        }

        public void release() {
            released.countDown();
        }
    }

    /** The next worklog POST fails with this status (a 5xx) before Jira stores anything. */
    public synchronized JiraStandIn failNextPost(int status) {
        failures.add(status);
        return this;
    }

    /** A person deletes a worklog in Jira. */
    public synchronized void deleteWorklog(String id) {
        Worklog w = worklog(id);
        worklogs.get(w.issueKey()).remove(w);
        deletedAt.put(id, changeTime());
    }

    /** A person removes our property from a worklog (it is theirs from now on); Jira counts it as a change of the worklog. */
    public synchronized void removeProperty(String id) {
        Worklog w = worklog(id);
        replace(new Worklog(w.id(), w.issueKey(), w.started(), w.timeSpentSeconds(), w.comment(), w.commentJson(), NODES.arrayNode(),
                w.authorAccountId(), changeTime()));
    }

    /** The issue is deleted in Jira: gone from the search, its worklog paths answer 404. */
    public synchronized void deleteIssue(String key) {
        issues.removeIf(i -> i.key().equals(key));
        List<Worklog> gone = worklogs.remove(key);
        if (gone != null) {
            gone.forEach(w -> deletedAt.put(w.id(), changeTime()));
        }
        updated.remove(key);
    }

    /** Answers {@code started} with this offset from now on, as Jira does in its user's profile time zone ({@code +0100}). */
    public synchronized JiraStandIn answerStartedWithOffset(ZoneOffset offset) {
        answerOffset = offset;
        return this;
    }

    /** Time tracking off: worklog writes are refused with 400 as Jira refuses them, {@code /configuration} says so. */
    public synchronized JiraStandIn disableTimeTracking() {
        timeTracking = false;
        return this;
    }

    // --- what a test reads of the requests ---

    /** Every request so far, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests had this method and a path matching {@code pathRegex} (the whole path). */
    public synchronized long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).matches()).count();
    }

    /** Worklog writes so far: POST, PUT and DELETE on worklog paths. */
    public synchronized long worklogWrites() {
        return requests.stream().filter(r -> !r.method().equals("GET") && WORKLOGS.matcher(r.path()).matches()).count();
    }

    /** Worklog reads so far ({@code GET /issue/{key}/worklog}). */
    public synchronized long worklogReads() {
        return count("GET", "/rest/api/[23]/issue/[^/]+/worklog");
    }

    /** Forgets the requests counted so far (the state stays). */
    public synchronized void resetRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- serving ---

    private record Reply(int status, String body) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Reply reply;
        Loss loss = null;
        SearchHold hold = null;
        synchronized (this) {
            try {
                reply = route(method, path, query, new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (RuntimeException e) {
                reply = new Reply(500, errors("stand-in failure: " + e));
            }
            if (method.equals("POST") && reply.status() == 201 && !losses.isEmpty()) {
                loss = losses.remove(0);
            } else if (method.equals("DELETE") && reply.status() == 204 && lostDeletes > 0) {
                lostDeletes--;
                loss = Loss.CLOSE_CONNECTION;
            }
            requests.add(new Request(method, path, query, loss == Loss.CLOSE_CONNECTION ? 0 : loss == Loss.ANSWER_500 ? 500 : reply.status()));
            if (searchHold != null && path.matches("/rest/api/3/search/jql|/rest/api/2/search")) {
                hold = searchHold;
                searchHold = null;
            }
        }
        if (loss == Loss.CLOSE_CONNECTION) {
            exchange.close(); // before any header: the JDK server drops the connection
            return;
        }
        if (loss == Loss.ANSWER_500) {
            reply = new Reply(500, errors("Internal server error"));
        }
        try (exchange) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (hold != null) {
                // the headers (their Date: Jira's clock when it answered) go now, the body on release
                hold.held().countDown();
                try {
                    hold.released().await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private Reply route(String method, String path, Map<String, String> query, String body, String authorization) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + JiraFixture.JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(authorization) && !("Bearer " + JiraFixture.JIRA_TOKEN).equals(authorization)) {
            return new Reply(401, errors("You are not authenticated. Authentication required to perform this operation."));
        }
        Matcher m = WORKLOGS.matcher(path);
        if (m.matches()) {
            return worklogCall(method, m.group(1).equals("3"), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), m.group(3), query, body);
        }
        Matcher feed = FEEDS.matcher(path);
        if (method.equals("GET") && feed.matches()) {
            return feedRefusal != null ? feedRefusal : feed(feed.group(2).equals("deleted"), query);
        }
        if (method.equals("POST") && path.matches("/rest/api/[23]/worklog/list")) {
            return list(path.contains("/3/"), body, query);
        }
        if (method.equals("GET") && path.matches("/rest/api/3/search/jql|/rest/api/2/search")) {
            return searchRefusal != null ? searchRefusal : search(path.contains("/3/"), query);
        }
        if (method.equals("GET") && path.matches("/rest/api/[23]/myself")) {
            return new Reply(200, "{\"accountId\":\"" + OWN_ACCOUNT + "\",\"emailAddress\":\"" + USER + "\",\"timeZone\":\"UTC\"}");
        }
        if (method.equals("GET") && path.matches("/rest/api/[23]/configuration")) {
            return new Reply(200, "{\"timeTrackingEnabled\":" + timeTracking + ",\"votingEnabled\":true,\"watchingEnabled\":true}");
        }
        return new Reply(404, errors("No such resource in the Jira stand-in: " + method + " " + path));
    }

    /** A search page: Cloud by {@code nextPageToken}, Data Center by {@code startAt}; {@code updated >= "-Nm"} honoured, other JQL ignored. */
    private Reply search(boolean cloud, Map<String, String> query) {
        List<Issue> selected = issues;
        Matcher window = UPDATED_WITHIN.matcher(query.getOrDefault("jql", ""));
        if (window.find()) {
            Instant since = Instant.now().minusSeconds(60 * Long.parseLong(window.group(1)));
            selected = issues.stream().filter(i -> !updated.get(i.key()).isBefore(since)).toList();
        }
        Matcher key = ISSUE_KEY.matcher(query.getOrDefault("jql", ""));
        if (key.find()) {
            selected = selected.stream().filter(i -> i.key().equals(key.group(1))).toList();
        }
        int max = maxResults(query, 50);
        if (cloud) {
            int start = query.containsKey("nextPageToken") ? Integer.parseInt(query.get("nextPageToken")) : 0;
            int end = Math.min(selected.size(), start + max);
            String next = end < selected.size() ? ",\"nextPageToken\":\"" + end + "\",\"isLast\":false" : ",\"isLast\":true";
            return new Reply(200, "{\"issues\":[" + String.join(",", issuesJson(selected, start, end)) + "]" + next + "}");
        }
        int start = Integer.parseInt(query.getOrDefault("startAt", "0"));
        int end = Math.min(selected.size(), start + max);
        return new Reply(200, JiraFixture.dataCenterPage(start, selected.size(), issuesJson(selected, start, end).toArray(String[]::new)));
    }

    private static List<String> issuesJson(List<Issue> selected, int start, int end) {
        List<String> json = new ArrayList<>();
        for (Issue i : selected.subList(Math.min(start, end), end)) {
            json.add(JiraFixture.issue(i.key(), i.summary(), i.statusCategory(), i.resolution(), i.estimateSeconds()));
        }
        return json;
    }

    private Reply worklogCall(String method, boolean cloud, String key, String id, Map<String, String> query, String body) {
        if (!worklogs.containsKey(key)) {
            return new Reply(404, errors("Issue does not exist or you do not have permission to see it."));
        }
        if (id == null && method.equals("GET")) {
            return page(cloud, key, query);
        }
        if (!method.equals("GET") && !timeTracking) {
            return new Reply(400, errors("Time Tracking is not enabled."));
        }
        if (id == null && method.equals("POST") && !failures.isEmpty()) {
            return new Reply(failures.remove(0), errors("Service unavailable"));
        }
        if (id == null && method.equals("POST")) {
            Object parsed = parse(body, null);
            if (parsed instanceof Reply refused) {
                return refused;
            }
            Worklog w = (Worklog) parsed;
            w = new Worklog(Long.toString(nextId++), key, w.started(), w.timeSpentSeconds(), w.comment(), w.commentJson(), w.properties(),
                    OWN_ACCOUNT, changeTime());
            worklogs.get(key).add(w);
            return new Reply(201, json(w, cloud, query.getOrDefault("expand", "").contains("properties")).toString());
        }
        Worklog old = id == null ? null : worklogs.get(key).stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
        if (old == null) {
            return new Reply(404, errors("Cannot find worklog with id: " + id));
        }
        if (method.equals("PUT")) {
            Object parsed = parse(body, old);
            if (parsed instanceof Reply refused) {
                return refused;
            }
            Worklog w = (Worklog) parsed;
            replace(w);
            return new Reply(200, json(w, cloud, query.getOrDefault("expand", "").contains("properties")).toString());
        }
        if (method.equals("DELETE")) {
            worklogs.get(key).remove(old);
            deletedAt.put(old.id(), changeTime());
            return new Reply(204, "");
        }
        return new Reply(405, errors("Method not allowed"));
    }

    /** A written worklog's body over {@code old} (null for a POST), or the 400 Jira answers. */
    private Object parse(String body, Worklog old) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return new Reply(400, errors("Unexpected character in the request body"));
        }
        Instant started = old == null ? null : old.started();
        if (node.has("started")) {
            try {
                started = OffsetDateTime.parse(node.path("started").asText(""), STARTED).toInstant();
            } catch (DateTimeParseException e) {
                return new Reply(400, fieldError("started", "Invalid date format. Please enter the date in the format \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\"."));
            }
        } else if (old == null) {
            return new Reply(400, fieldError("started", "You must specify the date and time the work started."));
        }
        long seconds = old == null ? 0 : old.timeSpentSeconds();
        if (node.has("timeSpentSeconds")) {
            seconds = node.path("timeSpentSeconds").asLong(0) / 60 * 60; // Jira keeps whole minutes
        }
        if (seconds < 60) {
            return new Reply(400, fieldError("timeLogged", "You must indicate the time spent working."));
        }
        JsonNode comment = node.has("comment") ? node.get("comment") : old == null ? NODES.nullNode() : old.commentJson();
        ArrayNode properties = node.get("properties") instanceof ArrayNode given ? given.deepCopy()
                : old == null ? NODES.arrayNode() : old.properties();
        return new Worklog(old == null ? "" : old.id(), old == null ? "" : old.issueKey(), started, seconds, text(comment), comment,
                properties, old == null ? OWN_ACCOUNT : old.authorAccountId(), changeTime());
    }

    /**
     * {@code /worklog/updated} or {@code /worklog/deleted}: changes after {@code since} and more than a minute old, oldest
     * first, {@value #FEED_PAGE} a page; {@code until} is the page's last change's time, {@code nextPage} asks from there.
     */
    private Reply feed(boolean deleted, Map<String, String> query) {
        long since = Long.parseLong(query.getOrDefault("since", "0"));
        long before = Instant.now().plus(clockAhead).minusSeconds(60).toEpochMilli();
        record Change(String id, long at, ArrayNode properties) {
        }
        List<Change> changes = new ArrayList<>();
        if (deleted) {
            deletedAt.forEach((id, at) -> changes.add(new Change(id, at.toEpochMilli(), null)));
        } else {
            allWorklogs().forEach(w -> changes.add(new Change(w.id(), w.updated().toEpochMilli(), w.properties())));
        }
        List<Change> selected = changes.stream().filter(c -> c.at() > since && c.at() < before)
                .sorted(java.util.Comparator.comparingLong(Change::at)).toList();
        boolean expand = query.getOrDefault("expand", "").contains("properties");
        ObjectNode page = NODES.objectNode();
        ArrayNode values = page.putArray("values");
        List<Change> shown = selected.subList(0, Math.min(FEED_PAGE, selected.size()));
        for (Change c : shown) {
            ObjectNode v = values.addObject().put("worklogId", Long.parseLong(c.id())).put("updatedTime", c.at());
            if (expand && c.properties() != null) {
                v.set("properties", c.properties().deepCopy());
            } else if (c.properties() != null) {
                v.putArray("properties");
            }
        }
        page.put("since", since);
        page.put("until", shown.isEmpty() ? since : shown.get(shown.size() - 1).at());
        boolean last = shown.size() == selected.size();
        page.put("lastPage", last);
        if (!last) {
            page.put("nextPage", url() + "/rest/api/3/worklog/" + (deleted ? "deleted" : "updated") + "?since=" + shown.get(shown.size() - 1).at());
        }
        return new Reply(200, page.toString());
    }

    /** {@code POST /worklog/list}: the worklogs of the ids asked for (at most 1,000), those that exist. */
    private Reply list(boolean cloud, String body, Map<String, String> query) {
        JsonNode ids;
        try {
            ids = Json.MAPPER.readTree(body).get("ids");
        } catch (IOException e) {
            return new Reply(400, errors("Unexpected character in the request body"));
        }
        if (ids == null || !ids.isArray() || ids.size() > 1000) {
            return new Reply(400, errors("The number of worklog ids must be between 1 and 1000."));
        }
        Set<String> wanted = new java.util.HashSet<>();
        ids.forEach(id -> wanted.add(id.asText()));
        boolean expand = query.getOrDefault("expand", "").contains("properties");
        ArrayNode answer = NODES.arrayNode();
        allWorklogs().stream().filter(w -> wanted.contains(w.id())).forEach(w -> answer.add(json(w, cloud, expand)));
        return new Reply(200, answer.toString());
    }

    /** Calls of Jira's worklog feeds and of {@code /worklog/list}. */
    public synchronized long feedCalls() {
        return requests.stream().filter(r -> r.path().matches("/rest/api/[23]/worklog/(updated|deleted|list)")).count();
    }

    private Reply page(boolean cloud, String key, Map<String, String> query) {
        long after = Long.parseLong(query.getOrDefault("startedAfter", "0"));
        List<Worklog> selected = worklogs.get(key).stream().filter(w -> w.started().toEpochMilli() >= after).toList();
        int start = Integer.parseInt(query.getOrDefault("startAt", "0"));
        int max = Math.min(worklogPageCap, maxResults(query, 5000));
        boolean expand = query.getOrDefault("expand", "").contains("properties");
        ArrayNode list = NODES.arrayNode();
        selected.stream().skip(start).limit(max).forEach(w -> list.add(json(w, cloud, expand)));
        ObjectNode page = NODES.objectNode().put("startAt", start).put("maxResults", max).put("total", selected.size());
        page.set("worklogs", list);
        return new Reply(200, page.toString());
    }

    private ObjectNode json(Worklog w, boolean cloud, boolean withProperties) {
        ObjectNode node = NODES.objectNode();
        node.put("self", url() + "/rest/api/" + (cloud ? 3 : 2) + "/issue/" + w.issueKey() + "/worklog/" + w.id());
        node.putObject("author").put("accountId", w.authorAccountId());
        if (w.comment() != null) {
            // as Jira answers it: ADF on v3, text on v2, whichever way it was written
            node.set("comment", cloud ? adf(w.comment()) : NODES.textNode(w.comment()));
        }
        node.put("started", STARTED.format(w.started().atOffset(answerOffset)));
        node.put("updated", STARTED.format(w.updated().atOffset(ZoneOffset.UTC)));
        node.put("timeSpentSeconds", w.timeSpentSeconds());
        node.put("id", w.id());
        node.put("issueId", Integer.toString(Math.abs(w.issueKey().hashCode())));
        if (withProperties) {
            node.set("properties", w.properties().deepCopy());
        }
        return node;
    }

    private void replace(Worklog edited) {
        List<Worklog> list = worklogs.get(edited.issueKey());
        list.replaceAll(w -> w.id().equals(edited.id()) ? edited : w);
    }

    private List<Worklog> existing(String issueKey) {
        List<Worklog> list = worklogs.get(issueKey);
        if (list == null) {
            throw new IllegalArgumentException("no issue " + issueKey + ": setIssues first");
        }
        return list;
    }

    /** An ADF document's text, a top-level block a line; a string as it is; null for none. */
    private static String text(JsonNode comment) {
        if (comment == null || comment.isNull()) {
            return null;
        }
        if (comment.isTextual()) {
            return comment.asText().isEmpty() ? null : comment.asText();
        }
        List<String> lines = new ArrayList<>();
        comment.path("content").forEach(block -> lines.add(inline(block)));
        String text = String.join("\n", lines);
        return text.isEmpty() ? null : text;
    }

    private static String inline(JsonNode node) {
        if (node.path("type").asText().equals("text")) {
            return node.path("text").asText();
        }
        StringBuilder sb = new StringBuilder();
        node.path("content").forEach(child -> sb.append(inline(child)));
        return sb.toString();
    }

    private static ObjectNode adf(String text) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String line : text.split("\n", -1)) {
            ObjectNode paragraph = content.addObject().put("type", "paragraph");
            ArrayNode inline = paragraph.putArray("content");
            if (!line.isEmpty()) {
                inline.addObject().put("type", "text").put("text", line);
            }
        }
        return doc;
    }

    private static int maxResults(Map<String, String> query, int otherwise) {
        return query.containsKey("maxResults") ? Integer.parseInt(query.get("maxResults")) : otherwise;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String errors(String message) {
        ObjectNode node = NODES.objectNode();
        node.putArray("errorMessages").add(message);
        node.putObject("errors");
        return node.toString();
    }

    private static String fieldError(String field, String message) {
        ObjectNode node = NODES.objectNode();
        node.putArray("errorMessages");
        node.putObject("errors").put(field, message);
        return node.toString();
    }
}
