import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmark's printing: the main table and its notes, the machine it ran on, the sections of a results file, and
 * the number formats (shared with WorklogBench).
 */
final class BenchReport {

    private BenchReport() {
    }

    static String table(List<Bench.Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| N | situation | GET | POST | PUT | PATCH | DELETE | calls | lower bound | wall | peak RSS | max heap after GC "
                + "| planning | start-up to 1st request | at 1 req/s | Starter 240/h | Premium 600/h | naive calls | naive wall | naive / app |\n");
        sb.append("|").append(" ---: |".repeat(2).replace("---:", "---")).append(" ---: |".repeat(18)).append("\n");
        for (Bench.Result r : results) {
            sb.append("| ").append(num(r.n)).append(" | ").append(r.situation.label);
            for (String m : Bench.METHODS) {
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

    static String notes(List<Bench.Result> results) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("Lower bound = ceil(N / page) + k_named + Σ ceil(k_v / batch) + ceil(k_flags / batch) with page ").append(Bench.PAGE)
                .append(" and batch ").append(Bench.PATCH_BATCH).append("; for a first import, 1 GET (empty project) + N POSTs. ")
                .append("1% changed = N/400 renames (PUT) + N/800 re-estimates to values of their own (PUT) + N/800 re-estimates "
                        + "to one shared value (bulk PATCH) + N/200 tasks finished (bulk PATCH). ")
                .append("Naive: one GET + one POST/PUT per record. ")
                .append("Quota columns: the time the calls need at 1 request/s, and under the hourly quota alone "
                        + "(calls / 240 h, calls / 600 h).\n");
        sb.append("Load average (1 min) at the start and the end: ").append(loadAtStart).append(" / ").append(load())
                .append(" (other processes on the machine slow the app's start-up and wall time).\n");
        List<String> problems = new ArrayList<>();
        for (Bench.Result r : results) {
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
        sb.append("App: `java ").append(String.join(" ", Bench.APP_JVM)).append(" -jar target/quarkus-app/quarkus-run.jar`, TOGGL_RATE_LIMIT=0, page ")
                .append(Bench.PAGE).append(", PATCH batch ").append(Bench.PATCH_BATCH)
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
    }}
