package io.toggltasksync.toggl;

/** Any other 4xx: retrying would get the same answer, so the record goes to the dead letter at once. */
public class TogglClientException extends TogglException {
    public TogglClientException(int status, String message) {
        super(status, message);
    }
}
