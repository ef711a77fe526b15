package io.toggltasksync.source.github;

import io.toggltasksync.source.SourceDeferred;

/**
 * GitHub's rate limit is spent and it does not reset (or its {@code retry-after} does not end) within
 * {@code github.rate-limit-max-wait}: the read stops, nothing of it is used, and the run is deferred to its next
 * turn (as with Toggl's spent quota). Not retried.
 */
public class GithubRateLimited extends SourceDeferred {

    private final long resetsInSeconds;

    public GithubRateLimited(long resetsInSeconds, String message) {
        super(message);
        this.resetsInSeconds = resetsInSeconds;
    }

    /** Seconds until GitHub allows requests again, by its own clock; {@link Long#MAX_VALUE} when it did not say. */
    public long resetsInSeconds() {
        return resetsInSeconds;
    }
}
