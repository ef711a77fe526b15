package io.toggltasksync.worklogsync;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.source.jira.JiraClock;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogChanges;
import io.toggltasksync.source.jira.WorklogChangesQuery;
import io.toggltasksync.source.jira.WorklogQuery;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.support.ControlChars;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * How a run reads Jira's worklogs of ours, and what it keeps of them for the next run ({@link KnownWorklogs} in
 * {@link WorklogStateFile}): with what the last run left, Jira's feeds of changes since then and the new issues
 * whole; without it (the first run, a lost or unusable file, a full sweep), every mirrored issue whole. Stateless:
 * a run's knowledge is in its {@link WorklogRun}.
 */
@ApplicationScoped
@Named("worklogReads")
public class WorklogReads {

    private static final Logger LOG = Logger.getLogger(WorklogReads.class);
    /**
     * After a whole read, Jira's feeds are read next time from this long before the task sync's search began (by
     * Jira's clock; by this machine's when Jira's is unknown, where it covers a clock off by as much). Changes
     * read twice cost nothing: a worklog Jira shows as it is known is not read again.
     */
    static final Duration FEED_OVERLAP = Duration.ofMinutes(15);

    /** Loads what the last run knew and decides what this run reads; body out: the feeds' query, or null for none. */
    public WorklogChangesQuery changesQuery(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        Path file = file(run);
        WorklogStateFile.Loaded loaded = file == null ? new WorklogStateFile.Loaded(null, "no sync state file")
                : WorklogStateFile.load(file, run.settings().stateFingerprint());
        boolean sweep = run.sweptWhole();
        KnownWorklogs.Reads reads = KnownWorklogs.reads(loaded.known(), loaded.unusable(), w.issues().keys(), w.windowStart(), sweep);
        w.reads(reads, reads.changes() == null ? KnownWorklogs.empty(w.windowStart(), feedStart(run)) : loaded.known());
        if (reads.changes() == null) {
            LOG.infof("Worklogs: reading the worklogs of every mirrored issue (%d): %s", reads.wholeIssues().size(), ControlChars.escape(reads.why()));
        }
        return reads.changes();
    }

    /** Body in: Jira's changes; out: the ids of ours among them to read again. */
    public List<String> changedOfOurs(@Body WorklogChanges changes, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        List<String> ids = w.known().toRead(changes, run.toggl().workspaceId());
        w.changes(changes, ids);
        w.countJiraReads(changes.calls() + (ids.size() + 999) / 1000);
        return ids;
    }

    /**
     * Body in: ours that changed, as Jira has them now. Folded into what is known; when that cannot be done (a worklog
     * of ours on an issue not known), every mirrored issue is read whole instead.
     */
    public void changesRead(@Body List<JiraWorklog> listed, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        WorklogChanges changes = w.changes();
        KnownWorklogs.Folded folded = w.known().fold(changes, w.changedOfOurs(), listed, run.toggl().workspaceId(), w.windowStart());
        if (folded.known() == null) {
            LOG.infof("Worklogs: reading the worklogs of every mirrored issue: %s", ControlChars.escape(folded.unusable()));
            KnownWorklogs.Reads whole = new KnownWorklogs.Reads(null, w.issues().keys(), folded.unusable());
            w.reads(whole, KnownWorklogs.empty(w.windowStart(), changes.reached().earliest()));
        } else {
            w.reads(w.reads(), folded.known());
        }
    }

    /** Out: the query of the issues read whole (none when Jira's feeds covered them all). */
    public WorklogQuery wholeQuery(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        return WorklogQuery.of(w.reads().wholeIssues(), w.windowStart());
    }

    /**
     * Body in: the issues read whole. Out: every worklog the planner needs: ours known on the issues covered, and
     * everything read of the others (issues Jira did not show set aside).
     */
    public JiraWorklogs existing(@Body JiraWorklogs read, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        w.countJiraReads(read.calls());
        KnownWorklogs known = w.known().withWholeRead(w.reads().wholeIssues(), read, run.toggl().workspaceId());
        w.reads(w.reads(), known);
        Set<String> covered = new TreeSet<>(w.issues().keys());
        covered.removeAll(read.unreadable().keySet());
        List<JiraWorklog> all = new ArrayList<>(known.of(covered));
        return new JiraWorklogs(all, read.unreadable(), w.jiraReads());
    }

    /**
     * What the run leaves for the next: the knowledge after its writes, for the mirrored issues and the window, unless
     * the run writes no state (a dry run, the embedded sandbox) or the worklog part did not finish its read.
     */
    public void keep(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        Path file = file(run);
        if (file == null || !run.writesState() || w.known() == null || w.plan() == null) {
            return;
        }
        KnownWorklogs next = w.known().withWrites(w.results()).retain(w.issues().keys(), w.windowStart());
        try {
            WorklogStateFile.save(file, run.settings().stateFingerprint(), next);
        } catch (IOException | RuntimeException e) {
            // the next run reads every issue whole: reads, never a duplicate
            LOG.warnf("Worklogs: cannot keep the worklogs known for the next run (%s): %s", file, ControlChars.escape(String.valueOf(e)));
        }
    }

    private static Path file(SyncRun run) {
        Path state = run.settings().state().stateFile();
        return state == null ? null : WorklogStateFile.of(state);
    }

    /** Where Jira's feeds are read from after a whole read: before the run's Jira search began, by Jira's clock where known. */
    private static Instant feedStart(SyncRun run) {
        Long jiraTime = run.sourceRead() instanceof JiraClock clock ? clock.searchJiraTime() : null;
        Instant start = jiraTime != null ? Instant.ofEpochSecond(jiraTime) : Instant.now();
        return start.minus(FEED_OVERLAP);
    }
}
