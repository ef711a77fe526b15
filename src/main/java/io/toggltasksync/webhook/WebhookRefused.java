package io.toggltasksync.webhook;

/** A delivery refused before anything was read or written: the HTTP status to answer, and why. */
public class WebhookRefused extends RuntimeException {

    private final int status;
    private final String outcome;
    private final int retryAfterSeconds;

    WebhookRefused(int status, String outcome, String reason) {
        this(status, outcome, reason, 0);
    }

    /** A refusal worth retrying: {@code Retry-After} in seconds (0: no header). */
    WebhookRefused(int status, String outcome, String reason, int retryAfterSeconds) {
        super(reason);
        this.status = status;
        this.outcome = outcome;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The {@code Retry-After} to answer, in seconds; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code outcome} label of {@code jira_webhook_deliveries_total}. */
    public String outcome() {
        return outcome;
    }
}
