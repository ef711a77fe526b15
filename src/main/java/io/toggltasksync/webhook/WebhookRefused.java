package io.toggltasksync.webhook;

/** A delivery refused before anything was read or written: the HTTP status to answer, and why. */
public class WebhookRefused extends RuntimeException {

    private final int status;
    private final String outcome;

    WebhookRefused(int status, String outcome, String reason) {
        super(reason);
        this.status = status;
        this.outcome = outcome;
    }

    public int status() {
        return status;
    }

    /** The {@code outcome} label of {@code jira_webhook_deliveries_total}. */
    public String outcome() {
        return outcome;
    }
}
