package io.toggltasksync.webhook;

import io.toggltasksync.model.SourceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The aggregation of the {@code <source>-event-coalesce} routes: the deliveries for one record that come within the
 * coalescing time become one event (applied once, from the source's values at that time).
 */
@ApplicationScoped
@Named("eventBurst")
public class EventBurst implements AggregationStrategy {

    @Inject
    EventQueue queue;

    @Override
    public Exchange aggregate(Exchange burst, Exchange next) {
        if (burst == null) {
            return next;
        }
        // each delivery took a place in the queue; merged, they are one event
        queue.leave();
        SourceEvent so = burst.getMessage().getBody(SourceEvent.class);
        burst.getMessage().setBody(so.and(next.getMessage().getBody(SourceEvent.class)));
        return burst;
    }
}
