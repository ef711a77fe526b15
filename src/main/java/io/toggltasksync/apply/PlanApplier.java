package io.toggltasksync.apply;

import io.toggltasksync.support.ControlChars;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.plan.BulkPatch;
import io.toggltasksync.plan.BulkPatches;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.toggl.QuotaTracker;
import io.toggltasksync.toggl.TogglApi;
import io.toggltasksync.toggl.TogglClientException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TogglSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * The steps of the {@code toggl-apply} and {@code toggl-write} routes that are not accounting:
 * the calls of a plan, in order (deletions free names, then updates: renames and lone re-estimates
 * as PUTs, shared re-estimates in bulk PATCH calls; then creates; then the active flips in bulk
 * PATCH calls), and what a refused call becomes. Stateless: the run's side is its {@link RunWrites}.
 */
@ApplicationScoped
@Named("planApplier")
public class PlanApplier {

    private static final Logger LOG = Logger.getLogger(PlanApplier.class);

    public void queue(@Body Plan plan, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes,
            @ExchangeProperty(TogglSession.PROPERTY) TogglSession toggl) {
        long wid = writes.workspaceId();
        WriteQueue queue = writes.queue;
        int calls = 0;
        for (TogglTask task : plan.deletions()) {
            queue.add(WriteCall.Delete.of(wid, task));
            calls++;
        }
        BulkPatches.Updates updates = BulkPatches.updates(plan.updates(), writes.patchLimits.limit(), writes.patchEstimates());
        for (Plan.Update update : updates.puts()) {
            queue.add(WriteCall.Update.of(wid, update));
            calls++;
        }
        for (BulkPatch bulk : updates.patches()) {
            queue.add(WriteCall.Patch.of(wid, bulk));
            calls++;
        }
        for (SourceTask record : plan.creates()) {
            queue.add(WriteCall.Create.of(wid, record));
            calls++;
        }
        for (BulkPatch bulk : BulkPatches.of(plan.flips(), writes.patchLimits.limit())) {
            queue.add(WriteCall.Patch.of(wid, bulk));
            calls++;
        }
        writes.progress().planned(calls);
        QuotaTracker quota = toggl.quota();
        if (quota.remaining() != null && calls > quota.remaining()) {
            LOG.warnf("The plan needs %d write call(s) and Toggl's hourly quota has %d left (it resets in %d s): "
                    + "what fits is written now, the rest is deferred to the next runs", calls, quota.remaining(), quota.resetsInNow());
        }
    }

    public boolean hasWork(@ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        return !writes.queue.isEmpty();
    }

    /** Takes every queued call, in order, for one round of the split. */
    public List<WriteCall> drain(@ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        return writes.queue.drain();
    }

    /** Once the run is stopped (quota spent, shutdown), calls are deferred instead of sent. */
    public boolean isStopped(@ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        return writes.stop().isStopped();
    }

    /**
     * Answers the call to send: a PATCH larger than the entry limit learned from Toggl is split; a
     * re-estimate PATCH after Toggl refused one becomes a PUT per task. The other parts go to the
     * front of the queue.
     */
    public WriteCall beforeCall(@ExchangeProperty(WriteCall.PROPERTY) WriteCall call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        if (!(call instanceof WriteCall.Patch patch)) {
            return call;
        }
        long wid = writes.workspaceId();
        BulkPatch bulk = patch.bulk();
        PatchLimits limits = writes.patchLimits;
        List<WriteCall> parts;
        if (bulk.setsEstimate() && limits.estimatesRefused()) {
            parts = bulk.updates().stream().<WriteCall>map(u -> WriteCall.Update.of(wid, u)).toList();
        } else if (bulk.size() > limits.limit()) {
            parts = bulk.split(limits.limit()).stream().<WriteCall>map(b -> WriteCall.Patch.of(wid, b)).toList();
        } else {
            return call;
        }
        for (int i = parts.size() - 1; i >= 1; i--) {
            writes.queue.addFirst(parts.get(i));
        }
        writes.progress().planned(parts.size() - 1);
        return parts.get(0);
    }

    /** A call failed for good (client error, or retries exhausted): recover where the refusal allows, else account it as failed. */
    public void onFailure(@ExchangeProperty(WriteCall.PROPERTY) WriteCall call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, @ExchangeProperty(TogglApi.ATTEMPTS) Integer attempts) {
        Integer status = error instanceof TogglException te ? te.status() : null;
        String reason = Secrets.mask(describe(error), writes.secrets());
        boolean retried = attempts != null && attempts > 1;
        FailureRecovery.Decision decision = FailureRecovery.decide(call, error instanceof TogglClientException, status, reason, retried);
        if (decision instanceof FailureRecovery.LookUpCreate) {
            SourceTask record = ((WriteCall.Create) call).record();
            if (writes.lostCreates.add(record, reason)) {
                writes.queue.addFirst(WriteCall.Lookup.of(writes.workspaceId(), record.projectId(), writes.pageSize()));
            }
        } else if (decision instanceof FailureRecovery.AlreadyDeleted) {
            TogglTask task = ((WriteCall.Delete) call).task();
            LOG.infof("Task %d was already gone on the retry of its DELETE: counted as deleted", task.id());
            writes.ledger().missing(task, Outcome.DELETED, null, null);
            writes.deleted(task.id());
            writes.progress().countDone();
        } else if (decision instanceof FailureRecovery.SplitPatch split) {
            LOG.infof("Toggl limits PATCH to %d entries: splitting the PATCH of %d", split.limit(), ((WriteCall.Patch) call).bulk().size());
            writes.patchLimits.limit(split.limit());
            writes.queue.addFirst(call);
        } else if (decision instanceof FailureRecovery.PutsInstead) {
            // beforeCall turns this and later re-estimate batches into PUTs
            LOG.warnf("Toggl refused a bulk PATCH of estimated_seconds (%s): this run sends re-estimates one PUT each; "
                    + "set toggl.patch-estimates=false (TOGGL_PATCH_ESTIMATES) to skip the attempt", reason);
            writes.patchLimits.refuseEstimates();
            writes.queue.addFirst(call);
        } else {
            LOG.warnf("Failed: %s: %s", ControlChars.escape(call.describe()), ControlChars.escape(reason));
            if (status != null && status == 404) {
                writes.doubtState();   // a task the state had is gone
            }
            if (call instanceof WriteCall.Lookup) {
                WriteAccounting.all(writes, call, Outcome.FAILED, status, "name already taken, and looking the task up failed: " + reason);
                return;
            }
            WriteAccounting.all(writes, call, Outcome.FAILED, status, reason);
            writes.progress().countDone();
        }
    }

    /** The hourly quota is spent: stop calling Toggl; this call and all queued ones are deferred. */
    public void onQuotaStop(@ExchangeProperty(WriteCall.PROPERTY) WriteCall call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        writes.stop().stop(describe(error));
        LOG.warnf("Stopping: %s. What is left is deferred to the next run.", writes.stop().reason());
        defer(call, writes);
    }

    /** Accounts the records of a call that is not sent because the run stopped. */
    public void defer(@ExchangeProperty(WriteCall.PROPERTY) WriteCall call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        if (!(call instanceof WriteCall.Lookup)) {
            writes.progress().deferred(call);
        }
        WriteAccounting.all(writes, call, Outcome.DEFERRED, null, writes.stop().reason());
    }

    private static String describe(Exception error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof TogglException) {
            return error.getMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
