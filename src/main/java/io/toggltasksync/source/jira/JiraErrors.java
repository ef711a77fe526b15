package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.HttpRequests;
import io.toggltasksync.support.Json;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a failed Jira answer into one line for an abort (exit 2). Messages never hold credentials:
 * a refused login names the settings, never their values, and any {@code Basic}/{@code Bearer}
 * value echoed in a body is masked.
 */
public final class JiraErrors {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(basic|bearer)\\s+[A-Za-z0-9+/=._~-]+");
    private static final int MAX_DETAIL = 300;

    private JiraErrors() {
    }

    /**
     * @param status the HTTP status of the answer (not 2xx)
     * @param body the answer's body as text, may be null
     * @param retryAfter the {@code Retry-After} header value, may be null
     */
    public static String message(int status, String body, String retryAfter) {
        switch (status) {
            case 401:
            case 403:
                return "jira.user/jira.token (JIRA_USER/JIRA_TOKEN) were refused (HTTP " + status + ")";
            case 404:
                return "Jira answered 404 Not Found to the search: check jira.url (the site's base URL, e.g."
                        + " https://your-site.atlassian.net, without /rest/...) and jira.deployment";
            case 410:
                return "Jira answered 410 Gone: Atlassian removed this search endpoint from Jira Cloud;"
                        + " set jira.deployment=cloud, which uses /rest/api/3/search/jql";
            case 400:
                return "Jira refused the search (HTTP 400): " + detail(body);
            case 429:
            case 503:
                Long wait = retryAfterMillis(retryAfter);
                return "Jira is " + (status == 429 ? "rate limiting" : "unavailable") + " (HTTP " + status + ")"
                        + (wait == null ? "" : ", retry after " + Math.max(1, (wait + 999) / 1000) + " s")
                        + ": " + detail(body);
            default:
                return "Jira search failed (HTTP " + status + "): " + detail(body);
        }
    }

    /**
     * A refused call other than the search (a worklog write): {@code call} (method and path) and Jira's
     * reason, e.g. time tracking off, no permission, the 5,000 worklogs. A refused login names
     * the settings, never their values.
     *
     * @param detail Jira's reason ({@link JiraRefused#detail()})
     */
    public static String refusal(String call, int status, String detail) {
        if (status == 401) {
            return "jira.user/jira.token (JIRA_USER/JIRA_TOKEN) were refused (HTTP 401) on " + call;
        }
        return "Jira refused " + call + " (HTTP " + status + "): " + detail;
    }

    /**
     * Jira's {@code errorMessages} and the values of its {@code errors} map, joined by "; ", when
     * the body is such a JSON object; else the body summarized.
     */
    static String detail(String body) {
        List<String> messages = new ArrayList<>();
        try {
            JsonNode root = body == null ? null : Json.MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                root.path("errorMessages").forEach(m -> addText(messages, m));
                root.path("errors").forEach(m -> addText(messages, m));
            }
        } catch (Exception e) {
            // not JSON: summarized below
        }
        String text = messages.isEmpty() ? ErrorText.summarize(body)
                : String.join("; ", messages).replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_DETAIL) {
            text = text.substring(0, MAX_DETAIL) + "...";
        }
        return CREDENTIAL.matcher(text).replaceAll("$1 ***");
    }

    private static void addText(List<String> messages, JsonNode node) {
        if (node.isValueNode() && !node.isNull() && !node.asText().isBlank()) {
            messages.add(node.asText().strip());
        }
    }

    /** Milliseconds to wait from a {@code Retry-After} value (seconds or an HTTP date); null if absent or unparseable. */
    public static Long retryAfterMillis(String header) {
        return retryAfterMillis(header, Clock.systemUTC());
    }

    static Long retryAfterMillis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (SECONDS.matcher(value).matches()) {
            return Long.parseLong(value) * 1000;
        }
        Long at = HttpRequests.epochSecond(value);
        return at == null ? null : Math.max(0, at * 1000 - clock.millis());
    }
}
