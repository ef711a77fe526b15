package io.toggltasksync.sync;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.toggltasksync.config.MetricsPushSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import org.jboss.logging.Logger;

/**
 * A one-off run's metrics reach Prometheus through a Pushgateway: at the end of the run (also one
 * that aborted, or that SIGTERM stopped) the registry's text exposition, the same text
 * {@code /q/metrics} serves, is PUT to {@code <metrics.push-url>/metrics/job/<metrics.push-job>}.
 * PUT replaces the whole group, so the gateway holds the last run alone.
 *
 * <p>A plain JDK HTTP call, not a Camel route: at SIGTERM the push runs while Quarkus' shutdown hook
 * waits for the run ({@link SyncService#onShutdown}), and it must not depend on what of Camel is
 * still started then; it is one request with a hard time limit, where a route's redelivery would
 * only eat into the shutdown wait. A failed push is a warning: the sync itself is done, and its exit
 * code and report stand.
 */
@ApplicationScoped
public class MetricsPush {

    private static final Logger LOG = Logger.getLogger(MetricsPush.class);

    /** How long a push may take at most (less when a shutdown's wait has less left). */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The Prometheus text format, version 0.0.4: what the Pushgateway parses. */
    static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    @Inject
    PrometheusMeterRegistry registry;

    /**
     * How a push went.
     *
     * @param samples the metric samples sent
     * @param status the gateway's HTTP status, 0 when it did not answer
     * @param problem why the metrics were not delivered; null when they were
     */
    public record Result(int samples, int status, String problem) {
        public boolean delivered() {
            return problem == null;
        }
    }

    /**
     * After a one-off run: pushes the registry, unless no push URL is set or the run was a dry run
     * (whose metrics must not replace the last real run's). Never throws. A sandbox run pushes: a
     * push URL given to it is deliberate, and it is how the wiring is tried before a real run (the
     * docs/operations.md says to give it its own {@code metrics.push-job}).
     *
     * @return null when nothing was pushed
     */
    public Result afterRun(SyncRun run, Duration timeout) {
        SyncSettings settings = run.settings();
        MetricsPushSettings push = settings.metricsPush();
        if (!push.enabled()) {
            return null;
        }
        if (settings.run().dryRun()) {
            LOG.infof("Dry run: metrics not pushed to %s (they would replace the last real run's)", push.where());
            return null;
        }
        if (timeout.toMillis() < 100) {
            LOG.warnf("Metrics not pushed to %s: the shutdown wait (sync.shutdown-wait) is spent", push.where());
            return null;
        }
        Result result;
        try {
            result = push(push, registry.scrape(), timeout, settings.secrets());
        } catch (RuntimeException e) {
            result = new Result(0, 0, Secrets.mask(String.valueOf(e), settings.secrets()));
        }
        if (result.delivered()) {
            LOG.infof("Pushed %d metric samples to %s", result.samples(), push.where());
        } else {
            LOG.warnf("Metrics not pushed to %s: %s (the run's exit code and report stand)", push.where(), result.problem());
        }
        return result;
    }

    /** One PUT of {@code text} to the group; the answer, or why there was none, in the result. */
    static Result push(MetricsPushSettings push, String text, Duration timeout, Collection<String> secrets) {
        int samples = (int) text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(push.target())
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() / 100 == 2) {
                return new Result(samples, answer.statusCode(), null);
            }
            return new Result(samples, answer.statusCode(), "the Pushgateway answered HTTP " + answer.statusCode() + ": "
                    + Secrets.mask(ErrorText.summarize(answer.body()), secrets));
        } catch (HttpTimeoutException e) {
            return new Result(samples, 0, "no answer within " + timeout.toMillis() / 1000.0 + " s");
        } catch (IOException e) {
            // the JDK's ConnectException often has no message: the type says what happened
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Result(samples, 0, "cannot reach it (" + Secrets.mask(why, secrets) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(samples, 0, "interrupted");
        }
    }
}
