package io.toggltasksync.sandbox;

import io.toggltasksync.model.TogglTask;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A task of the sandbox. Mutable and guarded by the sandbox's lock; once stored, a rename goes
 * through {@link TaskStore#rename} and every change ends with {@link TaskStore#touch}, so the
 * indexes and the cached views stay right.
 */
final class Task {

    /** Toggl formats timestamps with an explicit offset and whole seconds. */
    private static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    final long id;
    final long workspaceId;
    final long projectId;
    final Instant createdAt;
    String name;
    Long estimatedSeconds;
    boolean active = true;
    long userId = TogglSandbox.REQUESTER_USER_ID;
    String provider;
    String extType;
    String extId;
    Instant at;
    private Instant formattedAt;
    private String atText;

    Task(long id, long workspaceId, long projectId, String name, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.name = name;
        this.createdAt = createdAt;
        this.at = createdAt;
    }

    /** {@code at} as Toggl formats it, cached: formatting dominates a page of 200 otherwise. */
    String atText() {
        if (at != formattedAt) {
            atText = AT_FORMAT.format(at);
            formattedAt = at;
        }
        return atText;
    }

    TogglTask toModel() {
        return new TogglTask(id, workspaceId, projectId, name, estimatedSeconds, active, provider, extType, extId, atText());
    }
}
