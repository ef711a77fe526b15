package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.support.ErrorText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read of worklogs in progress (a {@link JiraPagedRead}): the issue and page to ask for
 * next, what was read so far, the issues set aside.
 */
public final class WorklogReading implements JiraPagedRead {

    private final WorklogQuery query;
    private final boolean cloud;
    private final List<String> keys = new ArrayList<>();
    private int issue;
    private int startAt;
    private int calls;
    /** By id: a worklog added while an issue is paged shifts the pages, and one may be seen twice. */
    private final Map<String, JiraWorklog> worklogs = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();

    WorklogReading(WorklogQuery query, boolean cloud) {
        this.query = query;
        this.cloud = cloud;
        Set<String> distinct = new LinkedHashSet<>(query.issueKeys());
        for (String key : distinct) {
            if (JiraWorklogPaths.isIssueKey(key)) {
                keys.add(key);
            } else {
                unreadable.put(key, "not a Jira issue key");
            }
        }
    }

    @Override
    public boolean hasNext() {
        return issue < keys.size();
    }

    /** The next page's request. */
    @Override
    public JiraRequest next() {
        calls++;
        return JiraWorklogPaths.page(cloud, keys.get(issue), query.startedAfter(), startAt, query.pageSize());
    }

    /** A page of the current issue: its worklogs kept; the issue's next page, or the next issue. */
    @Override
    public void accept(JsonNode page) {
        String key = keys.get(issue);
        JsonNode list = page.get("worklogs");
        if (list == null || !list.isArray()) {
            throw new SourceException("Jira's answer to the worklogs of " + key + " has no worklogs: " + ErrorText.summarize(page.toString()));
        }
        list.forEach(node -> {
            JiraWorklog worklog = JiraWorklogJson.worklog(key, node);
            // a Jira that ignores startedAfter (older Data Center) answers older ones too: they are never touched
            if (!worklog.started().isBefore(query.startedAfter())) {
                worklogs.put(worklog.id(), worklog);
            }
        });
        int next = startAt + list.size();
        int total = page.path("total").asInt(-1);
        if (list.isEmpty() || total < 0 || next >= total) {
            nextIssue();
        } else {
            startAt = next;
        }
    }

    /** Jira does not show the current issue to the token (deleted, moved out of reach): its worklogs are unknown. */
    void setAside(String reason) {
        unreadable.put(keys.get(issue), reason);
        nextIssue();
    }

    private void nextIssue() {
        issue++;
        startAt = 0;
    }

    String currentKey() {
        return keys.get(issue);
    }

    JiraWorklogs result() {
        return new JiraWorklogs(new ArrayList<>(worklogs.values()), unreadable, calls);
    }
}
