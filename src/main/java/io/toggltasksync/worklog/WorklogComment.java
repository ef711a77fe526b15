package io.toggltasksync.worklog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The worklog's comment: who tracked the time in Toggl, and on what. Plain text, one line. */
final class WorklogComment {

    /** Enough for a day of a dozen descriptions; Jira's own limit is far above. */
    static final int MAX_CHARS = 1000;

    private WorklogComment() {
    }

    /** {@code Toggl: <user> — <description>[; <description>...]}: distinct, non-blank descriptions in the order given. */
    static String of(String userName, long userId, List<String> descriptions) {
        String user = normalize(userName);
        StringBuilder text = new StringBuilder("Toggl: ").append(user.isEmpty() ? "user " + userId : user);
        Set<String> distinct = new LinkedHashSet<>();
        descriptions.forEach(d -> distinct.add(normalize(d)));
        distinct.remove("");
        if (!distinct.isEmpty()) {
            text.append(" — ").append(String.join("; ", distinct));
        }
        return cap(text.toString());
    }

    /**
     * Line breaks, tabs and control characters as one space, runs of spaces as one, no space at the
     * ends: the comment survives Jira's round trip (ADF on Cloud) unchanged, and one read back
     * compares equal however Jira spaced it.
     */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cc}\\s\\u2028\\u2029]+", " ").strip();
    }

    private static String cap(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
