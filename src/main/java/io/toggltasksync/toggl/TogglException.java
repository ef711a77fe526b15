package io.toggltasksync.toggl;

/** A Toggl call that did not succeed; {@code status} is the HTTP status (0 when there was none). */
public abstract class TogglException extends RuntimeException {
    private final int status;

    protected TogglException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
