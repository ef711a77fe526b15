package io.toggltasksync.apply;

/**
 * Tells a run to stop calling Toggl (quota spent, shutdown): what is left is deferred to the next
 * run. The first reason given stays.
 */
public final class StopSignal {

    private volatile String reason;

    public synchronized void stop(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean isStopped() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }
}
