package io.toggltasksync.toggl;

import java.util.Map;

/**
 * One HTTP request to Toggl, as the {@code toggl-call} route sends it (exchange property
 * {@value #PROPERTY}).
 *
 * @param path relative to the base URL
 * @param query raw values (encoded when sent), or null
 * @param body an object the route marshals to JSON, or null
 * @param baseUrl where {@code path} is: null for the v9 API ({@code toggl.api-url}); the Reports API has its own
 */
public record TogglRequest(String method, String path, Map<String, String> query, Object body, String baseUrl) {

    public static final String PROPERTY = "togglRequest";

    /** A request to the v9 API. */
    public TogglRequest(String method, String path, Map<String, String> query, Object body) {
        this(method, path, query, body, null);
    }

    public static TogglRequest get(String path, Map<String, String> query) {
        return new TogglRequest("GET", path, query, null);
    }

    /** Short description for logs and dead letters (never holds secrets). */
    public String describe() {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path);
        if (query != null && !query.isEmpty()) {
            sb.append('?');
            query.forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
