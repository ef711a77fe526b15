package io.toggltasksync.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.TogglSettings;
import io.toggltasksync.sync.CamelEngine;
import io.toggltasksync.sync.SyncRun;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.util.function.ThrowingConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the route tests share (one test class per route file; the pattern is explained on {@code TogglCallRouteTest}):
 * Camel started as the app starts it, advice applied once per app, the mocked Toggl and the mocks' answers, the
 * redelivery counter, and a run's exchange as {@code SyncService} builds it. A subclass is a {@code @QuarkusTest} with
 * {@code @TestProfile(RouteTest.Profile.class)} and advises its routes in its own {@code @BeforeEach}, which runs
 * after {@link #startCamel()}.
 */
public abstract class RouteTest {

    /** The Toggl API of every route test's run; {@link #mockToggl} intercepts what is sent there. */
    public static final String TOGGL_URL = "http://toggl.test/api/v9";
    /** Toggl's Reports API beside {@link #TOGGL_URL}; {@link #mockToggl} intercepts it too. */
    public static final String TOGGL_REPORTS_URL = "http://toggl.test/reports/api/v3";
    private static final String TOGGL_HOST = "http://toggl.test/";
    /** The Jira site of the route tests' Jira runs. */
    public static final String JIRA_URL = "http://jira.test";
    /** The GitHub API ({@code github.api-url}) of the route tests' GitHub runs. */
    public static final String GITHUB_URL = "http://github.test";

    @Inject
    protected CamelEngine engine;

    @Inject
    protected CamelContext camelContext;

    @Inject
    protected ProducerTemplate template;

    /** This test's directory: the run's report and dead letter file. */
    @TempDir
    protected Path dir;

    protected CamelContext context;
    /** The error handlers' redelivery attempts in this test. */
    protected Redeliveries redeliveries;

    /**
     * The one test profile of the route tests: they share one app of their own, so their advice never
     * reaches the end-to-end tests, which run unadvised routes in the default profile's app.
     */
    public static final class Profile implements QuarkusTestProfile {
    }

    /**
     * Starts Camel as {@code SyncService} does before a run (the app has its own {@code @QuarkusMain}, so under
     * {@code @QuarkusTest} nothing else starts it; this does nothing once it runs), and resets the redelivery counter.
     */
    @BeforeEach
    void startCamel() throws Exception {
        engine.ensureStarted();
        context = camelContext;
        redeliveries = redeliveries();
    }

    /**
     * Advises a route of the running context, once per app: the route test classes share the app
     * (see {@link Profile}), so advice must not be applied twice, and the same route must be advised
     * the same way by every class that uses it (hence {@link #mockToggl}).
     */
    protected void adviseOnce(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        String marker = "route-tests-advised-" + routeId;
        if (context.getRegistry().lookupByName(marker) == null) {
            AdviceWith.adviceWith(context, routeId, advice);
            context.getRegistry().bind(marker, Boolean.TRUE);
        }
    }

    /** The redelivery counter, added to the context once per app, reset. */
    private Redeliveries redeliveries() throws Exception {
        Redeliveries redeliveries = context.getRegistry().lookupByNameAndType(Redeliveries.NAME, Redeliveries.class);
        if (redeliveries == null) {
            redeliveries = new Redeliveries();
            redeliveries.start();
            context.getManagementStrategy().addEventNotifier(redeliveries);
            // Camel decides at start whether anyone listens to events; Camel is started by now
            context.getCamelContextExtension().setEventNotificationApplicable(true);
            context.getRegistry().bind(Redeliveries.NAME, redeliveries);
        }
        redeliveries.count.set(0);
        return redeliveries;
    }

    /**
     * Counts the error handlers' redelivery attempts. A redelivery repeats the step that failed, so where that step is
     * not the request (an answer that is not JSON fails the unmarshal step) the mock's count cannot tell.
     */
    public static final class Redeliveries extends SimpleEventNotifierSupport {
        static final String NAME = "route-tests-redeliveries";
        private final AtomicInteger count = new AtomicInteger();

        Redeliveries() {
            // a SimpleEventNotifierSupport ignores every event until told; Camel sends redeliveries as "failed" events
            setIgnoreExchangeEvents(false);
            setIgnoreExchangeFailedEvents(false);
            setIgnoreExchangeRedeliveryEvents(false);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeRedeliveryEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            count.incrementAndGet();
        }

        public int count() {
            return count.get();
        }
    }

    /** The mock endpoint {@code uri}, reset: nothing received, no answers set. */
    protected MockEndpoint mock(String uri) {
        MockEndpoint mock = context.getEndpoint(uri, MockEndpoint.class);
        mock.reset();
        return mock;
    }

    /**
     * Toggl as a mock, reset: the {@code toggl-call} route's request to {@link #TOGGL_URL} (or {@link #TOGGL_REPORTS_URL})
     * goes to {@code mock:toggl} instead, which answers what the test sets (nothing: 200 with no body). Matched by URL, not
     * route: an endpoint interception holds for the whole context, and Jira's requests must not land here.
     */
    protected MockEndpoint mockToggl() throws Exception {
        adviseOnce("toggl-call",
                route -> route.interceptSendToEndpoint(TOGGL_HOST + "*").skipSendToOriginalEndpoint().to("mock:toggl"));
        MockEndpoint toggl = mock("mock:toggl");
        toggl.whenAnyExchangeReceived(answer(200, null));
        return toggl;
    }

    /**
     * Jira as a mock, reset: the {@code jira-call} route's requests to {@link #JIRA_URL} go to {@code mock:jira} instead,
     * which answers what the test sets. Matched by URL, as {@link #mockToggl}, and advised the same way for every class.
     */
    protected MockEndpoint mockJira() throws Exception {
        adviseOnce("jira-call",
                route -> route.interceptSendToEndpoint(JIRA_URL + "*").skipSendToOriginalEndpoint().to("mock:jira"));
        return mock("mock:jira");
    }

    /**
     * GitHub as a mock, reset: the {@code github-call} route's requests to {@link #GITHUB_URL} go to {@code mock:github}
     * instead, which answers what the test sets. Matched by URL, as {@link #mockToggl}, and advised the same way for every
     * class (the WireMock tests' requests to 127.0.0.1 go on to WireMock).
     */
    protected MockEndpoint mockGithub() throws Exception {
        adviseOnce("github-call",
                route -> route.interceptSendToEndpoint(GITHUB_URL + "*").skipSendToOriginalEndpoint().to("mock:github"));
        return mock("mock:github");
    }

    /**
     * What reaches the dead letter route {@code write-failed} (a failed write), reset: {@code mock:write-failed}, which
     * watches and lets the write go on to the dead letter file.
     */
    protected MockEndpoint watchDeadLetters() throws Exception {
        adviseOnce("write-failed", route -> route.weaveAddFirst().to("mock:write-failed"));
        return mock("mock:write-failed");
    }

    /** What a mocked HTTP server answers: a status, a body, and headers given as name, value, name, value... */
    protected static Processor answer(int status, String body, String... headers) {
        return exchange -> {
            Message message = exchange.getMessage();
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                message.setHeader(headers[i], headers[i + 1]);
            }
            message.setBody(body);
        };
    }

    /**
     * Toggl's answer when the hourly quota is spent and resets in an hour, beyond {@code toggl.quota-max-wait}:
     * the run stops calling Toggl.
     */
    protected static Processor quotaSpent() {
        return answer(402, "hourly quota exceeded", "X-Toggl-Quota-Remaining", "0", "X-Toggl-Quota-Resets-In", "3600");
    }

    /** {@code toggl.max-retries}: how many times the error handlers redeliver a transient failure (read as the app reads it). */
    protected static int maxRetries() {
        return TogglSettings.retry(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class)).maxRetries();
    }

    /** A task of workspace {@link TestSettings#WS}, project {@link TestSettings#P1}, as Toggl's JSON. */
    protected static String taskJson(long id, String name) {
        return "{\"id\":" + id + ",\"workspace_id\":" + TestSettings.WS + ",\"project_id\":" + TestSettings.P1
                + ",\"name\":\"" + name + "\",\"active\":true,\"estimated_seconds\":3600}";
    }

    /**
     * A run against {@link #TOGGL_URL} with its report and dead letter file in {@link #dir} (and an empty
     * CSV there, should the source be csv), changed by {@code name=value} overrides.
     */
    protected SyncRun newRun(String... overrides) {
        return new SyncRun(settings(overrides), new Ledger(entry -> { }));
    }

    /**
     * The settings of {@link #newRun}: Toggl at {@link #TOGGL_URL}, the report, dead letter file and sync state in
     * {@link #dir} (and an empty CSV there, should the source be csv), changed by {@code name=value} overrides.
     */
    protected SyncSettings settings(String... overrides) {
        try {
            Path csv = Files.writeString(dir.resolve("empty.csv"), "external_id,name\n");
            return TestSettings.run(TOGGL_URL, dir).csv(csv).overrides(overrides).load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An exchange with the run's parts as properties, as {@code SyncService} sends it to {@code direct:sync}. */
    protected Exchange exchange(SyncRun run, Object body) {
        Exchange exchange = ExchangeBuilder.anExchange(context).withBody(body).build();
        run.exchangeProperties().forEach(exchange::setProperty);
        return exchange;
    }
}
