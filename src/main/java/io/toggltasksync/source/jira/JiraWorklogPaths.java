package io.toggltasksync.source.jira;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The paths of Jira's worklog API: {@code /rest/api/3} on Cloud, {@code /rest/api/2} on Data Center. */
final class JiraWorklogPaths {

    /**
     * A Jira issue key: a project key, a dash, a number. Keys reach a path (they come from Toggl tasks and
     * entry descriptions, which anyone in the workspace can edit), so nothing else is let through.
     */
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}-\\d{1,18}");

    static final Pattern WORKLOG_ID = Pattern.compile("\\d{1,19}");

    private JiraWorklogPaths() {
    }

    static boolean isIssueKey(String key) {
        return key != null && ISSUE_KEY.matcher(key).matches();
    }

    static void checkIssueKey(String key) {
        if (!isIssueKey(key)) {
            throw new IllegalArgumentException("not a Jira issue key: " + key);
        }
    }

    static void checkWorklogId(String id) {
        if (id == null || !WORKLOG_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Jira worklog id: " + id);
        }
    }

    /** {@code /rest/api/{3|2}/issue/{key}/worklog}. */
    static String issuePath(boolean cloud, String key) {
        return (cloud ? "/rest/api/3" : "/rest/api/2") + "/issue/" + key + "/worklog";
    }

    /** One page of an issue's worklogs started after {@code startedAfter}, with their properties (the mark). */
    static JiraRequest page(boolean cloud, String key, Instant startedAfter, int startAt, int maxResults) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("startedAfter", Long.toString(startedAfter.toEpochMilli()));
        query.put("expand", "properties");
        query.put("startAt", Integer.toString(startAt));
        query.put("maxResults", Integer.toString(maxResults));
        return new JiraRequest("GET", issuePath(cloud, key), query);
    }
}
