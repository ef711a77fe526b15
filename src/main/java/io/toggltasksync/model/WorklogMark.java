package io.toggltasksync.model;

import java.util.List;

/**
 * The worklog property ({@link #PROPERTY_KEY}) that marks a Jira worklog as made by this tool, and
 * says from what. A worklog without it is a person's: never changed or deleted.
 *
 * @param key         the worklog's identity in the plan: {@code entry:<entry id>} (one worklog per
 *                    time entry) or {@code day:<user id>:<yyyy-MM-dd>} (one per user, issue and day)
 * @param workspaceId the Toggl workspace of the entries
 * @param entryIds    the time entries the worklog sums, in the order they started
 */
public record WorklogMark(String key, long workspaceId, List<Long> entryIds) {

    /** The entity property key on the worklog. */
    public static final String PROPERTY_KEY = "toggl-task-sync";

    public WorklogMark {
        entryIds = List.copyOf(entryIds);
    }

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("entry:\\d{1,19}|day:\\d{1,19}:\\d{4}-\\d{2}-\\d{2}");

    /** Whether {@code key} is a key this tool writes: anything else in a mark makes it no mark of ours. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    public static String entryKey(long entryId) {
        return "entry:" + entryId;
    }

    public static String dayKey(long userId, java.time.LocalDate day) {
        return "day:" + userId + ":" + day;
    }
}
