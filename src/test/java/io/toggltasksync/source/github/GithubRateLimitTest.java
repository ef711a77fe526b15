package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GitHub's rate limits on its own clock: the reset against the answer's Date, never this machine's. */
class GithubRateLimitTest {

    static final String DATE = "Mon, 07 Dec 2026 21:00:00 GMT";
    /** {@link #DATE} as an epoch second. */
    static final long AT = 1_796_677_200L;

    @Test
    void anAnswerWithSomeLeftAsksNoWait() {
        assertThat(GithubRateLimit.afterAnswer("12", "" + (AT + 600), DATE)).isNull();
        assertThat(GithubRateLimit.afterAnswer(null, null, DATE)).isNull();
    }

    @Test
    void theLastOneLeftWaitsUntilTheResetByGithubsClock() {
        // this machine's clock (years apart from the Date) plays no part
        assertThat(GithubRateLimit.afterAnswer("0", "" + (AT + 30), DATE).waitSeconds()).isEqualTo(31);
        assertThat(GithubRateLimit.afterAnswer("0", "" + (AT - 5), DATE).waitSeconds()).isEqualTo(1);
        assertThat(GithubRateLimit.afterAnswer("0", "" + (AT + 30), null).waitSeconds()).isEqualTo(GithubRateLimit.UNKNOWN);
    }

    @Test
    void aSecondaryLimitWaitsItsRetryAfter() {
        assertThat(GithubRateLimit.refusal(403, "20", "4000", null, DATE, "secondary rate limit").waitSeconds()).isEqualTo(20);
        assertThat(GithubRateLimit.refusal(429, "7", null, null, DATE, "").waitSeconds()).isEqualTo(7);
        assertThat(GithubRateLimit.refusal(429, "Mon, 07 Dec 2026 21:01:00 GMT", null, null, DATE, "").waitSeconds()).isEqualTo(60);
    }

    @Test
    void aSpentPrimaryLimitWaitsForItsReset() {
        GithubRateLimit limit = GithubRateLimit.refusal(403, null, "0", "" + (AT + 3600), DATE, "API rate limit exceeded");

        assertThat(limit.waitSeconds()).isEqualTo(3601);
        assertThat(limit.why()).contains("x-ratelimit-remaining: 0");
    }

    @Test
    void aLimitWithoutHeadersWaitsAMinuteAndAPermissionRefusalIsNone() {
        assertThat(GithubRateLimit.refusal(429, null, null, null, DATE, "").waitSeconds()).isEqualTo(60);
        assertThat(GithubRateLimit.refusal(403, null, "4999", null, DATE, "You have exceeded a secondary rate limit").waitSeconds()).isEqualTo(60);
        assertThat(GithubRateLimit.refusal(403, null, "4999", null, DATE, "Resource not accessible by personal access token")).isNull();
        assertThat(GithubRateLimit.refusal(404, "5", "0", null, DATE, "")).isNull();
    }
}
