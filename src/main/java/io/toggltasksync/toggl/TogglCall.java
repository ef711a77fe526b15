package io.toggltasksync.toggl;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.sync.PatchBatches;
import io.toggltasksync.sync.Plan;
import java.util.Map;

/**
 * One request to Toggl and what it is for. {@code path} is relative to the API base URL.
 *
 * @param body an object serialised to JSON, or null
 */
public record TogglCall(Kind kind, String method, String path, Map<String, String> query, Object body, Object subject) {

    public enum Kind { SNAPSHOT_PAGE, CREATE, UPDATE, PATCH, DELETE, LOOKUP_PAGE }

    public SourceTask createdRecord() {
        return (SourceTask) subject;
    }

    public Plan.Update update() {
        return (Plan.Update) subject;
    }

    public PatchBatches.Batch batch() {
        return (PatchBatches.Batch) subject;
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
