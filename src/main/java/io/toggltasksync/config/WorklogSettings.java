package io.toggltasksync.config;

import io.toggltasksync.model.WorklogGrouping;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of the worklog sync ({@code worklog.*}, {@code toggl.reports-url}): the time tracked in Toggl
 * written back to Jira as worklogs after each Jira run. Kept apart from {@link SyncSettings}: they matter only
 * to the worklog flow and its {@code --check} lines. Read and checked even when the sync is off, so that a
 * mistake shows before it is switched on.
 *
 * @param enabled          {@code worklog.sync} ({@code --worklogs}): each Jira run also syncs worklogs
 * @param lookback         {@code worklog.lookback}: entries that started within it are synced; older ones and their
 *                         worklogs are never touched
 * @param grouping         {@code worklog.grouping}: a worklog per entry, or per Toggl user, issue and day
 * @param zone             {@code worklog.zone}: where a day begins for {@link WorklogGrouping#DAY}
 * @param roundMinutes     {@code worklog.round-minutes}: a worklog's time is rounded up to a multiple of this
 * @param minSeconds       {@code worklog.min-seconds}: entries (or days) shorter than this, before rounding, are skipped
 * @param adjustEstimate   {@code worklog.adjust-estimate}: Jira's {@code adjustEstimate} on each write
 * @param matchDescription {@code worklog.match-description}: an entry without a task goes to the issue whose key
 *                         begins its description
 * @param reportsUrl       {@code toggl.reports-url}: the Reports API v3 base, without a trailing slash; derived from
 *                         {@code toggl.api-url} unless set; null when worklogs are off and it cannot be derived
 */
public record WorklogSettings(boolean enabled, Duration lookback, WorklogGrouping grouping, ZoneId zone, int roundMinutes, int minSeconds,
        AdjustEstimate adjustEstimate, boolean matchDescription, String reportsUrl) {

    /** The exchange property that carries them in a run. */
    public static final String PROPERTY = "worklogSettings";
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(14);
    /** A year and a day: a longer window reads more than a sync needs and reaches into closed periods. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(366);
    public static final int MAX_ROUND_MINUTES = 1440;
    private static final String API_SUFFIX = "/api/v9";
    private static final String REPORTS_SUFFIX = "/reports/api/v3";

    /** Jira's {@code adjustEstimate} for the worklog writes: {@code auto} (Jira's default) or {@code leave}. */
    public enum AdjustEstimate {
        AUTO, LEAVE;

        /** The query value Jira expects. */
        public String query() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads and checks the worklog settings; {@code sync} gives the source and the Toggl API URL they depend on. */
    public static WorklogSettings load(Function<String, Optional<String>> lookup, SyncSettings sync) {
        SettingsReader r = new SettingsReader(lookup);
        boolean enabled = r.bool("worklog.sync", false);
        if (enabled && !"jira".equals(sync.source())) {
            throw r.invalid("worklog.sync", "writes Toggl's time entries to Jira issues as worklogs, which needs sync.source=jira "
                    + "(SYNC_SOURCE=jira); the source is " + sync.source());
        }
        Duration lookback = r.duration("worklog.lookback", DEFAULT_LOOKBACK);
        if (lookback.isZero() || lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw r.invalid("worklog.lookback", "must be more than 0 and at most 366d (e.g. 48h, 14d, 30d), got '"
                    + r.string("worklog.lookback").orElse("") + "'");
        }
        WorklogGrouping grouping = choice(r, "worklog.grouping", WorklogGrouping.class, WorklogGrouping.ENTRY, "entry or day");
        ZoneId zone = r.parsed("worklog.zone", WorklogSettings::parseZone, ZoneId.of("UTC"));
        int round = (int) range(r, "worklog.round-minutes", 1, 1, MAX_ROUND_MINUTES);
        int minSeconds = (int) range(r, "worklog.min-seconds", 60, 0, Integer.MAX_VALUE);
        AdjustEstimate adjust = choice(r, "worklog.adjust-estimate", AdjustEstimate.class, AdjustEstimate.AUTO, "auto or leave");
        boolean match = r.bool("worklog.match-description", true);
        String reports = r.string("toggl.reports-url").map(WorklogSettings::stripTrailingSlash).orElse(null);
        if (reports != null && !reports.startsWith("http://") && !reports.startsWith("https://")) {
            throw r.invalid("toggl.reports-url", "must start with http:// or https://");
        }
        if (reports != null && reports.indexOf('@') >= 0) {
            // the URL is shown in --check's lines and the logs; the token is sent as Basic auth already
            throw r.invalid("toggl.reports-url", "must not carry a user or password (user:pass@): the Toggl API token is sent on its own");
        }
        if (reports == null) {
            reports = reportsUrl(sync.toggl().apiUrl());
            if (reports == null && enabled) {
                throw r.missing("toggl.reports-url", "the Toggl Reports API v3 base, e.g. https://api.track.toggl.com/reports/api/v3 "
                        + "(it is derived from toggl.api-url only when that ends with " + API_SUFFIX + ")");
            }
        }
        return new WorklogSettings(enabled, lookback, grouping, zone, round, minSeconds, adjust, match, reports);
    }

    /**
     * The Reports API v3 base beside a v9 API URL: {@code https://api.track.toggl.com/api/v9} →
     * {@code https://api.track.toggl.com/reports/api/v3}; null when the URL does not end with {@code /api/v9}.
     */
    public static String reportsUrl(String apiUrl) {
        String url = stripTrailingSlash(apiUrl);
        return url.endsWith(API_SUFFIX) ? url.substring(0, url.length() - API_SUFFIX.length()) + REPORTS_SUFFIX : null;
    }

    private static ZoneId parseZone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time zone such as UTC, Europe/Berlin or +02:00, got '" + raw + "'");
        }
    }

    private static <E extends Enum<E>> E choice(SettingsReader r, String name, Class<E> type, E fallback, String allowed) {
        Optional<String> v = r.string(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw r.invalid(name, "must be " + allowed + ", got '" + v.get() + "'");
        }
    }

    private static long range(SettingsReader r, String name, long fallback, long min, long max) {
        Optional<String> v = r.string(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw r.invalid(name, "must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got '"
                + v.get() + "'");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
