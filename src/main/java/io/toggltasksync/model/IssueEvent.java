package io.toggltasksync.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A change Jira announced for one issue (one webhook delivery, or a burst of them for the same
 * issue). Only the key is trusted: the issue's values, and whether it is gone, are read from Jira
 * when the event is applied, since a delivery can come late, twice, out of order, or be replayed.
 *
 * @param issueKey the issue, e.g. {@code ABC-12}
 * @param deleted a delivery said the issue was deleted (confirmed only when Jira finds no such issue)
 * @param received when the first of its deliveries arrived
 * @param deliveries how many deliveries it stands for
 */
public record IssueEvent(String issueKey, boolean deleted, Instant received, int deliveries) implements SourceEvent {

    /** Jira issue keys: a project key (letters first) and a number. Nothing else reaches a JQL. */
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,18}");

    public IssueEvent {
        Objects.requireNonNull(received);
        if (!isIssueKey(issueKey)) {
            throw new IllegalArgumentException("not a Jira issue key: " + issueKey);
        }
    }

    public static boolean isIssueKey(String key) {
        return key != null && ISSUE_KEY.matcher(key).matches();
    }

    @Override
    public String source() {
        return "jira";
    }

    @Override
    public Provider provider() {
        return Provider.JIRA;
    }

    @Override
    public String externalId() {
        return issueKey;
    }

    public String projectKey() {
        return Identity.projectKeyOf(issueKey);
    }

    @Override
    public SourceEvent and(SourceEvent later) {
        return and((IssueEvent) later);
    }

    /** This event and a later one for the same issue, as one: after a deletion nothing comes back. */
    public IssueEvent and(IssueEvent later) {
        Instant first = received.isBefore(later.received) ? received : later.received;
        return new IssueEvent(issueKey, deleted || later.deleted, first, deliveries + later.deliveries);
    }
}
