package io.toggltasksync.config;

import io.toggltasksync.model.MissingPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run behaves and where it writes ({@code sync.*} of the run): what becomes of managed tasks without a
 * record, the guard against mass changes, a dry run, its files, its progress lines, its shutdown, its schedule.
 *
 * @param schedule null: run once and exit
 */
public record RunSettings(MissingPolicy missing, double maxMissingRatio, boolean dryRun, Path deadLetterFile, Path reportFile,
        Duration progressInterval, Duration shutdownWait, String schedule) {

    /** Also how long a shutdown waits before any run has brought its settings. */
    public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** Reads and checks them. */
    public static RunSettings read(SettingsReader r) {
        MissingPolicy missing;
        try {
            missing = MissingPolicy.parse(r.string("sync.missing").orElse("deactivate"));
        } catch (IllegalArgumentException e) {
            throw r.invalid("sync.missing", e.getMessage());
        }
        double ratio = r.decimal("sync.max-missing-ratio", 0.5);
        if (ratio < 0 || ratio > 1) {
            throw r.invalid("sync.max-missing-ratio", "must be between 0 and 1");
        }
        return new RunSettings(missing, ratio, r.bool("sync.dry-run", false),
                Path.of(r.string("sync.dead-letter-file").orElse("dead-letter.jsonl")),
                Path.of(r.string("sync.report-file").orElse("sync-report.json")),
                r.duration("sync.progress-interval", Duration.ofSeconds(10)),
                r.duration("sync.shutdown-wait", DEFAULT_SHUTDOWN_WAIT),
                r.string("sync.schedule").orElse(null));
    }
}
