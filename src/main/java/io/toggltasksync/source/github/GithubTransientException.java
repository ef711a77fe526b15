package io.toggltasksync.source.github;

import io.toggltasksync.source.SourceTransientException;

/**
 * A GitHub answer worth sending again: a 5xx, or a rate limit waited for; the route's error handler
 * ({@code github-read-errors}) sends it again with backoff.
 */
public class GithubTransientException extends SourceTransientException {

    private final int status;

    public GithubTransientException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
