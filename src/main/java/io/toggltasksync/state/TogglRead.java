package io.toggltasksync.state;

import io.toggltasksync.model.TogglTask;
import java.util.Collection;
import java.util.Set;

/**
 * What a run read of Toggl and wrote to it, as the next state needs it.
 *
 * @param fullSweep whether the run read every target task
 * @param projects the projects it read (in full, or what changed on top of the state)
 * @param tasks the tasks of {@code projects} as the run knew them when it planned
 * @param written the tasks its confirmed writes created or changed, as they left them
 * @param startedAt Toggl's time when the run began reading (the {@code Date} of its first answer, UNIX seconds), null when no answer carried one
 * @param newestAt the newest {@code at} among the tasks read, null when none was
 * @param deleted the tasks the run deleted
 */
public record TogglRead(boolean fullSweep, Set<Long> projects, Collection<TogglTask> tasks, Collection<TogglTask> written,
        Long startedAt, Long newestAt, Set<Long> deleted) {

    /**
     * Where the next run's {@code since} starts (before the overlap): Toggl's time when this run began
     * reading, for any change after it was unseen; without one, the newest change read, never behind
     * the last cursor (a run that read nothing learned nothing).
     */
    Long cursor(Long previous) {
        if (startedAt != null) {
            return startedAt;
        }
        if (previous != null && (newestAt == null || previous > newestAt)) {
            return previous;
        }
        return newestAt;
    }
}
