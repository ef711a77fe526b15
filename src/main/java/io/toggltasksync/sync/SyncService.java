package io.toggltasksync.sync;

import io.toggltasksync.config.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.quarkus.main.CamelMain;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs one sync through the {@code sync-run} route, with a progress line every few seconds. */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    @Inject
    RunReport report;

    @Inject
    CamelMain camelMain;

    @ConfigProperty(name = "sync.progress-interval", defaultValue = "10s")
    Duration progressInterval;

    public RunContext runOnce(SyncSettings settings) {
        ensureCamelStarted();
        try (DeadLetterFile deadLetters = new DeadLetterFile(settings.deadLetterFile(), settings.secrets())) {
            RunContext run = new RunContext(settings, new Ledger(deadLetters));
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sync-progress");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, progressInterval.toMillis());
            progress.scheduleAtFixedRate(() -> logProgress(run), every, every, TimeUnit.MILLISECONDS);
            try {
                Exchange exchange = new DefaultExchange(camel);
                exchange.setProperty("run", run);
                template.send("direct:sync", exchange);
                if (exchange.getException() != null) {
                    // Not one of the expected failures (those are handled in the route): still end cleanly.
                    Exception e = exchange.getException();
                    LOG.error("Unexpected failure: " + Secrets.mask(String.valueOf(e), settings.secrets()));
                    run.abort("unexpected failure: " + Secrets.mask(String.valueOf(e.getMessage()), settings.secrets()));
                    run.deferUnaccounted(run.abortReason());
                    report.write(run);
                }
            } finally {
                progress.shutdownNow();
            }
            return run;
        }
    }

    /**
     * With our own {@code @QuarkusMain}, Camel Quarkus leaves starting Camel (routes included) to
     * the application; Quarkus stops it at shutdown.
     */
    private synchronized void ensureCamelStarted() {
        if (!camel.isStarted()) {
            try {
                camelMain.startEngine();
            } catch (Exception e) {
                throw new IllegalStateException("Camel could not start: " + e.getMessage(), e);
            }
        }
    }

    private static void logProgress(RunContext run) {
        String phase = run.batch() == null ? "reading the source" : run.plan() == null ? "reading Toggl tasks" : "writing";
        String quota = run.quotaRemaining() == null ? "" : ", quota remaining " + run.quotaRemaining();
        if (run.plan() == null) {
            LOG.infof("Progress: %s, %d API call(s) so far%s", phase, run.totalCalls(), quota);
        } else {
            LOG.infof("Progress: %d/%d write call(s) done, %d API call(s) in all%s", run.writesDone(), run.writesPlanned(),
                    run.totalCalls(), quota);
        }
    }
}
