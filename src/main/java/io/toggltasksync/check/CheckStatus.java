package io.toggltasksync.check;

/** How one line of the checklist came out; the worst line decides the exit code. */
public enum CheckStatus {
    /** Nothing to do. */
    PASSED("ok", "passed"),
    /** A sync would run, but not as well as it could (rejected rows, a quota nearly spent, many hourly runs). */
    WARNING("warn", "warning"),
    /** A sync would stop (exit 2) or could not do its work: fix this first. */
    FAILED("FAIL", "failed");

    private final String mark;
    private final String label;

    CheckStatus(String mark, String label) {
        this.mark = mark;
        this.label = label;
    }

    /** The short mark of the text checklist. */
    public String mark() {
        return mark;
    }

    /** The word of the JSON report. */
    public String label() {
        return label;
    }
}
