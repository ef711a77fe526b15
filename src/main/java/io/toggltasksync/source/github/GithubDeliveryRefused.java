package io.toggltasksync.source.github;

/** A GitHub delivery refused before anything was read or written: the HTTP status to answer, the metric's outcome, and why. */
public class GithubDeliveryRefused extends RuntimeException {

    private final int status;
    private final String outcome;

    public GithubDeliveryRefused(int status, String outcome, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.outcome = outcome;
    }

    public int status() {
        return status;
    }

    /** The {@code outcome} label, as the Jira receiver's deliveries metric counts them. */
    public String outcome() {
        return outcome;
    }
}
