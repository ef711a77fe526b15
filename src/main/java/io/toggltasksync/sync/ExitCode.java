package io.toggltasksync.sync;

/** The exit codes of a run, as scripts and Kubernetes see them. */
public final class ExitCode {

    /** Everything is in sync (or, in a dry run, would be). */
    public static final int IN_SYNC = 0;
    /** The run finished, but some records were rejected, failed or deferred, or the guard tripped. */
    public static final int INCOMPLETE = 1;
    /** The run could not run: configuration, an unreadable source, Toggl refused or unreachable. */
    public static final int CANNOT_RUN = 2;

    private ExitCode() {
    }
}
