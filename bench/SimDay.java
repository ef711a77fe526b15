/*
 * A simulated day (issue #25's target), measured (run by hand: bench/spread-sweep.sh N day [changes per hour]; not in CI).
 *
 * A mirror of N tasks (one project, page 200) on the Starter quota: the sandbox in this JVM with its hourly
 * quota on (240, refilled every 12 runs), and the REAL app (target/quarkus-app/quarkus-run.jar) run as a
 * process 288 times: a day at a 5-minute cadence, compressed. Before each run, the times the state keeps
 * by this machine's clock (saved_at, last_full_sweep, sweep.started, sweep.due, sweep.last_run) are moved
 * back so that 5 minutes seem to have passed since the last run began. Toggl's times (the tasks' at, the
 * cursors) stay the sandbox's real clock: its Date header, which the app's cursor comes from, follows no
 * other (the JDK server writes it), so a simulated sandbox clock would put every change of the day after
 * the cursor. The cost: an incremental run reads back what changed in the last 2 real minutes (the
 * overlap), the writes of up to ~40 compressed runs rather than one, at most a page more. The sweep runs
 * at the default sync.full-sweep-interval (24 h), begun by the import. Before each run, the given number of CSV records changed per simulated hour, spread over the
 * hour's runs: of every four changes one rename, one re-estimate (a value of its own: a PUT) and two
 * finishes or re-openings (active flipped: bulk PATCH).
 *
 * Checks: exit 0 and no 402 in every run; the sweep complete at least once within the day with no task
 * called gone; after each run every change made so far is in the sandbox, or the run reported deferred
 * calls (and the change is synced by a later run); at the end the sandbox holds exactly what the CSV says.
 * Calls per simulated hour come from the sandbox's counters (server side).
 *
 * Output: bench/sim-day-results.md (per hour) and bench/sim-day.svg (calls per simulated hour, drawn with
 * Svg, the charts' SVG helpers); per run on stderr. Compiled with the other benchmark sources (bench_compile, bench/app-classpath.sh).
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public class SimDay {

    static final int RUNS = 288;
    static final int PER_HOUR = SpreadSweepBench.RUNS_PER_HOUR;
    static final int QUOTA = SpreadSweepBench.QUOTA;
    static final long CADENCE = 300;
    /** The state's times by this machine's clock; the others (toggl_cursor, sweep.covered_since) are Toggl's. */
    static final String[] MACHINE_TIMES = {"saved_at", "last_full_sweep"};
    static final String[] SWEEP_TIMES = {"started", "due", "last_run"};

    /** One CSV record. */
    record Rec(String name, Long estimate, boolean active) {
        boolean matches(TogglTask t) {
            return t != null && name.equals(t.name()) && java.util.Objects.equals(estimate, t.estimatedSeconds()) && active == t.active();
        }
    }

    record Run(int run, long get, long put, long patch, long post, long s402, int quotaLeft, long sweepPages, double progress,
            boolean complete, int gone, long deferred, long failed, int changes, int pendingAfter, long wallMs, int exit) {
        long writes() {
            return put + patch + post;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perHour = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : RUNS;   // fewer runs: a trial, not the day
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("sim-day-bench");
        System.err.println("sim-day: work directory " + work);
        Map<String, Rec> csv = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            csv.put(key(i), new Rec(String.format(Locale.ROOT, "Task %06d", i), 1800L + (i % 8) * 900L, i % 10 != 0));
        }
        Path csvFile = work.resolve("tasks.csv");
        Path state = work.resolve("sync-state.json");
        List<Run> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        try (TogglSandbox sandbox = new TogglSandbox(SpreadSweepBench.TOKEN).start(0)) {
            sandbox.addProject(SpreadSweepBench.WORKSPACE, SpreadSweepBench.PROJECT, "Benchmark");
            sandbox.setMaxPerPage(SpreadSweepBench.PAGE);
            writeCsv(csvFile, csv);
            // the import happened hours ago by the sandbox's clock, as it would have: the day's runs do not read it back
            sandbox.setClock(Clock.fixed(Instant.now().minusSeconds(6 * 3600), ZoneOffset.UTC));
            SpreadSweepBench.Row imported = SpreadSweepBench.run(jar, work, sandbox, csvFile, state, 0);
            sandbox.setClock(Clock.systemUTC());
            System.err.printf(Locale.ROOT, "sim-day: import of %,d: exit %d in %d s%n", n, imported.exit(), imported.wallMs() / 1000);
            if (imported.exit() != 0) {
                problems.add("the import exited " + imported.exit());
            }
            // a change's record key -> the run before which it was made, until the sandbox holds it
            Map<String, Integer> pending = new LinkedHashMap<>();
            int maxWait = 0;
            int made = 0;
            long lastStart = System.currentTimeMillis() / 1000;
            for (int i = 1; i <= runs && problems.isEmpty(); i++) {
                if ((i - 1) % PER_HOUR == 0) {
                    sandbox.setQuota(QUOTA, 3600);   // a new hour
                }
                int changes = (int) ((long) perHour * i / PER_HOUR - (long) perHour * (i - 1) / PER_HOUR);
                for (int c = 0; c < changes; c++, made++) {
                    String k = key((int) ((made * 7919L + 13) % n));
                    csv.put(k, change(csv.get(k), made, i));
                    pending.putIfAbsent(k, i);
                }
                writeCsv(csvFile, csv);
                long now = System.currentTimeMillis() / 1000;
                age(state, CADENCE - (now - lastStart), i == 1);
                lastStart = now;
                Run r = run(jar, work, sandbox, csvFile, state, i, changes);
                Map<String, TogglTask> byExt = new HashMap<>();
                for (TogglTask t : sandbox.tasks(SpreadSweepBench.PROJECT)) {
                    byExt.put(t.integrationExtId(), t);
                }
                for (var it = pending.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    if (csv.get(e.getKey()).matches(byExt.get(e.getKey()))) {
                        maxWait = Math.max(maxWait, i - e.getValue());
                        it.remove();
                    }
                }
                r = withPending(r, pending.size());
                rows.add(r);
                System.err.printf(Locale.ROOT, "sim-day: run %d: %d GET (%d sweep), %d PUT, %d PATCH, %d POST, %d x 402, quota left %d, "
                        + "sweep %.1f%%%s, %d changes, %d pending, %d deferred, %.1f s, exit %d%n", i, r.get(), r.sweepPages(), r.put(),
                        r.patch(), r.post(), r.s402(), r.quotaLeft(), 100 * r.progress(), r.complete() ? " complete" : "", changes,
                        pending.size(), r.deferred(), r.wallMs() / 1000.0, r.exit());
                // exit 1 for writes deferred to the next run (the quota spent) is the app's documented answer, not a failure
                boolean deferredOnly = r.exit() == 1 && r.deferred() > 0 && r.failed() == 0;
                if ((r.exit() != 0 && !deferredOnly) || r.s402() > 0) {
                    problems.add("run " + i + ": exit " + r.exit() + ", " + r.s402() + " x 402");
                }
                if (!pending.isEmpty() && r.deferred() == 0) {
                    problems.add("run " + i + ": " + pending.size() + " change(s) neither in Toggl nor deferred");
                }
                if (r.complete() && r.gone() != 0) {
                    problems.add("run " + i + ": the sweep called " + r.gone() + " task(s) gone");
                }
            }
            if (!pending.isEmpty()) {
                problems.add(pending.size() + " change(s) not synced at the end");
            }
            Map<String, Rec> held = new HashMap<>();
            for (TogglTask t : sandbox.tasks(SpreadSweepBench.PROJECT)) {
                if (held.put(t.integrationExtId(), new Rec(t.name(), t.estimatedSeconds(), t.active())) != null) {
                    problems.add("task " + t.integrationExtId() + " twice");
                }
            }
            if (!held.equals(csv)) {
                problems.add("the sandbox does not hold what the CSV says (" + held.size() + " tasks)");
            }
            if (rows.stream().noneMatch(Run::complete)) {
                problems.add("the sweep did not complete within the day");
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            String md = report(n, perHour, rows, made, maxWait, problems, seconds);
            System.out.print(md);
            Files.writeString(Path.of("bench/sim-day-results.md"), md, StandardCharsets.UTF_8);
            Files.writeString(Path.of("bench/sim-day.svg"), chart(n, perHour, hours(rows)), StandardCharsets.UTF_8);
            System.exit(problems.isEmpty() ? 0 : 1);
        }
    }

    static String key(int i) {
        return String.format(Locale.ROOT, "R%06d", i);
    }

    /** Of every four changes: a rename, a re-estimate to a value of its own, two finishes (or re-openings). */
    static Rec change(Rec r, int made, int run) {
        return switch (made % 4) {
            case 0 -> new Rec(r.name() + " r" + run, r.estimate(), r.active());
            case 1 -> new Rec(r.name(), 60L * (1000 + made), r.active());
            default -> new Rec(r.name(), r.estimate(), !r.active());
        };
    }

    /** Moves the state's machine-clock times back, so that the next run finds them {@code shift} seconds older. */
    static void age(Path state, long shift, boolean afterImport) throws Exception {
        ObjectNode root = (ObjectNode) SpreadSweepBench.JSON.readTree(state.toFile());
        for (String f : MACHINE_TIMES) {
            if (root.path(f).isNumber()) {
                root.put(f, root.get(f).asLong() - shift);
            }
        }
        if (root.get("sweep") instanceof ObjectNode sweep) {
            for (String f : SWEEP_TIMES) {
                if (sweep.path(f).isNumber()) {
                    sweep.put(f, sweep.get(f).asLong() - shift);
                }
            }
            if (afterImport) {
                sweep.put("last_run_writes", 0);   // the import's N creates are no run's usual writes
            }
        }
        SpreadSweepBench.JSON.writeValue(state.toFile(), root);
    }

    static Run run(Path jar, Path work, TogglSandbox sandbox, Path csv, Path state, int i, int changes) throws Exception {
        SpreadSweepBench.Row r = SpreadSweepBench.run(jar, work, sandbox, csv, state, i);
        Map<String, Long> counts = sandbox.requestCounts();
        long s402 = sandbox.requests().stream().filter(q -> q.status() == 402).count();   // server side, not the app's word
        long deferred = 0;
        long failed = 0;
        Path report = work.resolve("report-" + i + ".json");
        if (Files.exists(report)) {
            JsonNode root = SpreadSweepBench.JSON.readTree(report.toFile());
            deferred = root.path("deferred").asLong(0);   // records; a run stopped before its plan defers records, not calls
            failed = root.path("failed").asLong(0) + root.path("rejected").asLong(0);
        }
        return new Run(i, counts.getOrDefault("GET", 0L), counts.getOrDefault("PUT", 0L), counts.getOrDefault("PATCH", 0L),
                counts.getOrDefault("POST", 0L), Math.max(s402, r.status402()), r.quotaLeft(), r.pagesPlanned(), r.progress(), r.complete(),
                r.gone(), deferred, failed, changes, 0, r.wallMs(), r.exit());
    }

    static Run withPending(Run r, int pending) {
        return new Run(r.run(), r.get(), r.put(), r.patch(), r.post(), r.s402(), r.quotaLeft(), r.sweepPages(), r.progress(), r.complete(),
                r.gone(), r.deferred(), r.failed(), r.changes(), pending, r.wallMs(), r.exit());
    }

    static void writeCsv(Path file, Map<String, Rec> csv) throws Exception {
        StringBuilder sb = new StringBuilder(csv.size() * 48).append("external_id,name,project_id,estimated_seconds,active\n");
        csv.forEach((k, r) -> sb.append(k).append(',').append(r.name()).append(",,").append(r.estimate()).append(',').append(r.active())
                .append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** A simulated hour: its runs' sums. */
    record Hour(int hour, int runs, long get, long sweepPages, long writes, long s402, int quotaLeft, int changes, long deferredRuns,
            int pendingAfter, double progress, int completes, long wallMs) {
        long calls() {
            return get + writes;
        }
    }

    static List<Hour> hours(List<Run> rows) {
        List<Hour> hours = new ArrayList<>();
        for (int h = 0; h * PER_HOUR < rows.size(); h++) {
            List<Run> in = rows.subList(h * PER_HOUR, Math.min(rows.size(), (h + 1) * PER_HOUR));
            Run last = in.get(in.size() - 1);
            hours.add(new Hour(h + 1, in.size(), in.stream().mapToLong(Run::get).sum(), in.stream().mapToLong(Run::sweepPages).sum(),
                    in.stream().mapToLong(Run::writes).sum(), in.stream().mapToLong(Run::s402).sum(), last.quotaLeft(),
                    in.stream().mapToInt(Run::changes).sum(), in.stream().filter(r -> r.deferred() > 0).count(), last.pendingAfter(),
                    last.progress(), (int) in.stream().filter(Run::complete).count(), in.stream().mapToLong(Run::wallMs).sum()));
        }
        return hours;
    }

    static String report(int n, int perHour, List<Run> rows, int made, int maxWait, List<String> problems, long seconds) {
        List<Hour> hours = hours(rows);
        StringBuilder sb = new StringBuilder("# A simulated day, measured\n\n");
        sb.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" with `bench/spread-sweep.sh ").append(n).append(" day ").append(perHour).append("` (").append(seconds / 60)
                .append(" min ").append(seconds % 60).append(" s, the import included).\n\n");
        sb.append(String.format(Locale.ROOT, "N = %,d tasks in one project, page %d; the sandbox's hourly quota %d, refilled every %d runs; "
                + "%d runs, each as if 5 minutes after the last (the state's times by this machine's clock moved back; Toggl's the "
                + "sandbox's real clock); "
                + "`sync.full-sweep-interval` 24 h (the default), the sweep begun by the import; %d CSV records changed per simulated hour "
                + "(%.2f%% of N), spread over the hour's runs: of every four one rename, one re-estimate, two finishes or re-openings.%n%n",
                n, SpreadSweepBench.PAGE, QUOTA, PER_HOUR, rows.size(), perHour, 100.0 * perHour / n));
        sb.append("| hour | runs | GET | of which sweep pages | writes | calls | 402 | quota left at its end | changes | runs that deferred "
                + "| changes pending at its end | sweep progress at its end | sweep completed | app wall |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Hour h : hours) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f%% | %s | %.0f s |%n", h.hour(),
                    h.runs(), h.get(), h.sweepPages(), h.writes(), h.calls(), h.s402(), h.quotaLeft(), h.changes(), h.deferredRuns(),
                    h.pendingAfter(), 100 * h.progress(), h.completes() > 0 ? "yes" : "", h.wallMs() / 1000.0));
        }
        long calls = hours.stream().mapToLong(Hour::calls).sum();
        sb.append(String.format(Locale.ROOT, "%nIn all: %d runs, %d calls (%d GETs, %d of them sweep pages; %d writes), %d changes; calls in a "
                + "simulated hour %d to %d of %d; the longest a change waited for Toggl: %d run(s) after the run it was made before.%n",
                rows.size(), calls, rows.stream().mapToLong(Run::get).sum(), rows.stream().mapToLong(Run::sweepPages).sum(),
                rows.stream().mapToLong(Run::writes).sum(), made, hours.stream().mapToLong(Hour::calls).min().orElse(0),
                hours.stream().mapToLong(Hour::calls).max().orElse(0), QUOTA, maxWait));
        rows.stream().filter(Run::complete).forEach(r -> sb.append(String.format(Locale.ROOT,
                "The sweep completed at run %d (%.1f h into the day), %d task(s) called gone.%n", r.run(), r.run() * CADENCE / 3600.0, r.gone())));
        sb.append(problems.isEmpty() ? "\nChecks passed: exit 0 (or 1 with records deferred, nothing failed) and no 402 (counted by the "
                + "sandbox) in every run; the sweep complete within the day with no task called gone; after each run every change in "
                + "Toggl or the run's records deferred, and all synced; "
                + "the sandbox holding exactly what the CSV says at the end.\n" : "\nPROBLEMS: " + problems + "\n");
        return sb.toString();
    }

    /** Calls per simulated hour, stacked: sweep pages, other reads, writes; the quota as a dashed line. */
    static String chart(int n, int perHour, List<Hour> hours) {
        int w = 820;
        int h = 470;
        double left = 70;
        double right = 800;
        double top = 90;
        double bottom = 380;
        Svg svg = new Svg(w, h);
        svg.text(20, 28, 16, "bold", "start", "#111", "A simulated day: Toggl calls per hour (" + Svg.fmt(n) + " tasks, a run every 5 min)");
        svg.text(20, 49, 11.5, null, "start", "#333", "Measured: the real app against the sandbox with Starter's quota (" + QUOTA
                + " calls/h), the sweep spread over the day (interval 24 h),");
        svg.text(20, 64, 11.5, null, "start", "#333", perHour + " CSV records changed per hour; calls counted by the sandbox "
                + "(bench/sim-day-results.md).");
        long max = QUOTA;
        for (Hour x : hours) {
            max = Math.max(max, x.calls());
        }
        long step = Svg.niceStep(max / 5.0);
        long yMax = (max + step - 1) / step * step;
        java.util.function.DoubleUnaryOperator yOf = v -> bottom - v / yMax * (bottom - top);
        for (long v = 0; v <= yMax; v += step) {
            double y = yOf.applyAsDouble(v);
            svg.line(left, y, right, y, "#dddddd", 1, false);
            svg.text(left - 8, y + 4, 11, null, "end", "#333", Svg.fmt(v));
        }
        svg.textRotated(22, (top + bottom) / 2, 12, "#111", "calls in the hour");
        String[] colors = {"#2e8b57", "#9aa5b1", "#1f5fa8"};
        double gw = (right - left) / Math.max(24, hours.size());
        double bw = gw * 0.7;
        for (int i = 0; i < hours.size(); i++) {
            Hour x = hours.get(i);
            long[] parts = {x.sweepPages(), x.get() - x.sweepPages(), x.writes()};
            double xa = left + gw * i + (gw - bw) / 2;
            double base = 0;
            for (int k = 0; k < 3; k++) {
                double y0 = yOf.applyAsDouble(base);
                double y1 = yOf.applyAsDouble(base + parts[k]);
                svg.rect(xa, y1, bw, y0 - y1, colors[k], null);
                base += parts[k];
            }
            svg.text(xa + bw / 2, yOf.applyAsDouble(base) - 4, 9.5, null, "middle", "#222", Long.toString(x.calls()));
            svg.text(xa + bw / 2, bottom + 15, 10, null, "middle", "#222", Integer.toString(x.hour()));
        }
        svg.line(left, bottom, right, bottom, "#555555", 1, false);
        double yq = yOf.applyAsDouble(QUOTA);
        svg.line(left, yq, right, yq, "#c0392b", 1.5, true);
        svg.label(right, yq - 5, "end", "#c0392b", "quota " + QUOTA + "/h");
        svg.text((left + right) / 2, bottom + 32, 11.5, null, "middle", "#111", "simulated hour");
        String[] legend = {"sweep pages", "other reads (incremental)", "writes (PUT, PATCH, POST)"};
        for (int k = 0; k < 3; k++) {
            svg.rect(left + 220 * k, bottom + 50, 14, 12, colors[k], null);
            svg.text(left + 220 * k + 20, bottom + 60, 11.5, null, "start", "#222", legend[k]);
        }
        return svg.end();
    }
}
