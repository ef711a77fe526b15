package io.toggltasksync.source.github;

import io.toggltasksync.support.HttpRequests;
import java.util.Locale;

/**
 * GitHub's rate limits in an answer, on GitHub's clock: {@code x-ratelimit-reset} is an epoch second of GitHub's, so
 * the time left is measured against the answer's {@code Date}, never this machine's clock. Pure.
 *
 * @param waitSeconds how long to wait before the next request; {@link #UNKNOWN} when the answer does not say (no
 *                    {@code Date} to measure the reset against): never near
 * @param why         the limit, in words for the log and the stop's message
 */
record GithubRateLimit(long waitSeconds, String why) {

    static final long UNKNOWN = Long.MAX_VALUE;
    /** GitHub's advice for a secondary limit that names no {@code retry-after}: wait at least a minute. */
    static final long SECONDARY_WITHOUT_RETRY_AFTER = 60;

    /**
     * After an answer that was served (2xx, 304): the wait the primary limit asks before the next request, null when
     * some is left (or the answer does not say).
     */
    static GithubRateLimit afterAnswer(String remaining, String reset, String date) {
        Long left = number(remaining);
        if (left == null || left > 0) {
            return null;
        }
        return new GithubRateLimit(untilReset(reset, date), "the rate limit is spent (x-ratelimit-remaining: 0)");
    }

    /**
     * A 403 or 429: the wait it asks for when it is a rate limit ({@code retry-after}; {@code x-ratelimit-remaining: 0}
     * until {@code x-ratelimit-reset}; a 429, or a 403 that says "rate limit", without either: a minute), null when it is
     * not one (a 403 of permissions).
     */
    static GithubRateLimit refusal(int status, String retryAfter, String remaining, String reset, String date, String body) {
        if (status != 403 && status != 429) {
            return null;
        }
        if (retryAfter != null && !retryAfter.isBlank()) {
            return new GithubRateLimit(retryAfterSeconds(retryAfter.trim(), date), "a secondary rate limit (" + status + " with retry-after)");
        }
        Long left = number(remaining);
        if (left != null && left == 0) {
            return new GithubRateLimit(untilReset(reset, date), "the rate limit is spent (" + status + ", x-ratelimit-remaining: 0)");
        }
        if (status == 429 || body != null && body.toLowerCase(Locale.ROOT).contains("rate limit")) {
            return new GithubRateLimit(SECONDARY_WITHOUT_RETRY_AFTER, "a secondary rate limit (" + status + ")");
        }
        return null;
    }

    /** Seconds from the answer's {@code Date} to {@code reset}, 1 more (GitHub counts the reset second in); unknown without either. */
    private static long untilReset(String reset, String date) {
        Long at = number(reset);
        Long now = HttpRequests.epochSecond(date);
        if (at == null || now == null) {
            return UNKNOWN;
        }
        return Math.max(0, at - now) + 1;
    }

    /** {@code retry-after}: seconds (GitHub's form), or an HTTP date measured against the answer's {@code Date}. */
    private static long retryAfterSeconds(String value, String date) {
        Long seconds = number(value);
        if (seconds != null) {
            return Math.max(0, seconds);
        }
        Long at = HttpRequests.epochSecond(value);
        Long now = HttpRequests.epochSecond(date);
        return at == null || now == null ? UNKNOWN : Math.max(0, at - now);
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
