package io.toggltasksync.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of {@code --check} ({@code SYNC_CHECK=true}): a preflight that reads and reports instead of
 * syncing. Kept apart from {@link SyncSettings} because they change what the process does, not how a sync
 * runs; the check uses the sync's settings for everything else.
 *
 * @param enabled      {@code sync.check}: run the preflight instead of a sync
 * @param reportFile   {@code sync.check-report-file} (and {@code --report} with {@code --check}): where the
 *                     checklist goes as JSON; null: printed only
 * @param probe        {@code sync.check-probe} ({@code --probe}): also write one probe task, then delete it
 * @param probeProject {@code sync.probe-project}: where the probe task goes; null: {@code toggl.project-id}
 */
public record CheckSettings(boolean enabled, Path reportFile, boolean probe, Long probeProject) {

    public static CheckSettings load(Function<String, Optional<String>> lookup) {
        SettingsReader r = new SettingsReader(lookup);
        boolean probe = r.bool("sync.check-probe", false);
        boolean enabled = probe || r.bool("sync.check", false);
        Path report = r.string("sync.check-report-file").map(Path::of).orElse(null);
        return new CheckSettings(enabled, report, probe, r.positiveLong("sync.probe-project").orElse(null));
    }
}
