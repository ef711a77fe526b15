package io.toggltasksync.worklogsync;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogContent;
import io.toggltasksync.source.jira.WorklogWrite;
import io.toggltasksync.source.jira.WorklogWriteResult;
import io.toggltasksync.support.ControlChars;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.sync.RunLifecycle;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.toggl.ReportsApi;
import io.toggltasksync.toggl.TimeEntryQuery;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRead;
import io.toggltasksync.toggl.TogglRequest;
import io.toggltasksync.toggl.TogglWorkspace;
import io.toggltasksync.worklog.DesiredWorklog;
import io.toggltasksync.worklog.WorklogPlan;
import io.toggltasksync.worklog.WorklogPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The steps of the {@code worklog-sync} route that are not calls: whether a run syncs worklogs, each phase's
 * result turned into the next phase's request, the plan, each write accounted, the report section. Stateless:
 * a run's worklog sync is its {@link WorklogRun}.
 */
@ApplicationScoped
@Named("worklogSteps")
public class WorklogSteps {

    private static final Logger LOG = Logger.getLogger(WorklogSteps.class);
    private static final int SHOWN = 5;
    /** The dead letter kind of a worklog write Jira refused or that could not be sent. */
    public static final String DEAD_LETTER_KIND = "worklog-failed";

    @Inject
    MeterRegistry registry;

    /**
     * Whether this run syncs worklogs after its tasks: a Jira run with {@code worklog.sync=true}, a whole run (a
     * webhook event's run never does), whose task part was not aborted. A dry run does: it plans and writes nothing.
     */
    public boolean wanted(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        WorklogSettings worklogs = run.worklogs();
        return worklogs != null && worklogs.enabled() && "jira".equals(run.settings().source()) && run.event() == null
                && !run.isAborted() && run.batch() != null;
    }

    /** The worklog run: its window ends now; the issues are the Jira tasks of the workspace after the task writes. */
    public WorklogRun begin(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        MirroredIssues issues = MirroredIssues.of(tasksAfterWrites(run), run.batch() == null ? IdentityRule.NONE : run.batch().identityRule());
        WorklogRun w = new WorklogRun(run.worklogs(), run.settings().run().dryRun(), Instant.now(), issues, run.toggl().calls().total());
        LOG.infof("Worklogs: syncing the time entries that started since %s on %d mirrored issue(s)", w.windowStart(),
                issues.keys().size());
        if (run.stop().isStopped()) {
            // the quota ran out (or SIGTERM came) during the task writes: the entries' read would be stopped too
            w.end(WorklogRun.Status.DEFERRED, run.stop().reason());
        }
        return w;
    }

    /**
     * The workspace's tasks as the task sync left them: the snapshot read before its writes, with the tasks it
     * created or changed (a task created in this run is mirrored from now on) and without those it deleted.
     */
    static List<TogglTask> tasksAfterWrites(SyncRun run) {
        Map<Long, TogglTask> tasks = new LinkedHashMap<>();
        run.snapshot().tasks().forEach(t -> tasks.put(t.id(), t));
        run.writes().writtenTasks().forEach(t -> tasks.put(t.id(), t));
        run.writes().deletedTaskIds().forEach(tasks::remove);
        return List.copyOf(tasks.values());
    }

    public boolean ready(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        return w.status() == WorklogRun.Status.DONE;
    }

    /** Body in: the workspace read; out: the read of {@code GET /me} (the token user's time zone), as JSON. */
    public TogglRead meRead(@Body TogglWorkspace workspace, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        w.workspace(workspace);
        if (!workspace.seesEveryonesEntries()) {
            LOG.warn("Worklogs: the Toggl token is not a workspace admin's, so it sees only its own time entries: other users' "
                    + "entries get no worklogs, and no worklog is deleted (an entry it cannot see is no evidence of a deletion)");
        }
        return TogglRead.of(TogglRequest.get(TogglPaths.me(), null), JsonNode.class);
    }

    /** Body in: {@code GET /me}'s answer; out: the search of the window's time entries. */
    public TimeEntryQuery entriesQuery(@Body JsonNode me, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        JsonNode zone = me == null ? null : me.get("timezone");
        w.userZone(ReportsApi.zone(zone == null || zone.isNull() ? null : zone.asText()));
        return new TimeEntryQuery(w.settings().reportsUrl(), w.userZone(), w.windowStart(), w.now(), TimeEntryQuery.DEFAULT_PAGE_SIZE);
    }

    /** Body in: the entries, kept as the exchange property {@value #ENTRIES} for the plan. */
    public void entriesRead(@Body List<TimeEntry> entries, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        w.entriesRead(entries);
    }

