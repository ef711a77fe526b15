package io.toggltasksync.source;

import java.util.Map;

/**
 * One Jira request: method, path relative to {@code jira.url}, and the query parameters in the order
 * they are sent. Values are raw (not URL-encoded): whoever sends the request encodes them. A search
 * page is the {@code jira-call} route's request of its {@link JiraPaging}; any other request (the
 * preflight's) travels as the exchange property {@value #PROPERTY}.
 *
 * @param body JSON text of a POST or PUT (the preflight's approximate count, a worklog), or null
 */
public record JiraRequest(String method, String path, Map<String, String> query, String body) {

    public static final String PROPERTY = "jiraRequest";
    /** Exchange property: how many times the request of {@value #PROPERTY} was sent (a redelivery sends it again). */
    public static final String ATTEMPTS = "jiraAttempts";

    public JiraRequest(String method, String path, Map<String, String> query) {
        this(method, path, query, null);
    }
}
