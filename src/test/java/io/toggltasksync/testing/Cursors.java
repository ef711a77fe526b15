package io.toggltasksync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The sources' cursors as a sync state keeps them, for tests that write a state by hand. */
public final class Cursors {

    private Cursors() {
    }

    /** The Jira source's cursor: its last complete search began at {@code began} (this machine's clock), at {@code time} by Jira's. */
    public static Map<String, JsonNode> jira(long began, Long time) {
        ObjectNode cursor = JsonNodeFactory.instance.objectNode().put("cursor", began);
        if (time != null) {
            cursor.put("time", time);
        }
        return Map.of("jira", cursor);
    }
}
