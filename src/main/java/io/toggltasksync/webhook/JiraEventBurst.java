package io.toggltasksync.webhook;

import io.toggltasksync.model.IssueEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The aggregation of the {@code jira-event-coalesce} route: the deliveries for one issue that come
 * within the coalescing time become one event (applied once, from Jira's values at that time).
 */
@ApplicationScoped
@Named("jiraEventBurst")
public class JiraEventBurst implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange burst, Exchange next) {
        if (burst == null) {
            return next;
        }
        IssueEvent so = burst.getMessage().getBody(IssueEvent.class);
        burst.getMessage().setBody(so.and(next.getMessage().getBody(IssueEvent.class)));
        return burst;
    }
}
