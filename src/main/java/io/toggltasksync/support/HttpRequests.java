package io.toggltasksync.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets up a camel-http request on a message; shared by the Toggl and Jira calls. */
public final class HttpRequests {

    private HttpRequests() {
    }

    /**
     * Starts from a clean message (camel-http sends every header, and a retry must send the same
     * request); Camel's own headers stay: the redelivery counter lives there, and they are never sent.
     */
    /** An HTTP date (RFC 1123, e.g. a {@code Date} header) in UNIX seconds; null when absent or not one (a proxy may drop or mangle it). */
    public static Long epochSecond(String httpDate) {
        if (httpDate == null || httpDate.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(httpDate.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static void prepare(Message message, String method, String path, Map<String, String> query, String authorization) {
        message.removeHeaders("*", "Camel*");
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        if (query != null && !query.isEmpty()) {
            message.setHeader(Exchange.HTTP_QUERY, query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        } else {
            // kept by the line above: an earlier request on this exchange must not lend its query
            message.removeHeader(Exchange.HTTP_QUERY);
        }
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", authorization);
        message.setBody(null);
    }
}