    /**
     * Body in: Jira's worklogs; out: the plan. The entries go in as the property the route kept them in. An issue
     * whose worklogs Jira did not show gets no write: the planner skips its entries ({@code unreadable_issue}).
     */
    public WorklogPlan plan(@Body JiraWorklogs read, @ExchangeProperty(ENTRIES) List<TimeEntry> entries,
            @ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        w.worklogs(read);
        WorklogSettings s = w.settings();
        WorklogPlanner.Options options = new WorklogPlanner.Options(w.windowStart(), s.grouping(),
                s.zone(), s.roundMinutes(), s.minSeconds(), s.matchDescription(), run.toggl().workspaceId(),
                w.workspace().seesEveryonesEntries(), run.settings().run().maxMissingRatio());
        WorklogPlan plan = WorklogPlanner.plan(entries, w.issues().issueOfTask(), w.issues().keys(), read.unreadable().keySet(),
                read.worklogs(), options);
        w.plan(plan);
        w.planInput(entries, options);
        logPlan(w, read);
        if (w.dryRun()) {
            LOG.info("Dry run: no worklog was written to Jira");
        }
        return plan;
    }

    /** The exchange property that keeps the entries read while Jira's worklogs are read. */
    public static final String ENTRIES = "worklogEntries";

    public boolean hasWrites(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        return !w.dryRun() && !w.plan().writesNothing();
    }

    /** The plan's writes as Jira calls, one issue's after another. */
    public List<WorklogWrite> writes(@ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        String adjust = w.settings().adjustEstimate().query();
        return w.plan().writes().stream().map(write -> call(write, adjust)).toList();
    }

    static WorklogWrite call(WorklogPlan.Write write, String adjust) {
        if (write instanceof WorklogPlan.Create c) {
            return new WorklogWrite.Create(c.issueKey(), content(c.desired()), adjust);
        }
        if (write instanceof WorklogPlan.Update u) {
            return new WorklogWrite.Update(u.existing(), content(u.desired()), adjust);
        }
        return new WorklogWrite.Delete(((WorklogPlan.Delete) write).existing(), adjust);
    }

    private static WorklogContent content(DesiredWorklog d) {
        return new WorklogContent(d.started(), d.seconds(), d.comment(), d.mark());
    }

    /** Whether the next write may be sent: not after Jira refused the token, nor once the run is stopped (SIGTERM). */
    public boolean mayWrite(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        if (run.stop().isStopped()) {
            w.stopWrites(run.stop().reason());
        }
        return w.stoppedWrites() == null;
    }

    /** Body: the write's result. A failure goes to the dead letter file; a 401 stops the writes after it. */
    public void written(@Body WorklogWriteResult result, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        w.written(result);
        String outcome;
        if (result instanceof WorklogWriteResult.Created c) {
            w.countCreated(c.readBack());
            outcome = "created";
        } else if (result instanceof WorklogWriteResult.Updated) {
            w.countUpdated();
            outcome = "updated";
        } else if (result instanceof WorklogWriteResult.Deleted) {
            w.countDeleted();
            outcome = "deleted";
        } else {
            WorklogWriteResult.Failed f = (WorklogWriteResult.Failed) result;
            w.countFailed();
            outcome = "failed";
            deadLetter(run, f);
            if (Integer.valueOf(401).equals(f.status())) {
                w.stopWrites("Jira refused the token (401)");
            }
        }
        registry.counter("worklog_writes_total", "outcome", outcome).increment();
    }

    private static void deadLetter(SyncRun run, WorklogWriteResult.Failed f) {
        WorklogWrite call = f.call();
        String key = call instanceof WorklogWrite.Create c ? c.content().mark().key()
                : call instanceof WorklogWrite.Update u ? u.existing().mark().key() : ((WorklogWrite.Delete) call).existing().mark().key();
        List<Long> entryIds = call instanceof WorklogWrite.Create c ? c.content().mark().entryIds()
                : call instanceof WorklogWrite.Update u ? u.content().mark().entryIds() : ((WorklogWrite.Delete) call).existing().mark().entryIds();
        String kind = call.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        String reason = Secrets.mask(kind + " of worklog " + key + " (entries " + entryIds + "): " + f.reason(), run.settings().secrets());
        run.ledger().deadLetter(new Ledger.Entry(DEAD_LETTER_KIND, null, call.issueKey(), key, null, null, f.status(), reason));
        LOG.errorf("Worklog %s on %s failed%s: %s", key, call.issueKey(), f.status() == null ? "" : " (" + f.status() + ")",
                ControlChars.escape(reason));
    }

