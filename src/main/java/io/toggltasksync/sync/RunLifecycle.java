package io.toggltasksync.sync;

import io.toggltasksync.account.Outcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.plan.Planner;
import io.toggltasksync.support.ControlChars;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.model.MissingPolicy;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.TogglTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/** The steps of the {@code sync-run} route that are not calls: accounting, planning, ending. */
@ApplicationScoped
@Named("runLifecycle")
public class RunLifecycle {

    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);
    private static final int SHOWN = 5;

    @Inject
    RunReport report;

    /** The source was read completely: keeps the desired set and accounts its rejections. */
    public void sourceRead(@Body SourceBatch read, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        SourceBatch batch = RunStatePersistence.desiredSet(run, read);
        run.batch(batch);
        run.namesCleaned(read.namesCleaned());
        batch.rejections().forEach(run.ledger()::rejected);
        LOG.infof("Read %d record(s) from %s: %d valid, %d rejected", batch.read(), batch.description(),
                batch.tasks().size(), batch.rejections().size());
        batch.rejections().stream().limit(SHOWN).forEach(r ->
                LOG.warnf("  rejected line %d%s: %s", r.line(), r.externalId() == null ? "" : " (" + ControlChars.escape(r.externalId()) + ")",
                        ControlChars.escape(r.reason())));
        if (read.namesCleaned() > 0) {
            LOG.warnf("  %d task name(s) held control characters or terminal escape sequences: removed", read.namesCleaned());
        }
        if (batch.rejections().size() > SHOWN) {
            LOG.warnf("  ... and %d more rejected: see %s", batch.rejections().size() - SHOWN, run.settings().run().deadLetterFile());
        }
    }

    /** Every record has its Toggl project: answers the projects to read, and seeds an incremental read from the sync state. */
    public Set<Long> targets(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        Set<Long> targets = run.targetProjects();
        RunStatePersistence.seed(run, targets);
        return targets;
    }

    /** Plans, prints the plan, and accounts what needs no call; the plan becomes the body. */
    public Plan plan(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        RunStatePersistence.sweepRead(run);
        List<TogglTask> snapshot = run.snapshot().tasks();
        SourceBatch batch = run.batch();
        Planner.Options options = options(run, batch);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        Plan plan = Planner.plan(batch.tasks(), snapshot, options);
        run.plan(plan, (System.nanoTime() - t0) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        logPlan(run, plan, snapshot.size());

        Ledger ledger = run.ledger();
        plan.unchanged().forEach(u -> ledger.record(u.desired(), Outcome.UNCHANGED));
        plan.conflicts().forEach(c -> ledger.record(c.desired(), Outcome.FAILED, null, null, c.reason()));
        plan.kept().forEach(t -> ledger.missing(t, Outcome.KEPT, null, null));
        if (run.settings().run().dryRun()) {
            // Nothing is written: account every planned change as what it would be.
            plan.creates().forEach(r -> ledger.record(r, Outcome.CREATED));
            plan.updates().forEach(u -> ledger.record(u.desired(), Outcome.UPDATED));
            plan.flips().forEach(f -> {
                Outcome o = f.active() ? Outcome.ACTIVATED : Outcome.DEACTIVATED;
                if (f.desired() != null) {
                    ledger.record(f.desired(), o);
                } else {
                    ledger.missing(f.existing(), o, null, null);
                }
            });
            plan.deletions().forEach(t -> ledger.missing(t, Outcome.DELETED, null, null));
            LOG.info("Dry run: nothing was written to Toggl");
        }
        return plan;
    }

    private static Planner.Options options(SyncRun run, SourceBatch batch) {
        SourceEvent event = run.event();
        if (event != null) {
            // one record: its task alone is decided about, by the missing policy when the record is gone or moved
            IdentityRule rule = batch.identityRule().andKeysOf(event.provider(), List.of(event.externalId()));
            return new Planner.Options(run.settings().run().missing(), run.settings().run().maxMissingRatio(), rule, Set.of(event.identity()));
        }
        // after an incremental read of the source nothing may be called gone: the next full sweep decides
        MissingPolicy missing = RunStatePersistence.decidesMissing(run) ? run.settings().run().missing() : MissingPolicy.KEEP;
        return new Planner.Options(missing, run.settings().run().maxMissingRatio(), batch.identityRule());
    }

    /** Whether the apply phase has anything to do (never in a dry run). */
    public boolean hasWritesToApply(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        return !run.settings().run().dryRun() && !run.plan().writesNothing();
    }

    /** The quota ran out while reading Toggl: nothing can be planned; everything is deferred. */
    public void quotaSpentBeforeApply(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = meaningfulCause(caught);
        run.stop().stop(e.getMessage());
        LOG.warnf("Stopping: %s, before the Toggl tasks were read completely. Everything is deferred to the next run.", e.getMessage());
        run.deferUnaccounted(run.stop().reason());
    }

    /**
     * The source asked the run to wait (a rate limit resetting later than it may wait): nothing was planned, so nothing
     * is written or decided missing and the state stays as it was (the next run reads from the same place); the records
     * the state knows are deferred, and the run exits 1.
     */
    public void sourceDeferred(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = meaningfulCause(caught);
        String message = Secrets.mask(String.valueOf(e.getMessage()), run.settings().secrets());
        run.stop().stop(message);
        LOG.warnf("Stopping: %s. Nothing was written; everything is deferred to the next run.", ControlChars.escape(message));
        if (run.state() != null) {
            run.state().records().forEach(r -> run.ledger().record(r, Outcome.DEFERRED, null, null, run.stop().reason()));
        }
        run.raiseExitCode(ExitCode.INCOMPLETE);
    }

    /** The run cannot go on (source unreadable, authentication refused, Toggl unreachable): exit 2. */
    public void abort(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = meaningfulCause(caught);
        String text = e instanceof JsonProcessingException json ? "unexpected answer from Toggl (not the JSON expected): " + json.getOriginalMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof java.io.IOException ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
        String message = Secrets.mask(text, run.settings().secrets());
        String phase = run.batch() == null ? "reading the source" : !run.projects().isResolved() ? "finding the Toggl projects"
                : run.plan() == null ? "reading the Toggl tasks" : "applying the plan";
        run.abort("failed while " + phase + ": " + message);
        LOG.errorf("Run aborted while %s: %s. Nothing was deactivated or deleted.", phase, ControlChars.escape(message));
        run.deferUnaccounted(run.abortReason());
    }

    /** Accounts leftovers, writes the report and logs the summary. */
    public void finish(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        if (run.batch() != null) {
            long before = run.ledger().total(Outcome.DEFERRED);
            boolean stopped = run.stop().isStopped();
            run.deferUnaccounted(stopped ? run.stop().reason() : "not processed");
            if (!stopped && !run.isAborted() && run.ledger().total(Outcome.DEFERRED) > before) {
                LOG.errorf("%d record(s) were not processed; they are deferred", run.ledger().total(Outcome.DEFERRED) - before);
            }
        }
        RunStatePersistence.end(run, java.time.Instant.now().getEpochSecond());
        report.write(run);
    }

    /** Camel wraps failures (split, bean calls); the user wants the one that says what went wrong. */
    public static Throwable meaningfulCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.toggltasksync.") || t instanceof java.io.IOException) {
                return t;
            }
        }
        return e;
    }

    private static void logPlan(SyncRun run, Plan plan, int snapshotSize) {
        LOG.infof("Plan (%d Toggl task(s) read, planned in %d ms, %d ms CPU): %d to create, %d to update, %d to activate, %d to deactivate, "
                + "%d to delete, %d unchanged, %d conflict(s); %d write call(s)",
                snapshotSize, run.planWallMs(), run.planCpuMs(), plan.creates().size(), plan.updates().size(), plan.activations().size(),
                plan.deactivations().size(), plan.deletions().size(), plan.unchanged().size(), plan.conflicts().size(),
                plan.writeCallsNeeded(run.settings().toggl().patchBatchSize(), run.writes().patchEstimates()));
        show("create", plan.creates(), r -> r.name() + " (project " + r.projectId() + ")");
        show("update", plan.updates(), u -> "#" + u.existing().id() + " '" + u.existing().name() + "' -> '" + u.desired().name()
                + "', estimate " + u.existing().estimatedSeconds() + " -> " + u.desired().estimatedSeconds());
        show("activate", plan.activations(), f -> "#" + f.existing().id() + " " + f.existing().name());
        show("deactivate", plan.deactivations(), f -> "#" + f.existing().id() + " " + f.existing().name()
                + (f.desired() == null ? " (no source record)" : " (done)"));
        show("delete", plan.deletions(), t -> "#" + t.id() + " " + t.name());
        show("conflict", plan.conflicts(), c -> c.desired().name() + ": " + c.reason());
        if (!plan.duplicates().isEmpty()) {
            show("duplicate (left alone)", plan.duplicates(), t -> "#" + t.id() + " " + t.name());
        }
        if (plan.guard().tripped()) {
            LOG.warnf("Guard: %s, so nothing is deactivated or deleted in this run. If this is intended, raise "
                    + "sync.max-missing-ratio (SYNC_MAX_MISSING_RATIO) for one run.", plan.guard().describe());
        }
    }

    private static <T> void show(String what, List<T> items, Function<T, String> describe) {
        // names and reasons are outside text (the source's, Toggl's)
        items.stream().limit(SHOWN).forEach(i -> LOG.infof("  %s: %s", what, ControlChars.escape(describe.apply(i))));
        if (items.size() > SHOWN) {
            LOG.infof("  ... and %d more to %s", items.size() - SHOWN, what);
        }
    }

}
