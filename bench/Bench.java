/*
 * The benchmark of toggl-task-sync (run by hand through bench/run.sh; not part of the build or CI).
 *
 * For each size N it generates a generic CSV of N records (one project, about 10% of them done)
 * and a copy with 1% of the records changed, starts a TogglSandbox (the app's in-memory Toggl API,
 * over real HTTP) in this JVM, and runs the REAL app, the packaged
 * target/quarkus-app/quarkus-run.jar, as a separate process (-Xmx256m, client-side rate limit
 * off) in three situations:
 *
 *   first import      the project is empty, the CSV is imported
 *   rerun unchanged   the same CSV again
 *   rerun 1% changed  the changed CSV: 1% of the records differ, half of those by name or estimate
 *                     (a rename or re-estimate: one PUT each), half by active=true -> false
 *                     (a finished task: bulk PATCH)
 *
 * all three as full sweeps (SYNC_FULL_SWEEP_INTERVAL=0: every run reads every task, as before the
 * sync state), then three runs that use the sync state the sweeps left: the first after the sweep
 * that changed 1% (it reads those tasks back), an unchanged one, and one with another 1% changed.
 *
 * It measures the API calls by method (counted by the sandbox, checked against the app's report),
 * the wall time and peak RSS (VmHWM) of the app process, the largest heap after a GC (from the
 * app's GC log), the planning time (the app's "Plan (... planned in N ms)" line) and the time from
 * the process start to the first request the sandbox receives (this includes reading the CSV).
 * After every run it checks that the sandbox holds exactly what the CSV says.
 *
 * Lower bound of API calls for a run, per target project:
 *     ceil(N / page) + k_named + sum over shared estimates v of ceil(k_v / batch) + ceil(k_flags / batch)
 * page = the page size the server grants (the sandbox grants 200, the app asks for 200),
 * k_named = renames + re-estimates to a value no other task gets (one PUT each), k_v = tasks
 * re-estimated to the same value v (bulk PATCH), k_flags = active flips (bulk PATCH, batch =
 * toggl.patch-batch-size, 100). For a first import the snapshot is empty, so the rule is
 * (1 GET of the empty snapshot per target project) + N POSTs.
 *
 * Naive baseline: what a simple script does, one GET and one write per record, over the same
 * data against a fresh sandbox. First import: GET one bounded page (per_page=1, newest first) of
 * the project's tasks as its "does it exist?" check (it has no ids yet, and Toggl cannot look a
 * task up by name or external id), then POST; the sandbox rebuilds that listing after every write,
 * so the GETs are sent in one pass before the POSTs (same calls, cheaper for the sandbox). Reruns:
 * GET the task by the id it saved from its own first import, then PUT it (always: a simple script
 * does not compare). So 2 N calls per situation.
 *
 * Usage: bench/run.sh [N ...]   (default 1000 20000 100000; compiled with its parts: BenchData, the data; Naive, the
 * baseline; StartupBench, the start-up table; BenchReport, the printing; AppProcess, the app's process)
 * Output: a Markdown table on stdout, also written to bench/results.md with date and machine info.
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static final long WORKSPACE = 1;
    static final long PROJECT = 1001;
    static final String TOKEN = "bench-token";
    static final int PAGE = 200;            // the app asks for 200 per page; the sandbox grants 200
    static final int PATCH_BATCH = 100;     // toggl.patch-batch-size default
    /**
     * The app's JVM options: BENCH_APP_JAVA_OPTS, by default as the container runs it (the heap the
     * k8s pods get, C1 only: see src/main/docker/Dockerfile.jvm).
     */
    static final List<String> APP_JVM = List.of(Optional.ofNullable(System.getenv("BENCH_APP_JAVA_OPTS"))
            .orElse("-Xmx256m -XX:TieredStopAtLevel=1").trim().split("\\s+"));
    static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    static final ObjectMapper JSON = new ObjectMapper();

    enum Situation {
        FIRST("first import"), RERUN("rerun unchanged"), CHANGED("rerun 1% changed"),
        // with the sync state (part 6): the run right after a full sweep, then the steady state
        INC_AFTER_SWEEP("incremental, first after a sweep"), INC_RERUN("incremental, unchanged"),
        INC_CHANGED("incremental, 1% changed");

        final String label;

        Situation(String label) {
            this.label = label;
        }
    }

    /** One generic CSV record. */
    record Rec(String extId, String name, long estimate, boolean active) {
    }

    /** What one app run (or one naive pass) measured. */
    static final class Result {
        int n;
        Situation situation;
        Map<String, Long> calls = new LinkedHashMap<>();
        long total;
        long lowerBound;
        long wallMs;
        long peakRssKb = -1;
        long heapAfterGcMb = -1;
        long planMs = -1;
        long planCpuMs = -1;
        long startupMs = -1;
        int exitCode;
        long naiveCalls;
        long naiveWallMs;
        List<String> problems = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path jar = repo.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it first (bench/run.sh does)");
        }
        List<Integer> sizes = new ArrayList<>();
        boolean startupOnly = false;
        for (String a : args) {
            if (a.equals("startup")) {
                startupOnly = true;
            } else {
                sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
            }
        }
        if (sizes.isEmpty() && !startupOnly) {
            sizes = List.of(1_000, 20_000, 100_000);
        }
        Path work = Files.createTempDirectory("toggl-bench-");
        System.err.println("bench: work dir " + work);

        List<Result> results = new ArrayList<>();
        long benchStart = System.nanoTime();
        for (int n : sizes) {
            List<Rec> v1 = BenchData.generate(n);
            List<Rec> v2 = BenchData.change(v1, 50);
            List<Rec> v3 = BenchData.change(v2, 25);
            Path csv1 = BenchData.writeCsv(work.resolve("n" + n + "-v1.csv"), v1);
            Path csv2 = BenchData.writeCsv(work.resolve("n" + n + "-v2.csv"), v2);
            Path csv3 = BenchData.writeCsv(work.resolve("n" + n + "-v3.csv"), v3);
            // the full-sweep rows run as every run did before the sync state; the state file is kept for the incremental rows
            Path state = work.resolve("n" + n + "-sync-state.json");
            Map<String, String> sweep = Map.of("SYNC_STATE_FILE", state.toString(), "SYNC_FULL_SWEEP_INTERVAL", "0");
            Map<String, String> incremental = Map.of("SYNC_STATE_FILE", state.toString());

            List<Result> rows = new ArrayList<>();
            try (TogglSandbox sandbox = newSandbox()) {
                // An incremental run reads what changed after the last run began reading, less two
                // minutes. The sandbox's answers carry this machine's real time as their Date (the
                // JDK's server sets it), so instead of moving the sandbox's clock the benchmark waits
                // after each run that wrote, so that its writes are out of the window of the run
                // after next, as they are on a schedule.
                rows.add(runApp(jar, work, sandbox, n, Situation.FIRST, csv1, v1, 1 + n, sweep));
                BenchData.waitOutTheOverlap();
                rows.add(runApp(jar, work, sandbox, n, Situation.RERUN, csv1, v1, ceilDiv(n, PAGE), sweep));
                rows.add(runApp(jar, work, sandbox, n, Situation.CHANGED, csv2, v2, ceilDiv(n, PAGE) + BenchData.writeCalls(v1, v2), sweep));
                BenchData.waitOutTheOverlap();
                // the sweep before changed 1%: this run reads those tasks back (they changed after it began reading)
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_AFTER_SWEEP, csv2, v2, Math.max(1, ceilDiv(BenchData.changed(v1, v2), PAGE)),
                        incremental));
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_RERUN, csv2, v2, 1, incremental));
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_CHANGED, csv3, v3, 1 + BenchData.writeCalls(v2, v3), incremental));
            }
            if ("false".equals(System.getenv("BENCH_NAIVE"))) {
                results.addAll(rows);   // a quick comparison of app settings: no naive column
                continue;
            }
            try (TogglSandbox sandbox = newSandbox()) {
                Naive naive = new Naive(sandbox);
                naive.run(rows.get(0), v1, true);
                naive.run(rows.get(1), v1, false);
                naive.run(rows.get(2), v2, false);
            }
            results.addAll(rows);
            System.err.println();
        }

        String table = results.isEmpty() ? "" : BenchReport.table(results);
        String notes = results.isEmpty() ? "" : BenchReport.notes(results);
        // Start-up runs with the full benchmark and with `startup`, not with a list of sizes alone.
        if (startupOnly || args.length == 0) {
            notes = notes + "\n" + StartupBench.startup(jar, work);
        }
        StringBuilder md = new StringBuilder();
        md.append("# toggl-task-sync benchmark results\n\n");
        md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" with `bench/run.sh").append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`")
                .append(" (whole benchmark ").append(BenchReport.seconds((System.nanoTime() - benchStart) / 1_000_000)).append(").\n\n");
        md.append(BenchReport.machine()).append("\n");
        md.append(table);
        md.append(notes);
        System.out.println();
        System.out.print(table);
        System.out.print(notes);
        Path out = repo.resolve("bench/results.md");
        // the worklog series (bench/WorklogBench.java) keeps its section in the same file
        String worklogs = Files.isRegularFile(out) ? BenchReport.section(Files.readString(out, StandardCharsets.UTF_8), "Worklogs") : "";
        md.append(worklogs.isEmpty() ? "" : "\n" + worklogs);
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.err.println("bench: written " + out + " (app logs in " + work + ")");
        boolean failed = results.stream().anyMatch(r -> !r.problems.isEmpty());
        System.exit(failed ? 1 : 0);
    }

    static TogglSandbox newSandbox() {
        TogglSandbox s = new TogglSandbox(TOKEN).start(0);
        s.addProject(WORKSPACE, PROJECT, "Benchmark");
        s.setMaxPerPage(PAGE);
        s.setPatchLimit(PATCH_BATCH);
        return s;
    }

    static final Pattern PLANNED = Pattern.compile("planned in (\\d+) ms(?:, (\\d+) ms CPU)?");

    static Result runApp(Path jar, Path work, TogglSandbox sandbox, int n, Situation situation, Path csv,
                         List<Rec> desired, long lowerBound, Map<String, String> env) throws Exception {
        String tag = "n" + n + "-" + situation.name().toLowerCase(Locale.ROOT);
        Path log = work.resolve(tag + ".log");
        Path gcLog = work.resolve(tag + "-gc.log");
        Path report = work.resolve(tag + "-report.json");
        Result r = new Result();
        r.n = n;
        r.situation = situation;
        r.lowerBound = lowerBound;
        System.err.printf(Locale.ROOT, "bench: N=%,d %s: app ...", n, situation.label);

        List<String> jvm = new ArrayList<>(APP_JVM);
        jvm.add("-Xlog:gc:file=" + gcLog);
        AppRun run = runJar(jar, work, sandbox, csv, jvm, tag, env);
        r.exitCode = run.exit();
        r.wallMs = run.wallMs();
        r.peakRssKb = run.peakRssKb();
        r.startupMs = run.firstRequestMs();

        Map<String, Long> counts = sandbox.requestCounts();
        for (String m : METHODS) {
            r.calls.put(m, counts.getOrDefault(m, 0L));
        }
        r.total = sandbox.totalRequests();

        String out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher pm = PLANNED.matcher(out);
        if (pm.find()) {
            r.planMs = Long.parseLong(pm.group(1));
            r.planCpuMs = pm.group(2) == null ? -1 : Long.parseLong(pm.group(2));
        }
        if (out.contains("OutOfMemoryError")) {
            r.problems.add("OutOfMemoryError (see " + log + ")");
        }
        r.heapAfterGcMb = AppProcess.maxHeapAfterGc(gcLog);
        if (r.exitCode != 0) {
            r.problems.add("exit code " + r.exitCode + " (see " + log + ")");
        }
        checkReport(r, report);
        checkState(r, sandbox, desired);
        System.err.printf(Locale.ROOT, " %,d calls in %s%s%n", r.total, BenchReport.seconds(r.wallMs),
                r.problems.isEmpty() ? "" : " PROBLEMS: " + r.problems);
        return r;
    }

    /** The app's settings for a run against the sandbox; nothing from the caller's environment leaks in. */
    static void appEnvironment(ProcessBuilder pb, TogglSandbox sandbox, Path csv, Path report, Path deadLetters) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("CSV_")
                || k.startsWith("JIRA_") || k.startsWith("SANDBOX_") || k.startsWith("QUARKUS_")
                || k.startsWith("WORKLOG_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        env.put("TOGGL_API_URL", sandbox.baseUrl());
        env.put("TOGGL_API_TOKEN", TOKEN);
        env.put("TOGGL_WORKSPACE_ID", Long.toString(WORKSPACE));
        env.put("TOGGL_PROJECT_ID", Long.toString(PROJECT));
        env.put("TOGGL_RATE_LIMIT", "0");
        env.put("TOGGL_PAGE_SIZE", Integer.toString(PAGE));
        env.put("TOGGL_PATCH_BATCH_SIZE", Integer.toString(PATCH_BATCH));
        env.put("CSV_PATH", csv.toString());
        env.put("SYNC_REPORT_FILE", report.toString());
        env.put("SYNC_DEAD_LETTER_FILE", deadLetters.toString());
    }

    /** One run of the app: ms to the first request the sandbox saw (-1 if none), ms to exit, exit code, peak RSS. */
    record AppRun(long firstRequestMs, long wallMs, int exit, long peakRssKb) {
    }

    /**
     * Runs the packaged app once against the sandbox (log, report and dead letters named after
     * {@code tag} in {@code work}) and measures it.
     */
    static AppRun runJar(Path jar, Path work, TogglSandbox sandbox, Path csv, List<String> jvm, String tag) throws Exception {
        return runJar(jar, work, sandbox, csv, jvm, tag, Map.of());
    }

    static AppRun runJar(Path jar, Path work, TogglSandbox sandbox, Path csv, List<String> jvm, String tag, Map<String, String> env)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(work.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve(tag + ".log").toFile());
        appEnvironment(pb, sandbox, csv, work.resolve(tag + "-report.json"), work.resolve(tag + "-dead-letter.jsonl"));
        pb.environment().putAll(env);
        sandbox.resetCounters();
        long t0 = System.nanoTime();
        Process p = pb.start();
        // Start-up: poll the sandbox until the first request arrives.
        long first = -1;
        while (p.isAlive()) {
            if (sandbox.totalRequests() > 0) {
                first = (System.nanoTime() - t0) / 1_000_000;
                break;
            }
            LockSupport.parkNanos(500_000);
        }
        // Peak RSS: VmHWM is the high-water mark; sample it until the process is gone.
        long hwm = -1;
        while (p.isAlive()) {
            hwm = Math.max(hwm, AppProcess.statusKb(p.pid(), "VmHWM"));
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        int exit = p.waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        if (first < 0 && sandbox.totalRequests() > 0) {
            first = wall;   // the whole run happened between two polls
        }
        return new AppRun(first, wall, exit, hwm);
    }

    /** The app's own count must equal the server's, and its outcome what the situation expects. */
    static void checkReport(Result r, Path report) {
        JsonNode root;
        try {
            root = JSON.readTree(report.toFile());
        } catch (IOException e) {
            r.problems.add("no report: " + e.getMessage());
            return;
        }
        JsonNode calls = root.path("api_calls");
        for (String m : METHODS) {
            long reported = calls.path(m).asLong(0);
            if (reported != r.calls.get(m)) {
                r.problems.add("report says " + reported + " " + m + ", the sandbox counted " + r.calls.get(m));
            }
        }
        if (calls.path("total").asLong(-1) != r.total) {
            r.problems.add("report total " + calls.path("total") + " != sandbox total " + r.total);
        }
        for (String k : List.of("failed", "rejected", "deferred")) {
            if (root.path(k).asLong(0) != 0) {
                r.problems.add(k + " " + root.path(k));
            }
        }
        if (r.situation == Situation.FIRST && root.path("created").asLong() != r.n) {
            r.problems.add("created " + root.path("created") + ", expected " + r.n);
        }
        if (r.situation == Situation.RERUN && root.path("unchanged").asLong() != r.n) {
            r.problems.add("unchanged " + root.path("unchanged") + ", expected " + r.n);
        }
    }

    /** The sandbox must hold exactly the desired tasks (by name, estimate and active). */
    static void checkState(Result r, TogglSandbox sandbox, List<Rec> desired) {
        Map<String, TogglTask> byExt = new HashMap<>();
        for (TogglTask t : sandbox.allTasks()) {
            byExt.put(t.integrationExtId(), t);
        }
        int wrong = 0;
        for (Rec rec : desired) {
            TogglTask t = byExt.remove(rec.extId());
            if (t == null || !t.name().equals(rec.name()) || t.estimatedSeconds() == null
                    || t.estimatedSeconds() != rec.estimate() || t.active() != rec.active()) {
                wrong++;
            }
        }
        if (wrong > 0 || !byExt.isEmpty()) {
            r.problems.add("sandbox out of sync: " + wrong + " record(s) differ, " + byExt.size() + " extra task(s)");
        }
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
