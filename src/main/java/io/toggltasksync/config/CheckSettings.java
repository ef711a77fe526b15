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
 * @param enabled    {@code sync.check}: run the preflight instead of a sync
 * @param reportFile {@code sync.check-report-file} (and {@code --report} with {@code --check}): where the
 *                   checklist goes as JSON; null: printed only
 */
public record CheckSettings(boolean enabled, Path reportFile) {

    public static CheckSettings load(Function<String, Optional<String>> lookup) {
        String check = lookup.apply("sync.check").map(String::trim).orElse("").toLowerCase(Locale.ROOT);
        boolean enabled = switch (check) {
            case "", "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> throw new ConfigException("sync.check (" + SyncSettings.envName("sync.check") + ") must be true or false, got '"
                    + check + "'");
        };
        Path report = lookup.apply("sync.check-report-file").map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).orElse(null);
        return new CheckSettings(enabled, report);
    }
}
