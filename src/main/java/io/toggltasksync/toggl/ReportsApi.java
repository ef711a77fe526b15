package io.toggltasksync.toggl;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Toggl's Reports API v3 as the worklog sync uses it: its detailed search's path, and how its
 * times and the token user's time zone are read. Pure.
 */
public final class ReportsApi {

    private ReportsApi() {
    }

    /** The detailed search of a workspace's time entries, relative to the Reports API's base ({@code WorklogSettings.reportsUrl}). */
    public static String searchPath(long workspaceId) {
        return "/workspace/" + workspaceId + "/search/time_entries";
    }

    /**
     * The zone of {@code GET /me}'s {@code timezone} (an IANA name such as {@code Europe/Tallinn}); UTC when it
     * is missing or not a zone Java knows. A wrong zone costs no entry: the search asks a day more on either side.
     */
    public static ZoneId zone(String togglTimezone) {
        if (togglTimezone == null || togglTimezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(togglTimezone.trim());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * A time of the reports: ISO 8601 with the token user's offset ({@code 2026-12-07T10:15:00+01:00}) or
     * {@code Z}; one without an offset is read in {@code userZone}. Null for null.
     *
     * @throws DateTimeParseException when it is not a time
     */
    public static Instant instant(String text, ZoneId userZone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.trim()).atZone(userZone).toInstant();
        }
    }
}
