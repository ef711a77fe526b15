package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.support.ControlChars;
import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-worklog-read} route: an issue's worklogs page by page, parsed into
 * {@code JiraWorklog}s with their mark (the calls are {@link JiraPagedReader}'s). Stateless: the read in progress is its
 * {@link WorklogReading}.
 */
@ApplicationScoped
@Named("jiraWorklogReader")
public class JiraWorklogReader {

    private static final Logger LOG = Logger.getLogger(JiraWorklogReader.class);

    /** Starts the read of the {@link WorklogQuery} in the body. */
    public void begin(Exchange exchange, @Body WorklogQuery query, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        exchange.setProperty(JiraPagedRead.PROPERTY, new WorklogReading(query, JiraSettings.of(settings).cloud()));
    }

    /**
     * Jira refused the page: a 404 means the issue is gone or hidden from the token, and only that issue's
     * worklogs are unknown; any other refusal (a login refused, a bad request) ends the read.
     */
    public void refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) JiraRefused refusal,
            @ExchangeProperty(JiraPagedRead.PROPERTY) WorklogReading reading) {
        if (refusal.status() != 404) {
            throw refusal;
        }
        LOG.warnf("Jira has no issue %s for this token (%s): its worklogs are left as they are", reading.currentKey(), ControlChars.escape(refusal.detail()));
        reading.setAside("Jira answered 404: " + refusal.detail());
    }

    /** Every issue was read: the worklogs. */
    public JiraWorklogs finish(@ExchangeProperty(JiraPagedRead.PROPERTY) WorklogReading reading) {
        JiraWorklogs read = reading.result();
        LOG.infof("Read %d Jira worklog(s) back in %d call(s)%s", read.worklogs().size(), read.calls(),
                read.unreadable().isEmpty() ? "" : ", " + read.unreadable().size() + " issue(s) unreadable");
        return read;
    }
}
