package io.toggltasksync.worklogsync;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.toggl.TimeEntryQuery;
import io.toggltasksync.worklog.WorklogPlan;
import io.toggltasksync.worklog.WorklogPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The look-up after the worklog plan (the {@code worklog-sync} route's bean {@code worklogLookup}): an entry whose
 * start is edited to before the lookback leaves the window's search, and would look deleted; its worklog, which
 * started within the lookback, must stay (entries before the lookback, and their worklogs, are never touched). So
 * when the plan deletes worklogs of ours whose entries the window's read did not give, one more search asks for
 * those entry ids over the {@value #SPAN_DAYS} days before the window: an entry found there still exists, and the
 * plan is made again with it (the planner freezes the key of an entry before the window). One not found is
 * deleted, and so is its worklog. Limits: an entry moved further back than that, or into the future (the window
 * ends now), still looks deleted. Stateless: the run's part is its {@link WorklogRun}.
 */
@ApplicationScoped
@Named("worklogLookup")
public class WorklogLookup {

    private static final Logger LOG = Logger.getLogger(WorklogLookup.class);

    /*
     * The days searched before the window. With the day of margin TimeEntryQuery adds on either side the search's
     * dates span 365 days: Toggl limits a report to a year (its Reports API v2 answered a longer one empty, which
     * would make every moved entry look deleted again; v3's limit is not published).
     */
    static final int SPAN_DAYS = 363;

    /** Whether the plan deletes (or the guard keeps) worklogs of ours naming entries the window's read did not give. */
    public boolean needed(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        return !unreadEntryIds(w.plan(), w.plannedEntries()).isEmpty();
    }

    /**
     * The entries named by the deletions' marks and not read in the window, lowest id first. The guard's kept
     * deletions count too: entries that only moved must not trip it. The entries read are left out: a worklog
     * deleted for them (a move to another issue, a second copy) stays deleted, and an unchanged rerun asks nothing.
     */
    static List<Long> unreadEntryIds(WorklogPlan plan, List<TimeEntry> read) {
        Set<Long> seen = read.stream().map(TimeEntry::id).collect(Collectors.toSet());
        Set<Long> ids = new TreeSet<>();
        Stream.concat(plan.deletes().stream(), plan.keptByGuard().stream()).map(JiraWorklog::mark)
                .forEach(mark -> mark.entryIds().stream().filter(id -> !seen.contains(id)).forEach(ids::add));
        return List.copyOf(ids);
    }

    /** Out: the search of those entries over the days before the window (paged as any search); the plan waits for it. */
    public TimeEntryQuery query(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        List<Long> ids = unreadEntryIds(w.plan(), w.plannedEntries());
        w.awaitLookup(ids);
        LOG.infof("Worklogs: the plan deletes worklogs of %d entr%s not in the lookback: looking %s up in the %d days before it "
                + "(an entry edited to start there keeps its worklog)", ids.size(), ids.size() == 1 ? "y" : "ies",
                ids.size() == 1 ? "it" : "them", SPAN_DAYS);
        return new TimeEntryQuery(w.settings().reportsUrl(), w.userZone(), w.windowStart().minus(Duration.ofDays(SPAN_DAYS)),
                w.windowStart(), TimeEntryQuery.DEFAULT_PAGE_SIZE, ids);
    }

    /** Body in: the entries found before the window; out: the plan made again with them beside the window's. */
    public WorklogPlan replan(@Body List<TimeEntry> found, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        List<TimeEntry> entries = new ArrayList<>(w.plannedEntries());
        entries.addAll(found);
        WorklogPlan plan = WorklogPlanner.plan(entries, w.issues().issueOfTask(), w.issues().keys(), w.worklogs().unreadable().keySet(),
                w.worklogs().worklogs(), w.planOptions());
        w.plan(plan);
        LOG.infof("Worklogs: %d of the %d entr%s looked up still exist%s", found.size(), w.lookedUp().size(),
                w.lookedUp().size() == 1 ? "y" : "ies", found.isEmpty() ? ": the deletions stand"
                        : ", started before the lookback; planned again with them:");
        if (!found.isEmpty()) {
            WorklogSteps.logPlan(w, w.worklogs());
        }
        return plan;
    }
}
