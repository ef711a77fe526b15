package io.toggltasksync.model;

import java.time.Instant;

/**
 * A worklog of a Jira issue, as the worklog sync reads it back.
 *
 * @param id               Jira's worklog id
 * @param started          when the work started (Jira keeps it to the second at best)
 * @param timeSpentSeconds what Jira kept: whole minutes
 * @param comment          the comment as plain text (ADF flattened on Cloud), null when none
 * @param mark             this tool's property, null for a worklog a person made
 */
public record JiraWorklog(String id, String issueKey, Instant started, long timeSpentSeconds, String comment, WorklogMark mark) {

    public boolean ours() {
        return mark != null;
    }
}
