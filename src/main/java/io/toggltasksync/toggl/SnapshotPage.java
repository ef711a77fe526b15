package io.toggltasksync.toggl;

/** One page of a project's task listing to read (exchange property {@value #PROPERTY}). */
public record SnapshotPage(long projectId, int page, TogglRequest request) {

    public static final String PROPERTY = "snapshotPage";

    /** @param since null: every task of the project; else only those changed since (UNIX seconds) */
    static SnapshotPage of(TogglSession session, long projectId, int page, Long since) {
        return new SnapshotPage(projectId, page, TogglRequest.get(TogglPaths.workspaceTasks(session.workspaceId()),
                TogglPaths.listQuery(projectId, page, session.pageSize(), since)));
    }
}
