package io.toggltasksync.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tracker a run reads its desired set from: the contract between the run's core and a source. A
 * source is an application-scoped CDI bean implementing this; {@link SourceRegistry} finds it by
 * {@link #name()} (the value of {@code sync.source}). The core sends the run to {@link #route()},
 * which must leave a {@code SourceBatch} as the body (with the source's {@code IdentityRule}), and asks
 * the source, never a type of its own, how this run reads ({@link #read}): whole or from a cursor, and
 * what it leaves for the next run. The cursor is the source's alone: the sync state keeps it under the
 * source's name as the source wrote it.
 */
public interface TaskSource {

    /** Its name: what {@code sync.source} says to pick it, the start of its routes' names, its key in the sync state. */
    String name();

    /** The route that reads the desired set: {@code direct:<name>-source}. */
    default String route() {
        return "direct:" + name() + "-source";
    }

    /** The route that applies one of its events ({@code SourceEvent}): {@code direct:<name>-event}. */
    default String eventRoute() {
        return "direct:" + name() + "-event";
    }

    /** Its name as log lines and reasons show it ({@code Jira event ABC-1: applied}). */
    default String title() {
        return name().isEmpty() ? name() : Character.toUpperCase(name().charAt(0)) + name().substring(1);
    }

    /** Why an event's record changes nothing: the source's selection (its query) does not select it. */
    default String notSelected(String externalId) {
        return title() + " does not select " + externalId;
    }

    /**
     * Whether every run reads every record (a file): its run decides what is missing whatever the Toggl sweep. A
     * source that reads incrementally between sweeps answers false: its whole read decides only in a run that sweeps.
     */
    default boolean readsWholeEveryRun() {
        return false;
    }

    /**
     * Why the cursor the last run left (null: none) cannot serve an incremental read, so the run sweeps; null when it
     * can. Never throws: the cursor comes from a file, which may hold anything.
     */
    String cursorUnusable(JsonNode cursor, long nowEpochSecond);

    /**
     * This run's read.
     *
     * @param cursor what the last run left ({@link #cursorUnusable} found it usable), null: read every record
     * @param nowEpochSecond when the run began, by this machine's clock
     */
    SourceRead read(JsonNode cursor, long nowEpochSecond);
}
