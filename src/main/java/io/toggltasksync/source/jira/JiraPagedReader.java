package io.toggltasksync.source.jira;

import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The loop of a {@link JiraPagedRead} in a route ({@code jiraPagedReader}): whether a call is left, its request for
 * {@code jira-call}, its answer taken in. The worklog reads' beans start and end the read.
 */
@ApplicationScoped
@Named("jiraPagedReader")
public class JiraPagedReader {

    public boolean hasNext(@ExchangeProperty(JiraPagedRead.PROPERTY) JiraPagedRead read) {
        return read.hasNext();
    }

    /** The next call's request, for {@code jira-call}. */
    public void next(Exchange exchange, @ExchangeProperty(JiraPagedRead.PROPERTY) JiraPagedRead read) {
        JiraRequest.next(exchange, read.next());
    }

    public void accept(@Body String answer, @ExchangeProperty(JiraPagedRead.PROPERTY) JiraPagedRead read) {
        try {
            read.accept(Json.MAPPER.readTree(answer == null ? "" : answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JiraSearch.notJson(answer);
        }
    }

}
