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
 * Usage: java -cp <app jar + lib/main/*.jar> bench/Bench.java [N ...]   (default 1000 20000 100000)
 * Output: a Markdown table on stdout, also written to bench/results.md with date and machine info.
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
            List<Rec> v1 = generate(n);
            List<Rec> v2 = change(v1, 50);
            List<Rec> v3 = change(v2, 25);
            Path csv1 = writeCsv(work.resolve("n" + n + "-v1.csv"), v1);
            Path csv2 = writeCsv(work.resolve("n" + n + "-v2.csv"), v2);
            Path csv3 = writeCsv(work.resolve("n" + n + "-v3.csv"), v3);
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
                waitOutTheOverlap();
                rows.add(runApp(jar, work, sandbox, n, Situation.RERUN, csv1, v1, ceilDiv(n, PAGE), sweep));
                rows.add(runApp(jar, work, sandbox, n, Situation.CHANGED, csv2, v2, ceilDiv(n, PAGE) + writeCalls(v1, v2), sweep));
                waitOutTheOverlap();
                // the sweep before changed 1%: this run reads those tasks back (they changed after it began reading)
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_AFTER_SWEEP, csv2, v2, Math.max(1, ceilDiv(changed(v1, v2), PAGE)),
                        incremental));
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_RERUN, csv2, v2, 1, incremental));
                rows.add(runApp(jar, work, sandbox, n, Situation.INC_CHANGED, csv3, v3, 1 + writeCalls(v2, v3), incremental));
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

        String table = results.isEmpty() ? "" : table(results);
        String notes = results.isEmpty() ? "" : notes(results);
        // Start-up runs with the full benchmark and with `startup`, not with a list of sizes alone.
        if (startupOnly || args.length == 0) {
            notes = notes + "\n" + startup(jar, work);
        }
        StringBuilder md = new StringBuilder();
        md.append("# toggl-task-sync benchmark results\n\n");
        md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" with `bench/run.sh").append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`")
                .append(" (whole benchmark ").append(seconds((System.nanoTime() - benchStart) / 1_000_000)).append(").\n\n");
        md.append(machine()).append("\n");
        md.append(table);
        md.append(notes);
        System.out.println();
        System.out.print(table);
        System.out.print(notes);
        Path out = repo.resolve("bench/results.md");
        // the worklog series (bench/WorklogBench.java) keeps its section in the same file
        String worklogs = Files.isRegularFile(out) ? section(Files.readString(out, StandardCharsets.UTF_8), "Worklogs") : "";
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

    // =====================================================================================
    // Data
    // =====================================================================================

    static final String[] WORDS = {"Write", "Review", "Fix", "Plan", "Test", "Ship", "Design", "Measure",
            "parser", "report", "login page", "export", "billing", "search", "dashboard", "invoice"};

    /** Deterministic: record i is the same for every run and every N. About 10% are done. */
    static List<Rec> generate(int n) {
        List<Rec> recs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "%s %s #%06d", WORDS[i % 8], WORDS[8 + (i / 8) % 8], i);
            recs.add(new Rec(String.format(Locale.ROOT, "R%06d", i), name, 1800L * (1 + i % 16), i % 10 != 3));
        }
        return recs;
    }

    /**
     * 1% of the records (every 100th, starting at 50; all active in v1) change: of every four, one
     * is renamed, one re-estimated, two are finished (active=false).
     */
    static List<Rec> change(List<Rec> v1, int start) {
        List<Rec> v2 = new ArrayList<>(v1);
        for (int i = start, k = 0; i < v1.size(); i += 100, k++) {
            Rec r = v1.get(i);
            v2.set(i, switch (k % 4) {
                case 0 -> new Rec(r.extId(), r.name() + " (renamed)", r.estimate(), r.active());
                // re-estimates: every other one to a value of its own, the rest to one shared value
                case 1 -> new Rec(r.extId(), r.name(), (k / 4) % 2 == 0 ? r.estimate() + i : 99_900, r.active());
                default -> new Rec(r.extId(), r.name(), r.estimate(), false);
            });
        }
        return v2;
    }

    /**
     * The write calls from a to b at the lower bound: a PUT per rename or lone re-estimate, a PATCH
     * per 100 re-estimates to one value (and the same active change), a PATCH per 100 flips.
     */
    static int writeCalls(List<Rec> a, List<Rec> b) {
        int calls = 0;
        int flips = 0;
        Map<String, Integer> sameEstimate = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            Rec x = a.get(i);
            Rec y = b.get(i);
            if (!x.name().equals(y.name())) {
                calls++;
            } else if (x.estimate() != y.estimate()) {
                sameEstimate.merge(y.estimate() + "/" + (x.active() == y.active() ? "-" : y.active()), 1, Integer::sum);
            } else if (x.active() != y.active()) {
                flips++;
            }
        }
        for (int group : sameEstimate.values()) {
            calls += group == 1 ? 1 : (int) ceilDiv(group, PATCH_BATCH);   // a lone re-estimate is a PUT
        }
        return (int) (calls + ceilDiv(flips, PATCH_BATCH));
    }

    /** How many records differ between a and b (the tasks a run from a to b writes). */
    static int changed(List<Rec> a, List<Rec> b) {
        int k = 0;
        for (int i = 0; i < a.size(); i++) {
            k += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
        return k;
    }

    /** The overlap an incremental run reads again (the app's two minutes), and a margin. */
    static void waitOutTheOverlap() throws InterruptedException {
        System.err.println("bench: waiting 125 s, the incremental runs' overlap");
        Thread.sleep(125_000);
    }

    static Path writeCsv(Path file, List<Rec> recs) throws IOException {
        StringBuilder sb = new StringBuilder(recs.size() * 48);
        sb.append("external_id,name,project_id,estimated_seconds,active\n");
        for (Rec r : recs) {
            sb.append(r.extId()).append(',').append(r.name()).append(",,").append(r.estimate()).append(',')
                    .append(r.active()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    // =====================================================================================
    // The app
    // =====================================================================================

    static final Pattern PLANNED = Pattern.compile("planned in (\\d+) ms(?:, (\\d+) ms CPU)?");
    static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

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
        r.heapAfterGcMb = maxHeapAfterGc(gcLog);
        if (r.exitCode != 0) {
            r.problems.add("exit code " + r.exitCode + " (see " + log + ")");
        }
        checkReport(r, report);
        checkState(r, sandbox, desired);
        System.err.printf(Locale.ROOT, " %,d calls in %s%s%n", r.total, seconds(r.wallMs),
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

    // =====================================================================================
    // Start-up: time to the first request under three JVM set-ups, interleaved
    // =====================================================================================

    static final int STARTUP_ROUNDS = 7;

    /**
     * Process start to the first request the sandbox receives, for a 100-row CSV whose tasks are
     * already in Toggl (the first request is the snapshot GET; the run makes 1 call). Three JVM
     * set-ups, run in turn STARTUP_ROUNDS times so that the machine's drift hits all of them alike:
     * the JVM's defaults, C1 only (-XX:TieredStopAtLevel=1, as the container image runs it), and
     * C1 with an AppCDS archive recorded by one training run of the same sync.
     */
    static String startup(Path jar, Path work) throws Exception {
        Path csv = writeCsv(work.resolve("startup.csv"), generate(100));
        Path archive = work.resolve("app-cds.jsa");
        Files.deleteIfExists(archive);
        List<String> heap = List.of("-Xmx256m");
        List<String> c1 = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
        List<String> cds = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archive);
        Map<String, List<String>> setups = new LinkedHashMap<>();
        setups.put("JVM defaults", heap);
        setups.put("C1 only (`-XX:TieredStopAtLevel=1`)", c1);
        setups.put("C1 + AppCDS archive (`-XX:SharedArchiveFile`)", cds);
        Map<String, List<Long>> firstRequestMs = new LinkedHashMap<>();
        Map<String, List<Long>> wallMs = new LinkedHashMap<>();
        try (TogglSandbox sandbox = newSandbox()) {
            AppRun importRun = runJar(jar, work, sandbox, csv, heap, "startup-import");   // the tasks now exist
            if (importRun.exit() != 0) {
                throw new IllegalStateException("start-up: the import run exited " + importRun.exit());
            }
            List<String> training = new ArrayList<>(c1);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            runJar(jar, work, sandbox, csv, training, "startup-training");
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("start-up: the training run wrote no " + archive);
            }
            for (int round = 0; round < STARTUP_ROUNDS; round++) {
                for (Map.Entry<String, List<String>> setup : setups.entrySet()) {
                    System.err.printf(Locale.ROOT, "bench: start-up round %d, %s ...", round + 1, setup.getKey());
                    AppRun t = runJar(jar, work, sandbox, csv, setup.getValue(), "startup");
                    if (t.exit() != 0 || t.firstRequestMs() < 0) {
                        throw new IllegalStateException("start-up: run exited " + t.exit() + " (see " + work.resolve("startup.log") + ")");
                    }
                    firstRequestMs.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(t.firstRequestMs());
                    wallMs.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(t.wallMs());
                    System.err.printf(Locale.ROOT, " first request %s, exit %s%n", seconds(t.firstRequestMs()), seconds(t.wallMs()));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Start-up to the first request: a 100-row CSV already in Toggl (1 call), ").append(STARTUP_ROUNDS)
                .append(" runs of each set-up, interleaved; median (fastest to slowest).\n\n");
        sb.append("| JVM set-up | start-up to 1st request | whole run |\n| --- | ---: | ---: |\n");
        for (String key : setups.keySet()) {
            sb.append("| ").append(key).append(" | ").append(spread(firstRequestMs.get(key)))
                    .append(" | ").append(spread(wallMs.get(key))).append(" |\n");
        }
        return sb.toString();
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
            hwm = Math.max(hwm, vmHwmKb(p.pid()));
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        int exit = p.waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        if (first < 0 && sandbox.totalRequests() > 0) {
            first = wall;   // the whole run happened between two polls
        }
        return new AppRun(first, wall, exit, hwm);
    }

    static String spread(List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return seconds(sorted.get(sorted.size() / 2)) + " (" + seconds(sorted.get(0)) + " to " + seconds(sorted.get(sorted.size() - 1)) + ")";
    }

    static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // the process just ended, or no /proc (not Linux)
        }
        return -1;
    }

    /** The largest heap occupancy right after a GC, in MB (the live set at its largest), or -1. */
    static long maxHeapAfterGc(Path gcLog) {
        try {
            long max = -1;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    max = Math.max(max, Long.parseLong(m.group(2)));
                }
            }
            return max;
        } catch (IOException e) {
            return -1;
        }
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

    // =====================================================================================
    // The naive baseline
    // =====================================================================================

    /** One GET and one POST (first import) or PUT (reruns) per record, sequentially. */
    static final class Naive {
        final TogglSandbox sandbox;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final String auth = "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));
        final String tasksUrl;
        /** external id -> task id, as the script saves them from its first import. */
        final Map<String, Long> ids = new HashMap<>();

        Naive(TogglSandbox sandbox) {
            this.sandbox = sandbox;
            this.tasksUrl = sandbox.baseUrl() + "/workspaces/" + WORKSPACE + "/projects/" + PROJECT + "/tasks";
        }

        void run(Result r, List<Rec> recs, boolean firstImport) throws Exception {
            System.err.printf(Locale.ROOT, "bench: N=%,d %s: naive ...", r.n, r.situation.label);
            sandbox.resetCounters();
            String newestPage = sandbox.baseUrl() + "/workspaces/" + WORKSPACE + "/tasks?pid=" + PROJECT
                    + "&active=both&sort_field=created_at&sort_order=DESC&per_page=1&page=1";
            long t0 = System.nanoTime();
            if (firstImport) {
                // Every write makes the sandbox rebuild its listing (O(tasks)), so these GETs go in
                // one pass before the POSTs, served from its cache: the same calls, in another order.
                for (int i = 0; i < recs.size(); i++) {
                    send("GET", newestPage, null);
                }
            }
            for (Rec rec : recs) {
                String body = JSON.createObjectNode().put("name", rec.name()).put("estimated_seconds", rec.estimate())
                        .put("active", rec.active()).toString();
                if (firstImport) {
                    JsonNode created = JSON.readTree(send("POST", tasksUrl, body));
                    ids.put(rec.extId(), created.path("id").asLong());
                } else {
                    String url = tasksUrl + "/" + ids.get(rec.extId());
                    send("GET", url, null);
                    send("PUT", url, body);
                }
            }
            r.naiveWallMs = (System.nanoTime() - t0) / 1_000_000;
            r.naiveCalls = sandbox.totalRequests();
            System.err.printf(Locale.ROOT, " %,d calls in %s%n", r.naiveCalls, seconds(r.naiveWallMs));
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

    // =====================================================================================
    // Output
    // =====================================================================================

    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| N | situation | GET | POST | PUT | PATCH | DELETE | calls | lower bound | wall | peak RSS | max heap after GC "
                + "| planning | start-up to 1st request | at 1 req/s | Starter 240/h | Premium 600/h | naive calls | naive wall | naive / app |\n");
        sb.append("|").append(" ---: |".repeat(2).replace("---:", "---")).append(" ---: |".repeat(18)).append("\n");
        for (Result r : results) {
            sb.append("| ").append(num(r.n)).append(" | ").append(r.situation.label);
            for (String m : METHODS) {
                sb.append(" | ").append(num(r.calls.get(m)));
            }
            sb.append(" | **").append(num(r.total)).append("**");
            sb.append(" | ").append(num(r.lowerBound));
            sb.append(" | ").append(seconds(r.wallMs));
            sb.append(" | ").append(r.peakRssKb < 0 ? "?" : (r.peakRssKb + 512) / 1024 + " MB");
            sb.append(" | ").append(r.heapAfterGcMb < 0 ? "?" : r.heapAfterGcMb + " MB");
            sb.append(" | ").append(r.planMs < 0 ? "?" : r.planMs + " ms" + (r.planCpuMs < 0 ? "" : " (" + r.planCpuMs + " ms CPU)"));
            sb.append(" | ").append(r.startupMs < 0 ? "?" : seconds(r.startupMs));
            sb.append(" | ").append(human(r.total));
            sb.append(" | ").append(human(r.total * 3600 / 240));
            sb.append(" | ").append(human(r.total * 3600 / 600));
            if (r.naiveCalls == 0) {
                sb.append(" | – | – | –");
            } else {
                sb.append(" | ").append(num(r.naiveCalls));
                sb.append(" | ").append(seconds(r.naiveWallMs));
                sb.append(" | ").append(ratio(r.naiveCalls, r.total));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    static String notes(List<Result> results) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("Lower bound = ceil(N / page) + k_named + Σ ceil(k_v / batch) + ceil(k_flags / batch) with page ").append(PAGE)
                .append(" and batch ").append(PATCH_BATCH).append("; for a first import, 1 GET (empty project) + N POSTs. ")
                .append("1% changed = N/400 renames (PUT) + N/800 re-estimates to values of their own (PUT) + N/800 re-estimates "
                        + "to one shared value (bulk PATCH) + N/200 tasks finished (bulk PATCH). ")
                .append("Naive: one GET + one POST/PUT per record. ")
                .append("Quota columns: the time the calls need at 1 request/s, and under the hourly quota alone "
                        + "(calls / 240 h, calls / 600 h).\n");
        sb.append("Load average (1 min) at the start and the end: ").append(loadAtStart).append(" / ").append(load())
                .append(" (other processes on the machine slow the app's start-up and wall time).\n");
        List<String> problems = new ArrayList<>();
        for (Result r : results) {
            r.problems.forEach(p -> problems.add("N=" + num(r.n) + " " + r.situation.label + ": " + p));
        }
        if (!problems.isEmpty()) {
            sb.append("\n**Problems:**\n");
            problems.forEach(p -> sb.append("- ").append(p).append("\n"));
        }
        return sb.toString();
    }

    static String machine() {
        StringBuilder sb = new StringBuilder();
        String cpu = "?";
        long memMb = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
        } catch (IOException e) {
            // not Linux
        }
        String javaVersion;
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                    .redirectErrorStream(true).start();
            javaVersion = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .collect(Collectors.joining("; "));
            p.waitFor();
        } catch (Exception e) {
            javaVersion = System.getProperty("java.version");
        }
        sb.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu).append("), ")
                .append(memMb < 0 ? "?" : num(memMb) + " MB").append(" RAM, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(".  \n");
        sb.append("Java: ").append(javaVersion).append(".  \n");
        sb.append("App: `java ").append(String.join(" ", APP_JVM)).append(" -jar target/quarkus-app/quarkus-run.jar`, TOGGL_RATE_LIMIT=0, page ")
                .append(PAGE).append(", PATCH batch ").append(PATCH_BATCH)
                .append("; the sandbox runs in the benchmark's JVM, so RSS is the app's alone.\n");
        return sb.toString();
    }

    /** The {@code ## heading} section of a results file, to the next {@code ## } heading or the end; "" when it has none. */
    static String section(String md, String heading) {
        int start = md.startsWith("## " + heading + "\n") ? 0 : md.indexOf("\n## " + heading + "\n") + 1;
        if (start == 0 && !md.startsWith("## " + heading + "\n")) {
            return "";
        }
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end + 1);
    }

    static final String loadAtStart = load();

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String ratio(long naive, long app) {
        if (app == 0) {
            return "-";
        }
        double x = (double) naive / app;
        return String.format(Locale.ROOT, x >= 100 ? "%,.0f×" : x >= 10 ? "%.1f×" : "%.2f×", x);
    }

    /** Milliseconds as seconds: "0.84 s", "12.3 s", "1 min 9 s". */
    static String seconds(long ms) {
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        return s / 60 + " min " + s % 60 + " s";
    }

    /** A duration in seconds, readable: "45 s", "4 min 10 s", "17 min", "2 h 5 min", "3 d 4 h". */
    static String human(long s) {
        if (s < 60) {
            return s + " s";
        }
        if (s < 600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 3600) {
            return Math.round(s / 60.0) + " min";
        }
        long min = Math.round(s / 60.0);
        if (min < 24 * 60) {
            return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
        }
        long h = Math.round(s / 3600.0);
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
