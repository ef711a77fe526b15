package io.toggltasksync.source.jira;

/**
 * Jira answered 429: it refused the request before doing anything, so even a worklog POST may be sent
 * again (after {@code Retry-After}), where a 5xx or a lost answer must first be read back.
 */
public class JiraRateLimited extends JiraTransientException {
    public JiraRateLimited(String message) {
        super(429, message);
    }
}
