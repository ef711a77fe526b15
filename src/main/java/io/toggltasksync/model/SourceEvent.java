package io.toggltasksync.model;

import java.time.Instant;

/**
 * A change a source announced for one of its records (a webhook delivery, or a burst of them for the same record),
 * as the run's core sees it: the run reads the record again from its source ({@code direct:<source>-event}) and
 * plans for its identity alone. Only the record's id is trusted; whether it is gone is the source's read to confirm.
 */
public interface SourceEvent {

    /** The exchange property of the event a run applies (absent in scheduled runs). */
    String PROPERTY = "issueEvent";

    /** The name of the source whose record changed (its {@code TaskSource.name()}). */
    String source();

    /** Whose record it is. */
    Provider provider();

    /** The record's id in its source ({@link SourceTask#externalId()}). */
    String externalId();

    /** A delivery said the record was deleted (confirmed only when the source finds no such record). */
    boolean deleted();

    /** When the first of its deliveries arrived. */
    Instant received();

    /** How many deliveries it stands for. */
    int deliveries();

    /**
     * This event and a later one for the same record, as one (the coalescing of a burst): the first receipt, the
     * deliveries added, and once a delivery said deleted it stays said.
     */
    SourceEvent and(SourceEvent later);

    /** The identity of the record's task. */
    default String identity() {
        return Identity.of(provider(), externalId());
    }
}
