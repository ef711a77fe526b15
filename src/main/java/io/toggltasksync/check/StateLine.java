package io.toggltasksync.check;

import io.toggltasksync.source.TaskSource;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.state.RunMode;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SweepProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The sync state line: whether the state file can be read (and later written), and which mode the next run
 * takes, decided as a run decides it ({@link StateFile#load}, {@link RunMode#decide}). Reads the file only.
 */
final class StateLine {

    static final String AREA = "Sync state";

    private StateLine() {
    }

    static CheckLine of(SyncSettings settings, TaskSource source, long nowEpochSecond) {
        Path file = settings.state().stateFile();
        String subject = file.toString();
        if (settings.sandbox().enabled()) {
            return CheckLine.passed(AREA, subject, "none: the embedded sandbox starts afresh in every run, so every run is a full sweep");
        }
        StateFile.Loaded loaded = StateFile.load(file, settings.stateFingerprint());
        RunMode mode = RunMode.decide(loaded, settings.state().fullSweepInterval(), settings.state().fullSweep(), nowEpochSecond,
                state -> source.cursorUnusable(state.cursor(source.name()), nowEpochSecond));
        String next = "the next run: " + (mode.incremental() ? "incremental" : "full sweep") + " (" + mode.reason() + ")";
        if (!writable(file)) {
            return CheckLine.warning(AREA, subject, "cannot be written here; " + next,
                    "give sync.state-file (SYNC_STATE_FILE) a writable place, e.g. a volume: without a state every run reads every task");
        }
        if (!loaded.usable() && Files.exists(file)) {
            return CheckLine.warning(AREA, subject, loaded.unusable() + "; " + next,
                    "nothing to do if this is expected: the next run sweeps and writes a new state; a state of another "
                            + "configuration means two configurations share one file: give each its own sync.state-file");
        }
        SweepProgress sweep = loaded.usable() ? loaded.state().sweep() : null;
        if (sweep != null && sweep.late(nowEpochSecond)) {
            return CheckLine.warning(AREA, subject, "readable; " + next + "; " + sweep(sweep, nowEpochSecond),
                    "the runs' share of the hour's quota does not finish the sweep in sync.full-sweep-interval: run less often, "
                            + "give the sweep a longer interval, or run --full-sweep when the quota is free");
        }
        return CheckLine.passed(AREA, subject, (loaded.usable() ? "readable; " : "") + next
                + (sweep == null ? "" : "; " + sweep(sweep, nowEpochSecond)));
    }

    /** How far the sweep spread over runs got: pages, tasks seen, when it is due. */
    static String sweep(SweepProgress sweep, long nowEpochSecond) {
        int pages = sweep.projects().values().stream().mapToInt(SweepProgress.ProjectSweep::pagesRead).sum();
        long done = sweep.projects().values().stream().filter(SweepProgress.ProjectSweep::done).count();
        return "the full sweep in progress: " + pages + " page(s) read, " + sweep.seen().size() + " task(s) seen, " + done + " of "
                + sweep.projects().size() + " project(s) done, due " + Instant.ofEpochSecond(sweep.due())
                + (sweep.late(nowEpochSecond) ? ": LATE" : "");
    }

    /** The file, or the nearest directory that exists on its way (the state's directories are made when written). */
    private static boolean writable(Path file) {
        Path p = file.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isWritable(p);
    }
}
