package io.toggltasksync.config;

import io.toggltasksync.model.MissingPolicy;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated settings of one run. Read from MicroProfile Config (properties, environment
 * variables, {@code --flags}), checked here so that a mistake gives one line naming the setting.
 */
public record SyncSettings(
        String apiUrl,
        String apiToken,
        long workspaceId,
        Long projectId,
        Map<String, Long> projectMap,
        ProjectSettings projects,
        int rateLimit,
        String source,
        Path csvPath,
        CsvOptions csvOptions,
        MissingPolicy missing,
        double maxMissingRatio,
        boolean dryRun,
        Path deadLetterFile,
        Path reportFile,
        int pageSize,
        int patchBatchSize,
        boolean patchEstimates,
        long quotaMaxWaitSeconds,
        int hourlyQuota,
        Duration progressInterval,
        Duration shutdownWait,
        String schedule,
        Path stateFile,
        Duration fullSweepInterval,
        boolean fullSweep,
        Duration stateLockWait,
        SandboxSettings sandbox,
        SourceSettings sourceSettings,
        MetricsPushSettings metricsPush) {

    /** The exchange property that carries the settings through the routes. */
    public static final String PROPERTY = "settings";
    public static final String DEFAULT_API_URL = "https://api.track.toggl.com/api/v9";
    public static final String SANDBOX_TOKEN = "sandbox-token";

    /**
     * A source's webhook receiver (Jira's: {@code POST /webhooks/jira}, from {@code jira.webhook-*}).
     *
     * @param secret the shared secret the source signs each delivery with (HMAC-SHA256 of the raw body)
     * @param maxBytes larger deliveries are refused (413) unread
     * @param coalesce events for one issue within this time are applied once
     * @param maxPending issue events accepted and not yet applied; a delivery beyond them is refused (503)
     */
    public record WebhookSettings(String secret, int maxBytes, Duration coalesce, int maxPending) {
        /** Shorter secrets are refused: the signature is only as strong as the secret. */
        public static final int MIN_SECRET_LENGTH = 16;
        public static final int DEFAULT_MAX_PENDING = 1_000;
        /**
         * The most {@code maxPending} may be: the queue of the coalescing aggregator's one thread (Camel's default
         * thread pool profile). Past it the aggregator's timeout checker would run an event itself, holding the
         * aggregator's lock that every delivery needs, for as long as a run holds the sync lock.
         */
        public static final int MAX_PENDING = 1_000;

        @Override
        public String toString() {
            return "WebhookSettings[secret=****, maxBytes=" + maxBytes + ", coalesce=" + coalesce + ", maxPending=" + maxPending + "]";
        }
    }

    /**
     * How a source project without a {@code toggl.project-map} entry finds its Toggl project ({@code toggl.project-match},
     * {@code toggl.create-projects}, and what a made project gets: {@code toggl.project-client-id}, {@code toggl.project-color}).
     *
     * @param clientId null: no client
     * @param color null: Toggl picks one
     */
    public record ProjectSettings(ProjectMatchRule match, boolean create, Long clientId, String color) {
    }

    /**
     * The embedded Toggl sandbox ({@code sandbox.*}).
     *
     * @param hourlyQuota null: the sandbox imitates no quota
     * @param stateFile null: its tasks live only as long as the process
     * @param port 0: any free port
     * @param projects the projects it starts with, by id (their names are what matching finds)
     */
    public record SandboxSettings(boolean enabled, Integer hourlyQuota, Path stateFile, int port, Map<Long, String> projects) {
    }

    /**
     * Redelivery of transient failures (IO errors, 429, 5xx): up to {@code maxRetries} more
     * attempts, the first after {@code delayMs}, doubling up to {@code maxDelayMs}.
     */
    public record Retry(int maxRetries, long delayMs, long maxDelayMs) {
    }

    /**
     * Reads and checks the retry settings alone: the error handlers' redelivery policy is made when
     * Camel starts, from these only ({@link #load} checks them too, so a bad value stops the app first).
     */
    public static Retry retry(Function<String, Optional<String>> lookup) {
        return retry(new SettingsReader(lookup));
    }

    private static Retry retry(SettingsReader r) {
        return new Retry((int) r.nonNegativeLong("toggl.max-retries", 4), r.nonNegativeLong("toggl.retry-delay-ms", 1000),
                r.nonNegativeLong("toggl.max-retry-delay-ms", 30000));
    }

    /** Reads and checks every setting. {@code lookup} answers a property name with its raw value. */
    public static SyncSettings load(Function<String, Optional<String>> lookup) {
        SettingsReader r = new SettingsReader(lookup);
        boolean sandbox = r.bool("sandbox.enabled", false);
        String apiUrl = r.string("toggl.api-url").orElse(DEFAULT_API_URL);
        r.checkBaseUrl("toggl.api-url", apiUrl, "the token goes in toggl.api-token (TOGGL_API_TOKEN)");
        String token = r.string("toggl.api-token").orElse(sandbox ? SANDBOX_TOKEN : null);
        if (token == null) {
            throw r.missing("toggl.api-token", "the Toggl API token (Profile settings > API Token)");
        }
        long workspace = r.positiveLong("toggl.workspace-id").orElseThrow(() -> r.missing("toggl.workspace-id", "the Toggl workspace id"));
        Long project = r.positiveLong("toggl.project-id").orElse(null);
        Map<String, Long> projectMap = parseProjectMap(r, r.string("toggl.project-map").orElse(""));
        ProjectSettings projects = projectSettings(r);
        int rate = (int) r.nonNegativeLong("toggl.rate-limit", 1);
        String source = r.string("sync.source").orElse("csv").toLowerCase(Locale.ROOT);
        Path csv = null;
        CsvOptions csvOptions = CsvOptions.DEFAULTS;
        SourceSettings sourceSettings = null;
        Map<String, SourceSettings.Reader> readers = sourceReaders();
        if (source.equals("csv")) {
            csv = Path.of(r.string("csv.path").orElseThrow(() -> r.missing("csv.path", "the CSV file to import")));
            if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
                throw r.invalid("csv.path", "no readable file at " + csv.toAbsolutePath());
            }
            csvOptions = csvOptions(r);
        } else if (readers.containsKey(source)) {
            sourceSettings = readers.get(source).read(r);
        } else {
            Set<String> names = new TreeSet<>(readers.keySet());
            names.add("csv");
            throw r.invalid("sync.source", "must be " + alternatives(names) + ", got '" + source + "'");
        }
        for (SourceSettings.Reader other : readers.values()) {
            ConfigException unused = other.source().equals(source) ? null : other.unused(r);
            if (unused != null) {
                throw unused;
            }
        }
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
        int pageSize = (int) r.positiveLong("toggl.page-size").orElse(200L).longValue();
        int batch = (int) r.positiveLong("toggl.patch-batch-size").orElse(100L).longValue();
        long quotaWait = r.nonNegativeLong("toggl.quota-max-wait", 60);
        // Starter's limit: tasks need a paid plan, and Starter is the smallest (Premium: 600)
        int hourlyQuota = (int) r.positiveLong("toggl.hourly-quota").orElse(240L).longValue();
        retry(r);
        Path reportFile = Path.of(r.string("sync.report-file").orElse("sync-report.json"));
        // beside the report by default: where a scheduled job keeps its files
        Path stateFile = r.string("sync.state-file").map(Path::of).orElse(reportFile.resolveSibling("sync-state.json"));
        SandboxSettings sandboxSettings = new SandboxSettings(sandbox,
                r.positiveLong("sandbox.hourly-quota").map(Long::intValue).orElse(null),
                r.string("sandbox.state-file").map(Path::of).orElse(null),
                (int) r.nonNegativeLong("sandbox.port", 0),
                sandboxProjects(r, r.string("sandbox.projects").orElse("")));
        return new SyncSettings(stripTrailingSlash(apiUrl), token, workspace, project, projectMap, projects, rate, source, csv, csvOptions, missing, ratio,
                r.bool("sync.dry-run", false),
                Path.of(r.string("sync.dead-letter-file").orElse("dead-letter.jsonl")),
                reportFile,
                pageSize, batch, r.bool("toggl.patch-estimates", true), quotaWait, hourlyQuota,
                r.duration("sync.progress-interval", Duration.ofSeconds(10)),
                r.duration("sync.shutdown-wait", Duration.ofSeconds(30)),
                // empty: run once and exit
                r.string("sync.schedule").orElse(null),
                stateFile,
                r.duration("sync.full-sweep-interval", Duration.ofHours(24)),
                r.bool("sync.full-sweep", false),
                // long enough for a run that ends as another begins; far shorter than a CronJob's slot
                r.duration("sync.state-lock-wait", Duration.ofSeconds(30)),
                sandboxSettings, sourceSettings, metricsPush(r));
    }

    private static MetricsPushSettings metricsPush(SettingsReader r) {
        String job = r.string("metrics.push-job").isEmpty() ? MetricsPushSettings.DEFAULT_JOB
                : r.parsed("metrics.push-job", MetricsPushSettings::parseJob);
        return new MetricsPushSettings(r.parsed("metrics.push-url", MetricsPushSettings::parseUrl), job);
    }

    /** {@code a, b or c}: the names a setting may take, as a message words them. */
    public static String alternatives(java.util.Collection<String> names) {
        List<String> all = List.copyOf(names);
        return all.size() < 2 ? String.join("", all) : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The sources with settings of their own, by name (ServiceLoader: see {@link SourceSettings.Reader}). */
    private static Map<String, SourceSettings.Reader> sourceReaders() {
        Map<String, SourceSettings.Reader> readers = new java.util.TreeMap<>();
        java.util.ServiceLoader.load(SourceSettings.Reader.class, SyncSettings.class.getClassLoader()).forEach(x -> readers.put(x.source(), x));
        return readers;
    }

    /**
     * A source's receiver settings under its prefix ({@code <prefix>.webhook-secret}, {@code -max-bytes},
     * {@code -coalesce}, {@code -max-pending}), null when no secret turns it on.
     */
    public static WebhookSettings webhookSettings(SettingsReader r, String prefix) {
        Optional<String> secret = r.string(prefix + ".webhook-secret");
        if (secret.isEmpty()) {
            return null;
        }
        if (secret.get().length() < WebhookSettings.MIN_SECRET_LENGTH) {
            // the value itself is never shown
            throw r.invalid(prefix + ".webhook-secret", "must be at least " + WebhookSettings.MIN_SECRET_LENGTH
                    + " characters (Jira's \"Generate secret\" makes one; or: openssl rand -hex 32)");
        }
        long maxBytes = r.positiveLong(prefix + ".webhook-max-bytes").orElse(1_048_576L);
        if (maxBytes > Integer.MAX_VALUE) {
            throw r.invalid(prefix + ".webhook-max-bytes", "must be at most " + Integer.MAX_VALUE);
        }
        long maxPending = r.positiveLong(prefix + ".webhook-max-pending").orElse((long) WebhookSettings.DEFAULT_MAX_PENDING);
        if (maxPending > WebhookSettings.MAX_PENDING) {
            throw r.invalid(prefix + ".webhook-max-pending", "must be at most " + WebhookSettings.MAX_PENDING);
        }
        return new WebhookSettings(secret.get(), (int) maxBytes, r.duration(prefix + ".webhook-coalesce", Duration.ofMillis(500)), (int) maxPending);
    }

    private static ProjectSettings projectSettings(SettingsReader r) {
        ProjectMatchRule match = r.string("toggl.project-match").isEmpty() ? ProjectMatchRule.parse(ProjectMatchRule.DEFAULT)
                : r.parsed("toggl.project-match", ProjectMatchRule::parse);
        boolean create = r.bool("toggl.create-projects", false);
        if (create && match.off()) {
            throw r.invalid("toggl.create-projects", "needs toggl.project-match: with 'off' a made project would never be found again");
        }
        String color = r.string("toggl.project-color").orElse(null);
        if (color != null && !HEX_COLOR.matcher(color).matches()) {
            throw r.invalid("toggl.project-color", "must be a colour such as #06aaf5, got '" + color + "'");
        }
        return new ProjectSettings(match, create, r.positiveLong("toggl.project-client-id").orElse(null), color);
    }

    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private static CsvOptions csvOptions(SettingsReader r) {
        CsvPreset format = r.parsed("csv.format", CsvOptions::parseFormat);
        CsvMapping columns = r.parsed("csv.columns", CsvMapping::parse);
        try {
            CsvOptions.checkColumns(format, columns);
        } catch (IllegalArgumentException e) {
            throw r.invalid("csv.columns", e.getMessage());
        }
        long maxField = r.positiveLong("csv.max-field-chars").orElse((long) CsvOptions.DEFAULTS.maxFieldChars());
        long maxRecord = r.positiveLong("csv.max-record-chars").orElse((long) CsvOptions.DEFAULTS.maxRecordChars());
        if (maxRecord < maxField || maxRecord > Integer.MAX_VALUE) {
            throw r.invalid("csv.max-record-chars", "must be at least csv.max-field-chars (" + maxField + ") and at most "
                    + Integer.MAX_VALUE + ", got " + maxRecord);
        }
        return new CsvOptions(format, columns, r.parsed("csv.delimiter", CsvOptions::parseDelimiter),
                r.parsed("csv.charset", CsvOptions::parseCharset), (int) maxField, (int) maxRecord);
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

    /** {@code id=Name,id=Name}: a name holds no comma. */
    private static Map<Long, String> sandboxProjects(SettingsReader r, String raw) {
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

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The source's webhook receiver's settings, null when it is off (or the source has none). */
    public WebhookSettings webhook() {
        return sourceSettings == null ? null : sourceSettings.receiver();
    }

    /** Long-running mode: a schedule, the webhook receiver, or both; else one run and exit. */
    public boolean longRunning() {
        return schedule != null || webhook() != null;
    }

    public ProjectResolver projectResolver() {
        return new ProjectResolver(projectId, projectMap, !projects.match().off());
    }

    /**
     * What a sync state must match to be used by these settings: the API, the workspace, the source (and what of its
     * own settings says what it reads: Jira's URL and JQL),
     * and where records go (the map, the default project, the matching rule): the state's records carry their
     * Toggl project, so a change there costs one full sweep instead of splitting a project's tasks.
     */
    public String stateFingerprint() {
        String what = sourceSettings == null ? source : source + "|" + sourceSettings.stateKey();
        return apiUrl + "|" + workspaceId + "|" + what + "|" + new java.util.TreeMap<>(projectMap) + "|" + projectId + "|" + projects.match();
    }

    /** Projects named by configuration (default project and map values). */
    public Set<Long> configuredProjects() {
        Set<Long> projects = new TreeSet<>(projectMap.values());
        if (projectId != null) {
            projects.add(projectId);
        }
        return projects;
    }

    /** The secrets of this run, for masking. */
    public Set<String> secrets() {
        Set<String> secrets = new java.util.HashSet<>();
        secrets.add(apiToken);
        if (sourceSettings != null) {
            secrets.addAll(sourceSettings.secrets());
            if (sourceSettings.receiver() != null) {
                secrets.add(sourceSettings.receiver().secret());
            }
        }
        return secrets;
    }

    /** Hides secrets from the generated toString (records print every component). */
    @Override
    public String toString() {
        return "SyncSettings[apiUrl=" + apiUrl + ", apiToken=****, workspaceId=" + workspaceId + ", projectId=" + projectId
                + ", projectMap=" + projectMap + ", source=" + source + ", csvPath=" + csvPath + ", missing=" + missing
                + ", dryRun=" + dryRun + ", schedule=" + schedule + ", sandbox=" + sandbox + ", " + source + "=" + sourceSettings + "]";
    }

    /** Names the environment variable of a property, as Quarkus maps them. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
