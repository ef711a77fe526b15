package io.toggltasksync.testing;

import io.quarkus.arc.Arc;
import io.toggltasksync.sync.CamelEngine;
import io.toggltasksync.sync.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ExchangeBuilder;

/**
 * Sends a body to one of the app's routes as a run does: in an exchange carrying the run's parts as properties, as
 * {@code SyncService} sends them, Camel started as the app starts it. For tests of a route against the sandbox or
 * WireMock in the app's unadvised routes (a {@code @QuarkusTest}); the route tests' own is {@link RouteTest#exchange}.
 *
 * <pre>{@code
 * Exchange done = RunRoutes.send("direct:toggl-time-entries", run, query);
 * }</pre>
 */
public final class RunRoutes {

    private RunRoutes() {
    }

    /** The exchange the route leaves, its exception unthrown. */
    public static Exchange send(String uri, SyncRun run, Object body) {
        Arc.container().instance(CamelEngine.class).get().ensureStarted();
        Exchange exchange = ExchangeBuilder.anExchange(Arc.container().instance(CamelContext.class).get()).withBody(body).build();
        run.exchangeProperties().forEach(exchange::setProperty);
        return Arc.container().instance(ProducerTemplate.class).get().send(uri, exchange);
    }
}
