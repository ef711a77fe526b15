package io.toggltasksync.source.jira;

import java.util.Map;
import org.apache.camel.Exchange;

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

    /**
     * Makes {@code request} the exchange's next call, not sent yet. An exchange that sends several calls (a worklog
     * read, a create and its read-back) must start each afresh: a failure before it, caught by the route (an issue
     * set aside, a lost POST), leaves the exchange marked as failed by an error handler, and Camel's error handlers
     * do not redeliver such an exchange, so the next call's 503 would not be retried; and Camel keeps the
     * redelivery count in the headers, which a request keeps ({@code HttpRequests.prepare}).
     */
    static void next(Exchange exchange, JiraRequest request) {
        exchange.setProperty(PROPERTY, request);
        exchange.setProperty(ATTEMPTS, 0);
        exchange.getExchangeExtension().setErrorHandlerHandled(null);
        exchange.getExchangeExtension().setFailureHandled(false);
        exchange.getMessage().removeHeaders("CamelRedeliver*");
    }

    public JiraRequest(String method, String path, Map<String, String> query) {
        this(method, path, query, null);
    }
}
