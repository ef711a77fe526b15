package io.toggltasksync.apply;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.BulkPatch;
import io.toggltasksync.plan.BulkPatches;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.toggl.TaskPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Accounts the records of a write from Toggl's answer, one method per kind of call (the {@code toggl-write} route picks). */
@ApplicationScoped
@Named("writeAccounting")
public class WriteAccounting {

    /** Toggl's answer to a bulk PATCH. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatchResult(List<Long> success, List<PatchFailure> failure) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatchFailure(Long id, String message) {
    }

    public void created(@Body TogglTask created, @ExchangeProperty(WriteCall.PROPERTY) WriteCall.Create call,
            @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        writes.ledger().record(call.record(), Outcome.CREATED, created.id(), null, null);
        writes.wrote(created);
        writes.progress().countDone();
    }

    public void updated(@ExchangeProperty(WriteCall.PROPERTY) WriteCall.Update call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        Plan.Update update = call.update();
        writes.ledger().record(update.desired(), Outcome.UPDATED);
        writes.wrote(update.existing().written(update.desired().name(), update.desired().estimatedSeconds(), update.desired().active()));
        writes.progress().countDone();
    }

    public void deleted(@ExchangeProperty(WriteCall.PROPERTY) WriteCall.Delete call, @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        writes.ledger().missing(call.task(), Outcome.DELETED, null, null);
        writes.deleted(call.task().id());
        writes.progress().countDone();
    }

    /** Each task of the PATCH is accounted by whether the answer lists it as a success. */
    public void patched(@Body PatchResult result, @ExchangeProperty(WriteCall.PROPERTY) WriteCall.Patch call,
            @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        Ledger ledger = writes.ledger();
        BulkPatch bulk = call.bulk();
        Set<Long> ok = result.success() == null ? Set.of() : Set.copyOf(result.success());
        writes.estimatesAccepted(bulk.setsEstimate() && !ok.isEmpty());
        Map<Long, String> failed = result.failure() == null ? Map.of()
                : result.failure().stream().filter(f -> f.id() != null)
                        .collect(Collectors.toMap(PatchFailure::id, f -> String.valueOf(f.message()), (a, b) -> a));
        for (Plan.Flip flip : bulk.flips()) {
            long id = flip.existing().id();
            if (ok.contains(id)) {
                flip(ledger, flip, flip.active() ? Outcome.ACTIVATED : Outcome.DEACTIVATED, null, null);
                TogglTask t = flip.existing();
                writes.wrote(t.written(t.name(), t.estimatedSeconds(), flip.active()));
            } else {
                flip(ledger, flip, Outcome.FAILED, 200, patchRefusal(failed, id));
                writes.doubtState();   // a task the state had, refused or gone
            }
        }
        for (Plan.Update update : bulk.updates()) {
            long id = update.existing().id();
            if (ok.contains(id)) {
                ledger.record(update.desired(), Outcome.UPDATED, id, null, null);
                TogglTask t = update.existing();
                writes.wrote(t.written(t.name(), bulk.estimatedSeconds(), bulk.active() == null ? t.active() : bulk.active()));
            } else {
                ledger.record(update.desired(), Outcome.FAILED, id, 200, patchRefusal(failed, id));
                writes.doubtState();
            }
        }
        writes.progress().countDone();
    }

    /** The newest tasks of a project, where creates refused for a taken name are looked for. */
    public void lookedUp(@Body TaskPage page, @ExchangeProperty(WriteCall.PROPERTY) WriteCall.Lookup call,
            @ExchangeProperty(RunWrites.PROPERTY) RunWrites writes) {
        LostCreates.Resolved resolved = writes.lostCreates.resolve(call.projectId(), page.tasks(), writes.ledger());
        writes.progress().countDone(resolved.accounted());
        if (resolved.takenByAnother() > 0) {
            writes.doubtState();   // a name the state thought free
        }
    }

    /** Accounts every record of a call that was not written (failed, or deferred) with one outcome. */
    static void all(RunWrites writes, WriteCall call, Outcome outcome, Integer status, String reason) {
        Ledger ledger = writes.ledger();
        if (call instanceof WriteCall.Create c) {
            ledger.record(c.record(), outcome, null, status, reason);
        } else if (call instanceof WriteCall.Update u) {
            ledger.record(u.update().desired(), outcome, u.update().existing().id(), status, reason);
        } else if (call instanceof WriteCall.Delete d) {
            ledger.missing(d.task(), outcome, status, reason);
        } else if (call instanceof WriteCall.Patch p) {
            p.bulk().flips().forEach(f -> flip(ledger, f, outcome, status, reason));
            p.bulk().updates().forEach(u -> ledger.record(u.desired(), outcome, u.existing().id(), status, reason));
        } else if (call instanceof WriteCall.Lookup l) {
            writes.lostCreates.abandon(l.projectId(), ledger, outcome, status, reason);
        }
    }

    private static String patchRefusal(Map<Long, String> failed, long id) {
        return failed.containsKey(id) ? "PATCH refused for this task: " + failed.get(id) : "PATCH answer did not confirm this task";
    }

    private static void flip(Ledger ledger, Plan.Flip flip, Outcome outcome, Integer status, String reason) {
        if (flip.desired() != null) {
            ledger.record(flip.desired(), outcome, flip.existing().id(), status, reason);
        } else {
            ledger.missing(flip.existing(), outcome, status, reason);
        }
    }
}
