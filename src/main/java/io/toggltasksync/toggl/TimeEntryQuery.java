package io.toggltasksync.toggl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code toggl-time-entries} route reads (its body): the workspace's time entries that started in
 * {@code [from, to)}, every user's the token may see, from the Reports API's detailed search; only those of
 * {@code entryIds} when some are given.
 *
 * @param reportsUrl the Reports API's base URL ({@code WorklogSettings.reportsUrl})
 * @param userZone   the token user's time zone ({@code GET /me}'s {@code timezone}, {@link ReportsApi#zone}):
 *                   the search reads its dates in it
 * @param from       the earliest start kept (inclusive)
 * @param to         the latest start kept (exclusive), normally now
 * @param pageSize   rows asked per page ({@code page_size}; Toggl's default is {@value #DEFAULT_PAGE_SIZE}, its
 *                   maximum is not published: the reader follows the pages the server gives, whatever their size)
 * @param entryIds   the search's {@code time_entry_ids} filter; empty: no filter (every entry of the dates)
 */
public record TimeEntryQuery(String reportsUrl, ZoneId userZone, Instant from, Instant to, int pageSize, List<Long> entryIds) {

    public static final int DEFAULT_PAGE_SIZE = 50;

    /** Every entry that started in the window. */
    public TimeEntryQuery(String reportsUrl, ZoneId userZone, Instant from, Instant to, int pageSize) {
        this(reportsUrl, userZone, from, to, pageSize, List.of());
    }

    public TimeEntryQuery {
        entryIds = entryIds == null ? List.of() : List.copyOf(entryIds);
        Objects.requireNonNull(reportsUrl, "reportsUrl");
        Objects.requireNonNull(userZone, "userZone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("an empty window: " + from + " .. " + to);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1");
        }
    }

    /*
     * The search takes whole dates, read in the token user's zone and matched against each entry's start (in that
     * zone too). Asking one day more on either side keeps every entry of the window in the answer even when the
     * zone we were told is off by some hours (a user who moved, a zone Java does not know and read as UTC); the
     * reader then keeps the entries whose start instant is in [from, to). A few extra rows cost far less than a
     * missed entry, whose worklog would then look deleted.
     */

    /** {@code start_date}: the date of {@code from} in the user's zone, minus a day. */
    public LocalDate startDate() {
        return from.atZone(userZone).toLocalDate().minusDays(1);
    }

    /** {@code end_date} (inclusive): the date of {@code to} (today) in the user's zone, plus a day. */
    public LocalDate endDate() {
        return to.atZone(userZone).toLocalDate().plusDays(1);
    }

    /** Whether an entry that started then belongs to the window. */
    public boolean covers(Instant start) {
        return !start.isBefore(from) && start.isBefore(to);
    }
}
