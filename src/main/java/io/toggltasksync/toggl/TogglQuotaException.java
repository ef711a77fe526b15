package io.toggltasksync.toggl;

/** 402 with quota headers and no reset within the allowed wait: stop calling Toggl in this run. */
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
