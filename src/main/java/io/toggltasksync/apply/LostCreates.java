package io.toggltasksync.apply;

import io.toggltasksync.support.ControlChars;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates refused because their name exists, by project, until one page of that project's newest
 * tasks tells whether the task is ours (an earlier attempt whose answer was lost) or another's.
 * One per run.
 */
final class LostCreates {

    private static final Logger LOG = Logger.getLogger(LostCreates.class);

    private record Pending(SourceTask record, String reason) {
    }

    private final Map<Long, List<Pending>> byProject = new HashMap<>();

    /** Adds a refused create; answers true when its project needs a lookup call (the first one refused there). */
    synchronized boolean add(SourceTask record, String reason) {
        List<Pending> pending = byProject.get(record.projectId());
        boolean first = pending == null;
        if (first) {
            pending = new ArrayList<>();
            byProject.put(record.projectId(), pending);
        }
        pending.add(new Pending(record, reason));
        return first;
    }

    /** What a lookup settled: how many refused creates, and how many of them were taken by another task. */
    record Resolved(int accounted, int takenByAnother) {
    }

    /**
     * The newest tasks of the project arrived: a task with the record's name that carries no
     * integration fields, or the record's own, is ours (created); another's is a conflict (failed).
     */
    synchronized Resolved resolve(long projectId, List<TogglTask> newest, Ledger ledger) {
        List<Pending> pending = byProject.remove(projectId);
        if (pending == null) {
            return new Resolved(0, 0);
        }
        int taken = 0;
        for (Pending p : pending) {
            SourceTask record = p.record();
            TogglTask match = newest.stream().filter(t -> t.projectId() == projectId && t.name().equals(record.name()))
                    .findFirst().orElse(null);
            boolean ours = match != null && (!match.hasIntegrationFields()
                    || (record.provider().id().equalsIgnoreCase(match.integrationProvider())
                            && record.externalId().equals(match.integrationExtId())));
            if (ours) {
                LOG.infof("Task '%s' already existed as %d (an earlier answer was lost): counted as created", ControlChars.escape(record.name()),
                        match.id());
                ledger.record(record, Outcome.CREATED, match.id(), null, null);
            } else {
                taken++;
                ledger.record(record, Outcome.FAILED, match == null ? null : match.id(), 400, p.reason()
                        + (match == null ? "" : " (by task " + match.id() + ", not linked to this record)"));
            }
        }
        return new Resolved(pending.size(), taken);
    }

    /** The lookup could not be made: its creates end as {@code outcome} with {@code reason}. */
    synchronized void abandon(long projectId, Ledger ledger, Outcome outcome, Integer status, String reason) {
        List<Pending> pending = byProject.remove(projectId);
        if (pending != null) {
            pending.forEach(p -> ledger.record(p.record(), outcome, null, status, reason));
        }
    }
}
