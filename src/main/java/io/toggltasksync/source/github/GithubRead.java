package io.toggltasksync.source.github;

import java.util.List;

/**
 * What a read of {@code direct:github-source} leaves besides its {@code SourceBatch} (exchange property
 * {@value #PROPERTY}): whether it was whole, the cursor for the next read, and what it cost.
 *
 * @param whole               every repository's every issue was read (no {@code since}, no 304): the batch is the desired
 *                            set, and an issue not in it is missing; false: only the issues changed since the cursor
 * @param cursor              what the next read starts from
 * @param calls               requests sent (retries included)
 * @param unchanged           the repositories GitHub answered 304 (nothing changed; no rate limit spent)
 * @param pullRequestsSkipped items that were pull requests (GitHub lists them with the issues)
 * @param readAgain           the repositories read a second time from their first page (an issue came twice: the list
 *                            shifted while it was read)
 */
public record GithubRead(boolean whole, GithubCursor cursor, long calls, List<String> unchanged, int pullRequestsSkipped,
        List<String> readAgain) {

    public static final String PROPERTY = "githubRead";

    public GithubRead {
        unchanged = List.copyOf(unchanged);
        readAgain = List.copyOf(readAgain);
    }
}
