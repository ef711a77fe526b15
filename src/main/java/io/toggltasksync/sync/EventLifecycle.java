package io.toggltasksync.sync;

import io.toggltasksync.account.Ledger;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The steps of a source's event route ({@code direct:<name>-event}) that are not calls: whether the event can be applied
 * from the sync state, its record as the desired set, and how it ended.
 */
@ApplicationScoped
@Named("eventLifecycle")
public class EventLifecycle {

    private static final Logger LOG = Logger.getLogger(EventLifecycle.class);

    /** Whether the event can be planned now: only against a sync state, which the first scheduled run leaves. */
    public boolean begin(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        if (run.state() == null) {
            run.haltEvent(EventOutcome.DEFERRED, run.mode().reason() + ": the next scheduled run mirrors the issue");
        }
        return goesOn(run);
    }

    /**
     * The record as the source has it now becomes the desired set, whatever the delivery said: its body
     * may be signed but its identifier is not, so a captured delivery can be replayed. A deletion is
     * confirmed only when the source finds no such record within its selection: its task is then
     * missing, as a full sweep would find it; a record the source still has is mirrored as it is. An
     * update of a record the source does not select (any more), or that is not mirrored (an unmapped
     * project, say), changes nothing: the next full sweep decides about its task, as for any record
     * that leaves the selection (a search index that lags must not cost a task).
     */
    public void sourceRead(@Body SourceBatch read, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        SourceEvent event = run.event();
        run.batch(read);
        if (!read.rejections().isEmpty()) {
            run.haltEvent(EventOutcome.IGNORED, event.externalId() + " is not mirrored: " + read.rejections().get(0).reason());
        } else if (read.tasks().isEmpty() && !event.deleted()) {
            run.haltEvent(EventOutcome.IGNORED, run.source().notSelected(event.externalId()));
        }
    }

    /**
     * Every record has its Toggl project (found from the state's project list, or set aside): a
     * record set aside changes nothing, and a project whose tasks the state does not hold waits
     * for the next scheduled run, which reads them.
     */
    public void projectsResolved(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        SourceBatch batch = run.batch();
        if (batch.tasks().isEmpty() && !batch.rejections().isEmpty()) {
            run.haltEvent(EventOutcome.IGNORED, run.event().externalId() + " is not mirrored: " + batch.rejections().get(0).reason());
        }
        for (SourceTask task : batch.tasks()) {
            if (!run.state().projects().contains(task.projectId())) {
                run.haltEvent(EventOutcome.DEFERRED, "project " + task.projectId() + " is not in the sync state yet: the next scheduled run reads it");
            }
        }
        if (goesOn(run)) {
            RunStatePersistence.seedEvent(run);
        }
    }

    public boolean goesOn(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        return run.eventHalt() == null;
    }

    /** The source's read (or a call) failed: the next scheduled run tries again. */
    public void failed(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = RunLifecycle.meaningfulCause(caught);
        String message = Secrets.mask(String.valueOf(e.getMessage()), run.settings().secrets());
        String who = (e instanceof io.toggltasksync.toggl.TogglException ? "Toggl" : run.source().title()) + ": ";
        run.haltEvent(EventOutcome.FAILED, who + message);
    }

    /** The quota ran out or the app is stopping: the event's writes are deferred to the next run. */
    public void stopped(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = RunLifecycle.meaningfulCause(caught);
        run.stop().stop(String.valueOf(e.getMessage()));
        run.haltEvent(EventOutcome.DEFERRED, Secrets.mask(String.valueOf(e.getMessage()), run.settings().secrets()));
    }

    /** How the event ended; the state learns what was written. */
    public void finish(@ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        if (run.batch() != null) {
            run.deferUnaccounted(run.stop().isStopped() ? run.stop().reason() : "not processed");
        }
        EventResult result = result(run);
        run.eventResult(result);
        RunStatePersistence.afterEvent(run, result.outcome(), java.time.Instant.now().getEpochSecond());
        String reason = result.reason() == null ? "" : ": " + result.reason();
        LOG.infof("%s event %s%s (%d deliver%s): %s%s", run.source().title(), run.event().externalId(),
                run.issueGone() ? " deleted" : run.event().deleted() ? " said deleted" : "",
                run.event().deliveries(), run.event().deliveries() == 1 ? "y" : "ies", result.outcome().label(), reason);
    }

    private static EventResult result(SyncRun run) {
        SourceEvent event = run.event();
        EventResult.Halt halt = run.eventHalt();
        if (halt != null && halt.outcome() != EventOutcome.DEFERRED) {
            return new EventResult(event, halt.outcome(), halt.reason(), null);
        }
        Ledger ledger = run.ledger();
        long failed = ledger.total(Outcome.FAILED);
        long deferred = ledger.total(Outcome.DEFERRED);
        long written = ledger.total(Outcome.CREATED) + ledger.total(Outcome.UPDATED) + ledger.total(Outcome.ACTIVATED)
                + ledger.total(Outcome.DEACTIVATED) + ledger.total(Outcome.DELETED);
        if (failed > 0) {
            return new EventResult(event, EventOutcome.FAILED, "a write failed: see " + run.settings().run().deadLetterFile(), null);
        }
        if (halt != null || deferred > 0) {
            return new EventResult(event, EventOutcome.DEFERRED, halt != null ? halt.reason() : run.stop().reason(), null);
        }
        if (written > 0 && !run.settings().run().dryRun()) {
            return new EventResult(event, EventOutcome.APPLIED, null, java.time.Instant.now());
        }
        return new EventResult(event, EventOutcome.UNCHANGED, null, null);
    }
}
