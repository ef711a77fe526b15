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
}
