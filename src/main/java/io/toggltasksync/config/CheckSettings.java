package io.toggltasksync.config;

import java.nio.file.Path;
import java.util.Locale;
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
        boolean probe = bool(lookup, "sync.check-probe");
        boolean enabled = probe || bool(lookup, "sync.check");
        Path report = value(lookup, "sync.check-report-file").map(Path::of).orElse(null);
        Long project = value(lookup, "sync.probe-project").map(v -> {
            try {
                long id = Long.parseLong(v);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException("sync.probe-project (" + SyncSettings.envName("sync.probe-project")
                    + ") must be a positive whole number, got '" + v + "'");
        }).orElse(null);
        return new CheckSettings(enabled, report, probe, project);
    }

    private static Optional<String> value(Function<String, Optional<String>> lookup, String name) {
        return lookup.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static boolean bool(Function<String, Optional<String>> lookup, String name) {
        String v = value(lookup, name).orElse("false").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> throw new ConfigException(name + " (" + SyncSettings.envName(name) + ") must be true or false, got '" + v + "'");
        };
    }
}
