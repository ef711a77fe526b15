package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One read of worklogs by id in progress (a {@link JiraPagedRead}): {@code POST /worklog/list}
 * with the properties, {@value #BATCH} ids a call (Jira's limit). Its answer names each worklog's issue by id
 * alone: the worklogs come without an issue key. A worklog Jira does not return (deleted since, or hidden) is
 * simply absent.
 */
public final class WorklogListing implements JiraPagedRead {

    static final int BATCH = 1000;

    private final boolean cloud;
    private final List<String> ids;
    private int next;
    private int calls;
    private final Map<String, JiraWorklog> worklogs = new LinkedHashMap<>();

    WorklogListing(List<String> ids, boolean cloud) {
        this.cloud = cloud;
        this.ids = List.copyOf(new LinkedHashSet<>(ids));
        this.ids.forEach(JiraWorklogPaths::checkWorklogId);
    }

    @Override
    public boolean hasNext() {
        return next < ids.size();
    }

    @Override
    public JiraRequest next() {
        calls++;
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode batch = body.putArray("ids");
        ids.subList(next, Math.min(ids.size(), next + BATCH)).forEach(id -> batch.add(Long.parseLong(id)));
        next = Math.min(ids.size(), next + BATCH);
        return new JiraRequest("POST", (cloud ? "/rest/api/3" : "/rest/api/2") + "/worklog/list", Map.of("expand", "properties"),
                Json.write(body));
    }

    @Override
    public void accept(JsonNode answer) {
        if (answer == null || !answer.isArray()) {
            throw new SourceException("Jira's answer to /worklog/list is not a list: " + ErrorText.summarize(String.valueOf(answer)));
        }
        answer.forEach(node -> {
            JiraWorklog worklog = JiraWorklogJson.worklog(null, node);
            worklogs.put(worklog.id(), worklog);
        });
    }

    List<JiraWorklog> result() {
        return new ArrayList<>(worklogs.values());
    }

    int calls() {
        return calls;
    }
}
