import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.webhook.WebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook latency: from sending a signed Jira event to the task's new name in Toggl, with the
 * packaged app in long-running mode (its own process), the Toggl sandbox at 1 request/second (the
 * app's default rate limit) and the quota free, and a fake Jira Cloud (JDK HTTP server) that
 * answers the one-issue search with the issue's current summary. Run by bench/webhook.sh; see
 * bench/README.md.
 */
public class WebhookLag {

    static final String TOKEN = "bench-token-0123456789";
    static final String SECRET = "bench-webhook-secret-0123456789abcdef";
    static final long WS = 42;
    static final long PROJECT = 1001;
    static final int ISSUES = 200;
    static final Pattern ONE_ISSUE = Pattern.compile("issuekey = \"(BEN-\\d+)\"");

    /** Issue key -> current summary, as the fake Jira answers. */
    static final Map<String, String> summaries = new ConcurrentHashMap<>();
    static final AtomicLong jiraCalls = new AtomicLong();

    /** The app processes, ended with the benchmark whatever happens. */
    static final List<Process> launched = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launched.forEach(Process::destroyForcibly)));
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("burst")) {
            burst(args.length > 1 ? Integer.parseInt(args[1]) : 5000, args.length > 2 ? Integer.parseInt(args[2]) : ISSUES);
            return;
        }
        if (args.length > 0 && args[0].equals("mirror")) {
            mirror(args.length > 1 ? Integer.parseInt(args[1]) : 100_000, args.length > 2 ? Integer.parseInt(args[2]) : 30,
                    args.length > 3 ? args[3] : "this build");
            return;
        }
        int spaced = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // the import: a one-off run leaves the sync state the events are planned against
        Imported set = imported("webhook-bench-", Map.of());
        Path dir = set.dir();
        TogglSandbox sandbox = set.sandbox();
        HttpServer jira = set.jira();
        String jiraUrl = set.jiraUrl();
        System.err.println("== imported " + sandbox.tasks(PROJECT).size() + " tasks");

        int port = freePort();
        Process app = app(dir, "webhooks", sandbox, jiraUrl, Map.of("SYNC_SCHEDULE", "0 0 0 1 1 ? 2099", "JIRA_WEBHOOK_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        // ready: the receiver is open (before that it answers 503, which Jira retries)
        waitUntilUp(http, base + "/q/health/ready", app);

        List<String> rows = new ArrayList<>();
        sandbox.resetCounters();
        long jiraBefore = jiraCalls.get();
        List<Long> lags = new ArrayList<>();
        for (int i = 1; i <= spaced; i++) {
            lags.add(renameAndWait(http, base, sandbox, "BEN-" + i, "Issue " + i + " renamed", 1));
            Thread.sleep(1500);
        }
        rows.add(row("one event every ~1.5 s (" + spaced + " issues)", lags, sandbox, jiraCalls.get() - jiraBefore));

        sandbox.resetCounters();
        jiraBefore = jiraCalls.get();
        Thread.sleep(1500);
        List<Long> burst = new ArrayList<>();
        burst.add(renameAndWait(http, base, sandbox, "BEN-150", "Issue 150, final", 5));
        rows.add(row("a burst of 5 deliveries for one issue", burst, sandbox, jiraCalls.get() - jiraBefore));

        sandbox.resetCounters();
        jiraBefore = jiraCalls.get();
        Thread.sleep(1500);
        List<Long> many = concurrent(http, base, sandbox, 10);
        rows.add(row("10 issues changed at once", many, sandbox, jiraCalls.get() - jiraBefore));

        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        app.destroy();
        app.waitFor();
        jira.stop(0);
        sandbox.close();

        StringBuilder out = new StringBuilder();
        out.append("# Webhook latency\n\n").append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.version")).append(". The app: `java -Xmx256m -XX:TieredStopAtLevel=1 -jar`, ")
                .append("TOGGL_RATE_LIMIT=1 (the default), quota free, jira.webhook-coalesce=500ms (the default), ").append(ISSUES)
                .append(" tasks mirrored. Lag: from sending the signed delivery to the new name in the sandbox (polled every 2 ms).\n\n")
                .append("| scenario | events | p50 | p95 | max | Jira reads | Toggl calls |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("\nThe app's own `jira_webhook_lag_seconds` (receipt to the write's answer):\n\n```\n");
        metrics.lines().filter(l -> l.startsWith("jira_webhook_lag_seconds{quantile") || l.startsWith("jira_webhook_events_total")
                || l.startsWith("jira_webhook_lag_seconds_count")).forEach(l -> out.append(l).append('\n'));
        out.append("```\n");
        System.out.print(out);
        Files.writeString(Path.of("bench/webhook-results.md"), out.toString() + burstSection());
    }

    static final String BURST_HEADING = "\n## A burst beyond the queue\n";
    /** The one run's Jira search waits on this while the burst is sent: the run holds the sync lock. */
    static final java.util.concurrent.CountDownLatch runMayAnswer = new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.CountDownLatch runSearching = new java.util.concurrent.CountDownLatch(1);
    static volatile boolean holdRuns;

    /** The burst section of bench/webhook-results.md as it is, to keep when the latency table is written again. */
    static String burstSection() throws IOException {
        Path file = Path.of("bench/webhook-results.md");
        String old = Files.exists(file) ? Files.readString(file) : "";
        int at = old.indexOf(BURST_HEADING);
        return at < 0 ? "" : old.substring(at);
    }

    /**
     * {@code n} signed deliveries, each for an issue of its own, sent by 16 clients at once while a
     * scheduled run holds the sync lock (its Jira search held by the fake Jira until the burst is
     * answered): every delivery's answer time, the answers, the app's RSS; then the run let go and
     * the time until no event waits.
     */
    /** What every mode starts from: the sandbox, the fake Jira with its issues, and the import run's sync state in {@code dir}. */
    record Imported(Path dir, TogglSandbox sandbox, HttpServer jira, String jiraUrl) {
    }

    static Imported imported(String prefix, Map<String, String> importEnv) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        for (int i = 1; i <= ISSUES; i++) {
            summaries.put("BEN-" + i, "Issue " + i);
        }
        TogglSandbox sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, PROJECT, "Bench");
        HttpServer jira = fakeJira();
        String jiraUrl = "http://127.0.0.1:" + jira.getAddress().getPort();
        System.err.println("== working directory " + dir);
        Process importRun = app(dir, "import", sandbox, jiraUrl, importEnv);
        if (importRun.waitFor() != 0) {
            throw new IllegalStateException("the import failed: see " + dir.resolve("import.log"));
        }
        return new Imported(dir, sandbox, jira, jiraUrl);
    }

    static void burst(int n, int tasks) throws Exception {
        boolean large = tasks > ISSUES;
        // on a large mirror the import is set-up, as in mirror mode: at the sandbox's pace, then the state grown
        Imported set = imported("webhook-burst-", large ? Map.of("TOGGL_RATE_LIMIT", "50") : Map.of());
        Path dir = set.dir();
        TogglSandbox sandbox = set.sandbox();
        HttpServer jira = set.jira();
        String jiraUrl = set.jiraUrl();
        Path state = dir.resolve("sync-state.json");
        if (large) {
            grow(state, tasks);
            System.err.println("== the sync state holds " + tasks + " tasks: " + Files.size(state) / 1024 + " KiB");
        }
        long stateBytes = Files.size(state);
        // where the heap goes: the app's GC log (the live set after each collection)
        gcLog = dir.resolve("burst-gc.log");
        holdRuns = true;
        int port = freePort();
        // a run every 5 s: the first one's search is held; the ticks during it are skipped
        Process app = app(dir, "burst", sandbox, jiraUrl, Map.of("SYNC_SCHEDULE", "0/5 * * * * ?", "JIRA_WEBHOOK_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        waitUntilUp(http, base + "/q/health/ready", app);
        if (!runSearching.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("no scheduled run within 30 s");
        }
        long rssBefore = rssKb(app.pid(), "VmRSS");
        System.err.println("== a run holds the lock; sending " + n + " deliveries");

        Answers first = sendBurst(http, base, n, 10_001);
        List<Long> times = first.times();
        Map<Long, Integer> statuses = first.statuses();
        long burstMs = first.ms();
        String during = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        long rssHeld = rssKb(app.pid(), "VmRSS");

        long t1 = System.nanoTime();
        runMayAnswer.countDown();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String metrics;
        do {
            Thread.sleep(200);
            metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } while (metricValue(metrics, "jira_webhook_events_pending ") > 0 && System.nanoTime() < deadline);
        long drainMs = (System.nanoTime() - t1) / 1_000_000;
        // on a large mirror, a second burst while the runs go on (every 5 s, each holding the state of the whole mirror)
        Answers second = null;
        if (large) {
            second = sendBurst(http, base, n, 10_001 + n);
            deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            do {
                Thread.sleep(200);
                metrics = scrape(http, base);
            } while (metricValue(metrics, "jira_webhook_events_pending ") > 0 && System.nanoTime() < deadline);
        }
        long rssPeak = rssKb(app.pid(), "VmHWM");
        double runs = metrics.lines().filter(l -> l.startsWith("sync_runs_total{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        app.destroy();
        app.waitFor();
        jira.stop(0);
        sandbox.close();

        long overOneSecond = times.stream().filter(t -> t > 1_000_000).count();
        long heapMax = maxHeapAfterGcMb(gcLog);
        String pauses = gcPauses(gcLog);
        if (large) {
            String row = "| " + n + " | " + tasks + " | " + stateBytes / 1024 + " KiB | " + statuses + " | " + msPrecise(percentile(times, 50)) + " | "
                    + msPrecise(percentile(times, 95)) + " | " + msPrecise(times.get(times.size() - 1)) + " | " + overOneSecond + " | " + ms(burstMs)
                    + " | " + rssBefore / 1024 + " MB | " + rssHeld / 1024 + " MB | " + rssPeak / 1024 + " MB | " + heapMax + " MB | " + ms(drainMs)
                    + " | " + (long) runs + " | " + pauses + " | " + second.statuses() + ", p95 " + msPrecise(percentile(second.times(), 95))
                    + ", max " + msPrecise(second.times().get(second.times().size() - 1)) + ", " + second.times().stream().filter(t -> t > 1_000_000).count()
                    + " over 1 s |";
            writeLargeBurst(n, tasks, row, during, metrics);
            return;
        }
        StringBuilder out = new StringBuilder(BURST_HEADING).append('\n');
        out.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores (`bench/webhook.sh burst ")
                .append(n).append("`). The app as above, a schedule every 5 s whose first run is held in its Jira search (so it holds the ")
                .append("sync lock) while ").append(n).append(" signed deliveries, each for an issue of its own, are sent by 16 clients at once; ")
                .append("then the run is let go. The issues are outside the JQL (each event one Jira read, no Toggl write).\n\n")
                .append("| deliveries | answers | answer p50 | p95 | max | sent in | RSS before | RSS with the queue full | RSS peak (VmHWM) | queue drained after the run |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
                .append("| ").append(n).append(" | ").append(statuses).append(" | ").append(msPrecise(percentile(times, 50))).append(" | ")
                .append(msPrecise(percentile(times, 95))).append(" | ").append(msPrecise(times.get(times.size() - 1))).append(" | ")
                .append(ms(burstMs)).append(" | ").append(rssBefore / 1024).append(" MB | ").append(rssHeld / 1024).append(" MB | ")
                .append(rssPeak / 1024).append(" MB | ").append(ms(drainMs)).append(" |\n\n```\n");
        during.lines().filter(l -> l.startsWith("jira_webhook_deliveries_total{") && !l.endsWith(" 0.0") || l.startsWith("jira_webhook_events_pending "))
                .forEach(l -> out.append(l).append("   (while held)\n"));
        metrics.lines().filter(l -> l.startsWith("jira_webhook_events_total{") && !l.endsWith(" 0.0") || l.startsWith("jira_webhook_events_pending "))
                .forEach(l -> out.append(l).append("   (after)\n"));
        out.append("```\n");
        System.out.print(out);
        Path file = Path.of("bench/webhook-results.md");
        String old = Files.exists(file) ? Files.readString(file) : "";
        int at = old.indexOf(BURST_HEADING);
        // the sections after it (the large mirror's) stay
        int next = at < 0 ? -1 : old.indexOf("\n## ", at + BURST_HEADING.length());
        Files.writeString(file, (at < 0 ? old : old.substring(0, at)) + out + (next < 0 ? "" : old.substring(next)));
    }

    /** A burst's answers: each answer time (microseconds, sorted), the answers by status, how long the burst took (ms). */
    record Answers(List<Long> times, Map<Long, Integer> statuses, long ms) {
    }

    /** {@code n} signed deliveries for the issues from {@code BEN-<first>} on, each its own, sent by 16 clients at once. */
    static Answers sendBurst(HttpClient http, String base, int n, int first) throws Exception {
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<long[]>> sent = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String key = "BEN-" + (first + i);
            sent.add(senders.submit(() -> timedSend(http, base, key)));
        }
        List<Long> times = new ArrayList<>();
        Map<Long, Integer> statuses = new java.util.TreeMap<>();
        for (java.util.concurrent.Future<long[]> f : sent) {
            long[] r = f.get();
            statuses.merge(r[0], 1, Integer::sum);
            times.add(r[1]);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        senders.shutdown();
        Collections.sort(times);
        return new Answers(times, statuses, ms);
    }

    static final String LARGE_BURST_HEADING = "\n## A burst on a large mirror\n";
    /** The app's GC log, when a mode asks for one. */
    static Path gcLog;

    /** The largest heap occupancy right after a GC in the app's {@code -Xlog:gc} log (MB), -1 without one. */
    static long maxHeapAfterGcMb(Path log) throws IOException {
        if (log == null || !Files.exists(log)) {
            return -1;
        }
        Matcher m = Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(log));
        long max = -1;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    /** The app's longest GC pause, and its full GCs (count, longest), from its {@code -Xlog:gc} log. */
    static String gcPauses(Path log) throws IOException {
        if (log == null || !Files.exists(log)) {
            return "?";
        }
        double longest = 0;
        double longestFull = 0;
        int full = 0;
        Matcher m = Pattern.compile("Pause (\\S+).* (\\d+\\.\\d+)ms").matcher(Files.readString(log));
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

    /** The section "A burst on a large mirror" of bench/webhook-results.md: its rows kept and this run's added, the other sections kept. */
    static void writeLargeBurst(int n, int tasks, String row, String during, String after) throws IOException {
        Path file = Path.of("bench/webhook-results.md");
        String old = Files.exists(file) ? Files.readString(file) : "";
        int at = old.indexOf(LARGE_BURST_HEADING);
        int next = at < 0 ? -1 : old.indexOf("\n## ", at + LARGE_BURST_HEADING.length());
        String section = at < 0 ? "" : next < 0 ? old.substring(at) : old.substring(at, next);
        // the rows of earlier runs stay (run to run on shared cores differs), one row a run
        List<String> rows = section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| deliveries ") && !l.startsWith("| --- ")).toList();
        StringBuilder out = new StringBuilder(LARGE_BURST_HEADING).append('\n');
        out.append("`bench/webhook.sh burst ").append(n).append(' ').append(tasks).append("`, run ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. The burst above on a large mirror: a real import of ")
                .append(ISSUES).append(" issues (at the sandbox's pace, `TOGGL_RATE_LIMIT=50`: set-up), its sync state then grown to ")
                .append(tasks).append(" tasks and records with issues no event touches (as in \"Events on a large mirror\"); then the app ")
                .append("(`-Xmx256m`, the Deployment's heap at its 512Mi limit) with a run every 5 s whose first run is held in its Jira search ")
                .append("while ").append(n).append(" signed deliveries, each for an issue of its own outside the JQL, are sent by 16 clients at once; ")
                .append("then the run is let go and the queue drained. Then a second burst of as many deliveries (other issues) while the ")
                .append("runs go on every 5 s, each reading and writing the state of the whole mirror, and the queue drained again. ")
                .append("Answer: the client's time from sending to the answer's status (10 s timeout, Jira's; status 0: none). ")
                .append("Heap: the largest occupancy right after a GC (`-Xlog:gc`); RSS peak, heap, runs (`sync_runs_total`, the held one included) ")
                .append("and GC pauses cover both bursts.\n\n")
                .append("| deliveries | tasks | state file | answers | answer p50 | p95 | max | answers over 1 s | sent in | RSS before | ")
                .append("RSS with the queue full | RSS peak (VmHWM) | heap after GC, max | queue drained after the run | runs | GC pause, longest | ")
                .append("a second burst during the runs |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append(row).append("\n\nThe last run's metrics:\n\n```\n");
        during.lines().filter(l -> l.startsWith("jira_webhook_deliveries_total{") && !l.endsWith(" 0.0") || l.startsWith("jira_webhook_events_pending "))
                .forEach(l -> out.append(l).append("   (while held)\n"));
        after.lines().filter(l -> l.startsWith("jira_webhook_events_total{") && !l.endsWith(" 0.0") || l.startsWith("jira_webhook_events_pending ")
                || l.startsWith("sync_runs_total{") && !l.endsWith(" 0.0")).forEach(l -> out.append(l).append("   (after)\n"));
        out.append("```\n");
        System.out.print(out);
        String before = at < 0 ? old : old.substring(0, at);
        String rest = at < 0 ? "" : next < 0 ? "" : old.substring(next);
        Files.writeString(file, before + out + rest);
    }

    static final String MIRROR_HEADING = "\n## Events on a large mirror\n";

    /**
     * Events on a mirror of {@code tasks} tasks: a real import of the 200 issues leaves a sync state,
     * grown to {@code tasks} tasks and records by adding issues no event touches (the sandbox does not
     * hold them: an event plans against the state and reads no Toggl task); then {@code events} spaced
     * renames, each timed from the delivery to the new name in the sandbox, and the bytes of state
     * written for each: the state file when it was replaced (whole) plus what its journal grew by.
     */
    static void mirror(int tasks, int events, String label) throws Exception {
        // the import is set-up, not measured: at the sandbox's pace rather than Toggl's
        Imported set = imported("webhook-mirror-", Map.of("TOGGL_RATE_LIMIT", "50"));
        Path dir = set.dir();
        TogglSandbox sandbox = set.sandbox();
        HttpServer jira = set.jira();
        String jiraUrl = set.jiraUrl();
        Path state = dir.resolve("sync-state.json");
        Path journal = dir.resolve("sync-state.json.journal");
        grow(state, tasks);
        long stateBytes = Files.size(state);
        System.err.println("== the sync state holds " + tasks + " tasks: " + stateBytes / 1024 + " KiB");

        int port = freePort();
        Process app = app(dir, "mirror", sandbox, jiraUrl, Map.of("SYNC_SCHEDULE", "0 0 0 1 1 ? 2099", "JIRA_WEBHOOK_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        waitUntilUp(http, base + "/q/health/ready", app);
        List<Long> lags = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        List<Long> wchar = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            Object stateBefore = Files.readAttributes(state, java.nio.file.attribute.BasicFileAttributes.class).lastModifiedTime();
            long journalBefore = Files.exists(journal) ? Files.size(journal) : 0;
            long ioBefore = ioField(app.pid(), "wchar");
            lags.add(renameAndWait(http, base, sandbox, "BEN-" + i, "Issue " + i + " on a large mirror", 1));
            // the state is written after the Toggl write the lag waits for: wait for the event's end
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (metricValue(scrape(http, base), "jira_webhook_events_total{outcome=\"applied\"} ") < i && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Object stateAfter = Files.readAttributes(state, java.nio.file.attribute.BasicFileAttributes.class).lastModifiedTime();
            long journalAfter = Files.exists(journal) ? Files.size(journal) : 0;
            written.add((stateAfter.equals(stateBefore) ? 0 : Files.size(state)) + Math.max(0, journalAfter - journalBefore));
            wchar.add(ioField(app.pid(), "wchar") - ioBefore);
            Thread.sleep(1500);
        }
        long rss = rssKb(app.pid(), "VmHWM");
        app.destroy();
        app.waitFor();
        jira.stop(0);
        sandbox.close();

        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        List<Long> bytes = new ArrayList<>(written);
        Collections.sort(bytes);
        List<Long> io = new ArrayList<>(wchar);
        Collections.sort(io);
        String row = "| " + label + " | " + tasks + " | " + stateBytes / 1024 + " KiB | " + events + " | " + ms(percentile(sorted, 50)) + " | "
                + ms(percentile(sorted, 95)) + " | " + ms(sorted.get(sorted.size() - 1)) + " | " + ms(sorted.get(0)) + " (event 1: "
                + ms(lags.get(0)) + ") | " + bytes.get(bytes.size() / 2) + " B | " + bytes.get(bytes.size() - 1) + " B | "
                + io.get(io.size() / 2) + " B | " + rss / 1024 + " MB |";
        System.out.println(row);
        Path file = Path.of("bench/webhook-results.md");
        String old = Files.exists(file) ? Files.readString(file) : "";
        int at = old.indexOf(MIRROR_HEADING);
        String before = at < 0 ? old : old.substring(0, at);
        String section = at < 0 ? "" : old.substring(at);
        int next = section.indexOf("\n## ", MIRROR_HEADING.length());
        String after = next < 0 ? "" : section.substring(next);
        List<String> rows = new ArrayList<>();
        (next < 0 ? section : section.substring(0, next)).lines().filter(l -> l.startsWith("| ") && !l.startsWith("| build ") && !l.startsWith("| --- ")
                && !l.startsWith("| " + label + " |")).forEach(rows::add);
        rows.add(row);
        StringBuilder out = new StringBuilder(MIRROR_HEADING).append('\n').append("`bench/webhook.sh mirror ").append(tasks).append(' ')
                .append(events).append(" '<build>'`, run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. The app as above; a real import of ").append(ISSUES).append(" issues, its sync state then grown to the size ")
                .append("shown with issues no event touches; one rename every ~1.5 s, each timed from the delivery to the new name in the ")
                .append("sandbox (the 500 ms coalescing window included). Bytes of state written: the state file when an event replaced it, plus ")
                .append("what its journal grew by (median, max); wchar: all the app's writes during the event, its log included (median).\n\n")
                .append("| build | tasks | state file | events | p50 | p95 | max | min | state written p50 | max | wchar p50 | RSS peak |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        Files.writeString(file, before + out + after);
    }

    /** The sync state of the import grown to {@code tasks} tasks and records, as if that many issues were mirrored. */
    static void grow(Path state, int tasks) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(state.toFile());
        var taskList = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("tasks");
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("records");
        var task = (com.fasterxml.jackson.databind.node.ObjectNode) taskList.get(0);
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) records.get(0);
        for (int i = taskList.size() + 1; i <= tasks; i++) {
            String key = "BEN-" + (1_000_000 + i);
            String name = key + " Issue " + i + " of a large mirror";
            taskList.add(task.deepCopy().put("id", 50_000_000L + i).put("name", name).put("integration_ext_id", key));
            records.add(record.deepCopy().put("external_id", key).put("name", name).put("line", i));
        }
        mapper.writeValue(state.toFile(), root);
    }

    static String scrape(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long ioField(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** One signed delivery for `key`: {status, answer time in microseconds}; status 0 when no answer came within 10 s (Jira's timeout). */
    static long[] timedSend(HttpClient http, String base, String key) throws Exception {
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":" + issue(key, "burst") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/jira")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", WebhookSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("X-Atlassian-Webhook-Identifier", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            status = 0;
        }
        return new long[] {status, (System.nanoTime() - t0) / 1_000};
    }

    static String msPrecise(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }

    static double metricValue(String exposition, String prefix) {
        return exposition.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .findFirst().orElse(0);
    }

    static long rssKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Renames one issue in Jira, sends `deliveries` signed events for it, and waits for the task's new name: the lag in ms. */
    static long renameAndWait(HttpClient http, String base, TogglSandbox sandbox, String key, String summary, int deliveries) throws Exception {
        summaries.put(key, summary);
        long t0 = System.nanoTime();
        for (int d = 0; d < deliveries; d++) {
            send(http, base, key, summary);
        }
        String name = key + " " + summary;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sandbox.tasks(PROJECT).stream().map(TogglTask::name).noneMatch(name::equals)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(key + " was not renamed within 60 s");
            }
            Thread.sleep(2);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static List<Long> concurrent(HttpClient http, String base, TogglSandbox sandbox, int n) throws Exception {
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "BEN-" + (100 + i);
            String summary = "Issue " + (100 + i) + ", together";
            summaries.put(key, summary);
            names.add(key + " " + summary);
            send(http, base, key, summary);
        }
        List<Long> lags = new ArrayList<>(Collections.nCopies(n, -1L));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (lags.contains(-1L)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all renamed within 120 s");
            }
            List<String> now = sandbox.tasks(PROJECT).stream().map(TogglTask::name).toList();
            for (int i = 0; i < n; i++) {
                if (lags.get(i) < 0 && now.contains(names.get(i))) {
                    lags.set(i, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            Thread.sleep(2);
        }
        return lags;
    }

    static void send(HttpClient http, String base, String key, String summary) throws Exception {
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":" + issue(key, summary) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/jira")).header("Content-Type", "application/json")
                .header("X-Hub-Signature", WebhookSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("X-Atlassian-Webhook-Identifier", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 202) {
            throw new IllegalStateException("the receiver answered " + status);
        }
    }

    static String row(String scenario, List<Long> lags, TogglSandbox sandbox, long jira) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return "| " + scenario + " | " + lags.size() + " | " + ms(percentile(sorted, 50)) + " | " + ms(percentile(sorted, 95)) + " | "
                + ms(sorted.get(sorted.size() - 1)) + " | " + jira + " | " + sandbox.totalRequests() + " (" + sandbox.requestCounts() + ") |";
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    static String ms(long ms) {
        return String.format("%.2f s", ms / 1000.0);
    }

    static String issue(String key, String summary) {
        return "{\"id\":\"" + key.substring(4) + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"" + summary + "\","
                + "\"status\":{\"name\":\"x\",\"statusCategory\":{\"key\":\"indeterminate\"}},\"resolution\":null,"
                + "\"timeoriginalestimate\":3600,\"project\":{\"key\":\"BEN\"}}}";
    }

    /** Jira Cloud's search: the whole JQL answers every issue, a one-issue search that issue as it is now. */
    static HttpServer fakeJira() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/rest/api/3/search/jql", exchange -> {
            jiraCalls.incrementAndGet();
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher one = ONE_ISSUE.matcher(query);
            List<String> issues = new ArrayList<>();
            if (one.find()) {
                String summary = summaries.get(one.group(1));
                if (summary != null) {
                    issues.add(issue(one.group(1), summary));
                }
            } else {
                if (holdRuns) {
                    // the burst mode's run: it holds the sync lock until the burst is answered
                    runSearching.countDown();
                    try {
                        runMayAnswer.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                for (int i = 1; i <= ISSUES; i++) {
                    issues.add(issue("BEN-" + i, summaries.get("BEN-" + i)));
                }
            }
            answer(exchange, "{\"issues\":[" + String.join(",", issues) + "],\"isLast\":true}");
        });
        server.start();
        return server;
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static Process app(Path dir, String name, TogglSandbox sandbox, String jiraUrl, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1"));
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("JIRA_") || k.startsWith("QUARKUS_"));
        pb.environment().putAll(Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_API_TOKEN", TOKEN, "TOGGL_WORKSPACE_ID", Long.toString(WS),
                "TOGGL_PROJECT_MAP", "BEN=" + PROJECT, "SYNC_SOURCE", "jira", "JIRA_URL", jiraUrl, "JIRA_USER", "bench@acme.test",
                "JIRA_TOKEN", "bench-jira-token", "JIRA_JQL", "project = BEN"));
        pb.environment().put("SYNC_REPORT_FILE", dir.resolve(name + "-report.json").toString());
        pb.environment().put("SYNC_STATE_FILE", dir.resolve("sync-state.json").toString());
        pb.environment().put("SYNC_DEAD_LETTER_FILE", dir.resolve(name + "-dead-letter.jsonl").toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        launched.add(p);
        return p;
    }

    static void waitUntilUp(HttpClient http, String url, Process app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the app ended");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app did not come up within 60 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
