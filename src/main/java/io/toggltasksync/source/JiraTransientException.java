package io.toggltasksync.source;

/** A Jira answer worth retrying (429, 5xx); the route's error handler retries with backoff. */
public class JiraTransientException extends RuntimeException {
    public JiraTransientException(String message) {
        super(message);
    }
}
