package io.toggltasksync.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-worklog-changes} and {@code jira-worklog-list} routes: Jira's site-wide feeds
 * of worklogs changed and deleted since a time, and worklogs read by id. Stateless: a read in progress is its
 * {@link WorklogChangeReading} or {@link WorklogListing}.
 */
@ApplicationScoped
@Named("jiraWorklogChangeReader")
public class JiraWorklogChangeReader {

    private static final Logger LOG = Logger.getLogger(JiraWorklogChangeReader.class);

    public void begin(Exchange exchange, @Body WorklogChangesQuery query, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        exchange.setProperty(WorklogChangeReading.PROPERTY, new WorklogChangeReading(query, settings.jira().cloud()));
    }

    public boolean hasNextPage(@ExchangeProperty(WorklogChangeReading.PROPERTY) WorklogChangeReading reading) {
        return reading.hasNext();
    }

    public void nextPage(Exchange exchange, @ExchangeProperty(WorklogChangeReading.PROPERTY) WorklogChangeReading reading) {
        JiraRequest.next(exchange, reading.next());
    }

    public void acceptPage(@Body String answer, @ExchangeProperty(WorklogChangeReading.PROPERTY) WorklogChangeReading reading) {
        reading.accept(json(answer));
    }

    public WorklogChanges finish(@ExchangeProperty(WorklogChangeReading.PROPERTY) WorklogChangeReading reading) {
        WorklogChanges changes = reading.result();
        LOG.infof("Jira's worklog changes since the last run: %d changed, %d deleted (%d call(s))", changes.updated().size(),
                changes.deleted().size(), changes.calls());
        return changes;
    }

    /** Starts the read of the worklog ids in the body. */
    public void beginList(Exchange exchange, @Body List<String> ids, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        exchange.setProperty(WorklogListing.PROPERTY, new WorklogListing(ids, settings.jira().cloud()));
    }

    public boolean hasNextBatch(@ExchangeProperty(WorklogListing.PROPERTY) WorklogListing listing) {
        return listing.hasNext();
    }

    public void nextBatch(Exchange exchange, @ExchangeProperty(WorklogListing.PROPERTY) WorklogListing listing) {
        JiraRequest.next(exchange, listing.next());
    }

    public void acceptBatch(@Body String answer, @ExchangeProperty(WorklogListing.PROPERTY) WorklogListing listing) {
        listing.accept(json(answer));
    }

    /** The worklogs read, without their issue's key (Jira names it by id). */
    public List<JiraWorklog> finishList(@ExchangeProperty(WorklogListing.PROPERTY) WorklogListing listing) {
        return listing.result();
    }

    private static JsonNode json(String answer) {
        try {
            return Json.MAPPER.readTree(answer == null ? "" : answer);
        } catch (Exception e) {
            throw JiraSearch.notJson(answer);
        }
    }
}
