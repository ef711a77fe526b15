package io.toggltasksync.account;

import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts how every source record and every touched managed task ended. A record is accounted once:
 * a second outcome for the same record is a bug and fails loudly.
 */
public final class Ledger {

    /** One line of the dead letter file. */
    public record Entry(String kind, Long line, String externalId, String name, Long projectId, Long taskId, Integer status,
            String reason) {
    }

    public interface DeadLetterSink {
        void write(Entry entry);
    }

    private final Map<Outcome, Long> records = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Long> missing = new EnumMap<>(Outcome.class);
    private final Map<String, Outcome> accounted = new HashMap<>();
    private final DeadLetterSink deadLetters;

    public Ledger(DeadLetterSink deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** A line of the dead letter file that is no record's or task's (a worklog write that failed); not counted here. */
    public void deadLetter(Entry entry) {
        deadLetters.write(entry);
    }

    public synchronized void rejected(SourceRejection rejection) {
        records.merge(Outcome.REJECTED, 1L, Long::sum);
        deadLetters.write(new Entry("rejected", rejection.line(), rejection.externalId(), null, null, null, null, rejection.reason()));
    }

    public synchronized void record(SourceTask record, Outcome outcome) {
        record(record, outcome, null, null, null);
    }

    /** Accounts a source record; failures go to the dead letter file with the reason. */
    public synchronized void record(SourceTask record, Outcome outcome, Long taskId, Integer status, String reason) {
        Outcome earlier = accounted.putIfAbsent(record.identity(), outcome);
        if (earlier != null) {
            throw new IllegalStateException("record " + record.identity() + " accounted twice: " + earlier + " then " + outcome);
        }
        records.merge(outcome, 1L, Long::sum);
        if (outcome == Outcome.FAILED) {
            deadLetters.write(new Entry("failed", record.line(), record.externalId(), record.name(), record.projectId(), taskId, status, reason));
        }
    }

    /** Accounts a managed task that has no source record (vanished or moved). */
    public synchronized void missing(TogglTask task, Outcome outcome, Integer status, String reason) {
        missing.merge(outcome, 1L, Long::sum);
        if (outcome == Outcome.FAILED) {
            deadLetters.write(new Entry("failed", null, task.integrationExtId(), task.name(), task.projectId(), task.id(), status, reason));
        }
    }

    public synchronized boolean isAccounted(SourceTask record) {
        return accounted.containsKey(record.identity());
    }

    public synchronized long records(Outcome outcome) {
        return records.getOrDefault(outcome, 0L);
    }

    public synchronized long missing(Outcome outcome) {
        return missing.getOrDefault(outcome, 0L);
    }

    public synchronized long total(Outcome outcome) {
        return records(outcome) + missing(outcome);
    }

    public synchronized long recordsAccounted() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<Outcome, Long> recordCounts() {
        return new EnumMap<>(records);
    }

    public synchronized Map<Outcome, Long> missingCounts() {
        return new EnumMap<>(missing);
    }
}
