package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

/**
 * Jira refused the search for one issue's key (400): JQL that names an issue that does not exist
 * (deleted since the event was sent) is invalid. For the event it means the search found no such
 * issue; a JQL that is wrong for every issue fails the scheduled runs too.
 */
public class JiraIssueUnknown extends SourceException {
    public JiraIssueUnknown(String message) {
        super(message);
    }
}
