package io.toggltasksync.source.jira;

/**
 * One run's Jira search against Jira's own clock (exchange property {@value #PROPERTY}): the window
 * of an incremental search, and the {@code Date} of the search's first answer, which the sync state
 * keeps for the next run.
 * <p>
 * The window's minutes are measured on this machine's clock. If Jira's clock says more time passed
 * since the last search began than the window covers (this machine's clock was set back, or the
 * runs ran on machines whose clocks disagree), the search starts again with a window that covers
 * it: one more call, only then, and no gap.
 */
public final class JiraClock {

    public static final String PROPERTY = "jiraClock";

    private final Long lastSearchJiraTime;
    private JiraWindow window;
    private boolean widened;
    private Long searchJiraTime;

    /**
     * @param window the incremental window, null for a full search
     * @param lastSearchJiraTime Jira's time when the last complete search began (UNIX seconds), null when unknown
     */
    public JiraClock(JiraWindow window, Long lastSearchJiraTime) {
        this.window = window;
        this.lastSearchJiraTime = lastSearchJiraTime;
    }

    /** The window of the search, null when it reads every issue; wider than asked if Jira's clock said so. */
    public synchronized JiraWindow window() {
        return window;
    }

    /** Jira's time when this run's search began (the {@code Date} of its first answer), null when unknown. */
    public synchronized Long searchJiraTime() {
        return searchJiraTime;
    }

    /**
     * The first page of the search was answered at {@code jiraTime} (UNIX seconds, Jira's clock).
     *
     * @return the wider window to search again with, or null when the window covers the time since the last search
     */
    synchronized JiraWindow firstAnswer(long jiraTime) {
        searchJiraTime = jiraTime;
        if (window == null || lastSearchJiraTime == null || widened) {
            return null;
        }
        long needed = (Math.max(0, jiraTime - lastSearchJiraTime) + 59) / 60 + JiraWindow.OVERLAP_MINUTES;
        if (needed <= window.minutes()) {
            return null;
        }
        widened = true;
        window = new JiraWindow(needed);
        return window;
    }
}
