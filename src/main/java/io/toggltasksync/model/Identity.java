package io.toggltasksync.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Identity keys: {@code provider:externalId}. */
public final class Identity {

    /** A Jira issue key at the start of a task name, followed by a space or the end. */
    private static final Pattern LEADING_ISSUE_KEY = Pattern.compile("^([A-Z][A-Z0-9_]*)-(\\d+)(?:\\s|$)");

    private Identity() {
    }

    public static String of(Provider provider, String externalId) {
        return provider.id() + ":" + externalId;
    }

    /** The Jira issue key that leads a task name, or null. */
    public static String leadingIssueKey(String name) {
        if (name == null) {
            return null;
        }
        Matcher m = LEADING_ISSUE_KEY.matcher(name);
        return m.find() ? m.group(1) + "-" + m.group(2) : null;
    }

    /** The project part of a Jira issue key ({@code ABC} of {@code ABC-12}). */
    public static String projectKeyOf(String issueKey) {
        int dash = issueKey.lastIndexOf('-');
        return dash > 0 ? issueKey.substring(0, dash) : issueKey;
    }
}
