package io.toggltasksync.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TaskPayload;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.toggl.Json;
import io.toggltasksync.toggl.TogglApi;
import io.toggltasksync.toggl.PageRef;
import io.toggltasksync.toggl.TogglCall;
import io.toggltasksync.toggl.TogglClientException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TaskPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * Turns a plan into Toggl calls and accounts each answer. Order: deletions (they free names),
 * updates (renames and lone re-estimates as PUTs, re-estimates to a shared value in bulk PATCH
 * calls), creates, then the active flips in bulk PATCH calls.
 */
@ApplicationScoped
@Named("planApplier")
public class PlanApplier {

    private static final Logger LOG = Logger.getLogger(PlanApplier.class);
    private static final Pattern NAME_TAKEN = Pattern.compile("(?i)(already|taken|exists)");
    private static final Pattern PATCH_LIMIT = Pattern.compile("(?i)limited to (\\d+)");

    /**
     * Creates refused because the name exists, by project: resolved by reading one page of that
     * project's newest tasks (a create whose answer was lost is among the newest).
     */
    private final Map<RunContext, Map<Long, List<Pending>>> lookups = new java.util.concurrent.ConcurrentHashMap<>();

    private record Pending(SourceTask record, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PatchResult(List<Long> success, List<PatchFailure> failure) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PatchFailure(Long id, String message) {
    }

    public void queue(@ExchangeProperty("run") RunContext run) {
        Plan plan = run.plan();
        long wid = run.settings().workspaceId();
        int calls = 0;
        for (TogglTask task : plan.deletions()) {
            run.enqueue(new TogglCall(TogglCall.Kind.DELETE, "DELETE", taskPath(wid, task.projectId()) + "/" + task.id(), null, null, task));
            calls++;
        }
        PatchBatches.Updates updates = PatchBatches.updates(plan.updates(), run.patchLimit(), run.settings().patchEstimates());
        for (Plan.Update update : updates.puts()) {
            run.enqueue(putCall(wid, update));
            calls++;
        }
        for (PatchBatches.Batch batch : updates.batches()) {
            run.enqueue(patchCall(wid, batch));
            calls++;
        }
        for (SourceTask record : plan.creates()) {
            run.enqueue(new TogglCall(TogglCall.Kind.CREATE, "POST", taskPath(wid, record.projectId()), null, TaskPayload.of(record), record));
            calls++;
        }
        for (PatchBatches.Batch batch : PatchBatches.of(plan.flips(), run.patchLimit())) {
            run.enqueue(patchCall(wid, batch));
            calls++;
        }
        run.writesPlanned(calls);
        if (run.quotaRemaining() != null && calls > run.quotaRemaining()) {
            LOG.warnf("The plan needs %d write call(s) and Toggl's hourly quota has %d left (it resets in %d s): "
                    + "what fits is written now, the rest is deferred to the next runs", calls, run.quotaRemaining(), run.quotaResetsInNow());
        }
    }

    /** Once the run is stopped (quota spent, shutdown), calls are deferred instead of sent. */
    public boolean isStopped(@ExchangeProperty("run") RunContext run) {
        return run.isStopped();
    }

    public boolean hasWork(@ExchangeProperty("run") RunContext run) {
        return run.hasWork();
    }

    /** Takes every queued call, in order, for one round of the split. */
    public List<TogglCall> drain(@ExchangeProperty("run") RunContext run) {
        List<TogglCall> calls = new ArrayList<>();
        TogglCall call;
        while ((call = run.pollWork()) != null) {
            calls.add(call);
        }
        return calls;
    }

    /**
     * Answers the call to send: a PATCH larger than the entry limit learned from Toggl is split; a
     * re-estimate PATCH after Toggl refused one becomes a PUT per task.
     */
    public TogglCall beforeCall(@ExchangeProperty("run") RunContext run, @ExchangeProperty("togglCall") TogglCall call) {
        if (call.kind() != TogglCall.Kind.PATCH) {
            return call;
        }
        long wid = run.settings().workspaceId();
        PatchBatches.Batch batch = call.batch();
        List<TogglCall> parts;
        if (batch.setsEstimate() && run.estimatePatchRefused()) {
            parts = batch.updates().stream().map(u -> putCall(wid, u)).toList();
        } else if (batch.size() > run.patchLimit()) {
            parts = batch.split(run.patchLimit()).stream().map(b -> patchCall(wid, b)).toList();
        } else {
            return call;
        }
        for (int i = parts.size() - 1; i >= 1; i--) {
            run.enqueueFirst(parts.get(i));
        }
        run.writesPlanned(run.writesPlanned() + parts.size() - 1);
        return parts.get(0);
    }

    public void onSuccess(Exchange exchange) throws Exception {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        String body = exchange.getMessage().getBody(String.class);
        Ledger ledger = run.ledger();
        switch (call.kind()) {
            case CREATE -> {
                TogglTask created = Json.MAPPER.readValue(body, TogglTask.class);
                ledger.record(call.createdRecord(), Outcome.CREATED, created.id(), null, null);
            }
            case UPDATE -> ledger.record(call.update().desired(), Outcome.UPDATED);
            case DELETE -> ledger.missing((TogglTask) call.subject(), Outcome.DELETED, null, null);
            case PATCH -> accountPatch(ledger, call.batch(), Json.MAPPER.readValue(body, PatchResult.class));
            case LOOKUP_PAGE -> acceptLookupPage(run, call, body);
            default -> throw new IllegalStateException("unexpected call in apply: " + call.kind());
        }
        if (call.kind() != TogglCall.Kind.LOOKUP_PAGE) {
            run.writeDone();
        }
    }

    /** A call failed for good (client error, or retries exhausted): account its items as failed. */
    public void onFailure(Exchange exchange) {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer status = error instanceof TogglException te ? te.status() : null;
        String reason = Secrets.mask(describe(error), run.settings().secrets());

        if (call.kind() == TogglCall.Kind.CREATE && error instanceof TogglClientException && status == 400
                && NAME_TAKEN.matcher(reason).find()) {
            // Likely our own earlier attempt whose answer was lost: look the task up instead of failing.
            startLookup(run, call.createdRecord(), reason);
            return;
        }
        boolean retried = exchange.getProperty(TogglApi.ATTEMPTS, 0, Integer.class) > 1;
        if (call.kind() == TogglCall.Kind.DELETE && error instanceof TogglClientException && retried
                && (status == 404 || (status == 400 && reason.toLowerCase().contains("task")))) {
            // The first attempt's answer was lost after Toggl deleted the task: the goal is reached.
            LOG.infof("Task %d was already gone on the retry of its DELETE: counted as deleted", ((TogglTask) call.subject()).id());
            run.ledger().missing((TogglTask) call.subject(), Outcome.DELETED, null, null);
            run.writeDone();
            return;
        }
        if (call.kind() == TogglCall.Kind.PATCH && error instanceof TogglClientException && status == 400) {
            Matcher m = PATCH_LIMIT.matcher(reason);
            int size = call.batch().size();
            if (m.find() || reason.toLowerCase().contains("limit")) {
                int limit = m.find(0) ? Integer.parseInt(m.group(1)) : size / 2;
                if (size > 1 && limit < size) {
                    LOG.infof("Toggl limits PATCH to %d entries: splitting the batch of %d", limit, size);
                    run.patchLimit(limit);
                    run.enqueueFirst(call);
                    return;
                }
            }
            if (call.batch().setsEstimate()) {
                // Only /active is documented as a PATCH path: if Toggl refuses this one, the
                // re-estimates go one PUT each (beforeCall turns this and later batches into PUTs).
                LOG.warnf("Toggl refused a bulk PATCH of estimated_seconds (%s): this run sends re-estimates one PUT each; "
                        + "set toggl.patch-estimates=false (TOGGL_PATCH_ESTIMATES) to skip the attempt", reason);
                run.refuseEstimatePatch();
                run.enqueueFirst(call);
                return;
            }
        }
        LOG.warnf("Failed: %s: %s", call.describe(), reason);
        if (call.kind() == TogglCall.Kind.LOOKUP_PAGE) {
            failLookup(run, ((PageRef) call.subject()).projectId(), "name already taken, and looking the task up failed: " + reason, status);
            return;
        }
        account(run, call, Outcome.FAILED, status, reason);
        run.writeDone();
    }

    /** The hourly quota is spent: stop calling Toggl; this call and all queued ones are deferred. */
    public void onQuotaStop(Exchange exchange) {
        RunContext run = exchange.getProperty("run", RunContext.class);
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        run.stop(describe(error));
        LOG.warnf("Stopping: %s. What is left is deferred to the next run.", run.stopReason());
        defer(exchange);
    }

    /** Accounts the items of a call that is not sent because the run stopped. */
    public void defer(Exchange exchange) {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        if (call.kind() == TogglCall.Kind.LOOKUP_PAGE) {
            failLookup(run, ((PageRef) call.subject()).projectId(), null, null);
            return;
        }
        run.countDeferredCall(call);
        account(run, call, Outcome.DEFERRED, null, run.stopReason());
    }

    private void account(RunContext run, TogglCall call, Outcome outcome, Integer status, String reason) {
        Ledger ledger = run.ledger();
        switch (call.kind()) {
            case CREATE -> ledger.record(call.createdRecord(), outcome, null, status, reason);
            case UPDATE -> ledger.record(call.update().desired(), outcome, call.update().existing().id(), status, reason);
            case DELETE -> ledger.missing((TogglTask) call.subject(), outcome, status, reason);
            case PATCH -> {
                call.batch().flips().forEach(f -> accountFlip(ledger, f, outcome, status, reason));
                call.batch().updates().forEach(u -> ledger.record(u.desired(), outcome, u.existing().id(), status, reason));
            }
            default -> throw new IllegalStateException("cannot account " + call.kind());
        }
    }

    private static void accountPatch(Ledger ledger, PatchBatches.Batch batch, PatchResult result) {
        Set<Long> ok = result.success() == null ? Set.of() : Set.copyOf(result.success());
        Map<Long, String> failed = result.failure() == null ? Map.of()
                : result.failure().stream().filter(f -> f.id() != null)
                        .collect(Collectors.toMap(PatchFailure::id, f -> String.valueOf(f.message()), (a, b) -> a));
        for (Plan.Flip flip : batch.flips()) {
            long id = flip.existing().id();
            if (ok.contains(id)) {
                accountFlip(ledger, flip, flip.active() ? Outcome.ACTIVATED : Outcome.DEACTIVATED, null, null);
            } else {
                accountFlip(ledger, flip, Outcome.FAILED, 200, patchRefusal(failed, id));
            }
        }
        for (Plan.Update update : batch.updates()) {
            long id = update.existing().id();
            if (ok.contains(id)) {
                ledger.record(update.desired(), Outcome.UPDATED, id, null, null);
            } else {
                ledger.record(update.desired(), Outcome.FAILED, id, 200, patchRefusal(failed, id));
            }
        }
    }

    private static String patchRefusal(Map<Long, String> failed, long id) {
        return failed.containsKey(id) ? "PATCH refused for this task: " + failed.get(id) : "PATCH answer did not confirm this task";
    }

    private static void accountFlip(Ledger ledger, Plan.Flip flip, Outcome outcome, Integer status, String reason) {
        if (flip.desired() != null) {
            ledger.record(flip.desired(), outcome, flip.existing().id(), status, reason);
        } else {
            ledger.missing(flip.existing(), outcome, status, reason);
        }
    }

    // ---- lost-answer resolution ----

    private synchronized void startLookup(RunContext run, SourceTask record, String reason) {
        Map<Long, List<Pending>> byProject = lookups.computeIfAbsent(run, r -> new HashMap<>());
        List<Pending> pending = byProject.get(record.projectId());
        if (pending == null) {
            pending = new ArrayList<>();
            byProject.put(record.projectId(), pending);
            run.enqueueFirst(new TogglCall(TogglCall.Kind.LOOKUP_PAGE, "GET", "/workspaces/" + run.settings().workspaceId() + "/tasks",
                    TogglApi.newestFirstQuery(record.projectId(), run.settings().pageSize()), null, new PageRef(record.projectId(), 1)));
        }
        pending.add(new Pending(record, reason));
    }

    private synchronized void acceptLookupPage(RunContext run, TogglCall call, String body) throws Exception {
        long projectId = ((PageRef) call.subject()).projectId();
        List<TogglTask> newest = Json.MAPPER.readValue(body, TaskPage.class).tasks().stream()
                .filter(t -> t.projectId() == projectId).toList();
        for (Pending p : lookups.get(run).remove(projectId)) {
            SourceTask record = p.record();
            TogglTask match = newest.stream().filter(t -> t.name().equals(record.name())).findFirst().orElse(null);
            boolean ours = match != null && (!match.hasIntegrationFields()
                    || (record.provider().id().equalsIgnoreCase(match.integrationProvider())
                            && record.externalId().equals(match.integrationExtId())));
            if (ours) {
                LOG.infof("Task '%s' already existed as %d (an earlier answer was lost): counted as created", record.name(), match.id());
                run.ledger().record(record, Outcome.CREATED, match.id(), null, null);
            } else {
                run.ledger().record(record, Outcome.FAILED, match == null ? null : match.id(), 400, p.reason()
                        + (match == null ? "" : " (by task " + match.id() + ", not linked to this record)"));
            }
            run.writeDone();
        }
    }

    /** The lookup could not be made: its creates fail with {@code reason}, or are deferred when it is null. */
    private synchronized void failLookup(RunContext run, long projectId, String reason, Integer status) {
        List<Pending> pending = lookups.getOrDefault(run, Map.of()).remove(projectId);
        if (pending == null) {
            return;
        }
        for (Pending p : pending) {
            if (reason == null) {
                run.ledger().record(p.record(), Outcome.DEFERRED, null, null, run.stopReason());
            } else {
                run.ledger().record(p.record(), Outcome.FAILED, null, status, reason);
            }
        }
    }

    /** Called when a run ends, so no lookup state outlives it. */
    public void forget(RunContext run) {
        lookups.remove(run);
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

    private static String taskPath(long workspaceId, long projectId) {
        return "/workspaces/" + workspaceId + "/projects/" + projectId + "/tasks";
    }

    private static TogglCall putCall(long workspaceId, Plan.Update update) {
        TogglTask t = update.existing();
        return new TogglCall(TogglCall.Kind.UPDATE, "PUT", taskPath(workspaceId, t.projectId()) + "/" + t.id(), null,
                TaskPayload.of(update.desired()), update);
    }

    private static TogglCall patchCall(long workspaceId, PatchBatches.Batch batch) {
        String ids = batch.taskIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        return new TogglCall(TogglCall.Kind.PATCH, "PATCH", taskPath(workspaceId, batch.projectId()) + "/" + ids, null,
                batch.operations(), batch);
    }
}
