/*
 * The worklog series of the benchmark (run by hand through bench/worklogs.sh; not part of the build or CI).
 *
 * For each size E it starts a TogglSandbox and a Jira stand-in (src/test's JiraStandIn: a stateful Jira
 * Cloud over real HTTP) in this JVM, lets the REAL app (target/quarkus-app/quarkus-run.jar, a separate
 * process) mirror ISSUES Jira issues into Toggl tasks once (a task-only run, not counted), then tracks E
 * time entries in the sandbox (several users; 80% on mirrored tasks, 20% without a task, matched by the
 * key their description begins with) and runs the app with WORKLOG_SYNC=true, the sync state kept
 * between the runs as a user's would be:
 *
 *   first run                     every entry becomes a worklog
 *   rerun unchanged, at once      nothing to write
 *   rerun unchanged, after 67 s   the steady state: Jira's /worklog/updated leaves out the last minute
 *   1% edited, 0.5% deleted       the edited entries' worklogs rewritten, the deleted ones' deleted
 *
 * It counts the calls server side (the sandbox and the stand-in) by endpoint, measures wall time, peak
 * RSS and the largest heap after a GC (Bench's way), and checks: exit 0, the report's `worklogs` counts
 * agree with the stand-in, and Jira holds exactly one worklog of ours per entry, on the right issue, with
 * the entry's start and its minutes (seconds rounded up). Lower bounds (the issue's targets): Toggl
 * ceil(E / 50) report pages + 2 (workspace, /me); Jira, first run E POSTs + 1 read, unchanged rerun 1
 * read, changed run the changed entries' writes + 1 read. Naive script: one worklog GET per issue and
 * one POST per entry every run (it does not de-duplicate), ISSUES + E Jira calls.
 *
 * Usage: bench/worklogs.sh [E ...]   (default 1000 10000). Appends its section to bench/results.md.
 */

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.JiraStandIn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WorklogBench {

    /** Mirrored Jira issues (BENCH_WORKLOG_ISSUES overrides). */
    static final int ISSUES = Integer.parseInt(System.getenv().getOrDefault("BENCH_WORKLOG_ISSUES", "500"));
    static final String JIRA_PROJECT = "ABC";
    static final int REPORT_PAGE = 50;       // the rows a Reports API page holds (the app asks Toggl's default)
    static final int USERS = 5;
    static final int DAYS = 20;              // entries start within the last DAYS days...
    static final String LOOKBACK = "30d";    // ...all inside the lookback
    static final int JIRA_PAGE = 100;
    /** Jira's /worklog/updated leaves out the last minute: the steady state is measured after it. */
    static final long STEADY_WAIT_MS = 67_000;
    static final Pattern KEY = Pattern.compile("^\\[?(" + JIRA_PROJECT + "-\\d+)");
    static final String[] TOGGL_COLUMNS = {"report pages", "workspace", "me", "task API"};
    static final String[] JIRA_COLUMNS = {"search", "worklog GET", "POST", "PUT", "DELETE", "/worklog/updated", "/worklog/deleted", "/worklog/list",
            "other"};

    enum Situation {
        FIRST("first run"), RERUN("rerun unchanged, at once"), STEADY("rerun unchanged, after 67 s"),
        CHANGED("1% edited, 0.5% deleted");

        final String label;

        Situation(String label) {
            this.label = label;
        }
    }

    /** What one app run measured. */
    static final class Row {
        int e;
        Situation situation;
        Map<String, Long> toggl = new LinkedHashMap<>();
        Map<String, Long> jira = new LinkedHashMap<>();
        long togglLowerBound;
        long jiraLowerBound;
        long naiveJira;
        String written = "?";
        long wallMs;
        long peakRssKb;
        long heapAfterGcMb;
        List<String> problems = new ArrayList<>();

        long togglWorklogCalls() {
            return toggl.get("report pages") + toggl.get("workspace") + toggl.get("me");
        }

        long jiraWorklogCalls() {
            return jira.get("worklog GET") + jira.get("POST") + jira.get("PUT") + jira.get("DELETE")
                    + jira.get("/worklog/updated") + jira.get("/worklog/deleted") + jira.get("/worklog/list");
        }
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path jar = repo.resolve("target/quarkus-app/quarkus-run.jar");
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000);
        }
        Path work = Files.createTempDirectory("toggl-worklog-bench-");
        System.err.println("worklog bench: work dir " + work);
        long benchStart = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        for (int e : sizes) {
            rows.addAll(series(jar, work, e));
        }
        String table = table(rows);
        String notes = notes(rows);
        StringBuilder md = new StringBuilder("## Worklogs\n\n");
        md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" with `bench/worklogs.sh").append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`")
                .append(" (whole series ").append(BenchReport.seconds((System.nanoTime() - benchStart) / 1_000_000)).append(").\n\n");
        md.append(BenchReport.machine().stripTrailing()).append("  \n");
        md.append("Worklogs: ").append(BenchReport.num(ISSUES)).append(" mirrored issues of a Jira Cloud stand-in, also in the benchmark's JVM (search page ")
                .append(JIRA_PAGE).append("), WORKLOG_GROUPING=entry, WORKLOG_LOOKBACK=").append(LOOKBACK)
                .append(" (the entries start within the last ").append(DAYS).append(" days), ").append(USERS)
                .append(" Toggl users, the token a workspace admin's; 80% of the entries on mirrored tasks, 20% without a task ")
                .append("and matched by the key their description begins with; the sync state (SYNC_STATE_FILE) kept between the runs.\n\n");
        md.append(table).append(notes);
        System.out.println();
        System.out.print(table);
        System.out.print(notes);
        Path out = repo.resolve("bench/results.md");
        String before = Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        String old = BenchReport.section(before, "Worklogs");
        String kept = old.isEmpty() ? before : before.replace(old, "");
        Files.writeString(out, kept.stripTrailing() + (kept.isBlank() ? "" : "\n\n") + md, StandardCharsets.UTF_8);
        System.err.println("worklog bench: written " + out + " (app logs in " + work + ")");
        System.exit(rows.stream().anyMatch(r -> !r.problems.isEmpty()) ? 1 : 0);
    }

    /** The four situations for E entries, against a sandbox and a Jira of their own. */
    static List<Row> series(Path jar, Path work, int e) throws Exception {
        Path state = work.resolve("e" + e + "-sync-state.json");
        List<Row> rows = new ArrayList<>();
        try (TogglSandbox sandbox = Bench.newSandbox(); JiraStandIn jira = JiraStandIn.start()) {
            List<JiraStandIn.Issue> issues = new ArrayList<>();
            for (int i = 1; i <= ISSUES; i++) {
                issues.add(JiraStandIn.Issue.open(JIRA_PROJECT + "-" + i, "Issue " + i));
            }
            jira.setIssues(issues.toArray(JiraStandIn.Issue[]::new));

            // Not counted: the task-only run that mirrored the issues before worklogs were switched on.
            System.err.printf(Locale.ROOT, "worklog bench: E=%,d mirroring %,d issues ...%n", e, ISSUES);
            Bench.AppRun mirror = Bench.runJar(jar, work, sandbox, work.resolve("unused.csv"), Bench.APP_JVM, "e" + e + "-mirror",
                    env(jira, state, false));
            Map<String, TogglTask> tasks = new HashMap<>();
            sandbox.allTasks().forEach(t -> tasks.put(t.integrationExtId(), t));
            if (mirror.exit() != 0 || tasks.size() != ISSUES) {
                throw new IllegalStateException("the mirror run exited " + mirror.exit() + " with " + tasks.size() + " tasks (see "
                        + work.resolve("e" + e + "-mirror.log") + ")");
            }
            jira.ageIssues(Duration.ofHours(1));   // as on a schedule: the issues are no longer "just updated"

            List<TimeEntry> entries = track(sandbox, tasks, e);
            rows.add(run(jar, work, sandbox, jira, state, e, Situation.FIRST, e + 1L));
            rows.add(run(jar, work, sandbox, jira, state, e, Situation.RERUN, 1));
            System.err.printf(Locale.ROOT, "worklog bench: waiting %d s (Jira's /worklog/updated leaves out the last minute)%n",
                    STEADY_WAIT_MS / 1000);
            Thread.sleep(STEADY_WAIT_MS);
            rows.add(run(jar, work, sandbox, jira, state, e, Situation.STEADY, 1));
            int changed = change(sandbox, entries);
            rows.add(run(jar, work, sandbox, jira, state, e, Situation.CHANGED, changed + 1L));
        }
        return rows;
    }

    static Map<String, String> env(JiraStandIn jira, Path state, boolean worklogs) {
        Map<String, String> env = new HashMap<>();
        env.put("SYNC_SOURCE", "jira");
        env.put("JIRA_URL", jira.url());
        env.put("JIRA_USER", JiraStandIn.USER);
        env.put("JIRA_TOKEN", JiraFixture.JIRA_TOKEN);
        env.put("JIRA_JQL", "project = " + JIRA_PROJECT);
        env.put("JIRA_PAGE_SIZE", Integer.toString(JIRA_PAGE));
        env.put("SYNC_STATE_FILE", state.toString());
        env.put("WORKLOG_SYNC", Boolean.toString(worklogs));
        env.put("WORKLOG_LOOKBACK", LOOKBACK);
        env.put("WORKLOG_GROUPING", "entry");
        return env;
    }

    // =====================================================================================
    // Data
    // =====================================================================================

    static final String[] WORDS = {"Login form", "Review", "Fix tests", "Planning", "Invoice totals", "Release", "Design", "Support"};

    /**
     * E entries, deterministic but for the clock: entry i is on issue i % ISSUES, of user i / 7 % USERS, starts
     * within the last DAYS days (spread evenly, whole seconds) and lasts 5 to 119 minutes and some seconds. Every
     * fifth has no task and a description that begins with its issue's key, in the three forms the Toggl button
     * writes.
     */
    static List<TimeEntry> track(TogglSandbox sandbox, Map<String, TogglTask> tasks, int e) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(DAYS));
        long spreadSeconds = Duration.ofDays(DAYS - 1).toSeconds();
        List<TimeEntry> entries = new ArrayList<>(e);
        for (int i = 0; i < e; i++) {
            String key = JIRA_PROJECT + "-" + (1 + i % ISSUES);
            long user = 501 + (i / 7) % USERS;
            Instant start = from.plusSeconds(spreadSeconds * i / e);
            Instant stop = start.plusSeconds(60L * (5 + (i * 7L) % 115) + i % 60);
            String word = WORDS[i % WORDS.length];
            if (i % 5 == 4) {
                String description = switch (i / 5 % 3) {
                    case 0 -> key + " " + word.toLowerCase(Locale.ROOT);
                    case 1 -> key + ": " + word.toLowerCase(Locale.ROOT);
                    default -> "[" + key + "] " + word.toLowerCase(Locale.ROOT);
                };
                entries.add(sandbox.addTimeEntry(Bench.WORKSPACE, user, "User " + user, null, null, description, start, stop));
            } else {
                TogglTask task = tasks.get(key);
                entries.add(sandbox.addTimeEntry(Bench.WORKSPACE, user, "User " + user, task.projectId(), task.id(), word + " #" + i,
                        start, stop));
            }
        }
        return entries;
    }

    /**
     * 1% of the entries edited (every 100th from 37: alternately 10 minutes longer and a new description,
     * which keeps its key) and 0.5% deleted (every 200th from 91). Answers how many changed.
     */
    static int change(TogglSandbox sandbox, List<TimeEntry> entries) {
        int changed = 0;
        for (int i = 37, k = 0; i < entries.size(); i += 100, k++) {
            boolean longer = k % 2 == 0;
            sandbox.updateTimeEntry(entries.get(i).id(), x -> new TimeEntry(x.id(), x.workspaceId(), x.userId(), x.userName(),
                    x.projectId(), x.taskId(), longer ? x.description() : x.description() + " (edited)", x.start(),
                    longer ? x.stop().plusSeconds(600) : x.stop(), 0, x.at()));
            changed++;
        }
        for (int i = 91; i < entries.size(); i += 200) {
            sandbox.deleteTimeEntry(entries.get(i).id());
            changed++;
        }
        return changed;
    }

    // =====================================================================================
    // One run, measured and checked
    // =====================================================================================

    static Row run(Path jar, Path work, TogglSandbox sandbox, JiraStandIn jira, Path state, int e, Situation situation,
                   long jiraLowerBound) throws Exception {
        String tag = "e" + e + "-" + situation.name().toLowerCase(Locale.ROOT);
        Row r = new Row();
        r.e = e;
        r.situation = situation;
        List<TimeEntry> live = sandbox.timeEntries();
        r.togglLowerBound = Bench.ceilDiv(live.size(), REPORT_PAGE) + 2;
        r.jiraLowerBound = jiraLowerBound;
        r.naiveJira = ISSUES + live.size();
        System.err.printf(Locale.ROOT, "worklog bench: E=%,d %s ...", e, situation.label);

        jira.resetRequests();
        List<String> jvm = new ArrayList<>(Bench.APP_JVM);
        jvm.add("-Xlog:gc:file=" + work.resolve(tag + "-gc.log"));
        Bench.AppRun run = Bench.runJar(jar, work, sandbox, work.resolve("unused.csv"), jvm, tag, env(jira, state, true));
        r.wallMs = run.wallMs();
        r.peakRssKb = run.peakRssKb();
        r.heapAfterGcMb = AppProcess.maxHeapAfterGc(work.resolve(tag + "-gc.log"));
        if (run.exit() != 0) {
            r.problems.add("exit code " + run.exit() + " (see " + work.resolve(tag + ".log") + ")");
        }
        countToggl(r, sandbox);
        countJira(r, jira);
        checkReport(r, work.resolve(tag + "-report.json"), live.size());
        checkJira(r, jira, sandbox);
        System.err.printf(Locale.ROOT, " Toggl %,d, Jira %,d calls in %s%s%n", r.toggl.get("total"), r.jira.get("total"),
                BenchReport.seconds(r.wallMs), r.problems.isEmpty() ? "" : " PROBLEMS: " + r.problems);
        return r;
    }

    static void countToggl(Row r, TogglSandbox sandbox) {
        for (String c : TOGGL_COLUMNS) {
            r.toggl.put(c, 0L);
        }
        List<TogglSandbox.RecordedRequest> requests = sandbox.requests();
        if (requests.size() != sandbox.totalRequests()) {
            r.problems.add("the sandbox kept " + requests.size() + " of " + sandbox.totalRequests() + " requests: counts incomplete");
        }
        for (TogglSandbox.RecordedRequest q : requests) {
            String column = q.path().contains("/search/time_entries") ? "report pages"
                    : q.method().equals("GET") && q.path().equals("/workspaces/" + Bench.WORKSPACE) ? "workspace"
                    : q.method().equals("GET") && q.path().equals("/me") ? "me" : "task API";
            r.toggl.merge(column, 1L, Long::sum);
            if (q.status() / 100 != 2) {
                r.problems.add("Toggl answered " + q.status() + " to " + q.method() + " " + q.path());
            }
        }
        r.toggl.put("total", (long) requests.size());
    }

    static final Pattern ISSUE_WORKLOGS = Pattern.compile("/rest/api/[23]/issue/[^/]+/worklog");
    static final Pattern ONE_WORKLOG = Pattern.compile("/rest/api/[23]/issue/[^/]+/worklog/[^/]+");
    static final Pattern WORKLOG_FEEDS = Pattern.compile("/rest/api/[23]/worklog/(updated|deleted|list)");

    static void countJira(Row r, JiraStandIn jira) {
        for (String c : JIRA_COLUMNS) {
            r.jira.put(c, 0L);
        }
        Map<String, Long> failed = new LinkedHashMap<>();
        List<JiraStandIn.Request> requests = jira.requests();
        for (JiraStandIn.Request q : requests) {
            String column;
            if (q.path().matches("/rest/api/[23]/search(/jql)?")) {
                column = "search";
            } else if (ISSUE_WORKLOGS.matcher(q.path()).matches() && q.method().equals("GET")) {
                column = "worklog GET";
            } else if (ISSUE_WORKLOGS.matcher(q.path()).matches() && q.method().equals("POST")) {
                column = "POST";
            } else if (ONE_WORKLOG.matcher(q.path()).matches() && (q.method().equals("PUT") || q.method().equals("DELETE"))) {
                column = q.method();
            } else if (WORKLOG_FEEDS.matcher(q.path()).matches()) {
                column = "/worklog/" + q.path().substring(q.path().lastIndexOf('/') + 1);
            } else {
                column = "other";
            }
            r.jira.merge(column, 1L, Long::sum);
            if (q.status() / 100 != 2) {
                failed.merge(q.status() + " to " + q.method() + " " + q.path().replaceAll("/issue/[^/]+/", "/issue/{key}/"), 1L, Long::sum);
            }
        }
        failed.forEach((what, n) -> r.problems.add("Jira answered " + what + " (" + n + "×)"));
        r.jira.put("total", (long) requests.size());
    }

    /** The report's `worklogs` section: done, its counts as the stand-in saw them, and what the situation expects. */
    static void checkReport(Row r, Path report, int liveEntries) {
        JsonNode w;
        try {
            w = Bench.JSON.readTree(report.toFile()).path("worklogs");
        } catch (Exception ex) {
            r.problems.add("no report: " + ex.getMessage());
            return;
        }
        long created = w.path("created").asLong(-1);
        long updated = w.path("updated").asLong(-1);
        long deleted = w.path("deleted").asLong(-1);
        long unchanged = w.path("unchanged").asLong(-1);
        r.written = BenchReport.num(created) + " / " + BenchReport.num(updated) + " / " + BenchReport.num(deleted) + " / " + BenchReport.num(unchanged);
        if (!w.path("status").asText().equals("done")) {
            r.problems.add("worklogs status " + w.path("status") + " " + w.path("reason"));
        }
        expect(r, "report created vs the stand-in's POSTs", created, r.jira.get("POST"));
        expect(r, "report updated vs the stand-in's PUTs", updated, r.jira.get("PUT"));
        expect(r, "report deleted vs the stand-in's DELETEs", deleted, r.jira.get("DELETE"));
        expect(r, "report calls.jira vs the stand-in's worklog calls", w.path("calls").path("jira").asLong(-1), r.jiraWorklogCalls());
        expect(r, "report calls.toggl vs the sandbox's report pages + workspace + me", w.path("calls").path("toggl").asLong(-1),
                r.togglWorklogCalls());
        expect(r, "report entries_read", w.path("entries_read").asLong(-1), liveEntries);
        switch (r.situation) {
            case FIRST -> expect(r, "created", created, liveEntries);
            case RERUN, STEADY -> {
                expect(r, "unchanged", unchanged, liveEntries);
                expect(r, "written", created + updated + deleted, 0);
            }
            case CHANGED -> {
                int edits = (r.e - 37 + 99) / 100;
                expect(r, "updated", updated, edits);
                expect(r, "deleted", deleted, r.e - liveEntries);
                expect(r, "unchanged", unchanged, liveEntries - edits);
                expect(r, "created", created, 0);
            }
        }
    }

    static void expect(Row r, String what, long got, long expected) {
        if (got != expected) {
            r.problems.add(what + ": " + got + ", expected " + expected);
        }
    }

    /** Jira holds exactly one worklog of ours per entry in the sandbox: its issue, its start, its minutes rounded up. */
    static void checkJira(Row r, JiraStandIn jira, TogglSandbox sandbox) {
        Map<Long, TogglTask> tasks = new HashMap<>();
        sandbox.allTasks().forEach(t -> tasks.put(t.id(), t));
        Map<Long, List<JiraStandIn.Worklog>> ours = new HashMap<>();
        for (JiraStandIn.Worklog w : jira.allWorklogs()) {
            if (w.mark() != null) {
                w.mark().path("entry_ids").forEach(id -> ours.computeIfAbsent(id.asLong(), k -> new ArrayList<>()).add(w));
            }
        }
        int missing = 0;
        int duplicated = 0;
        int wrong = 0;
        String example = null;
        for (TimeEntry t : sandbox.timeEntries()) {
            List<JiraStandIn.Worklog> found = ours.remove(t.id());
            if (found == null || found.size() != 1) {
                missing += found == null ? 1 : 0;
                duplicated += found == null ? 0 : 1;
                continue;
            }
            JiraStandIn.Worklog w = found.get(0);
            String issue = issueOf(t, tasks);
            long seconds = Bench.ceilDiv(t.seconds(), 60) * 60;
            if (!w.issueKey().equals(issue) || w.timeSpentSeconds() != seconds || !w.started().equals(t.start())) {
                wrong++;
                example = example != null ? example : "entry " + t.id() + ": " + w.issueKey() + " " + w.started() + " "
                        + w.timeSpentSeconds() + " s, expected " + issue + " " + t.start() + " " + seconds + " s";
            }
        }
        if (missing + duplicated + wrong > 0 || !ours.isEmpty()) {
            r.problems.add("Jira out of sync: " + missing + " entries without a worklog, " + duplicated + " with more than one, "
                    + wrong + " wrong, " + ours.size() + " worklogs of deleted entries" + (example == null ? "" : " (" + example + ")"));
        }
    }

    static String issueOf(TimeEntry t, Map<Long, TogglTask> tasks) {
        if (t.taskId() != null) {
            return tasks.get(t.taskId()).integrationExtId();
        }
        Matcher m = KEY.matcher(t.description());
        return m.find() ? m.group(1) : "?";
    }

    // =====================================================================================
    // Output
    // =====================================================================================

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| E | situation | report pages | workspace | me | task API | Toggl worklog calls "
                + "| Toggl lower bound | Jira search | worklog GET | POST | PUT | DELETE | /worklog/updated | /worklog/deleted | /worklog/list | other "
                + "| Jira worklog calls | Jira lower bound | naive Jira calls | naive / app | created / updated / deleted / unchanged "
                + "| wall | peak RSS | max heap after GC |\n");
        sb.append("| --- | --- |").append(" ---: |".repeat(23)).append("\n");
        for (Row r : rows) {
            sb.append("| ").append(BenchReport.num(r.e)).append(" | ").append(r.situation.label);
            for (String c : TOGGL_COLUMNS) {
                sb.append(" | ").append(BenchReport.num(r.toggl.get(c)));
            }
            sb.append(" | **").append(BenchReport.num(r.togglWorklogCalls())).append("** | ").append(BenchReport.num(r.togglLowerBound));
            for (String c : JIRA_COLUMNS) {
                sb.append(" | ").append(BenchReport.num(r.jira.get(c)));
            }
            sb.append(" | **").append(BenchReport.num(r.jiraWorklogCalls())).append("** | ").append(BenchReport.num(r.jiraLowerBound));
            sb.append(" | ").append(BenchReport.num(r.naiveJira)).append(" | ").append(BenchReport.ratio(r.naiveJira, r.jiraWorklogCalls()));
            sb.append(" | ").append(r.written);
            sb.append(" | ").append(BenchReport.seconds(r.wallMs));
            sb.append(" | ").append(r.peakRssKb < 0 ? "?" : (r.peakRssKb + 512) / 1024 + " MB");
            sb.append(" | ").append(r.heapAfterGcMb < 0 ? "?" : r.heapAfterGcMb + " MB").append(" |\n");
        }
        return sb.toString();
    }

    static String notes(List<Row> rows) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("Toggl worklog calls = report pages + workspace + me (the task API calls are the run's task sync). Jira worklog calls = "
                + "every call on worklogs (the search is the task sync's; other: anything else). Lower bounds: Toggl ceil(E / ")
                .append(REPORT_PAGE).append(") + 2; Jira, first run E POSTs + 1 read, unchanged rerun 1 read, changed run the changed "
                        + "entries' writes + 1 read (1% edited: E/100 PUTs, 0.5% deleted: E/200 DELETEs). Naive script: one worklog GET "
                        + "per issue and one POST per entry every run, without de-duplicating (")
                .append(BenchReport.num(ISSUES)).append(" + E calls; its reruns duplicate every worklog).\n");
        sb.append("Load average (1 min) at the start and the end: ").append(BenchReport.loadAtStart).append(" / ").append(BenchReport.load())
                .append(" (other processes on the machine slow the app's wall time).\n");
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            r.problems.forEach(p -> problems.add("E=" + BenchReport.num(r.e) + " " + r.situation.label + ": " + p));
        }
        if (!problems.isEmpty()) {
            sb.append("\n**Problems:**\n");
            problems.forEach(p -> sb.append("- ").append(p).append("\n"));
        }
        return sb.toString();
    }
}
