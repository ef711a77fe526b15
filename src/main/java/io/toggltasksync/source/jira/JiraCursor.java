package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Jira run leaves for the next one's search, kept in the sync state under {@code sources.jira}:
 * {@code {"cursor": began, "time": jiraTime}} (the names a state of before kept at its top, {@code jira_cursor}
 * and {@code jira_time}, move there).
 *
 * @param began when the last complete search began, by this machine's clock (UNIX seconds)
 * @param jiraTime when it began by Jira's clock (the {@code Date} of its first answer), null when unknown
 */
record JiraCursor(long began, Long jiraTime) {

    /** 9999-12-31T23:59:59Z: any time beyond it (or before 1970) is not one a clock gave. */
    private static final long LATEST_EPOCH_SECOND = 253_402_300_799L;

    /** The cursor in {@code json}, null when there is none or it is not one (the state file may hold anything). */
    static JiraCursor of(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode began = json.get("cursor");
        JsonNode time = json.get("time");
        if (!isTime(began) || (time != null && !time.isNull() && !isTime(time))) {
            return null;
        }
        return new JiraCursor(began.asLong(), time == null || time.isNull() ? null : time.asLong());
    }

    private static boolean isTime(JsonNode n) {
        return n != null && n.canConvertToExactIntegral() && n.canConvertToLong() && n.asLong() >= 0 && n.asLong() <= LATEST_EPOCH_SECOND;
    }

    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("cursor", began);
        if (jiraTime != null) {
            json.put("time", jiraTime);
        }
        return json;
    }
}
