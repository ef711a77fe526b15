/*
 * Draws the benchmark's results as SVG charts (plain JDK, no class path of the app; with bench/Svg.java):
 *
 *   bench/charts.sh [results.md [output dir]]   (default bench/results.md, output beside it)
 *
 * bench/run.sh runs it after Bench. It reads the main table of results.md by its header
 * names and writes:
 *
 *   calls-per-run.svg   measured Toggl API calls per run against N: the naive script, full sweeps
 *                       and incremental runs, 1% changed and unchanged (needs at least two sizes N;
 *                       with fewer it leaves the file as it is and says so)
 *   largest-mirror.svg  the largest mirror one Toggl plan can keep per plan and cadence, before the
 *                       sync state (every run a sweep), with it (one sweep a day, in one hour) and
 *                       with the sweep spread over the day's runs, computed from the cost model;
 *                       it first checks that model against the measured reads
 *
 * The output depends on the input alone (no clock, fixed number formats), so the same results.md
 * gives the same bytes. Without the main table (after `bench/run.sh startup`) it writes nothing and
 * exits 0; exit code 1 if the measured reads disagree with the model (that chart is then not written).
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Charts {

    /** Cadences (minutes between runs) of the mirror chart; each divides an hour. */
    static final int[] CADENCES = {60, 15, 5};

    /** The main table of results.md: header names and rows of cells, as written. */
    record Table(List<String> header, List<List<String>> rows) {
        int col(String name) {
            return header.indexOf(name);
        }

        /** The number in a cell, or null for none ("–", "?", empty, missing column). */
        Long num(List<String> row, String name) {
            int i = col(name);
            if (i < 0 || i >= row.size()) {
                return null;
            }
            String s = row.get(i).replace("*", "").replace(",", "").replace("\u202f", "").trim();
            return s.matches("\\d+") ? Long.valueOf(s) : null;
        }

        /** The rows of one situation by N (in the table's order). */
        Map<Long, List<String>> situation(String label) {
            Map<Long, List<String>> byN = new LinkedHashMap<>();
            for (List<String> row : rows) {
                Long n = num(row, "N");
                if (n != null && row.size() > col("situation") && label.equalsIgnoreCase(row.get(col("situation")))) {
                    byN.put(n, row);
                }
            }
            return byN;
        }
    }

    record Series(String name, String color, boolean dashed, Map<Long, Long> values) {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args.length > 0 ? args[0] : "bench/results.md");
        Path outDir = args.length > 1 ? Path.of(args[1]) : in.toAbsolutePath().getParent();
        String md = Files.readString(in, StandardCharsets.UTF_8);
        Table t = parse(md);
        if (t == null) {
            // e.g. after `bench/run.sh startup`: nothing to chart is not a failure
            System.err.println("charts: no table with the columns N and situation in " + in + ": no chart written");
            return;
        }
        int page = (int) setting(md, "\\bpage (\\d+)", 200);
        int batch = (int) setting(md, "PATCH batch (\\d+)", 100);
        Matcher run = Pattern.compile("(?m)^Run (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(?: [A-Z]+)?)").matcher(md);
        String when = run.find() ? run.group(1) : "date unknown";

        String calls = callsChart(t, page, batch, when);
        if (calls == null) {
            System.err.println("charts: calls-per-run.svg needs at least two sizes N in " + in + ": left as it was");
        } else {
            write(outDir.resolve("calls-per-run.svg"), calls);
        }
        String mirror = mirrorChart(t, page);
        if (mirror != null) {
            write(outDir.resolve("largest-mirror.svg"), mirror);
        }
        System.exit(mirror == null ? 1 : 0);
    }

    static void write(Path file, String svg) throws IOException {
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        System.err.println("charts: written " + file + " (" + svg.getBytes(StandardCharsets.UTF_8).length + " bytes)");
    }

    /** The first Markdown table whose header has N and situation (the start-up table has neither). */
    static Table parse(String md) {
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        for (String line : md.split("\n")) {
            line = line.trim();
            if (!line.startsWith("|")) {
                if (header != null) {
                    break;   // the table ended
                }
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                if (cells.contains("N") && cells.contains("situation")) {
                    header = cells;
                }
            } else if (!cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                rows.add(cells);
            }
        }
        return header == null ? null : new Table(header, rows);
    }

    static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        return java.util.Arrays.stream(inner.split("\\|", -1)).map(String::trim).collect(java.util.stream.Collectors.toList());
    }

    static long setting(String md, String regex, long fallback) {
        Matcher m = Pattern.compile(regex).matcher(md);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        System.err.println("charts: results.md does not say /" + regex + "/, assuming " + fallback);
        return fallback;
    }

    // ---- calls-per-run.svg

    static String callsChart(Table t, int page, int batch, String when) {
        List<Series> all = List.of(
                series("naive script (GET + PUT per record)", "#c0392b", false, t, "rerun 1% changed", "naive calls"),
                series("full sweep, 1% changed", "#1f5fa8", false, t, "rerun 1% changed", "calls"),
                series("full sweep, unchanged", "#1f5fa8", true, t, "rerun unchanged", "calls"),
                series("incremental, 1% changed", "#1e8449", false, t, "incremental, 1% changed", "calls"),
                series("incremental, unchanged", "#1e8449", true, t, "incremental, unchanged", "calls"));
        List<Series> shown = new ArrayList<>();
        TreeSet<Long> sizes = new TreeSet<>();
        for (Series s : all) {
            if (!s.values.isEmpty()) {   // e.g. no naive column with BENCH_NAIVE=false
                shown.add(s);
                sizes.addAll(s.values.keySet());
            }
        }
        if (sizes.size() < 2) {
            return null;
        }
        long lo = shown.stream().flatMap(s -> s.values.values().stream()).min(Long::compare).orElse(1L);
        long hi = shown.stream().flatMap(s -> s.values.values().stream()).max(Long::compare).orElse(10L);
        int w = 900;
        int h = 470;
        double left = 80;
        double right = 600;
        double top = 84;
        double bottom = 404;
        Svg svg = new Svg(w, h);
        svg.text(20, 28, 16, "bold", "start", "#111", "Toggl API calls per run as the mirror grows");
        svg.text(20, 49, 11.5, null, "start", "#333",
                "Measured by bench/run.sh (" + when + "), calls counted by the sandbox; one project, page " + page
                        + ", PATCH batch " + batch + ".");
        svg.text(20, 65, 11.5, null, "start", "#333",
                "1% changed = N/400 renames, N/400 re-estimates, N/200 tasks finished; unchanged = the same CSV again.");

        // log scales: y over whole decades, x padded so that the labels beside the end points fit
        int d0 = (int) Math.floor(Math.log10(Math.max(1, lo)));
        int d1 = Math.max(d0 + 1, (int) Math.ceil(Math.log10(hi)));
        double x0 = Math.log10(sizes.first());
        double x1 = Math.log10(sizes.last());
        double pad = (x1 - x0) * 0.16;
        java.util.function.DoubleUnaryOperator px = n -> left + (Math.log10(n) - (x0 - pad)) / (x1 - x0 + 2 * pad) * (right - left);
        java.util.function.DoubleUnaryOperator py = v -> bottom - (Math.log10(v) - d0) / (d1 - d0) * (bottom - top);

        for (int d = d0; d <= d1; d++) {
            double y = py.applyAsDouble(Math.pow(10, d));
            svg.line(left, y, right, y, "#dddddd", 1, false);
            svg.text(left - 8, y + 4, 11, null, "end", "#333", Svg.fmt((long) Math.pow(10, d)));
        }
        for (long n : sizes) {
            double x = px.applyAsDouble(n);
            svg.line(x, top, x, bottom, "#dddddd", 1, false);
            svg.text(x, bottom + 18, 11, null, "middle", "#333", Svg.fmt(n));
        }
        svg.rect(left, top, right - left, bottom - top, "none", "#999999");
        svg.text((left + right) / 2, bottom + 40, 12, null, "middle", "#111", "N, records in the mirror (log scale)");
        svg.textRotated(24, (top + bottom) / 2, 12, "#111", "API calls per run (log scale)");

        // value labels: left of the point (right of it at the largest N), pushed apart per N so none overlap
        Map<Long, List<double[]>> labelsAt = new LinkedHashMap<>();   // per N: {desired y, series index, value}
        for (int i = 0; i < shown.size(); i++) {
            Series s = shown.get(i);
            StringBuilder pts = new StringBuilder();
            for (Map.Entry<Long, Long> e : s.values.entrySet()) {
                pts.append(pts.length() == 0 ? "" : " ").append(Svg.f(px.applyAsDouble(e.getKey()))).append(',')
                        .append(Svg.f(py.applyAsDouble(e.getValue())));
                labelsAt.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(new double[] {py.applyAsDouble(e.getValue()), i, e.getValue()});
            }
            svg.polyline(pts.toString(), s.color, s.dashed);
        }
        for (Series s : shown) {
            for (Map.Entry<Long, Long> e : s.values.entrySet()) {
                svg.marker(px.applyAsDouble(e.getKey()), py.applyAsDouble(e.getValue()), s.color, s.dashed);
            }
        }
        for (Map.Entry<Long, List<double[]>> e : labelsAt.entrySet()) {
            List<double[]> ls = e.getValue();
            ls.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] ys = spread(ls.stream().mapToDouble(a -> a[0]).toArray(), 13, top + 6, bottom - 4);
            boolean last = e.getKey().equals(sizes.last());
            double x = px.applyAsDouble(e.getKey());
            for (int k = 0; k < ls.size(); k++) {
                Series s = shown.get((int) ls.get(k)[1]);
                svg.label(last ? x + 8 : x - 8, ys[k] + 4, last ? "start" : "end", s.color, Svg.fmt((long) ls.get(k)[2]));
            }
        }

        // legend
        double lx = 628;
        double ly = top + 4;
        svg.text(lx, ly, 12, "bold", "start", "#111", "Calls per run (all measured)");
        for (int i = 0; i < shown.size(); i++) {
            Series s = shown.get(i);
            double y = ly + 22 + i * 20;
            svg.line(lx, y - 4, lx + 28, y - 4, s.color, 2.5, s.dashed);
            svg.marker(lx + 14, y - 4, s.color, s.dashed);
            svg.text(lx + 36, y, 11, null, "start", "#222", s.name);
        }
        double ny = ly + 22 + shown.size() * 20 + 10;
        String[] notes = {
            "full sweep: every run reads all tasks,",
            "ceil(N / " + page + ") GETs, as before the sync state;",
            "incremental: a run from the sync state",
            "reads what changed since the last run.",
            "Solid: 1% changed; dashed: unchanged.",
        };
        for (String note : notes) {
            svg.text(lx, ny, 10.5, null, "start", "#444", note);
            ny += 15;
        }
        return svg.end();
    }

    static Series series(String name, String color, boolean dashed, Table t, String situation, String column) {
        Map<Long, Long> values = new LinkedHashMap<>();
        for (Map.Entry<Long, List<String>> e : t.situation(situation).entrySet()) {
            Long v = t.num(e.getValue(), column);
            if (v != null && v > 0) {   // a log scale has no 0; "–" means not measured
                values.put(e.getKey(), v);
            }
        }
        return new Series(name, color, dashed, values);
    }

    /** Moves sorted positions apart to at least gap, within [min, max], each as little as it can. */
    static double[] spread(double[] ys, double gap, double min, double max) {
        double[] out = ys.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], i == 0 ? min : out[i - 1] + gap);
        }
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = Math.min(out[i], i == out.length - 1 ? max : out[i + 1] - gap);
        }
        return out;
    }

    // ---- largest-mirror.svg

    /** Every run a full sweep: runs per hour × ceil(N / page) ≤ quota. */
    static long beforeState(long quota, int runsPerHour, int page) {
        return quota / runsPerHour * page;
    }

    /** One full sweep a day: it and the hour's other runs (quietReads each) fit in the quota. */
    static long withState(long quota, int runsPerHour, int page, long quietReads) {
        return (quota - (long) (runsPerHour - 1) * quietReads) * page;
    }

    /** The interval a sweep must complete in (sync.full-sweep-interval's default), hours. */
    static final int SWEEP_HOURS = 24;

    /**
     * The sweep spread over the day's runs: each run gives it what its share of the hour leaves after
     * its own quiet reads, less the page a resumed project reads again; all of it within the interval.
     */
    static long spread(long quota, int runsPerHour, int page, long quietReads) {
        long perRun = Math.max(0, quota / runsPerHour - quietReads - 1);
        return SWEEP_HOURS * runsPerHour * perRun * page;
    }

    static String mirrorChart(Table t, int page) {
        // the model's reads per run, checked against what the benchmark measured
        Map<Long, List<String>> sweeps = t.situation("rerun unchanged");
        Map<Long, List<String>> quiet = t.situation("incremental, unchanged");
        long quietReads = 0;
        for (Map.Entry<Long, List<String>> e : sweeps.entrySet()) {
            Long get = t.num(e.getValue(), "GET");
            long pages = (e.getKey() + page - 1) / page;
            if (get == null || get != pages) {
                System.err.println("charts: N=" + Svg.fmt(e.getKey()) + " rerun unchanged read " + get + " pages, the model says "
                        + pages + ": largest-mirror.svg not written");
                return null;
            }
        }
        for (List<String> row : quiet.values()) {
            Long get = t.num(row, "GET");
            quietReads = get == null || quietReads < 0 ? -1 : Math.max(quietReads, get);
        }
        if (sweeps.isEmpty() || quiet.isEmpty() || quietReads < 0) {
            System.err.println("charts: largest-mirror.svg needs the GETs of rerun unchanged and incremental, unchanged");
            return null;
        }
        // the plans: the quota columns of the table, e.g. "Starter 240/h"
        Map<String, Long> plans = new LinkedHashMap<>();
        for (String col : t.header()) {
            Matcher m = Pattern.compile("^(\\p{L}+) (\\d+)/h$").matcher(col);
            if (m.matches()) {
                plans.put(m.group(1), Long.valueOf(m.group(2)));
            }
        }
        if (plans.isEmpty()) {
            System.err.println("charts: no plan quota columns (like \"Starter 240/h\"): largest-mirror.svg not written");
            return null;
        }

        List<String[]> groups = new ArrayList<>();   // {plan, cadence label}
        List<long[]> values = new ArrayList<>();     // {before, with, spread}
        long max = 1;
        for (Map.Entry<String, Long> p : plans.entrySet()) {
            for (int c : CADENCES) {
                int runs = 60 / c;
                long b = beforeState(p.getValue(), runs, page);
                long a = withState(p.getValue(), runs, page, quietReads);
                long sp = spread(p.getValue(), runs, page, quietReads);
                groups.add(new String[] {p.getKey(), "every " + c + " min"});
                values.add(new long[] {b, a, sp});
                max = Math.max(max, Math.max(sp, Math.max(a, b)));
                System.err.println("charts: " + p.getKey() + " " + p.getValue() + "/h every " + c + " min: before " + Svg.fmt(b)
                        + ", with the sync state " + Svg.fmt(a) + ", with the sweep spread " + Svg.fmt(sp));
            }
        }

        int w = 820;
        int h = 560;
        double left = 80;
        double right = 800;
        double top = 170;
        double bottom = 420;
        Svg svg = new Svg(w, h);
        svg.text(20, 28, 16, "bold", "start", "#111", "The largest mirror one Toggl plan can keep (one project, page " + page + ")");
        String[] caption = {
            "Computed from the cost model, not measured, counting only the reads (writes come on top, one per change).",
            "Reads per run as measured (bench/results.md): a full sweep reads ceil(N / " + page + ") pages, a quiet incremental run "
                    + quietReads + (quietReads == 1 ? " page." : " pages."),
            "With the sync state only the daily sweep reads them all: in one hour with that hour's other runs, or spread over",
            "the day's runs, each giving it its share of the hour less its own reads and one page read again (y axis: log scale).",
        };
        for (int i = 0; i < caption.length; i++) {
            svg.text(20, 49 + i * 15, 11.5, null, "start", "#333", caption[i]);
        }

        // a log scale from 1,000: the spread sweep's millions beside the thousands before the state
        double lo = 3;
        double hi = Math.ceil(Math.log10(max));
        java.util.function.DoubleUnaryOperator yOf = v -> bottom - (Math.log10(Math.max(v, 1000)) - lo) / (hi - lo) * (bottom - top);
        for (double e = lo; e <= hi; e++) {
            double y = yOf.applyAsDouble(Math.pow(10, e));
            svg.line(left, y, right, y, "#dddddd", 1, false);
            svg.text(left - 8, y + 4, 11, null, "end", "#333", Svg.fmt((long) Math.pow(10, e)));
        }
        svg.textRotated(22, (top + bottom) / 2, 12, "#111", "tasks in the mirror");

        String[] colors = {"#9aa5b1", "#1f5fa8", "#2e8b57"};
        double gw = (right - left) / groups.size();
        double bw = Math.min(34, gw * 0.3);
        for (int g = 0; g < groups.size(); g++) {
            double cx = left + gw * (g + 0.5);
            for (int k = 0; k < 3; k++) {
                long v = values.get(g)[k];
                double x = cx - 1.5 * bw - 2 + k * (bw + 2);
                double y = yOf.applyAsDouble(v);
                svg.rect(x, y, bw, bottom - y, colors[k], null);
                svg.textUp(x + bw / 2 + 3.5, y - 4, 9.5, "#222", Svg.fmt(v));
            }
            svg.text(cx, bottom + 17, 11, null, "middle", "#222", groups.get(g)[1]);
        }
        svg.line(left, bottom, right, bottom, "#555555", 1, false);
        // a plan's name under its cadences, with a bracket
        int g0 = 0;
        for (Map.Entry<String, Long> p : plans.entrySet()) {
            double xa = left + gw * g0 + 8;
            double xb = left + gw * (g0 + CADENCES.length) - 8;
            svg.line(xa, bottom + 26, xb, bottom + 26, "#777777", 1, false);
            svg.text((xa + xb) / 2, bottom + 42, 12, "bold", "middle", "#111",
                    p.getKey() + " (" + p.getValue() + " calls/h)");
            g0 += CADENCES.length;
        }
        String[] legend = {"before: every run a full sweep", "one full sweep a day, in one hour", "the sweep spread over the day"};
        for (int k = 0; k < 3; k++) {
            svg.rect(left + 240 * k, bottom + 60, 14, 12, colors[k], null);
            svg.text(left + 240 * k + 20, bottom + 70, 11.5, null, "start", "#222", legend[k]);
        }
        svg.text(20, h - 26, 10.5, null, "start", "#444",
                "before: N ≤ floor(quota / runs per hour) × " + page + ";  one sweep in an hour: N ≤ (quota − (runs per hour − 1) × "
                        + quietReads + ") × " + page + ";");
        svg.text(20, h - 12, 10.5, null, "start", "#444",
                "spread: N ≤ " + SWEEP_HOURS + " h × runs per hour × (floor(quota / runs per hour) − " + quietReads + " − 1) × " + page
                        + " (quota only: the state file, read whole, caps a mirror near 250,000 tasks in a 512Mi pod).");
        return svg.end();
    }
}
