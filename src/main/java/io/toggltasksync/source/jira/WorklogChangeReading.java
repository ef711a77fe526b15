package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.support.ErrorText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read of Jira's worklog changes in progress (a {@link JiraPagedRead}): {@code /worklog/updated}
 * (with the properties, to tell ours) to its last page, then {@code /worklog/deleted} the same way. Each page
 * ends where Jira says ({@code until}); the next starts there. Jira's {@code nextPage} link is not followed: the
 * credentials go only to the configured site, so the next request is built from {@code until}.
 */
public final class WorklogChangeReading implements JiraPagedRead {

    private enum Feed {
        UPDATED("updated"), DELETED("deleted"), DONE(null);

        final String path;

        Feed(String path) {
            this.path = path;
        }
    }

    private final boolean cloud;
    private final WorklogChangesQuery query;
    private Feed feed = Feed.UPDATED;
    private long pageSince;
    private int calls;
    private Instant updatedReached;
    private Instant deletedReached;
    /** By id: the later of two listings of one worklog wins. */
    private final Map<String, WorklogChanges.Change> updated = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();

    WorklogChangeReading(WorklogChangesQuery query, boolean cloud) {
        this.cloud = cloud;
        this.query = query;
        this.pageSince = query.updatedSince().toEpochMilli();
    }

    @Override
    public boolean hasNext() {
        return feed != Feed.DONE;
    }

    @Override
    public JiraRequest next() {
        calls++;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", Long.toString(pageSince));
        if (feed == Feed.UPDATED) {
            query.put("expand", "properties");
        }
        return new JiraRequest("GET", (cloud ? "/rest/api/3" : "/rest/api/2") + "/worklog/" + feed.path, query);
    }

    /** A page of the feed being read: its worklogs kept; its next page, the next feed, or the end. */
    @Override
    public void accept(JsonNode page) {
        JsonNode values = page.get("values");
        if (values == null || !values.isArray()) {
            throw new SourceException("Jira's answer to /worklog/" + feed.path + " has no values: " + ErrorText.summarize(page.toString()));
        }
        for (JsonNode value : values) {
            String id = value.path("worklogId").asText("");
            if (!JiraWorklogPaths.WORKLOG_ID.matcher(id).matches()) {
                throw new SourceException("Jira's answer to /worklog/" + feed.path + " lists a worklog without an id: "
                        + ErrorText.summarize(value.toString()));
            }
            if (feed == Feed.UPDATED) {
                updated.put(id, new WorklogChanges.Change(id, Instant.ofEpochMilli(value.path("updatedTime").asLong(0)),
                        JiraWorklogJson.mark(value.get("properties"))));
            } else {
                deleted.add(id);
            }
        }
        // until: the time of the page's last item (none on an empty page); the next read starts there, as Jira's own
        // nextPage link does
        long end = Math.max(pageSince, page.path("until").asLong(0));
        if (page.path("lastPage").asBoolean(true)) {
            if (feed == Feed.UPDATED) {
                updatedReached = Instant.ofEpochMilli(end);
                feed = Feed.DELETED;
                pageSince = query.deletedSince().toEpochMilli();
            } else {
                deletedReached = Instant.ofEpochMilli(end);
                feed = Feed.DONE;
            }
        } else if (end <= pageSince) {
            // a page that does not move on would be asked for again and again
            throw new SourceException("Jira's /worklog/" + feed.path + " did not move on past " + pageSince + " (until " + end + ")");
        } else {
            pageSince = end;
        }
    }

    WorklogChanges result() {
        return new WorklogChanges(List.copyOf(updated.values()), deleted, new WorklogChangesQuery(updatedReached, deletedReached), calls);
    }
}
