package io.toggltasksync.toggl;

import io.toggltasksync.model.TimeEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

/**
 * The steps of the {@code toggl-time-entries} route (toggl-time-entries.camel.yaml): the Reports API's detailed
 * search page by page into the exchange's {@link TimeEntryRead}; and the workspace read (sent by the
 * {@code worklog-sync} route) that says whether the token sees every user's entries. Stateless.
 */
@ApplicationScoped
@Named("togglTimeEntries")
public class TogglTimeEntries {

    private static final Logger LOG = Logger.getLogger(TogglTimeEntries.class);
    /** The answer's header naming the next page's first row; absent on the last page. */
    public static final String NEXT_ROW = "X-Next-Row-Number";

    /** A read of the query's window in the session's workspace. */
    public TimeEntryRead begin(@Body TimeEntryQuery query, @ExchangeProperty(TogglSession.PROPERTY) TogglSession session) {
        LOG.infof("Reading the Toggl time entries of workspace %d%s that started from %s to %s (search %s .. %s in %s)",
                session.workspaceId(), query.entryIds().isEmpty() ? "" : " among " + query.entryIds().size() + " entry id(s)",
                query.from(), query.to(), query.startDate(), query.endDate(), query.userZone());
        return new TimeEntryRead(query, session.workspaceId());
    }

    public boolean morePages(@ExchangeProperty(TimeEntryRead.PROPERTY) TimeEntryRead read) {
        return read.morePages();
    }

    /** The next page of the search, its answer read into {@link ReportRow}s. */
    public TogglRead pageRead(@ExchangeProperty(TimeEntryRead.PROPERTY) TimeEntryRead read) {
        return TogglRead.listOf(read.pageRequest(), ReportRow.class);
    }

    public void acceptPage(@Body List<ReportRow> rows, @Header(NEXT_ROW) String nextRow,
            @ExchangeProperty(TimeEntryRead.PROPERTY) TimeEntryRead read) {
        read.accept(rows, nextRow);
    }

    /** The read's result: the entries that started in the window. */
    public List<TimeEntry> entries(@ExchangeProperty(TimeEntryRead.PROPERTY) TimeEntryRead read) {
        List<TimeEntry> entries = read.entries();
        LOG.infof("Read %d Toggl time entr%s in %d page(s)", entries.size(), entries.size() == 1 ? "y" : "ies", read.pages());
        return entries;
    }

    /** {@code GET /workspaces/{wid}} of the session's workspace, read into a {@link TogglWorkspace} (is the token an admin's?). */
    public TogglRead workspaceRead(@ExchangeProperty(TogglSession.PROPERTY) TogglSession session) {
        return TogglRead.of(TogglRequest.get(TogglPaths.workspace(session.workspaceId()), null), TogglWorkspace.class);
    }
}