    /** A read failed before the plan: the worklogs are left as they are; the task sync's result stands. */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        String message = Secrets.mask(describe(RunLifecycle.meaningfulCause(caught)), run.settings().secrets());
        w.end(WorklogRun.Status.FAILED, message);
        LOG.errorf("Worklogs not synced: %s. No worklog was written.", ControlChars.escape(message));
    }

    /** The Toggl quota ran out while reading the entries: the worklogs wait for the next run. */
    public void deferred(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        String message = Secrets.mask(describe(RunLifecycle.meaningfulCause(caught)), run.settings().secrets());
        w.end(WorklogRun.Status.DEFERRED, message);
        LOG.warnf("Worklogs deferred to the next run: %s", ControlChars.escape(message));
    }

    /** The report's {@code worklogs} section and the exit code the worklogs ask for. */
    public void finish(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(WorklogRun.PROPERTY) WorklogRun w) {
        if (w.status() == WorklogRun.Status.DEFERRED && w.reason() != null && w.plan() == null) {
            LOG.warnf("Worklogs deferred to the next run: %s", ControlChars.escape(w.reason()));
        }
        if (w.stoppedWrites() != null && w.notSent() > 0) {
            LOG.warnf("Worklogs: %d write(s) not sent: %s", w.notSent(), ControlChars.escape(w.stoppedWrites()));
        }
        if (w.plan() != null && !w.plan().withheldDeletions().isEmpty()) {
            LOG.warnf("Worklogs: %d deletion(s) withheld: the Toggl token sees only its own entries; use a workspace admin's token",
                    w.plan().withheldDeletions().size());
        }
        // every outcome's series from the first worklog run on (increase() cannot see a series' first increment)
        for (String outcome : List.of("created", "updated", "deleted", "failed")) {
            registry.counter("worklog_writes_total", "outcome", outcome).increment(0);
        }
        Map<String, Object> section = WorklogReport.section(w, run.toggl().calls().total() - w.togglCallsBefore());
        run.addReportSection(WorklogReport.KEY, section);
        run.raiseExitCode(WorklogReport.exitCode(w));
        LOG.infof("Worklogs: %s: created %d, updated %d, deleted %d, unchanged %s, failed %d, skipped %s", section.get("status"),
                w.created(), w.updated(), w.deleted(), section.get("unchanged"), w.failed(), section.get("skipped"));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void logPlan(WorklogRun w, JiraWorklogs read) {
        WorklogPlan plan = w.plan();
        LOG.infof("Worklog plan (%d entr%s, %d Jira worklog(s) read): %d to create (%d moved), %d to update, %d to delete, %d unchanged, "
                + "%d entr%s skipped", w.entriesRead(), w.entriesRead() == 1 ? "y" : "ies", read.worklogs().size(), plan.creates().size(),
                plan.moved(), plan.updates().size(), plan.deletes().size(), plan.unchanged().size(), plan.skippedTotal(),
                plan.skippedTotal() == 1 ? "y" : "ies");
        show("create", plan.creates(), d -> d.issueKey() + " " + d.key() + " at " + d.started() + ", " + d.seconds() / 60 + " min: " + d.comment());
        show("update", plan.updates(), u -> u.issueKey() + " #" + u.existing().id() + " " + u.desired().key() + ": "
                + u.existing().timeSpentSeconds() / 60 + " -> " + u.desired().seconds() / 60 + " min at " + u.desired().started());
        show("delete", plan.deletes(), d -> d.issueKey() + " #" + d.id() + " " + d.mark().key());
        if (!read.unreadable().isEmpty()) {
            show("issue not read (its entries skipped)", new ArrayList<>(read.unreadable().entrySet()), e -> e.getKey() + ": " + e.getValue());
        }
        if (plan.guard().tripped()) {
            LOG.warnf("Worklog guard: %s, so no worklog is deleted in this run. If this is intended, raise sync.max-missing-ratio "
                    + "(SYNC_MAX_MISSING_RATIO) for one run.", plan.guard().describe());
        }
    }

    private static <T> void show(String what, List<T> items, Function<T, String> describe) {
        // issue keys, comments and Jira's reasons are outside text
        items.stream().limit(SHOWN).forEach(i -> LOG.infof("  worklog %s: %s", what, ControlChars.escape(describe.apply(i))));
        if (items.size() > SHOWN) {
            LOG.infof("  ... and %d more to %s", items.size() - SHOWN, what);
        }
    }
}
