package io.toggltasksync.toggl;

import io.toggltasksync.model.TimeEntry;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of time entries in progress (exchange property {@value #PROPERTY}), owned by the exchange that runs
 * {@code toggl-time-entries}: the query, the next page's first row, the entries read so far.
 */
public final class TimeEntryRead {

    public static final String PROPERTY = "timeEntryRead";

    private final TimeEntryQuery query;
    private final long workspaceId;
    /** By id: should the rows shift between pages, an entry read twice counts once. */
    private final Map<Long, TimeEntry> entries = new LinkedHashMap<>();
    /** {@code first_row_number} of the next page; null once the last page is read. */
    private Long nextRow = 1L;
    private int pages;

    public TimeEntryRead(TimeEntryQuery query, long workspaceId) {
        this.query = query;
        this.workspaceId = workspaceId;
    }

    public synchronized boolean morePages() {
        return nextRow != null;
    }

    /** The next page's search; the first one without {@code first_row_number}. */
    public synchronized TogglRequest pageRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_date", query.startDate().toString());
        body.put("end_date", query.endDate().toString());
        if (!query.entryIds().isEmpty()) {
            body.put("time_entry_ids", query.entryIds());
        }
        body.put("page_size", query.pageSize());
        if (nextRow > 1) {
            body.put("first_row_number", nextRow);
        }
        return new TogglRequest("POST", ReportsApi.searchPath(workspaceId), null, body, query.reportsUrl());
    }

    /**
     * Keeps a page's entries and where the next page starts ({@code X-Next-Row-Number}, absent on the last page).
     *
     * @throws TogglClientException when the page's times are not times, or the paging does not move on (a next
     *         row not after this page's first, or an empty page that says more follow): asking again would loop
     */
    public synchronized void accept(List<ReportRow> rows, String nextRowHeader) {
        pages++;
        List<ReportRow> page = rows == null ? List.of() : rows;
        try {
            for (ReportRow row : page) {
                row.entries(workspaceId, query.userZone()).forEach(e -> entries.put(e.id(), e));
            }
        } catch (DateTimeParseException e) {
            throw new TogglClientException(200, "the reports search answered an entry without a readable time: " + e.getMessage());
        }
        if (nextRowHeader == null || nextRowHeader.isBlank()) {
            nextRow = null;
            return;
        }
        long next;
        try {
            next = Long.parseLong(nextRowHeader.trim());
        } catch (NumberFormatException e) {
            throw new TogglClientException(200, "the reports search's X-Next-Row-Number is not a number: " + nextRowHeader);
        }
        if (next <= nextRow || page.isEmpty()) {
            throw new TogglClientException(200, "the reports search's paging does not move on: X-Next-Row-Number " + next
                    + " after first_row_number " + nextRow + " (" + page.size() + " row(s))");
        }
        nextRow = next;
    }

    /** The entries read whose start is in the window, by start then id. */
    public synchronized List<TimeEntry> entries() {
        return entries.values().stream().filter(e -> query.covers(e.start()))
                .sorted(Comparator.comparing(TimeEntry::start).thenComparingLong(TimeEntry::id)).toList();
    }

    /** Pages read so far. */
    public synchronized int pages() {
        return pages;
    }
}
