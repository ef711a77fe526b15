package io.toggltasksync.toggl;

/** 401/403: the token was refused, or has no access to the workspace or project. */
public class TogglAuthException extends TogglException {
    public TogglAuthException(int status, String message) {
        super(status, message);
    }
}
