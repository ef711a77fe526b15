package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.SourceRead;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One run's Jira search against Jira's own clock (exchange property {@value #PROPERTY}): the window
 * of an incremental search, and the {@code Date} of the search's first answer, which the sync state
 * keeps for the next run.
 * <p>
 * The window's minutes are measured on this machine's clock. If Jira's clock says more time passed
 * since the last search began than the window covers (this machine's clock was set back, or the
 * runs ran on machines whose clocks disagree), the search starts again with a window that covers
 * it: one more call, only then, and no gap.
 * <p>
 * It is the run's {@link SourceRead} of Jira: made by {@link JiraSource#read}, owned by the run.
 */
public final class JiraClock implements SourceRead {

    public static final String PROPERTY = "jiraClock";

    private final Long lastSearchJiraTime;
    private JiraWindow window;
    private boolean widened;
    private Long searchJiraTime;
    /** The search in progress (its calls), null before the route began it. */
    private volatile JiraPaging paging;

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

    /** The route began the search: its calls are this read's. */
    void reading(JiraPaging search) {
        this.paging = search;
    }

    @Override
    public synchronized boolean whole() {
        return window == null;
    }

    @Override
    public OptionalLong calls() {
        JiraPaging search = paging;
        return OptionalLong.of(search == null ? 0 : search.calls());
    }

    @Override
    public synchronized Map<String, Object> reportState() {
        return window == null ? Map.of() : Map.of("updated_within_minutes", window.minutes());
    }

    @Override
    public synchronized JsonNode nextCursor(long began) {
        return new JiraCursor(began, searchJiraTime).json();
    }

    /**
     * After an incremental search: the issues the last run left, with the ones that changed on top; the rule claims the
     * projects of all of them, not only of those the search read.
     */
    @Override
    public SourceBatch desiredSet(SourceBatch read, List<SourceTask> known) {
        if (whole()) {
            return read;
        }
        SourceBatch desired = SourceRead.changedOnTop(read, known);
        IdentityRule rule = read.identityRule().andKeysOf(Provider.JIRA, desired.tasks().stream().map(SourceTask::externalId).toList());
        return new SourceBatch(desired.description(), desired.tasks(), desired.rejections(), rule, desired.projects());
    }

    @Override
    public Map<String, Object> exchangeProperties() {
        return Map.of(PROPERTY, this);
    }
}
