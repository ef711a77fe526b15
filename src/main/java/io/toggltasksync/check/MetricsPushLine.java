package io.toggltasksync.check;

import io.toggltasksync.config.MetricsPushSettings;
import io.toggltasksync.config.SyncSettings;

/**
 * The metrics line: where a one-off run's metrics go ({@code metrics.push-url}). Nothing is pushed
 * and the gateway is not called: a check must never replace the last run's metrics, and a run that
 * cannot push still syncs (a failed push is only a warning). Pure.
 */
final class MetricsPushLine {

    static final String AREA = "Metrics";
    static final String SUBJECT = "push";

    private MetricsPushLine() {
    }

    /** The line; null in long-running mode without a push URL (it is scraped at /q/metrics, nothing to say). */
    static CheckLine of(SyncSettings settings) {
        MetricsPushSettings push = settings.metricsPush();
        if (settings.longRunning()) {
            return push.enabled() ? CheckLine.warning(AREA, SUBJECT, "metrics.push-url is set, but long-running mode pushes nothing: "
                    + "Prometheus scrapes it at /q/metrics", "unset metrics.push-url (METRICS_PUSH_URL) here, or scrape /q/metrics") : null;
        }
        if (!push.enabled()) {
            return CheckLine.passed(AREA, SUBJECT, "not set: a one-off run's metrics reach no Prometheus (its report and exit code "
                    + "stay); metrics.push-url (METRICS_PUSH_URL) sends them to a Pushgateway");
        }
        return CheckLine.passed(AREA, SUBJECT, "a one-off run PUTs its metrics to " + push.where() + " when it ends (dry runs do not); "
                + "not called by this check");
    }
}
