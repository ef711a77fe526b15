package io.toggltasksync.toggl;

/** Which page of which project's task listing a call reads. */
public record PageRef(long projectId, int page) {
}
