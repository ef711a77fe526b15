import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A burst beyond the queue of issue events ({@code bench/webhook.sh burst [n] [tasks]}): {@code n} signed deliveries,
 * each for an issue of its own, sent by 16 clients at once while a scheduled run holds the sync lock (its source read
 * held by the fake until the burst is answered): every delivery's answer time, the answers, the app's RSS; then the run
 * let go and the time until no event waits. On a large mirror ({@code tasks} over 200) a second burst while runs go on.
 * The GitHub case ({@link GithubWebhookLag}) uses the same held run and burst.
 */
final class WebhookBurst {

    static final String BURST_HEADING = "\n## A burst beyond the queue\n";
    static final String LARGE_BURST_HEADING = "\n## A burst on a large mirror\n";

    /** When set, the first scheduled run's source read waits in {@link #holdTheRun} until the burst is answered. */
    static volatile boolean holdRuns;
    static final CountDownLatch runReading = new CountDownLatch(1);
    static final CountDownLatch runMayGoOn = new CountDownLatch(1);

    private WebhookBurst() {
    }

    /** Called by a fake source when a run reads the whole source: in burst mode the run holds the sync lock there. */
    static void holdTheRun() {
        if (!holdRuns) {
            return;
        }
        runReading.countDown();
        try {
            runMayGoOn.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A burst's answers: each answer time (microseconds, sorted), the answers by status, how long the burst took (ms). */
    record Answers(List<Long> times, Map<Long, Integer> statuses, long ms) {
        long overOneSecond() {
            return times.stream().filter(t -> t > 1_000_000).count();
        }

        long max() {
            return times.get(times.size() - 1);
        }
    }

    /** The first burst, sent while the held run holds the sync lock, and what the app looked like then. */
    record Held(Answers answers, long rssBeforeKb, long rssHeldKb, String metrics) {
    }

    /**
     * Waits for the first scheduled run to hold the lock, sends {@code n} deliveries for the issues from {@code first}
     * on, then lets the run go on. {@code holdRuns} must have been set before the app started.
     */
    static Held heldBurst(WebhookLag.Running app, int n, int first) throws Exception {
        if (!runReading.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no scheduled run within 30 s");
        }
        long rssBefore = AppProcess.statusKb(app.process().pid(), "VmRSS");
        System.err.println("== a run holds the lock; sending " + n + " deliveries");
        Answers answers = sendBurst(app, n, first);
        String during = AppProcess.scrape(app.http(), app.base());
        long rssHeld = AppProcess.statusKb(app.process().pid(), "VmRSS");
        return new Held(answers, rssBefore, rssHeld, during);
    }

    /** Polls the app's metrics until no event of the source waits (5 minutes at most): the last scrape. */
    static String drained(WebhookLag.Running app) throws Exception {
        String pending = app.source().name() + "_webhook_events_pending ";
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String metrics;
        do {
            Thread.sleep(200);
            metrics = AppProcess.scrape(app.http(), app.base());
        } while (AppProcess.metricValue(metrics, pending) > 0 && System.nanoTime() < deadline);
        return metrics;
    }

    static void burst(int n, int tasks) throws Exception {
        boolean large = tasks > WebhookLag.ISSUES;
        // on a large mirror the import is set-up, as in mirror mode: at the sandbox's pace, then the state grown
        WebhookLag.Imported set = WebhookLag.imported("webhook-burst-", new FakeJira(), large ? Map.of("TOGGL_RATE_LIMIT", "50") : Map.of());
        Path state = set.dir().resolve("sync-state.json");
        if (large) {
            WebhookMirror.grow(state, tasks);
            System.err.println("== the sync state holds " + tasks + " tasks: " + Files.size(state) / 1024 + " KiB");
        }
        long stateBytes = Files.size(state);
        // where the heap goes: the app's GC log (the live set after each collection)
        Path gcLog = set.dir().resolve("burst-gc.log");
        WebhookLag.gcLog = gcLog;
        holdRuns = true;
        // a run every 5 s: the first one's search is held; the ticks during it are skipped
        WebhookLag.Running app = set.app("burst", Map.of("SYNC_SCHEDULE", "0/5 * * * * ?"));
        Held held = heldBurst(app, n, 10_001);
        Answers first = held.answers();

        long t1 = System.nanoTime();
        runMayGoOn.countDown();
        String metrics = drained(app);
        long drainMs = (System.nanoTime() - t1) / 1_000_000;
        // on a large mirror, a second burst while the runs go on (every 5 s, each holding the state of the whole mirror)
        Answers second = null;
        if (large) {
            second = sendBurst(app, n, 10_001 + n);
            metrics = drained(app);
        }
        long rssPeak = AppProcess.statusKb(app.process().pid(), "VmHWM");
        double runs = metrics.lines().filter(l -> l.startsWith("sync_runs_total{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        app.stop();
        set.stop();

        List<Long> times = first.times();
        if (large) {
            String row = "| " + n + " | " + tasks + " | " + stateBytes / 1024 + " KiB | " + first.statuses() + " | "
                    + WebhookLag.msPrecise(WebhookLag.percentile(times, 50)) + " | " + WebhookLag.msPrecise(WebhookLag.percentile(times, 95)) + " | "
                    + WebhookLag.msPrecise(first.max()) + " | " + first.overOneSecond() + " | " + WebhookLag.ms(first.ms()) + " | "
                    + held.rssBeforeKb() / 1024 + " MB | " + held.rssHeldKb() / 1024 + " MB | " + rssPeak / 1024 + " MB | "
                    + AppProcess.maxHeapAfterGc(gcLog) + " MB | " + WebhookLag.ms(drainMs) + " | " + (long) runs + " | " + AppProcess.gcPauses(gcLog)
                    + " | " + second.statuses() + ", p95 " + WebhookLag.msPrecise(WebhookLag.percentile(second.times(), 95)) + ", max "
                    + WebhookLag.msPrecise(second.max()) + ", " + second.overOneSecond() + " over 1 s |";
            writeLargeBurst(n, tasks, row, held.metrics(), metrics);
            return;
        }
        StringBuilder out = new StringBuilder(BURST_HEADING).append('\n');
        out.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores (`bench/webhook.sh burst ")
                .append(n).append("`). The app as above, a schedule every 5 s whose first run is held in its Jira search (so it holds the ")
                .append("sync lock) while ").append(n).append(" signed deliveries, each for an issue of its own, are sent by 16 clients at once; ")
                .append("then the run is let go. The issues are outside the JQL (each event one Jira read, no Toggl write).\n\n")
                .append("| deliveries | answers | answer p50 | p95 | max | sent in | RSS before | RSS with the queue full | RSS peak (VmHWM) | queue drained after the run |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
                .append("| ").append(n).append(" | ").append(first.statuses()).append(" | ").append(WebhookLag.msPrecise(WebhookLag.percentile(times, 50)))
                .append(" | ").append(WebhookLag.msPrecise(WebhookLag.percentile(times, 95))).append(" | ").append(WebhookLag.msPrecise(first.max()))
                .append(" | ").append(WebhookLag.ms(first.ms())).append(" | ").append(held.rssBeforeKb() / 1024).append(" MB | ")
                .append(held.rssHeldKb() / 1024).append(" MB | ").append(rssPeak / 1024).append(" MB | ").append(WebhookLag.ms(drainMs)).append(" |\n\n```\n");
        appendQueueMetrics(out, "jira", held.metrics(), metrics, false);
        out.append("```\n");
        System.out.print(out);
        replaceSection(BURST_HEADING, out.toString());
    }

    /** The deliveries counted while the run was held, and the events and their queue after. */
    static void appendQueueMetrics(StringBuilder out, String source, String during, String after, boolean runs) {
        during.lines().filter(l -> l.startsWith(source + "_webhook_deliveries_total{") && !l.endsWith(" 0.0")
                || l.startsWith(source + "_webhook_events_pending ")).forEach(l -> out.append(l).append("   (while held)\n"));
        after.lines().filter(l -> l.startsWith(source + "_webhook_events_total{") && !l.endsWith(" 0.0") || l.startsWith(source + "_webhook_events_pending ")
                || runs && l.startsWith("sync_runs_total{") && !l.endsWith(" 0.0")).forEach(l -> out.append(l).append("   (after)\n"));
    }

    /** The section {@code heading} of bench/webhook-results.md replaced by {@code section} (added at the end when missing), the others kept. */
    static void replaceSection(String heading, String section) throws Exception {
        String old = Files.exists(WebhookLag.RESULTS) ? Files.readString(WebhookLag.RESULTS) : "";
        int at = old.indexOf(heading);
        int next = at < 0 ? -1 : old.indexOf("\n## ", at + heading.length());
        Files.writeString(WebhookLag.RESULTS, (at < 0 ? old : old.substring(0, at)) + section + (next < 0 ? "" : old.substring(next)));
    }

    /** {@code n} signed deliveries for the issues from {@code first} on, each its own, sent by 16 clients at once. */
    static Answers sendBurst(WebhookLag.Running app, int n, int first) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<long[]>> sent = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int issue = first + i;
            sent.add(senders.submit(() -> timedSend(app, issue)));
        }
        List<Long> times = new ArrayList<>();
        Map<Long, Integer> statuses = new TreeMap<>();
        for (Future<long[]> f : sent) {
            long[] r = f.get();
            statuses.merge(r[0], 1, Integer::sum);
            times.add(r[1]);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        senders.shutdown();
        Collections.sort(times);
        return new Answers(times, statuses, ms);
    }

    /** One signed delivery for {@code issue}: {status, answer time in microseconds}; status 0 when no answer came within 10 s (Jira's timeout). */
    static long[] timedSend(WebhookLag.Running app, int issue) throws Exception {
        HttpClient http = app.http();
        long t0 = System.nanoTime();
        int status;
        try {
            status = http.send(app.source().delivery(app.base(), issue, "burst").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            status = 0;
        }
        return new long[] {status, (System.nanoTime() - t0) / 1_000};
    }

    /** The section "A burst on a large mirror" of bench/webhook-results.md: its rows kept and this run's added, the other sections kept. */
    static void writeLargeBurst(int n, int tasks, String row, String during, String after) throws Exception {
        String old = Files.exists(WebhookLag.RESULTS) ? Files.readString(WebhookLag.RESULTS) : "";
        int at = old.indexOf(LARGE_BURST_HEADING);
        int next = at < 0 ? -1 : old.indexOf("\n## ", at + LARGE_BURST_HEADING.length());
        String section = at < 0 ? "" : next < 0 ? old.substring(at) : old.substring(at, next);
        // the rows of earlier runs stay (run to run on shared cores differs), one row a run
        List<String> rows = section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| deliveries ") && !l.startsWith("| --- ")).toList();
        StringBuilder out = new StringBuilder(LARGE_BURST_HEADING).append('\n');
        out.append("`bench/webhook.sh burst ").append(n).append(' ').append(tasks).append("`, run ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. The burst above on a large mirror: a real import of ")
                .append(WebhookLag.ISSUES).append(" issues (at the sandbox's pace, `TOGGL_RATE_LIMIT=50`: set-up), its sync state then grown to ")
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
        appendQueueMetrics(out, "jira", during, after, true);
        out.append("```\n");
        System.out.print(out);
        replaceSection(LARGE_BURST_HEADING, out.toString());
    }
}
