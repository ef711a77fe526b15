package io.toggltasksync.source.github;

import io.toggltasksync.source.SourceException;

/**
 * GitHub refused a request with a status that sending it again would not change: a bad token (401), a repository that
 * does not exist or that the token cannot see (404), issues turned off (410), a repository moved (301), a token without
 * access (403 that is no rate limit). A configuration mistake: the run exits 2 and writes nothing. The message names
 * the repository, never the token.
 */
public class GithubRefused extends SourceException {

    private final int status;
    private final String repo;

    public GithubRefused(int status, String repo, String message) {
        super(message);
        this.status = status;
        this.repo = repo;
    }

    public int status() {
        return status;
    }

    /** {@code owner/repo} of the refused request. */
    public String repo() {
        return repo;
    }
}
