package io.toggltasksync.toggl;

/**
 * One page of a project's task listing to read (exchange property {@value #PROPERTY}).
 *
 * @param sweep a page of the full sweep spread over runs (read whole, oldest first), not of the run's own read
 */
public record SnapshotPage(long projectId, int page, TogglRequest request, boolean sweep) {

    public static final String PROPERTY = "snapshotPage";

    /** This page's read: its answer is a {@link TaskPage}. */
    public TogglRead read() {
        return TogglRead.of(request, TaskPage.class);
    }

    /** @param since null: every task of the project; else only those changed since (UNIX seconds) */
    static SnapshotPage of(TogglSession session, long projectId, int page, Long since) {
        return new SnapshotPage(projectId, page, TogglRequest.get(TogglPaths.workspaceTasks(session.workspaceId()),
                TogglPaths.listQuery(projectId, page, session.pageSize(), since)), false);
    }

    /** A page of the spread sweep: every task of the project, in the listing's order (oldest first). */
    static SnapshotPage sweep(TogglSession session, long projectId, int page) {
        return new SnapshotPage(projectId, page, TogglRequest.get(TogglPaths.workspaceTasks(session.workspaceId()),
                TogglPaths.listQuery(projectId, page, session.pageSize(), null)), true);
    }
}
