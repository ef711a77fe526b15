package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

/**
 * Jira refused a request with a status that retrying would not change (4xx but 429). The message is
 * the search's wording ({@link JiraErrors#message}); {@link #detail()} is Jira's own reason, for the
 * callers that word it themselves (the worklog writes). Both are masked: they never hold a secret.
 */
public class JiraRefused extends SourceException {

    private final int status;
    private final String detail;

    public JiraRefused(int status, String detail, String message) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** Jira's {@code errorMessages} and {@code errors}, or the body summarized. */
    public String detail() {
        return detail;
    }
}
