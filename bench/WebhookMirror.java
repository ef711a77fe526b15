import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Events on a large mirror ({@code bench/webhook.sh mirror [tasks] [events] [label]}): the lag per event and the bytes
 * of state each writes, on a sync state of {@code tasks} tasks.
 */
final class WebhookMirror {

    static final String MIRROR_HEADING = "\n## Events on a large mirror\n";

    private WebhookMirror() {
    }

    /**
     * Events on a mirror of {@code tasks} tasks: a real import of the 200 issues leaves a sync state,
     * grown to {@code tasks} tasks and records by adding issues no event touches (the sandbox does not
     * hold them: an event plans against the state and reads no Toggl task); then {@code events} spaced
     * renames, each timed from the delivery to the new name in the sandbox, and the bytes of state
     * written for each: the state file when it was replaced (whole) plus what its journal grew by.
     */
    static void mirror(int tasks, int events, String label) throws Exception {
        // the import is set-up, not measured: at the sandbox's pace rather than Toggl's
        WebhookLag.Imported set = WebhookLag.imported("webhook-mirror-", new FakeJira(), Map.of("TOGGL_RATE_LIMIT", "50"));
        Path state = set.dir().resolve("sync-state.json");
        Path journal = set.dir().resolve("sync-state.json.journal");
        grow(state, tasks);
        long stateBytes = Files.size(state);
        System.err.println("== the sync state holds " + tasks + " tasks: " + stateBytes / 1024 + " KiB");

        WebhookLag.Running app = set.app("mirror", Map.of("SYNC_SCHEDULE", WebhookLag.NEVER));
        long pid = app.process().pid();
        List<Long> lags = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        List<Long> wchar = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            Object stateBefore = Files.readAttributes(state, BasicFileAttributes.class).lastModifiedTime();
            long journalBefore = Files.exists(journal) ? Files.size(journal) : 0;
            long ioBefore = AppProcess.ioBytes(pid, "wchar");
            lags.add(WebhookLag.renameAndWait(app, i, "Issue " + i + " on a large mirror", 1));
            // the state is written after the Toggl write the lag waits for: wait for the event's end
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (AppProcess.metricValue(AppProcess.scrape(app.http(), app.base()), "jira_webhook_events_total{outcome=\"applied\"} ") < i
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Object stateAfter = Files.readAttributes(state, BasicFileAttributes.class).lastModifiedTime();
            long journalAfter = Files.exists(journal) ? Files.size(journal) : 0;
            written.add((stateAfter.equals(stateBefore) ? 0 : Files.size(state)) + Math.max(0, journalAfter - journalBefore));
            wchar.add(AppProcess.ioBytes(pid, "wchar") - ioBefore);
            Thread.sleep(1500);
        }
        long rss = AppProcess.statusKb(pid, "VmHWM");
        app.stop();
        set.stop();

        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        List<Long> bytes = new ArrayList<>(written);
        Collections.sort(bytes);
        List<Long> io = new ArrayList<>(wchar);
        Collections.sort(io);
        String row = "| " + label + " | " + tasks + " | " + stateBytes / 1024 + " KiB | " + events + " | " + WebhookLag.ms(WebhookLag.percentile(sorted, 50))
                + " | " + WebhookLag.ms(WebhookLag.percentile(sorted, 95)) + " | " + WebhookLag.ms(sorted.get(sorted.size() - 1)) + " | "
                + WebhookLag.ms(sorted.get(0)) + " (event 1: " + WebhookLag.ms(lags.get(0)) + ") | " + bytes.get(bytes.size() / 2) + " B | "
                + bytes.get(bytes.size() - 1) + " B | " + io.get(io.size() / 2) + " B | " + rss / 1024 + " MB |";
        System.out.println(row);
        String old = Files.exists(WebhookLag.RESULTS) ? Files.readString(WebhookLag.RESULTS) : "";
        int at = old.indexOf(MIRROR_HEADING);
        String section = at < 0 ? "" : old.substring(at);
        int next = section.indexOf("\n## ", MIRROR_HEADING.length());
        List<String> rows = new ArrayList<>();
        (next < 0 ? section : section.substring(0, next)).lines().filter(l -> l.startsWith("| ") && !l.startsWith("| build ") && !l.startsWith("| --- ")
                && !l.startsWith("| " + label + " |")).forEach(rows::add);
        rows.add(row);
        StringBuilder out = new StringBuilder(MIRROR_HEADING).append('\n').append("`bench/webhook.sh mirror ").append(tasks).append(' ')
                .append(events).append(" '<build>'`, run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. The app as above; a real import of ").append(WebhookLag.ISSUES).append(" issues, its sync state then grown to the size ")
                .append("shown with issues no event touches; one rename every ~1.5 s, each timed from the delivery to the new name in the ")
                .append("sandbox (the 500 ms coalescing window included). Bytes of state written: the state file when an event replaced it, plus ")
                .append("what its journal grew by (median, max); wchar: all the app's writes during the event, its log included (median).\n\n")
                .append("| build | tasks | state file | events | p50 | p95 | max | min | state written p50 | max | wchar p50 | RSS peak |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append(r).append('\n'));
        WebhookBurst.replaceSection(MIRROR_HEADING, out.toString());
    }

    /** The sync state of the import grown to {@code tasks} tasks and records, as if that many issues were mirrored. */
    static void grow(Path state, int tasks) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(state.toFile());
        ArrayNode taskList = (ArrayNode) root.get("tasks");
        ArrayNode records = (ArrayNode) root.get("records");
        ObjectNode task = (ObjectNode) taskList.get(0);
        ObjectNode record = (ObjectNode) records.get(0);
        for (int i = taskList.size() + 1; i <= tasks; i++) {
            String key = "BEN-" + (1_000_000 + i);
            String name = key + " Issue " + i + " of a large mirror";
            taskList.add(task.deepCopy().put("id", 50_000_000L + i).put("name", name).put("integration_ext_id", key));
            records.add(record.deepCopy().put("external_id", key).put("name", name).put("line", i));
        }
        mapper.writeValue(state.toFile(), root);
    }
}
