package io.toggltasksync.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded Toggl sandbox ({@code sandbox.*}).
 *
 * @param hourlyQuota null: the sandbox imitates no quota
 * @param stateFile null: its tasks live only as long as the process
 * @param port 0: any free port
 * @param projects the projects it starts with, by id (their names are what matching finds)
 */
public record SandboxSettings(boolean enabled, Integer hourlyQuota, Path stateFile, int port, Map<Long, String> projects) {

    /** Whether the sandbox is on: read first, since a sandbox run needs no Toggl token. */
    public static boolean enabled(SettingsReader r) {
        return r.bool("sandbox.enabled", false);
    }

    /** Reads and checks them. */
    public static SandboxSettings read(SettingsReader r) {
        return new SandboxSettings(enabled(r),
                r.positiveLong("sandbox.hourly-quota").map(Long::intValue).orElse(null),
                r.string("sandbox.state-file").map(Path::of).orElse(null),
                (int) r.nonNegativeLong("sandbox.port", 0),
                projects(r, r.string("sandbox.projects").orElse("")));
    }

    /** {@code id=Name,id=Name}: a name holds no comma. */
    private static Map<Long, String> projects(SettingsReader r, String raw) {
        Map<Long, String> projects = new LinkedHashMap<>();
        for (String entry : raw.split(",")) {
            int eq = entry.indexOf('=');
            if (entry.isBlank()) {
                continue;
            }
            try {
                long id = Long.parseLong(eq > 0 ? entry.substring(0, eq).trim() : "");
                String name = entry.substring(eq + 1).trim();
                if (id <= 0 || name.isEmpty()) {
                    throw new NumberFormatException();
                }
                projects.put(id, name);
            } catch (NumberFormatException e) {
                throw r.invalid("sandbox.projects", "expected id=Name pairs separated by commas, got '" + entry.trim() + "'");
            }
        }
        return projects;
    }
}
