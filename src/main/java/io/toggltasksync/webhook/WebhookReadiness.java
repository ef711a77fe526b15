package io.toggltasksync.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the webhook receiver (Jira's or GitHub's; the check keeps its name {@code jira-webhooks}, which probes and dashboards know): with a secret configured, the pod is not ready (gets no
 * deliveries through its Service) until the app has read its settings and opened the receiver.
 */
@Readiness
@ApplicationScoped
public class WebhookReadiness implements HealthCheck {

    @Inject
    OpenReceiver receiver;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("jira-webhooks");
        if (receiver.settings() != null) {
            return builder.up().withData("receiver", "POST /webhooks/" + receiver.settings().source()).build();
        }
        if (receiver.configured()) {
            return builder.down().withData("receiver", "starting").build();
        }
        return builder.up().withData("receiver", "off (no jira.webhook-secret or github.webhook-secret)").build();
    }
}
