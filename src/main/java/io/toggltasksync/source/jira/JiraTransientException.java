package io.toggltasksync.source.jira;

/** A Jira answer worth retrying (429, 5xx); the route's error handler retries with backoff. */
public class JiraTransientException extends io.toggltasksync.source.SourceTransientException {

    private final int status;

    public JiraTransientException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status Jira answered. */
    public int status() {
        return status;
    }
}
