package io.toggltasksync.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where records go in Toggl: the default project ({@code toggl.project-id}), the map of source project keys
 * ({@code toggl.project-map}), and how a source project without a map entry finds its Toggl project
 * ({@code toggl.project-match}, {@code toggl.create-projects}, and what a made project gets: {@code toggl.project-client-id},
 * {@code toggl.project-color}).
 *
 * @param projectId null: no default project
 * @param clientId null: no client
 * @param color null: Toggl picks one
 */
public record ProjectSettings(Long projectId, Map<String, Long> projectMap, ProjectMatchRule match, boolean create, Long clientId,
        String color) {

    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** Reads and checks them. */
    public static ProjectSettings read(SettingsReader r) {
        Long project = r.positiveLong("toggl.project-id").orElse(null);
        Map<String, Long> projectMap = parseProjectMap(r, r.string("toggl.project-map").orElse(""));
        ProjectMatchRule match = r.parsed("toggl.project-match", ProjectMatchRule::parse, ProjectMatchRule.parse(ProjectMatchRule.DEFAULT));
        boolean create = r.bool("toggl.create-projects", false);
        if (create && match.off()) {
            throw r.invalid("toggl.create-projects", "needs toggl.project-match: with 'off' a made project would never be found again");
        }
        String color = r.string("toggl.project-color").orElse(null);
        if (color != null && !HEX_COLOR.matcher(color).matches()) {
            throw r.invalid("toggl.project-color", "must be a colour such as #06aaf5, got '" + color + "'");
        }
        return new ProjectSettings(project, projectMap, match, create, r.positiveLong("toggl.project-client-id").orElse(null), color);
    }

    private static Map<String, Long> parseProjectMap(SettingsReader r, String raw) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw r.invalid("toggl.project-map", "expected KEY=projectId pairs separated by commas, got '" + entry.trim() + "'");
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            try {
                long pid = Long.parseLong(value);
                if (pid <= 0) {
                    throw new NumberFormatException();
                }
                map.put(key, pid);
            } catch (NumberFormatException e) {
                throw r.invalid("toggl.project-map", "project id for '" + key + "' must be a positive whole number, got '" + value + "'");
            }
        }
        return Map.copyOf(map);
    }

    public ProjectResolver projectResolver() {
        return new ProjectResolver(projectId, projectMap, !match.off());
    }

    /** Projects named by configuration (default project and map values). */
    public Set<Long> configuredProjects() {
        Set<Long> projects = new TreeSet<>(projectMap.values());
        if (projectId != null) {
            projects.add(projectId);
        }
        return projects;
    }
}
