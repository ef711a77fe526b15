package io.toggltasksync.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    public static void prepare(Message message, String method, String path, Map<String, String> query, String authorization) {
        message.removeHeaders("*", "Camel*");
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        if (query != null && !query.isEmpty()) {
            message.setHeader(Exchange.HTTP_QUERY, query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        }
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", authorization);
        message.setBody(null);
    }
}
