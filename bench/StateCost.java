import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.NextState;
import io.toggltasksync.state.StateCache;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.SyncState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What an event's part of the sync state costs on a state of N tasks (default 100,000), in this
 * JVM: today's design (read the state whole, write it whole) against the journal (append one line;
 * the long-running process reads only the lines added since). Run by bench/state-cost.sh.
 */
public class StateCost {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (args.length > 2 && args[2].equals("run")) {
            RunCost.measure(n, reps, args.length > 3 ? Integer.parseInt(args[3]) : 16);
            return;
        }
        Path dir = Files.createTempDirectory("state-cost-");
        Path file = dir.resolve("sync-state.json");
        List<TogglTask> tasks = new ArrayList<>();
        List<SourceTask> records = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String key = "BEN-" + i;
            String name = key + " Issue " + i + " of a large mirror";
            tasks.add(new TogglTask(50_000_000L + i, 42L, 1001, name, 3600L, true, "jira", "issue", key, "2026-12-01T10:00:00+00:00"));
            records.add(new SourceTask(Provider.JIRA, key, name, 1001, 3600L, true, i));
        }
        long now = 1_800_000_000L;
        SyncState state = new SyncState(SyncState.VERSION, "bench", now, now, Set.of(1001L), now, false, tasks,
                java.util.Map.of("jira", io.toggltasksync.support.Json.MAPPER.createObjectNode().put("cursor", now).put("time", now)), records, null);
        StateFile.save(file, state);
        long size = Files.size(file);
        Runtime rt = Runtime.getRuntime();

        List<Long> readWhole = new ArrayList<>();
        List<Long> writeWhole = new ArrayList<>();
        SyncState loaded = null;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            loaded = StateFile.load(file, "bench").state();
            long t1 = System.nanoTime();
            SyncState next = NextState.afterEvent(loaded, List.of(rename(loaded, i)), Set.of(), null, null, false, now + i);
            StateFile.save(file, next);
            long t2 = System.nanoTime();
            readWhole.add((t1 - t0) / 1000);
            writeWhole.add((t2 - t1) / 1000);
        }
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        StateCache cache = new StateCache();
        long t0 = System.nanoTime();
        StateFile.Read first = cache.current(file, "bench");
        long firstRead = (System.nanoTime() - t0) / 1000;
        System.gc();
        long heapKept = rt.totalMemory() - rt.freeMemory() - heapBefore;

        List<Long> append = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        List<Long> lineBytes = new ArrayList<>();
        long journalBefore = 0;
        for (int i = 0; i < reps * 10; i++) {
            long a = System.nanoTime();
            StateFile.Read current = cache.current(file, "bench");
            long b = System.nanoTime();
            long length = StateJournal.append(file, new StateJournal.Entry("bench", current.digest(), now + i,
                    List.of(rename(current.loaded().state(), i)), Set.of(), null, null, false));
            long c = System.nanoTime();
            cached.add((b - a) / 1000);
            append.add((c - b) / 1000);
            lineBytes.add(length - journalBefore);
            journalBefore = length;
        }
        long r0 = System.nanoTime();
        SyncState folded = StateFile.load(file, "bench").state();
        long foldAll = (System.nanoTime() - r0) / 1000;
        if (folded == null) {
            throw new IllegalStateException("the journal did not fold");
        }
        System.out.printf("| %d | %d KiB | %s / %s | %s / %s | %d B | %s / %s | %s / %s | %s | %s (%d lines) | %d MB |%n", n, size / 1024,
                ms(p(readWhole, 50)), ms(p(readWhole, 95)), ms(p(writeWhole, 50)), ms(p(writeWhole, 95)), p(lineBytes, 50),
                ms(p(append, 50)), ms(p(append, 95)), ms(p(cached, 50)), ms(p(cached, 95)), ms(firstRead), ms(foldAll), reps * 10,
                heapKept / 1_048_576);
    }

    /**
     * An incremental run's part of the state in the long-running process: before, the state read whole at
     * its start and written whole at its end; now, the process's copy at its start and one journal line at its
     * end (the change found by comparing the states, appended, and folded into the copy for the next run).
     * The run: 2 tasks and records renamed, the cursors moved, {@code pages} sweep pages of 200 tasks seen (a
     * sweep half done; default 16, a spread sweep's pages a run at 100,000 tasks on Starter's quota). Each repetition starts from the state file with an empty journal.
     */
    static final class RunCost {
        static void measure(int n, int reps, int pages) throws Exception {
            Path dir = Files.createTempDirectory("state-cost-run-");
            Path file = dir.resolve("sync-state.json");
            long now = 1_800_000_000L;
            List<TogglTask> tasks = new ArrayList<>();
            List<SourceTask> records = new ArrayList<>();
            java.util.TreeSet<Long> seen = new java.util.TreeSet<>();
            for (int i = 1; i <= n; i++) {
                String key = "BEN-" + i;
                String name = key + " Issue " + i + " of a large mirror";
                tasks.add(new TogglTask(50_000_000L + i, 42L, 1001, name, 3600L, true, "jira", "issue", key, "2026-12-01T10:00:00+00:00"));
                records.add(new SourceTask(Provider.JIRA, key, name, 1001, 3600L, true, i));
                if (i <= n / 2) {
                    seen.add(50_000_000L + i);
                }
            }
            var cursor = io.toggltasksync.support.Json.MAPPER.createObjectNode().put("cursor", now).put("time", now);
            io.toggltasksync.state.SweepProgress sweep = new io.toggltasksync.state.SweepProgress(now - 7200, now + 7200, now - 7200, false,
                    java.util.Map.of(1001L, new io.toggltasksync.state.SweepProgress.ProjectSweep(n / 400, 50_000_000L + n / 2, false)), seen,
                    now - 300, 2);
            SyncState state = new SyncState(SyncState.VERSION, "bench", now, now - 7200, Set.of(1001L), now, false, tasks,
                    java.util.Map.of("jira", cursor), records, null, null, sweep);
            List<Long> before = new ArrayList<>();
            List<Long> after = new ArrayList<>();
            List<Long> lineBytes = new ArrayList<>();
            long size = 0;
            for (int r = 0; r < reps; r++) {
                StateFile.save(file, state);
                size = Files.size(file);
                StateCache cache = new StateCache();
                StateFile.Read from = cache.current(file, "bench");
                SyncState next = runOn(from.loaded().state(), r, now + 300 * (r + 1), pages);
                // now: the copy in hand (StateCache.current: the identity looked at, nothing read), one line
                long a = System.nanoTime();
                StateFile.Read kept = cache.current(file, "bench");
                StateFile.Read appended = StateJournal.appendRun(file, kept, next);
                long b = System.nanoTime();
                if (appended == null) {
                    throw new IllegalStateException("the run's change was not appended");
                }
                lineBytes.add(appended.journalLength());
                after.add((b - a) / 1000);
                // before: the state read whole (the journal folded), written whole
                long c = System.nanoTime();
                StateFile.load(file, "bench");
                StateFile.save(file, next);
                long d = System.nanoTime();
                before.add((d - c) / 1000);
            }
            System.out.printf("| %d | %d KiB | %d | %d B, %s / %s | %d B, %s / %s |%n", n, size / 1024, pages, size, ms(p(before, 50)), ms(p(before, 95)),
                    p(lineBytes, 50), ms(p(after, 50)), ms(p(after, 95)));
        }

        /** What the run leaves: 2 renames, cursors on, the next 16 pages of 200 tasks seen. */
        static SyncState runOn(SyncState s, int r, long at, int pages) {
            List<TogglTask> tasks = new ArrayList<>(s.tasks());
            List<SourceTask> records = new ArrayList<>(s.records());
            for (int k = 0; k < 2; k++) {
                int i = (r * 2 + k) * 997 % tasks.size();
                TogglTask t = tasks.get(i);
                tasks.set(i, t.written(t.name() + " (" + r + ")", t.estimatedSeconds(), t.active()));
                SourceTask rec = records.get(i);
                records.set(i, new SourceTask(rec.provider(), rec.externalId(), rec.name() + " (" + r + ")", rec.projectId(),
                        rec.estimatedSeconds(), rec.active(), rec.line()));
            }
            java.util.TreeSet<Long> seen = new java.util.TreeSet<>(s.sweep().seen());
            long last = seen.last();
            for (int i = 1; i <= pages * 200; i++) {
                seen.add(last + i);
            }
            var sw = s.sweep();
            var sweep = new io.toggltasksync.state.SweepProgress(sw.started(), sw.due(), sw.coveredSince(), false,
                    java.util.Map.of(1001L, new io.toggltasksync.state.SweepProgress.ProjectSweep(sw.project(1001L).pagesRead() + pages, seen.last(),
                            false)), seen, at, 2);
            var cursor = io.toggltasksync.support.Json.MAPPER.createObjectNode().put("cursor", at).put("time", at);
            return new SyncState(SyncState.VERSION, "bench", at, s.lastFullSweep(), s.projects(), at - 60, false, tasks,
                    java.util.Map.of("jira", cursor), records, s.workspace(), s.togglProjects(), sweep);
        }
    }

    static TogglTask rename(SyncState s, int i) {
        TogglTask t = s.tasks().get(i % s.tasks().size());
        return t.written(t.name() + " (" + i + ")", t.estimatedSeconds(), t.active());
    }

    static long p(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
