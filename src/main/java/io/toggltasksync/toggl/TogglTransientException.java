package io.toggltasksync.toggl;

/** 429, 5xx: worth retrying after a pause. */
public class TogglTransientException extends TogglException {
    public TogglTransientException(int status, String message) {
        super(status, message);
    }
}
