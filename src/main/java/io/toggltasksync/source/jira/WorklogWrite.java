package io.toggltasksync.source.jira;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One worklog write to Jira, the body of {@code direct:jira-worklog-write} (and exchange property {@value #PROPERTY}).
 * Each is one call with {@code notifyUsers=false} (watchers are not mailed for every entry) and the run's
 * {@code adjustEstimate}. Only a worklog that carries our mark can be updated or deleted.
 */
public sealed interface WorklogWrite {

    String PROPERTY = "worklogWrite";
    /** Jira's {@code adjustEstimate} values this tool sends: Jira's default, or the remaining estimate kept. */
    Set<String> ADJUST_ESTIMATE = Set.of("auto", "leave");

    String issueKey();

    /** The request for Jira Cloud (API v3, ADF comment) or Data Center (API v2, text comment). */
    JiraRequest request(boolean cloud);

    /** POST of a new worklog on {@code issueKey}. */
    record Create(String issueKey, WorklogContent content, String adjustEstimate) implements WorklogWrite {
        public Create {
            JiraWorklogPaths.checkIssueKey(issueKey);
            Objects.requireNonNull(content, "content");
            checkAdjust(adjustEstimate);
        }

        @Override
        public JiraRequest request(boolean cloud) {
            return new JiraRequest("POST", JiraWorklogPaths.issuePath(cloud, issueKey), query(adjustEstimate), JiraWorklogJson.body(content, cloud));
        }
    }

    /** PUT of one of our worklogs (the mark included, so that it stays current). */
    record Update(JiraWorklog existing, WorklogContent content, String adjustEstimate) implements WorklogWrite {
        public Update {
            checkOurs(existing);
            Objects.requireNonNull(content, "content");
            checkAdjust(adjustEstimate);
        }

        @Override
        public String issueKey() {
            return existing.issueKey();
        }

        @Override
        public JiraRequest request(boolean cloud) {
            return new JiraRequest("PUT", JiraWorklogPaths.issuePath(cloud, issueKey()) + "/" + existing.id(), query(adjustEstimate),
                    JiraWorklogJson.body(content, cloud));
        }
    }

    /** DELETE of one of our worklogs. */
    record Delete(JiraWorklog existing, String adjustEstimate) implements WorklogWrite {
        public Delete {
            checkOurs(existing);
            checkAdjust(adjustEstimate);
        }

        @Override
        public String issueKey() {
            return existing.issueKey();
        }

        @Override
        public JiraRequest request(boolean cloud) {
            return new JiraRequest("DELETE", JiraWorklogPaths.issuePath(cloud, issueKey()) + "/" + existing.id(), query(adjustEstimate));
        }
    }

    private static Map<String, String> query(String adjustEstimate) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("notifyUsers", "false");
        query.put("adjustEstimate", adjustEstimate);
        return query;
    }

    private static void checkAdjust(String adjustEstimate) {
        if (!ADJUST_ESTIMATE.contains(adjustEstimate)) {
            throw new IllegalArgumentException("adjustEstimate must be one of " + ADJUST_ESTIMATE + ", got " + adjustEstimate);
        }
    }

    private static void checkOurs(JiraWorklog existing) {
        if (existing == null || !existing.ours()) {
            // the last guard of the rule: a worklog a person made is never changed or deleted
            throw new IllegalArgumentException("only a worklog with the " + WorklogMark.PROPERTY_KEY
                    + " property is written: " + (existing == null ? null : existing.issueKey() + "/" + existing.id()));
        }
        JiraWorklogPaths.checkIssueKey(existing.issueKey());
        JiraWorklogPaths.checkWorklogId(existing.id());
    }
}
