import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The GitHub receiver's latency and burst ({@code bench/webhook.sh github [events] [deliveries]}): a fake GitHub API
 * ({@link FakeGithub}) and signed {@code issues} deliveries ({@code X-Hub-Signature-256}, {@code X-GitHub-Event},
 * {@code X-GitHub-Delivery}) to {@code POST /webhooks/github}. The import is set-up (at the sandbox's pace); then the
 * Jira case's three latency scenarios at Toggl's rate (1 request/second), and the burst beyond the queue: a run every
 * 5 s whose first run is held in its list read while {@code deliveries} deliveries, each for an issue GitHub does not
 * have (one GitHub read, a 404, no Toggl write), are sent by 16 clients at once. Writes the section "GitHub webhooks" of
 * bench/webhook-results.md.
 */
final class GithubWebhookLag {

    static final String HEADING = "\n## GitHub webhooks\n";

    private GithubWebhookLag() {
    }

    static void run(String[] args) throws Exception {
        int spaced = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int deliveries = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        FakeGithub github = new FakeGithub();
        WebhookLag.Imported set = WebhookLag.imported("webhook-github-", github, Map.of("TOGGL_RATE_LIMIT", "50"));
        System.err.println("== imported " + set.sandbox().tasks(WebhookLag.PROJECT).size() + " tasks");

        WebhookLag.Running app = set.app("webhooks", Map.of("SYNC_SCHEDULE", WebhookLag.NEVER));
        List<String> rows = WebhookLag.scenarios(app, spaced);
        String latencyMetrics = AppProcess.scrape(app.http(), app.base());
        app.stop();

        Path gcLog = set.dir().resolve("burst-gc.log");
        WebhookLag.gcLog = gcLog;
        WebhookBurst.holdRuns = true;
        app = set.app("burst", Map.of("SYNC_SCHEDULE", "0/5 * * * * ?"));
        WebhookBurst.Held held = WebhookBurst.heldBurst(app, deliveries, 10_001);
        long t1 = System.nanoTime();
        WebhookBurst.runMayGoOn.countDown();
        String after = WebhookBurst.drained(app);
        long drainMs = (System.nanoTime() - t1) / 1_000_000;
        long rssPeak = AppProcess.statusKb(app.process().pid(), "VmHWM");
        app.stop();
        set.stop();

        WebhookBurst.Answers burst = held.answers();
        StringBuilder out = new StringBuilder(HEADING).append('\n');
        out.append("`bench/webhook.sh github ").append(spaced).append(' ').append(deliveries).append("`, run ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. The GitHub receiver (`POST /webhooks/github`), with a fake ")
                .append("GitHub API in the benchmark's JVM (one repository, ").append(WebhookLag.ISSUES).append(" open issues, one issue read by ")
                .append("number) and signed `issues` deliveries (`X-Hub-Signature-256`, `X-GitHub-Event: issues`, `X-GitHub-Delivery`). The app ")
                .append("as for Jira: `java -Xmx256m -XX:TieredStopAtLevel=1 -jar`, TOGGL_RATE_LIMIT=1, quota free, github.webhook-coalesce=500ms ")
                .append("(the default); the import at the sandbox's pace (set-up); the fake and the sandbox answer with TCP_NODELAY ")
                .append("(`sun.net.httpserver.nodelay`). Lag: from sending the signed delivery to the new name in the ")
                .append("sandbox (polled every 2 ms).\n\n")
                .append("| scenario | events | p50 | p95 | max | GitHub reads | Toggl calls |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("\nThe app's own `github_webhook_lag_seconds` (receipt to the write's answer):\n\n```\n");
        latencyMetrics.lines().filter(l -> l.startsWith("github_webhook_lag_seconds{quantile") || l.startsWith("github_webhook_events_total")
                || l.startsWith("github_webhook_lag_seconds_count")).forEach(l -> out.append(l).append('\n'));
        out.append("```\n\nA burst beyond the queue: a schedule every 5 s whose first run is held in its issues list read (so it holds the ")
                .append("sync lock) while ").append(deliveries).append(" signed deliveries, each for an issue of its own that GitHub does not ")
                .append("have (each event one GitHub read, a 404, no Toggl write), are sent by 16 clients at once; then the run is let go.\n\n")
                .append("| deliveries | answers | answer p50 | p95 | max | sent in | RSS before | RSS with the queue full | RSS peak (VmHWM) | ")
                .append("heap after GC, max | queue drained after the run |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
                .append("| ").append(deliveries).append(" | ").append(burst.statuses()).append(" | ")
                .append(WebhookLag.msPrecise(WebhookLag.percentile(burst.times(), 50))).append(" | ")
                .append(WebhookLag.msPrecise(WebhookLag.percentile(burst.times(), 95))).append(" | ").append(WebhookLag.msPrecise(burst.max()))
                .append(" | ").append(WebhookLag.ms(burst.ms())).append(" | ").append(held.rssBeforeKb() / 1024).append(" MB | ")
                .append(held.rssHeldKb() / 1024).append(" MB | ").append(rssPeak / 1024).append(" MB | ").append(AppProcess.maxHeapAfterGc(gcLog))
                .append(" MB | ").append(WebhookLag.ms(drainMs)).append(" |\n\n```\n");
        WebhookBurst.appendQueueMetrics(out, "github", held.metrics(), after, false);
        out.append("```\n");
        System.out.print(out);
        WebhookBurst.replaceSection(HEADING, out.toString());
    }
}
