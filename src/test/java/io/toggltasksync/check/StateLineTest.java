package io.toggltasksync.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SweepProgress;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync state line of --check shows how far the full sweep spread over runs got, and warns when it is late. */
class StateLineTest {

    static final long NOW = 1_796_600_000L;

    @TempDir
    Path dir;

    private SyncSettings settingsWithState(SweepProgress sweep) throws Exception {
        Path file = dir.resolve("sync-state.json");
        Path csv = java.nio.file.Files.writeString(dir.resolve("t.csv"), "external_id,name\n");
        SyncSettings settings = TestSettings.minimal().with("csv.path", csv.toString()).with("sync.state-file", file.toString()).load();
        SyncState state = new SyncState(SyncState.VERSION, settings.stateFingerprint(), NOW - 300, NOW - 3600, Set.of(1001L), NOW - 300,
                false, List.of(), Map.of(), List.of(), null).withSweep(sweep, NOW - 3600);
        StateFile.save(file, state);
        return settings;
    }

    @Test
    void aSweepInProgressIsShownWithItsProgressAndDue() throws Exception {
        SweepProgress sweep = new SweepProgress(NOW - 3600, NOW + 3600, NOW - 3600, false,
                Map.of(1001L, new SweepProgress.ProjectSweep(3, 600L, false)), Set.of(1L, 2L, 3L), NOW - 300, 2);

        CheckLine line = StateLine.of(settingsWithState(sweep), new io.toggltasksync.source.csv.CsvSource(), NOW);

        assertThat(line.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line.detail()).contains("the full sweep in progress: 3 page(s) read, 3 task(s) seen, 0 of 1 project(s) done, due");
    }

    @Test
    void aLateSweepIsAWarningWithWhatToDo() throws Exception {
        SweepProgress sweep = new SweepProgress(NOW - 90_000, NOW - 3600, NOW - 90_000, false,
                Map.of(1001L, new SweepProgress.ProjectSweep(1, 200L, false)), Set.of(1L), NOW - 300, 2);

        CheckLine line = StateLine.of(settingsWithState(sweep), new io.toggltasksync.source.csv.CsvSource(), NOW);

        assertThat(line.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(line.detail()).endsWith(": LATE");
        assertThat(line.fix()).contains("sync.full-sweep-interval");
    }
}
