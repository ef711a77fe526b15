package io.toggltasksync.model;

import java.time.Instant;

/**
 * A worklog of a Jira issue, as the worklog sync reads it back.
 *
 * @param id               Jira's worklog id
 * @param issueKey         its issue's key; null only for a worklog read by id ({@code POST /worklog/list} names the
 *                         issue by id alone) until the issue is known
 * @param started          when the work started (Jira keeps it to the second at best)
 * @param timeSpentSeconds what Jira kept: whole minutes
 * @param comment          the comment as plain text (ADF flattened on Cloud), null when none
 * @param mark             this tool's property, null for a worklog a person made
 * @param issueId          its issue's numeric id, null when Jira's answer did not say
 * @param updated          when Jira last changed it (its {@code updated}), null when Jira's answer did not say: what
 *                         {@code /worklog/updated} is compared with to tell a change from one's own write
 */
public record JiraWorklog(String id, String issueKey, Instant started, long timeSpentSeconds, String comment, WorklogMark mark,
        Long issueId, Instant updated) {

    /** A worklog whose issue id and last change are not known (as the planner's tests make them). */
    public JiraWorklog(String id, String issueKey, Instant started, long timeSpentSeconds, String comment, WorklogMark mark) {
        this(id, issueKey, started, timeSpentSeconds, comment, mark, null, null);
    }

    public boolean ours() {
        return mark != null;
    }

    /** This worklog on the issue {@code key}. */
    public JiraWorklog onIssue(String key) {
        return new JiraWorklog(id, key, started, timeSpentSeconds, comment, mark, issueId, updated);
    }
}
