package io.toggltasksync.source.jira;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.JiraWorklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-worklog-changes} and {@code jira-worklog-list} routes: Jira's site-wide feeds
 * of worklogs changed and deleted since a time, and worklogs read by id: how each starts and ends (its calls are
 * {@link JiraPagedReader}'s). Stateless: a read in progress is its {@link JiraPagedRead} ({@link WorklogChangeReading},
 * {@link WorklogListing}).
 */
@ApplicationScoped
@Named("jiraWorklogChangeReader")
public class JiraWorklogChangeReader {

    private static final Logger LOG = Logger.getLogger(JiraWorklogChangeReader.class);

    /** Starts the read of the feeds since the {@link WorklogChangesQuery} in the body. */
    public void begin(Exchange exchange, @Body WorklogChangesQuery query, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        exchange.setProperty(JiraPagedRead.PROPERTY, new WorklogChangeReading(query, JiraSettings.of(settings).cloud()));
    }

    /** Starts the read of the worklog ids in the body. */
    public void beginList(Exchange exchange, @Body List<String> ids, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        exchange.setProperty(JiraPagedRead.PROPERTY, new WorklogListing(ids, JiraSettings.of(settings).cloud()));
    }

    public WorklogChanges finish(@ExchangeProperty(JiraPagedRead.PROPERTY) WorklogChangeReading reading) {
        WorklogChanges changes = reading.result();
        LOG.infof("Jira's worklog changes since the last run: %d changed, %d deleted (%d call(s))", changes.updated().size(),
                changes.deleted().size(), changes.calls());
        return changes;
    }

    /** The worklogs read, without their issue's key (Jira names it by id). */
    public List<JiraWorklog> finishList(@ExchangeProperty(JiraPagedRead.PROPERTY) WorklogListing listing) {
        return listing.result();
    }
}
