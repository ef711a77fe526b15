package io.toggltasksync.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The validated settings of one run: its parts, each read and checked by its own record (with its defaults), and
 * the source's own settings. Read from MicroProfile Config (properties, environment variables, {@code --flags}), so
 * that a mistake gives one line naming the setting.
 *
 * @param source         {@code sync.source}: the name of the source read (lower case)
 * @param sourceSettings the source's own settings ({@code csv.*}, {@code jira.*}, {@code github.*}), read by its
 *                       {@link SourceSettings.Reader}
 */
public record SyncSettings(
        TogglSettings toggl,
        ProjectSettings projects,
        String source,
        SourceSettings sourceSettings,
        RunSettings run,
        StateSettings state,
        SandboxSettings sandbox,
        MetricsPushSettings metricsPush) {

    /** The exchange property that carries the settings through the routes. */
    public static final String PROPERTY = "settings";
    public static final String DEFAULT_SOURCE = "csv";

    /** Reads and checks every setting. {@code lookup} answers a property name with its raw value. */
    public static SyncSettings load(Function<String, Optional<String>> lookup) {
        SettingsReader r = new SettingsReader(lookup);
        TogglSettings toggl = TogglSettings.read(r, SandboxSettings.enabled(r));
        ProjectSettings projects = ProjectSettings.read(r);
        String source = r.string("sync.source").orElse(DEFAULT_SOURCE).toLowerCase(Locale.ROOT);
        Map<String, SourceSettings.Reader> readers = sourceReaders();
        if (!readers.containsKey(source)) {
            throw r.invalid("sync.source", "must be " + alternatives(readers.keySet()) + ", got '" + source + "'");
        }
        SourceSettings sourceSettings = readers.get(source).read(r);
        for (SourceSettings.Reader other : readers.values()) {
            ConfigException unused = other.source().equals(source) ? null : other.unused(r);
            if (unused != null) {
                throw unused;
            }
        }
        RunSettings run = RunSettings.read(r);
        return new SyncSettings(toggl, projects, source, sourceSettings, run, StateSettings.read(r, run.reportFile()),
                SandboxSettings.read(r), MetricsPushSettings.read(r));
    }

    /** {@code a, b or c}: the names a setting may take, as a message words them. */
    public static String alternatives(java.util.Collection<String> names) {
        List<String> all = List.copyOf(names);
        return all.size() < 2 ? String.join("", all) : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The sources, by name (ServiceLoader: see {@link SourceSettings.Reader}). */
    private static Map<String, SourceSettings.Reader> sourceReaders() {
        Map<String, SourceSettings.Reader> readers = new TreeMap<>();
        ServiceLoader.load(SourceSettings.Reader.class, SyncSettings.class.getClassLoader()).forEach(x -> readers.put(x.source(), x));
        return readers;
    }

    /** The source's webhook receiver's settings, null when it is off (or the source has none). */
    public WebhookSettings webhook() {
        return sourceSettings.receiver();
    }

    /** Long-running mode: a schedule, the webhook receiver, or both; else one run and exit. */
    public boolean longRunning() {
        return run.schedule() != null || webhook() != null;
    }

    /**
     * What a sync state must match to be used by these settings: the API, the workspace, the source (and what of its
     * own settings says what it reads: Jira's URL and JQL, GitHub's site, repositories and labels; nothing of a CSV file),
     * and where records go (the map, the default project, the matching rule): the state's records carry their
     * Toggl project, so a change there costs one full sweep instead of splitting a project's tasks.
     */
    public String stateFingerprint() {
        String key = sourceSettings.stateKey();
        String what = key.isEmpty() ? source : source + "|" + key;
        return toggl.apiUrl() + "|" + toggl.workspaceId() + "|" + what + "|" + new TreeMap<>(projects.projectMap()) + "|"
                + projects.projectId() + "|" + projects.match();
    }

    /** The secrets of this run, for masking. */
    public Set<String> secrets() {
        Set<String> secrets = new HashSet<>();
        secrets.add(toggl.apiToken());
        secrets.addAll(sourceSettings.secrets());
        if (sourceSettings.receiver() != null) {
            secrets.add(sourceSettings.receiver().secret());
        }
        return secrets;
    }

    /** Hides secrets from the generated toString (the parts that hold one mask it in their own). */
    @Override
    public String toString() {
        return "SyncSettings[toggl=" + toggl + ", projects=" + projects + ", source=" + source + ", " + source + "=" + sourceSettings
                + ", run=" + run + ", state=" + state + ", sandbox=" + sandbox + ", metricsPush=" + metricsPush + "]";
    }

    /** Names the environment variable of a property, as Quarkus maps them. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
