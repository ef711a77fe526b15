package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal beside the sync state: what an event appends is what the next load sees, once; a
 * journal that is torn, altered, of another configuration or of another state costs one full sweep
 * (the state unusable), never a stale task or record.
 */
class StateJournalTest {

    private static final String FP = "fingerprint-1";
    private static final long NOW = 1_800_000_000L;

    @TempDir
    Path dir;
    Path file;
    SyncState state;

    @BeforeEach
    void stateOfTwoTasks() throws IOException {
        file = dir.resolve("sync-state.json");
        state = new SyncState(SyncState.VERSION, FP, NOW - 600, NOW - 3600, Set.of(1001L), NOW - 700, false,
                List.of(task(11, "PROJ-1 Write the spec"), task(12, "PROJ-2 Build it")), io.toggltasksync.testing.Cursors.jira(NOW - 650, NOW - 640),
                List.of(record("PROJ-1", "PROJ-1 Write the spec"), record("PROJ-2", "PROJ-2 Build it")), null);
        StateFile.save(file, state);
    }

    private static TogglTask task(long id, String name) {
        return new TogglTask(id, 42L, 1001, name, 3600L, true, null, null, null, null);
    }

    private static SourceTask record(String key, String name) {
        return new SourceTask(Provider.JIRA, key, name, 1001, 3600L, true, 1);
    }

    /** The digest of the state file as it is now: what an event planned against it names. */
    private String base() {
        return StateFile.read(file, FP, StateFile.maxBytes()).digest();
    }

    private StateJournal.Entry renamed(String base, long id, String key, String name) {
        return new StateJournal.Entry(FP, base, NOW, List.of(task(id, name)), Set.of(), record(key, name), null, false);
    }

    @Test
    void anEventsEntryIsWhatTheNextLoadSeesAndSavingTheStateRemovesTheJournal() throws IOException {
        byte[] before = Files.readAllBytes(file);
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 Renamed"));
        StateJournal.append(file, new StateJournal.Entry(FP, base(), NOW + 1, List.of(), Set.of(12L), null, "PROJ-2", false));

        assertThat(Files.readAllBytes(file)).as("the state file itself untouched").isEqualTo(before);
        assertThat(Files.size(StateJournal.file(file))).as("two lines, not a state").isLessThan(1024);
        SyncState loaded = StateFile.load(file, FP).state();
        assertThat(loaded.tasks()).extracting(TogglTask::name).containsExactly("PROJ-1 Renamed");
        assertThat(loaded.records()).extracting(SourceTask::name).containsExactly("PROJ-1 Renamed");
        assertThat(loaded.togglCursor()).as("the cursors stay: an event read no window").isEqualTo(state.togglCursor());
        assertThat(loaded.savedAt()).isEqualTo(NOW + 1);

        StateFile.save(file, loaded);
        assertThat(StateJournal.file(file)).doesNotExist();
        assertThat(StateFile.load(file, FP).state()).isEqualTo(loaded);
    }

    @Test
    void aTornLastLineCostsOneSweep() throws IOException {
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 Renamed"));
        byte[] line = Files.readAllBytes(StateJournal.file(file));
        StateJournal.append(file, renamed(base(), 12, "PROJ-2", "PROJ-2 Renamed"));
        byte[] whole = Files.readAllBytes(StateJournal.file(file));
        // a crash mid-append: the second line cut anywhere, its newline included
        for (int cut = line.length + 1; cut < whole.length; cut++) {
            Files.write(StateJournal.file(file), Arrays.copyOf(whole, cut));
            StateFile.Loaded loaded = StateFile.load(file, FP);
            assertThat(loaded.usable()).as("cut at %d", cut).isFalse();
            assertThat(loaded.unusable()).contains(StateJournal.file(file).toString(), "line 2");
            assertThat(RunMode.decide(loaded, Duration.ofHours(24), false, NOW, s -> new io.toggltasksync.source.jira.JiraSource().cursorUnusable(s.cursor("jira"), NOW)).incremental()).isFalse();
        }
        Files.write(StateJournal.file(file), line);
        assertThat(StateFile.load(file, FP).state().tasks()).extracting(TogglTask::name).contains("PROJ-1 Renamed", "PROJ-2 Build it");
    }

