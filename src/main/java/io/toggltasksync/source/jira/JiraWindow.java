package io.toggltasksync.source.jira;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incremental Jira search: only the issues of the JQL updated in the last {@code minutes}
 * (exchange property {@value #PROPERTY}; absent for a full search).
 * <p>
 * The window is a relative date ({@code updated >= "-90m"}): Jira reads absolute dates in JQL in
 * the searching user's profile time zone, and its clock need not agree with this machine's; a
 * relative date is counted back from Jira's own "now", so neither the time zones of this machine,
 * the server and the user, nor the difference between the clocks can open a gap. The minutes are
 * measured on this machine's clock (the time since the last search began) plus an overlap, and
 * checked against Jira's once it answers ({@link JiraClock}).
 */
public record JiraWindow(long minutes) {

    /** The window also covers this long before the last search began. */
    public static final long OVERLAP_MINUTES = 10;

    private static final Pattern ORDER_BY = Pattern.compile("(?is)^(.*?)(\\s+order\\s+by\\s+.*)$");

    public JiraWindow {
        if (minutes < 1) {
            throw new IllegalArgumentException("minutes must be >= 1, got " + minutes);
        }
    }

    /** The JQL narrowed to the window; a trailing {@code ORDER BY} stays at the end. */
    public String narrow(String jql) {
        return and(jql, "updated >= \"-" + minutes + "m\"");
    }

    /**
     * The JQL narrowed to one issue (a webhook event): the search answers the issue's current
     * values, and nothing when the JQL no longer selects it.
     *
     * @param issueKey a checked issue key ({@link io.toggltasksync.model.IssueEvent#isIssueKey})
     */
    public static String oneIssue(String jql, String issueKey) {
        return and(jql, "issuekey = \"" + issueKey + "\"");
    }

    private static String and(String jql, String condition) {
        Matcher m = ORDER_BY.matcher(jql.trim());
        String where = m.matches() ? m.group(1) : jql.trim();
        String order = m.matches() ? m.group(2) : "";
        return "(" + where + ") AND " + condition + order;
    }
}
