package io.toggltasksync.source.github;

/**
 * What a read of {@code direct:github-issue} found besides its one-task (or empty) {@code SourceBatch} (exchange
 * property {@value #PROPERTY}).
 */
public record GithubIssueRead(GithubIssueRef issue, Found found) {

    public static final String PROPERTY = "githubIssueRead";

    public enum Found {
        /** The issue as GitHub has it now: the batch holds its task, or its rejection. */
        ISSUE,
        /** A pull request: not a task (the batch is empty). */
        PULL_REQUEST,
        /** An issue without every label {@code github.labels} asks for: out of the selection, as the list would leave it out. */
        NOT_SELECTED,
        /** 404 (deleted, or transferred where the token cannot see), 410 (deleted), 301 (transferred): gone from the repository. */
        GONE
    }
}
