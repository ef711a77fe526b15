package io.toggltasksync.source;

/**
 * A tracker a run reads its desired set from: the contract between the run's core and a source. A
 * source is an application-scoped CDI bean implementing this; {@link SourceRegistry} finds it by
 * {@link #name()} (the value of {@code sync.source}). The core sends the run to {@link #route()},
 * which must leave a {@code SourceBatch} as the body, and asks the source, never a type of its own,
 * how this run reads ({@link #read}).
 */
public interface TaskSource {

    /** Its name: what {@code sync.source} says to pick it, the start of its routes' names, its key in the sync state. */
    String name();

    /** The route that reads the desired set: {@code direct:<name>-source}. */
    default String route() {
        return "direct:" + name() + "-source";
    }
}
