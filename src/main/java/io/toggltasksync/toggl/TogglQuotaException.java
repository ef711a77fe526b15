package io.toggltasksync.toggl;

/**
 * The hourly quota is spent (Toggl answered 402 with quota headers, or its last headers said none is
 * left) and it does not reset within the allowed wait: stop calling Toggl in this run.
 */
public class TogglQuotaException extends TogglException {
    private final long resetsInSeconds;

    public TogglQuotaException(long resetsInSeconds, String message) {
        super(402, message);
        this.resetsInSeconds = resetsInSeconds;
    }

    public long resetsInSeconds() {
        return resetsInSeconds;
    }
}
