package io.toggltasksync.source.github;

/**
 * One GitHub read of the preflight ({@code --check}), sent through {@code github-call} as a sync's reads are: the path
 * below {@code github.api-url}, and the repository its refusal is worded for.
 */
public record GithubCall(String path, GithubRepo repo) {

    /** The exchange property that carries it into {@code githubSourceReader.beginCall}. */
    public static final String PROPERTY = "githubCall";

    /**
     * {@code GET /rate_limit}: answers any valid token whatever its scopes (a bad one is refused with 401), and costs no
     * rate limit; its body says what is left.
     */
    public static GithubCall rateLimit(GithubSettings settings) {
        return new GithubCall("/rate_limit", settings.repos().get(0));
    }

    /** {@code GET /repos/{owner}/{repo}}: the repository as the token sees it (404 when it cannot). */
    public static GithubCall repository(GithubRepo repo) {
        return new GithubCall("/repos/" + repo.owner() + "/" + repo.name(), repo);
    }
}
