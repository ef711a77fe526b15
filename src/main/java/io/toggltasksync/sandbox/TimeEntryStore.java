package io.toggltasksync.sandbox;

import io.toggltasksync.model.TimeEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The sandbox's time entries by id, set by the test and bench hooks of {@link TogglSandbox} (there is
 * no write endpoint: the sync only reads them). Guarded by the sandbox's lock. Every write sets
 * {@code at} to now and {@code seconds} from start and stop, as Toggl keeps its duration, all in whole seconds.
 */
final class TimeEntryStore {

    private final InstantSource clock;
    private final TreeMap<Long, TimeEntry> entries = new TreeMap<>();
    private long nextId = TogglSandbox.FIRST_TIME_ENTRY_ID;

    TimeEntryStore(InstantSource clock) {
        this.clock = clock;
    }

    TimeEntry add(long workspaceId, long userId, String userName, Long projectId, Long taskId, String description,
            Instant start, Instant stop) {
        return store(new TimeEntry(nextId++, workspaceId, userId, userName, projectId, taskId, description, start, stop, 0, null));
    }

    /** Changes an entry (its id and workspace stay); null when there is none with this id. */
    TimeEntry update(long id, UnaryOperator<TimeEntry> change) {
        TimeEntry old = entries.get(id);
        if (old == null) {
            return null;
        }
        TimeEntry changed = Objects.requireNonNull(change.apply(old), "change");
        return store(new TimeEntry(id, old.workspaceId(), changed.userId(), changed.userName(), changed.projectId(), changed.taskId(),
                changed.description(), changed.start(), changed.stop(), 0, null));
    }

    boolean remove(long id) {
        return entries.remove(id) != null;
    }

    TimeEntry get(long id) {
        return entries.get(id);
    }

    /** Every entry, ordered by id. */
    Collection<TimeEntry> all() {
        return entries.values();
    }

    /** Puts back saved entries keeping their ids and {@code at}; later ids start above the largest. */
    void restore(List<TimeEntry> saved) {
        for (TimeEntry e : saved) {
            if (entries.containsKey(e.id())) {
                throw new IllegalArgumentException("time entry " + e.id() + " clashes with an existing entry");
            }
            entries.put(e.id(), e);
            nextId = Math.max(nextId, e.id() + 1);
        }
    }

    private TimeEntry store(TimeEntry e) {
        Objects.requireNonNull(e.start(), "start");
        if (e.stop() != null && e.stop().isBefore(e.start())) {
            throw new IllegalArgumentException("stop before start: " + e);
        }
        // Toggl keeps whole seconds; its duration is the seconds tracked, and while running minus the start's UNIX time
        Instant start = e.start().truncatedTo(ChronoUnit.SECONDS);
        Instant stop = e.stop() == null ? null : e.stop().truncatedTo(ChronoUnit.SECONDS);
        long seconds = stop == null ? -start.getEpochSecond() : Duration.between(start, stop).toSeconds();
        TimeEntry stored = new TimeEntry(e.id(), e.workspaceId(), e.userId(), e.userName(), e.projectId(), e.taskId(),
                e.description(), start, stop, seconds, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        entries.put(stored.id(), stored);
        return stored;
    }
}
