package io.toggltasksync.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One run's read of its source, made by {@link TaskSource#read} and owned by the run: what the core asks of it
 * while the run goes on (and the source's routes see it through {@link #exchangeProperties()}).
 */
public interface SourceRead {

    /** Whether it reads every record the source selects: only then may the run find a record missing (gone). */
    boolean whole();

    /** The calls it made so far (the report's {@code <name>_calls}); empty for a source that makes none (a file). */
    OptionalLong calls();

    /** What the report's {@code sync_state} section says of it, by key (there prefixed with the source's name); empty: nothing. */
    Map<String, Object> reportState();

    /**
     * The cursor the next run reads from, for a run that began at {@code began} (this machine's clock); null: the source
     * keeps none (it reads whole every run). With a cursor, the state also keeps the run's desired set.
     */
    JsonNode nextCursor(long began);

    /**
     * The run's desired set from what the route read: the same for a whole read; after an incremental one, the records
     * the last run left ({@code known}) with what changed on top (a changed record now rejected leaves).
     */
    SourceBatch desiredSet(SourceBatch read, List<SourceTask> known);

    /**
     * The incremental {@link #desiredSet} of a source whose records are known by their external id: the records the last
     * run left, with the ones {@code read} changed on top (a changed record now rejected leaves), under {@code read}'s rule.
     */
    static SourceBatch changedOnTop(SourceBatch read, List<SourceTask> known) {
        Map<String, SourceTask> byId = new LinkedHashMap<>();
        known.forEach(r -> byId.put(r.externalId(), r));
        read.rejections().stream().filter(r -> r.externalId() != null).forEach(r -> byId.remove(r.externalId()));
        read.tasks().forEach(t -> byId.put(t.externalId(), t));
        return new SourceBatch(read.description() + " on top of the " + known.size() + " issue(s) the sync state knows",
                List.copyOf(byId.values()), read.rejections(), read.identityRule(), read.projects());
    }

    /** The exchange properties the source's routes find this read by. */
    Map<String, Object> exchangeProperties();

    /** The read of a source that reads every record each run and keeps nothing (a file). */
    SourceRead WHOLE = new SourceRead() {
        @Override
        public boolean whole() {
            return true;
        }

        @Override
        public OptionalLong calls() {
            return OptionalLong.empty();
        }

        @Override
        public Map<String, Object> reportState() {
            return Map.of();
        }

        @Override
        public JsonNode nextCursor(long began) {
            return null;
        }

        @Override
        public SourceBatch desiredSet(SourceBatch read, List<SourceTask> known) {
            return read;
        }

        @Override
        public Map<String, Object> exchangeProperties() {
            return Map.of();
        }
    };
}
