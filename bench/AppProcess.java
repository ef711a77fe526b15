import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app as the benchmarks run it, in a process of its own: the processes ended with the benchmark, a free
 * port, waiting for its readiness, its metrics, and what /proc and its GC log ({@code -Xlog:gc}) say of it. Shared by
 * Bench, WorklogBench, WebhookLag (and its GitHub case) and WebhookFlood.
 */
final class AppProcess {

    static final String JAR = "target/quarkus-app/quarkus-run.jar";
    /** In an {@code -Xlog:gc} line: heap before, after and its size, in MB. */
    static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** The app processes, ended with the benchmark whatever happens. */
    static final List<Process> launched = Collections.synchronizedList(new ArrayList<>());

    private AppProcess() {
    }

    /**
     * A benchmark's main: runs {@code body}, whose result is the exit code; exit 1 with the stack trace when it throws.
     * The app processes it launched are ended with the JVM.
     */
    static void main(Callable<Integer> body) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launched.forEach(Process::destroyForcibly)));
        int exit;
        try {
            exit = body.call();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** This JVM's {@code java}, which runs the app too. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts the app's process, ended with the benchmark. */
    static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        launched.add(p);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Polls {@code url} until it answers 200 (the receiver open, for /q/health/ready), for 60 s at most. */
    static void waitUntilReady(HttpClient http, String url, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the app ended: see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app was not ready within 60 s: see " + log);
    }

    /** The app's /q/metrics. */
    static String scrape(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the first sample whose line starts with {@code prefix} (name and labels), 0 without one. */
    static double metricValue(String exposition, String prefix) {
        return exposition.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }

    /** A field of /proc/{pid}/status in kB ({@code VmRSS}, {@code VmHWM}), -1 when the process is gone (or not Linux). */
    static long statusKb(long pid, String field) {
        return procField(pid, "status", field);
    }

    /** A field of /proc/{pid}/io in bytes ({@code wchar}), -1 when the process is gone. */
    static long ioBytes(long pid, String field) {
        return procField(pid, "io", field);
    }

    private static long procField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // the process just ended, or no /proc (not Linux)
        }
        return -1;
    }

    /** The largest heap occupancy right after a GC in the app's GC log, in MB (the live set at its largest), or -1. */
    static long maxHeapAfterGc(Path gcLog) {
        try {
            Matcher m = GC_HEAP.matcher(Files.readString(gcLog));
            long max = -1;
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(2)));
            }
            return max;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The app's longest GC pause, and its full GCs (count, longest), from its GC log. */
    static String gcPauses(Path gcLog) {
        String log;
        try {
            log = Files.readString(gcLog);
        } catch (IOException e) {
            return "?";
        }
        double longest = 0;
        double longestFull = 0;
        int full = 0;
        Matcher m = Pattern.compile("Pause (\\S+).* (\\d+\\.\\d+)ms").matcher(log);
        while (m.find()) {
            double ms = Double.parseDouble(m.group(2));
            longest = Math.max(longest, ms);
            if (m.group(1).equals("Full")) {
                full++;
                longestFull = Math.max(longestFull, ms);
            }
        }
        return String.format("%.0f ms; %d full%s", longest, full, full == 0 ? "" : String.format(" (longest %.0f ms)", longestFull));
    }
}
