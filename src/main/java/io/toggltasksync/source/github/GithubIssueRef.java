package io.toggltasksync.source.github;

/**
 * One issue to read again (a webhook's {@code issues} event): its repository and number (exchange property
 * {@value #PROPERTY} of {@code direct:github-issue}).
 */
public record GithubIssueRef(GithubRepo repo, long number) {

    public static final String PROPERTY = "githubIssue";
}
