/*
 * The full sweep spread over runs, measured (run by hand: bench/spread-sweep.sh; not in CI).
 *
 * A 100,000-task mirror (one project, page 200) on the Starter quota: the sandbox in this JVM with
 * its hourly quota on (240, refilled every 12 runs: an hour at a 5-minute cadence), and the REAL
 * app (target/quarkus-app/quarkus-run.jar) run as a process again and again. After the import (a
 * first run: N POSTs, outside the quota, its tasks stamped hours ago), each run finds the state's sweep as if 5 minutes had
 * passed since the last run and the sweep were past due (the state file's sweep.started, due and
 * last_run moved back), so that every run gives the sweep its whole share of the hour: this
 * measures how many pages a run reads for it at most, the sweep's throughput, which sets the
 * largest mirror a plan can keep. A few changed records each run (renames) show that writes still
 * go through. It checks: exit 0, no 402 from the sandbox, the sweep complete at the end with no
 * task called gone, and the sandbox holding exactly what the CSV says.
 *
 * "paced" instead: SYNC_FULL_SWEEP_INTERVAL=4h, and each run as if 5 minutes after the last since the
 * sweep began (not past due), so that each run reads what the sweep's schedule says is due: it must
 * be complete within the interval (at three quarters of it), never late.
 *
 * Usage: bench/spread-sweep.sh [N] [paced]   (default 100000; compiled with Bench.java, whose app environment it uses)
 * Output: a Markdown table on stdout, also written to bench/spread-sweep-results.md (-paced.md).
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class SpreadSweepBench {

    static final long WORKSPACE = 1;
    static final long PROJECT = 1001;
    static final String TOKEN = "bench-token";
    static final int PAGE = 200;
    static final int QUOTA = 240;
    static final int RUNS_PER_HOUR = 12;
    static final int CHANGES_PER_RUN = 2;
    static final ObjectMapper JSON = new ObjectMapper();
    /** The sweep at its own pace over a 4 h interval, rather than past due. */
    static boolean paced;

    record Row(int run, long get, long writes, long status402, int quotaLeft, long pagesPlanned, double progress, boolean complete, int gone,
            long wallMs, int exit) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        paced = args.length > 1 && args[1].equals("paced");
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("spread-sweep-bench");
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < n; i++) {
            names.put(String.format(Locale.ROOT, "R%06d", i), String.format(Locale.ROOT, "Task %06d", i));
        }
        Path csv = work.resolve("tasks.csv");
        Path state = work.resolve("sync-state.json");
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        try (TogglSandbox sandbox = new TogglSandbox(TOKEN).start(0)) {
            sandbox.addProject(WORKSPACE, PROJECT, "Benchmark");
            sandbox.setMaxPerPage(PAGE);
            writeCsv(csv, names);
            // the import happened hours ago by the sandbox's clock (the tasks' at), as it would have: the runs after it
            // do not read it back
            sandbox.setClock(java.time.Clock.fixed(Instant.now().minusSeconds(6 * 3600), java.time.ZoneOffset.UTC));
            Row imported = run(jar, work, sandbox, csv, state, 0);
            sandbox.setClock(java.time.Clock.systemUTC());
            System.err.printf(Locale.ROOT, "spread-sweep: import of %,d: exit %d in %d s%n", n, imported.exit(), imported.wallMs() / 1000);
            int changed = 0;
            for (int i = 1; i <= 200; i++) {
                if ((i - 1) % RUNS_PER_HOUR == 0) {
                    sandbox.setQuota(QUOTA, 3600);   // a new hour
                }
                for (int c = 0; c < CHANGES_PER_RUN; c++, changed++) {
                    String key = String.format(Locale.ROOT, "R%06d", (changed * 7919) % n);
                    names.put(key, names.get(key) + " v" + i);
                }
                writeCsv(csv, names);
                age(state, i == 1, i);
                Row r = run(jar, work, sandbox, csv, state, i);
                rows.add(r);
                System.err.printf(Locale.ROOT, "spread-sweep: run %d: %d GET, %d writes, %d x 402, %d sweep pages read, %.1f%%, exit %d%n", i, r.get(),
                        r.writes(), r.status402(), r.pagesPlanned(), 100 * r.progress(), r.exit());
                if (r.complete() || r.exit() != 0) {
                    break;
                }
            }
            List<String> problems = new ArrayList<>();
            Map<String, String> byExt = new HashMap<>();
            for (TogglTask t : sandbox.tasks(PROJECT)) {
                if (byExt.put(t.integrationExtId(), t.name()) != null) {
                    problems.add("task " + t.integrationExtId() + " twice");
                }
            }
            if (!byExt.equals(names)) {
                problems.add("the sandbox does not hold what the CSV says (" + byExt.size() + " tasks)");
            }
            rows.stream().filter(r -> r.exit() != 0 || r.status402() > 0).forEach(r -> problems.add("run " + r.run() + ": exit " + r.exit()
                    + ", " + r.status402() + " x 402"));
            if (rows.isEmpty() || !rows.get(rows.size() - 1).complete()) {
                problems.add("the sweep did not complete");
            } else if (paced && rows.size() * 300L > 4 * 3600) {
                problems.add("the sweep took longer than its interval");
            } else if (rows.get(rows.size() - 1).gone() != 0) {
                problems.add(rows.get(rows.size() - 1).gone() + " task(s) called gone");
            }
            String md = report(n, rows, problems, (System.nanoTime() - t0) / 1_000_000_000L);
            System.out.print(md);
            Files.writeString(Path.of(paced ? "bench/spread-sweep-paced-results.md" : "bench/spread-sweep-results.md"), md,
                    StandardCharsets.UTF_8);
            System.exit(problems.isEmpty() ? 0 : 1);
        }
    }

    /** As if 5 minutes had passed since the last run, and the sweep were past due: each run gives it its whole share. */
    static void age(Path state, boolean afterImport, int i) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(state.toFile());
        ObjectNode sweep = (ObjectNode) root.get("sweep");
        long now = Instant.now().getEpochSecond();
        sweep.put("last_run", now - 300);
        if (paced) {
            // the sweep began with the import's state; run i comes i x 5 minutes later
            sweep.put("started", now - 300L * i);
            sweep.put("due", now - 300L * i + 4 * 3600);
        } else {
            sweep.put("started", now - 25 * 3600);
            sweep.put("due", now - 3600);
        }
        if (afterImport) {
            sweep.put("last_run_writes", 0);   // the import's N creates are no run's usual writes
        }
        JSON.writeValue(state.toFile(), root);
    }

    static Row run(Path jar, Path work, TogglSandbox sandbox, Path csv, Path state, int i) throws Exception {
        Path report = work.resolve("report-" + i + ".json");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        pb.directory(work.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve("run-" + i + ".log").toFile());
        Bench.appEnvironment(pb, sandbox, csv, report, work.resolve("dead-letter.jsonl"));
        Map<String, String> env = pb.environment();
        env.put("TOGGL_HOURLY_QUOTA", Integer.toString(QUOTA));
        env.put("SYNC_STATE_FILE", state.toString());
        if (paced) {
            env.put("SYNC_FULL_SWEEP_INTERVAL", "4h");
        }
        sandbox.resetCounters();
        long t0 = System.nanoTime();
        int exit = pb.start().waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> counts = sandbox.requestCounts();
        long get = counts.getOrDefault("GET", 0L);
        long writes = sandbox.totalRequests() - get;
        long s402 = 0;
        JsonNode sweep = JSON.createObjectNode();
        if (Files.exists(report)) {
            JsonNode root = JSON.readTree(report.toFile());
            sweep = root.path("sweep");
            s402 = root.path("api_statuses").path("402").asLong(0);
        }
        return new Row(i, get, writes, s402, sandbox.quotaRemaining(), sweep.path("pages_read").asLong(0), sweep.path("progress").asDouble(0),
                sweep.path("complete").asBoolean(false), sweep.path("gone").asInt(0), wall, exit);
    }

    static void writeCsv(Path file, Map<String, String> names) throws Exception {
        StringBuilder sb = new StringBuilder(names.size() * 40).append("external_id,name,project_id,estimated_seconds,active\n");
        names.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append(',').append(e.getValue()).append(",,,true\n"));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    static String report(int n, List<Row> rows, List<String> problems, long seconds) {
        StringBuilder sb = new StringBuilder("# The full sweep spread over runs, measured\n\n");
        sb.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(" with `bench/spread-sweep.sh` (")
                .append(seconds / 60).append(" min ").append(seconds % 60).append(" s).\n\n");
        sb.append(String.format(Locale.ROOT, "N = %,d tasks in one project, page %d; the sandbox's hourly quota %d, refilled every %d runs (an hour "
                + "at a 5-minute cadence); each run as if 5 minutes after the last, %s; %d records renamed before each run.%n%n", n, PAGE, QUOTA,
                RUNS_PER_HOUR, paced ? "the sweep at its own pace (SYNC_FULL_SWEEP_INTERVAL=4h: every page due by 3 h, due at 4 h)"
                        : "with the sweep past due (its whole share)", CHANGES_PER_RUN));
        sb.append("| run | GET | writes | 402 | quota left after | sweep pages read | sweep progress | complete | gone | wall | exit |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %.1f%% | %s | %d | %.1f s | %d |%n", r.run(), r.get(), r.writes(),
                    r.status402(), r.quotaLeft(), r.pagesPlanned(), 100 * r.progress(), r.complete() ? "yes" : "no", r.gone(), r.wallMs() / 1000.0, r.exit()));
        }
        long gets = rows.stream().mapToLong(Row::get).sum();
        long planned = rows.stream().mapToLong(Row::pagesPlanned).sum();
        sb.append(String.format(Locale.ROOT, "%nIn all: %d runs, %d GETs (%d for the sweep), %d writes. Largest calls in a simulated "
                + "hour (12 runs): %d of %d.%n", rows.size(), gets, planned, rows.stream().mapToLong(Row::writes).sum(), maxHour(rows), QUOTA));
        sb.append(problems.isEmpty() ? "\nChecks passed: exit 0 and no 402 in every run, the sweep complete with no task called gone, the "
                + "sandbox holding exactly what the CSV says.\n" : "\nPROBLEMS: " + problems + "\n");
        return sb.toString();
    }

    static long maxHour(List<Row> rows) {
        long max = 0;
        for (int h = 0; h * RUNS_PER_HOUR < rows.size(); h++) {
            long sum = rows.subList(h * RUNS_PER_HOUR, Math.min(rows.size(), (h + 1) * RUNS_PER_HOUR)).stream()
                    .mapToLong(r -> r.get() + r.writes()).sum();
            max = Math.max(max, sum);
        }
        return max;
    }
}
