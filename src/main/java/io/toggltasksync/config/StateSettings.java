package io.toggltasksync.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sync state kept between runs ({@code sync.state-file} and its sweep and lock settings).
 *
 * @param fullSweepInterval a state older than this is swept whole
 * @param fullSweep         {@code sync.full-sweep}: this run reads everything, whatever the state
 * @param stateLockWait     how long a run waits for another process's lock on the state
 */
public record StateSettings(Path stateFile, Duration fullSweepInterval, boolean fullSweep, Duration stateLockWait) {

    public static final String DEFAULT_FILE_NAME = "sync-state.json";

    /** Reads and checks them; the state file defaults to beside {@code reportFile}: where a scheduled job keeps its files. */
    public static StateSettings read(SettingsReader r, Path reportFile) {
        return new StateSettings(r.string("sync.state-file").map(Path::of).orElse(reportFile.resolveSibling(DEFAULT_FILE_NAME)),
                r.duration("sync.full-sweep-interval", Duration.ofHours(24)),
                r.bool("sync.full-sweep", false),
                // long enough for a run that ends as another begins; far shorter than a CronJob's slot
                r.duration("sync.state-lock-wait", Duration.ofSeconds(30)));
    }
}
