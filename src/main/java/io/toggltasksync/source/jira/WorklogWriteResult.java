package io.toggltasksync.source.jira;

import io.toggltasksync.model.JiraWorklog;

/** What became of a {@link WorklogWrite}: the body after {@code direct:jira-worklog-write}, a failure included. */
public sealed interface WorklogWriteResult {

    WorklogWrite call();

    /**
     * The worklog exists in Jira.
     *
     * @param worklog  what was written, with Jira's id
     * @param readBack the POST's answer was lost and the worklog was found by its mark (not sent twice)
     */
    record Created(WorklogWrite.Create call, JiraWorklog worklog, boolean readBack) implements WorklogWriteResult {
    }

    /** The worklog says what {@code call} asked. */
    record Updated(WorklogWrite.Update call, JiraWorklog worklog) implements WorklogWriteResult {
    }

    /** @param alreadyGone a retried DELETE found no such worklog: the first attempt's answer was lost after Jira deleted it */
    record Deleted(WorklogWrite.Delete call, boolean alreadyGone) implements WorklogWriteResult {
    }

    /**
     * Not written: Jira refused (a 4xx: time tracking off, no permission, the 5,000 worklogs), or the
     * retries were spent. For the dead letter.
     *
     * @param status Jira's HTTP status, null when there was no answer
     * @param reason the call and Jira's message; never a secret
     */
    record Failed(WorklogWrite call, Integer status, String reason) implements WorklogWriteResult {
    }
}