    @Test
    void aLineAlteredAfterItsChecksumCostsOneSweep() throws IOException {
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 Renamed"));
        Path journal = StateJournal.file(file);
        String text = Files.readString(journal).replace("Renamed", "Renamer");
        Files.writeString(journal, text);

        StateFile.Loaded loaded = StateFile.load(file, FP);
        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.unusable()).contains("checksum").doesNotContain("Renamer");
    }

    @Test
    void anEntryOfAnotherConfigurationCostsOneSweep() throws IOException {
        StateJournal.append(file, new StateJournal.Entry("fingerprint-2", base(), NOW, List.of(task(11, "PROJ-1 Elsewhere")), Set.of(), null,
                null, false));

        StateFile.Loaded loaded = StateFile.load(file, FP);
        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.unusable()).contains("another configuration");
    }

    @Test
    void aRunThatDiedBetweenWritingTheStateAndRemovingTheJournalCostsOneSweepNotTheEntriesAgain() throws IOException {
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 By the event"));
        SyncState folded = StateFile.load(file, FP).state();
        // the run read the task again since (renamed in Toggl, say) and wrote its state, then died before removing the journal
        SyncState byTheRun = NextState.of(folded, FP, new TogglRead(true, Set.of(1001L), List.of(task(11, "PROJ-1 By the run"),
                task(12, "PROJ-2 Build it")), List.of(), NOW + 10, null, Set.of()), false, NOW + 10, null, null);
        StateFile.write(file, byTheRun);

        StateFile.Loaded loaded = StateFile.load(file, FP);
        assertThat(loaded.usable()).as("never the event's name over the run's").isFalse();
        assertThat(loaded.unusable()).contains("follows another sync state");
    }

    @Test
    void aRunAndEventsInterleavingFoldEachEntryOnce() throws IOException {
        StateCache cache = new StateCache();
        // event 1, against the state the import left
        StateJournal.append(file, renamed(cache.current(file, FP).digest(), 11, "PROJ-1", "PROJ-1 Event 1"));
        // a run (another process, say): reads the state with the journal, learns task 11 renamed again in Toggl, writes its state
        SyncState seen = StateFile.load(file, FP).state();
        assertThat(seen.tasks()).extracting(TogglTask::name).contains("PROJ-1 Event 1");
        StateFile.save(file, NextState.of(seen, FP, new TogglRead(false, Set.of(1001L), List.of(task(11, "PROJ-1 In Toggl")), List.of(),
                NOW + 10, null, Set.of()), false, NOW + 10, new SourceLeft("jira", io.toggltasksync.testing.Cursors.jira(NOW + 10, null).get("jira"), seen.records()), null));
        // event 2, against the run's state: the cache sees the file replaced and reads it again
        StateFile.Read current = cache.current(file, FP);
        assertThat(current.loaded().state().tasks()).extracting(TogglTask::name).contains("PROJ-1 In Toggl");
        StateJournal.append(file, renamed(current.digest(), 12, "PROJ-2", "PROJ-2 Event 2"));

        SyncState after = StateFile.load(file, FP).state();
        assertThat(after.tasks()).extracting(TogglTask::name).containsExactly("PROJ-1 In Toggl", "PROJ-2 Event 2");
        assertThat(after.records()).extracting(SourceTask::name).containsExactly("PROJ-1 Event 1", "PROJ-2 Event 2");
        assertThat(cache.current(file, FP).loaded().state()).isEqualTo(after);
    }

    @Test
    void theCacheReadsOnlyTheLinesAddedWhileTheStateFileIsTheOneItRead() throws IOException {
        StateCache cache = new StateCache();
        StateFile.Read first = cache.current(file, FP);
        // the file changed in place, size and time kept: the cache cannot tell, which shows it does not read the file again
        Path f = file;
        var modified = Files.getLastModifiedTime(f);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.writeString(f, text.replace("Build it", "Build IT"), StandardOpenOption.WRITE);
        Files.setLastModifiedTime(f, modified);
        StateJournal.append(file, renamed(first.digest(), 11, "PROJ-1", "PROJ-1 Renamed"));

        SyncState cached = cache.current(file, FP).loaded().state();
        assertThat(cached.tasks()).extracting(TogglTask::name).containsExactly("PROJ-1 Renamed", "PROJ-2 Build it");
        // a new file (a run's write by rename): read whole
        StateFile.save(file, state);
        assertThat(cache.current(file, FP).loaded().state()).isEqualTo(state);
    }

    @Test
    void manyEntriesFoldAsTheSameEntriesOneByOne() {
        List<StateJournal.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = 20 + i % 7;
            entries.add(new StateJournal.Entry(FP, "b", NOW + i, List.of(task(id, "Task " + i), task(11, "PROJ-1 " + i)),
                    i % 5 == 0 ? Set.of(id - 1, 12L) : Set.of(), record("K-" + i % 9, "K " + i), i % 4 == 0 ? "K-" + (i % 3) : null, false));
        }
        SyncState oneByOne = state;
        for (StateJournal.Entry e : entries) {
            oneByOne = NextState.afterEvents(oneByOne, List.of(e));
        }
        assertThat(entries.stream().mapToInt(e -> e.written().size() + e.deleted().size() + 2).sum()).as("past the few").isGreaterThan(64);
        assertThat(NextState.afterEvents(state, entries)).isEqualTo(oneByOne);
    }

    @Test
    void aJournalLargerThanHalfTheHeapIsNotReadAtAll() throws IOException {
        String base = base();
        long stateSize = Files.size(file);
        while (!Files.exists(StateJournal.file(file)) || Files.size(StateJournal.file(file)) <= stateSize) {
            StateJournal.append(file, renamed(base, 11, "PROJ-1", "PROJ-1 Renamed"));
        }

        StateFile.Loaded loaded = StateFile.load(file, FP, stateSize);
        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.unusable()).contains(StateJournal.file(file).toString(), "too large");
        assertThat(StateFile.load(file, FP, Files.size(StateJournal.file(file))).usable()).isTrue();
    }

    @Test
    void theStateARunWroteIsKeptAsALoadWouldReadIt() throws IOException {
        StateFile.Read saved = StateFile.save(file, NextState.afterEvent(state, List.of(task(11, "PROJ-1 By a run")), Set.of(), null, null,
                false, NOW));
        StateFile.Read read = StateFile.read(file, FP, StateFile.maxBytes());

        assertThat(saved.digest()).isEqualTo(read.digest());
        assertThat(saved.identity()).isEqualTo(read.identity());
        assertThat(saved.loaded()).isEqualTo(read.loaded());
        StateCache cache = new StateCache();
        cache.keep(file, FP, saved);
        assertThat(cache.current(file, FP)).as("nothing read again").isSameAs(saved);
        StateJournal.append(file, renamed(saved.digest(), 12, "PROJ-2", "PROJ-2 By an event"));
        assertThat(cache.current(file, FP).loaded().state()).isEqualTo(StateFile.load(file, FP).state());
    }
    // ---- a run's change, appended by the long-running process instead of the state written whole ----

    /** The state with a sweep in progress that has seen task 11. */
    private SyncState sweeping() throws IOException {
        SweepProgress sweep = new SweepProgress(NOW - 900, NOW + 86_400, NOW - 1000, false,
                new java.util.TreeMap<>(java.util.Map.of(1001L, new SweepProgress.ProjectSweep(1, 11L, false))), new java.util.TreeSet<>(Set.of(11L)),
                NOW - 600, 2);
        SyncState s = state.withSweep(sweep, state.lastFullSweep());
        StateFile.save(file, s);
        return s;
    }

    /** What an incremental run leaves: 11 renamed, 12 gone, 13 made; records alike; cursors on; its sweep pages saw 13. */
    private static SyncState afterARun(SyncState before) {
        SweepProgress s = before.sweep();
        SweepProgress sweep = new SweepProgress(s.started(), s.due(), s.coveredSince(), s.hurry(),
                java.util.Map.of(1001L, new SweepProgress.ProjectSweep(2, 13L, false)), Set.of(11L, 13L), NOW, 3);
        return new SyncState(SyncState.VERSION, FP, NOW, before.lastFullSweep(), Set.of(1001L), NOW - 30, false,
                List.of(task(13, "PROJ-3 New"), task(11, "PROJ-1 Renamed")), io.toggltasksync.testing.Cursors.jira(NOW - 20, NOW - 10),
                List.of(record("PROJ-3", "PROJ-3 New"), record("PROJ-1", "PROJ-1 Renamed")), new WorkspaceTraits(null, true, null),
                List.of(new io.toggltasksync.model.TogglProject(1001, "Project", true)), sweep);
    }

    /** The same state, the order of its tasks and records aside (a fold keeps the state's order, a run its own). */
    private static void assertSame(SyncState actual, SyncState expected) {
        assertThat(actual.tasks()).containsExactlyInAnyOrderElementsOf(expected.tasks());
        assertThat(actual.records()).containsExactlyInAnyOrderElementsOf(expected.records());
        assertThat(withoutLists(actual)).isEqualTo(withoutLists(expected));
    }

    private static SyncState withoutLists(SyncState s) {
        return new SyncState(s.version(), s.fingerprint(), s.savedAt(), s.lastFullSweep(), Set.copyOf(s.projects()), s.togglCursor(),
                s.sweepNext(), List.of(), s.sources(), List.of(), s.workspace(), s.togglProjects(), s.sweep() == null ? null
                        : new SweepProgress(s.sweep().started(), s.sweep().due(), s.sweep().coveredSince(), s.sweep().hurry(),
                                java.util.Map.copyOf(s.sweep().projects()), Set.copyOf(s.sweep().seen()), s.sweep().lastRun(),
                                s.sweep().lastRunWrites()));
    }

    @Test
    void aRunsChangeIsOneLineAfterTheEventsAndEveryReaderFoldsItToTheStateTheRunLeft() throws IOException {
        SyncState before = sweeping();
        byte[] stateBytes = Files.readAllBytes(file);
        StateJournal.append(file, new StateJournal.Entry(FP, base(), NOW - 100, List.of(task(12, "PROJ-2 By an event")), Set.of(),
                record("PROJ-2", "PROJ-2 By an event"), null, false));
        StateFile.Read from = new StateCache().current(file, FP);
        SyncState next = afterARun(from.loaded().state());

        StateFile.Read appended = StateJournal.appendRun(file, from, next);

        assertThat(appended).as("appended").isNotNull();
        assertThat(Files.readAllBytes(file)).as("the state file untouched").isEqualTo(stateBytes);
        List<String> lines = Files.readAllLines(StateJournal.file(file));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).as("the sweep's tasks seen: only those this run added").contains("\"seen\":[13]");
        assertSame(appended.loaded().state(), next);
        assertSame(StateFile.load(file, FP).state(), next);
        assertThat(before.sweep().seen()).containsExactly(11L);
        // an event after it, planned against what the process kept
        StateCache cache = new StateCache();
        cache.keep(file, FP, appended);
        assertThat(cache.current(file, FP)).as("nothing read again").isSameAs(appended);
        StateJournal.append(file, renamed(appended.digest(), 13, "PROJ-3", "PROJ-3 By an event"));
        assertThat(StateFile.load(file, FP).state().tasks()).extracting(TogglTask::name)
                .containsExactlyInAnyOrder("PROJ-1 Renamed", "PROJ-3 By an event");
        assertThat(cache.current(file, FP).loaded().state()).isEqualTo(StateFile.load(file, FP).state());
    }

    @Test
    void anEventsLineIsWrittenAsBeforeRunsWroteLines() throws IOException {
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 Renamed"));
        String json = Files.readAllLines(StateJournal.file(file)).get(0).substring(9);
        java.util.Set<String> fields = new java.util.TreeSet<>();
        io.toggltasksync.support.Json.MAPPER.readTree(json).fieldNames().forEachRemaining(fields::add);
        // the fields a journal of before has: the same line is read by the app of before and of now
        assertThat(fields).containsExactlyInAnyOrder("fingerprint", "base", "at", "written", "deleted", "record", "removed", "sweep_next");
    }

    @Test
    void aTornRunLineCostsOneSweep() throws IOException {
        sweeping();
        StateFile.Read from = new StateCache().current(file, FP);
        assertThat(StateJournal.appendRun(file, from, afterARun(from.loaded().state()))).isNotNull();
        byte[] whole = Files.readAllBytes(StateJournal.file(file));
        for (int cut = 1; cut < whole.length; cut += 7) {
            Files.write(StateJournal.file(file), Arrays.copyOf(whole, cut));
            StateFile.Loaded loaded = StateFile.load(file, FP);
            assertThat(loaded.usable()).as("cut at %d", cut).isFalse();
            assertThat(RunMode.decide(loaded, Duration.ofHours(24), false, NOW, RunMode.NO_CURSOR).incremental()).isFalse();
        }
    }

    @Test
    void aRunThatBeginsOrCompletesASweepOrRaisesNoLongerDoubtedStateWritesWhole() throws IOException {
        SyncState before = sweeping();
        StateFile.Read from = new StateCache().current(file, FP);
        SyncState next = afterARun(before);
        SweepProgress begun = SweepProgress.begin(NOW, NOW + 86_400, NOW - 30, false, 3);

        assertThat(StateJournal.appendRun(file, from, next.withSweep(begun, NOW - 900))).as("a sweep completed, another begun").isNull();
        assertThat(StateJournal.file(file)).doesNotExist();
        assertThat(NextState.runEntry(before.withSweep(null, 0), next, "b")).as("a sweep begun in a state without one").isNull();
        assertThat(NextState.runEntry(new SyncState(before.version(), FP, before.savedAt(), before.lastFullSweep(), before.projects(),
                before.togglCursor(), true, before.tasks(), before.sources(), before.records(), null, null, before.sweep()), next, "b"))
                .as("a fold only raises sweep_next").isNull();
    }

    @Test
    void aStateFileReplacedOrAJournalGrownSinceTheRunReadItIsNotAppendedTo() throws IOException {
        SyncState before = sweeping();
        StateFile.Read from = new StateCache().current(file, FP);
        StateJournal.append(file, renamed(base(), 11, "PROJ-1", "PROJ-1 By another"));
        assertThat(StateJournal.appendRun(file, from, afterARun(before))).as("a journal not as read").isNull();
        StateFile.save(file, before);
        assertThat(StateJournal.appendRun(file, from, afterARun(before))).as("another file").isNull();
    }

    @Test
    void pastItsShareTheJournalIsLeftForTheStateWrittenWhole() throws IOException {
        SyncState before = sweeping();
        List<TogglTask> many = new java.util.ArrayList<>();
        for (long id = 100; many.size() < 700; id++) {
            many.add(task(id, "PROJ-" + id + " A task with a name of some length"));
        }
        StateJournal.append(file, new StateJournal.Entry(FP, base(), NOW - 100, many, Set.of(), null, null, false));
        assertThat(Files.size(StateJournal.file(file))).isGreaterThan(StateJournal.RUN_FLOOR);
        StateFile.Read from = new StateCache().current(file, FP);
        long journal = Files.size(StateJournal.file(file));

        assertThat(StateJournal.appendRun(file, from, afterARun(from.loaded().state()))).isNull();
        assertThat(Files.size(StateJournal.file(file))).isEqualTo(journal);
    }
}
