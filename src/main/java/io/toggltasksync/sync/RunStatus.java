package io.toggltasksync.sync;

/** How a run ended: in the report ({@link #text}) and as the {@code outcome} label of {@code sync_runs_total} ({@link #label}). */
public enum RunStatus {
    IN_SYNC("in sync", "in_sync"),
    INCOMPLETE("incomplete", "incomplete"),
    ABORTED("aborted", "aborted");

    private final String text;
    private final String label;

    RunStatus(String text, String label) {
        this.text = text;
        this.label = label;
    }

    public String text() {
        return text;
    }

    public String label() {
        return label;
    }
}
