package io.toggltasksync.webhook;

import io.toggltasksync.model.IssueEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    EventQueue queue;

    @Override
    public Exchange aggregate(Exchange burst, Exchange next) {
        if (burst == null) {
            return next;
        }
        // each delivery took a place in the queue; merged, they are one event
        queue.leave();
        IssueEvent so = burst.getMessage().getBody(IssueEvent.class);
        burst.getMessage().setBody(so.and(next.getMessage().getBody(IssueEvent.class)));
        return burst;
    }
}
