package io.toggltasksync.source;

import java.util.Map;

/**
 * One Jira search request: method, path relative to {@code jira.url}, and the query parameters in
 * the order they are sent. Values are raw (not URL-encoded): whoever sends the request encodes them.
 */
public record JiraRequest(String method, String path, Map<String, String> query) {
}
