package io.toggltasksync.source.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class JiraErrorsTest {

    @Test
    void unauthorizedNamesTheCredentialSettingsNotTheirValues() {
        String message = JiraErrors.message(401, "{\"errorMessages\":[\"You are not authenticated.\"]}", null);

        assertThat(message).isEqualTo("jira.user/jira.token (JIRA_USER/JIRA_TOKEN) were refused (HTTP 401)");
    }

    @Test
    void forbiddenNamesTheCredentialSettings() {
        assertThat(JiraErrors.message(403, "<html>CAPTCHA required</html>", null))
                .isEqualTo("jira.user/jira.token (JIRA_USER/JIRA_TOKEN) were refused (HTTP 403)");
    }

    @Test
    void aRefusedWorklogCallNamesTheCallAndJirasReasonButALoginOnlyTheSettings() {
        String call = "POST /rest/api/3/issue/ABC-1/worklog";
        String detail = JiraErrors.detail("{\"errorMessages\":[],\"errors\":{\"timeLogged\":\"Time tracking is not enabled\"}}");

        assertThat(JiraErrors.refusal(call, 400, detail)).isEqualTo("Jira refused " + call + " (HTTP 400): Time tracking is not enabled");
        assertThat(JiraErrors.refusal(call, 403, "no permission")).isEqualTo("Jira refused " + call + " (HTTP 403): no permission");
        assertThat(JiraErrors.refusal(call, 401, "Basic ***")).isEqualTo("jira.user/jira.token (JIRA_USER/JIRA_TOKEN) were refused (HTTP 401) on " + call);
    }

    @Test
    void goneSaysAtlassianRemovedTheEndpointAndPointsToTheCloudDeployment() {
        String message = JiraErrors.message(410, "{\"errorMessages\":[\"The requested API has been removed. Please migrate to"
                + " the /rest/api/3/search/jql API. A full migration guideline is available at"
                + " https://developer.atlassian.com/changelog/#CHANGE-2046\"],\"errors\":{}}", null);

        assertThat(message).contains("410").contains("Atlassian removed")
                .contains("jira.deployment=cloud").contains("/rest/api/3/search/jql").doesNotContain("\n");
    }

    @Test
    void badJqlShowsJirasErrorMessages() {
        String body = "{\"errorMessages\":[\"Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'ALPHA'."
                + " (line 1, character 11)\"],\"errors\":{},\"warningMessages\":[]}";

        assertThat(JiraErrors.message(400, body, null)).isEqualTo("Jira refused the search (HTTP 400): Error in the JQL"
                + " Query: Expecting either 'OR' or 'AND' but got 'ALPHA'. (line 1, character 11)");
    }

    @Test
    void badRequestJoinsErrorMessagesAndErrorValues() {
        String body = "{\"errorMessages\":[\"The value 'NOPE' does not exist for the field 'project'.\"],"
                + "\"errors\":{\"maxResults\":\"must be\\nbetween 1 and 5000\"}}";

        assertThat(JiraErrors.message(400, body, null)).isEqualTo("Jira refused the search (HTTP 400): The value 'NOPE'"
                + " does not exist for the field 'project'.; must be between 1 and 5000");
    }

    @Test
    void badRequestWithoutJiraErrorsShowsTheSummarizedBody() {
        assertThat(JiraErrors.message(400, "<html><body><p>Bad\n request</p></body></html>", null))
                .isEqualTo("Jira refused the search (HTTP 400): Bad request");
        assertThat(JiraErrors.message(400, "{\"errorMessages\":[],\"errors\":{}}", null))
                .isEqualTo("Jira refused the search (HTTP 400): {\"errorMessages\":[],\"errors\":{}}");
        assertThat(JiraErrors.message(400, null, null)).isEqualTo("Jira refused the search (HTTP 400): (empty body)");
    }

    @Test
    void notFoundSaysToCheckTheUrl() {
        assertThat(JiraErrors.message(404, "<html>Oops, you've found a dead link.</html>", null))
                .startsWith("Jira answered 404 Not Found").contains("check jira.url");
    }

    @Test
    void tooManyRequestsGivesTheWaitWhenKnown() {
        assertThat(JiraErrors.message(429, "Rate limit exceeded", "30"))
                .isEqualTo("Jira is rate limiting (HTTP 429), retry after 30 s: Rate limit exceeded");
        assertThat(JiraErrors.message(503, "", null)).isEqualTo("Jira is unavailable (HTTP 503): (empty body)");
    }

    @Test
    void otherStatusesShowTheSummarizedBody() {
        assertThat(JiraErrors.message(500, "{\"errorMessages\":[\"Internal server error\"]}", null))
                .isEqualTo("Jira search failed (HTTP 500): Internal server error");
    }

    @Test
    void credentialsEchoedInABodyAreMasked() {
        String message = JiraErrors.message(502, "proxy refused Authorization: Basic dXNlckBleGFtcGxlLmNvbTpzZWNyZXQ=", null);

        assertThat(message).doesNotContain("dXNlckBleGFtcGxlLmNvbTpzZWNyZXQ=").contains("Basic ***");
        assertThat(JiraErrors.message(400, "{\"errorMessages\":[\"bad header Bearer abc.def-ghi\"]}", null))
                .doesNotContain("abc.def-ghi");
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(JiraErrors.retryAfterMillis("120")).isEqualTo(120_000L);
        assertThat(JiraErrors.retryAfterMillis(" 0 ")).isZero();
    }

    @Test
    void retryAfterAsHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-07-14T15:42:00Z"), ZoneOffset.UTC);

        assertThat(JiraErrors.retryAfterMillis("Mon, 14 Jul 2025 15:42:45 GMT", clock)).isEqualTo(45_000L);
        assertThat(JiraErrors.retryAfterMillis("Mon, 14 Jul 2025 15:41:00 GMT", clock)).isZero();
    }

    @Test
    void retryAfterAbsentOrUnparseableIsNull() {
        assertThat(JiraErrors.retryAfterMillis(null)).isNull();
        assertThat(JiraErrors.retryAfterMillis("")).isNull();
        assertThat(JiraErrors.retryAfterMillis("-5")).isNull();
        assertThat(JiraErrors.retryAfterMillis("soon")).isNull();
        assertThat(JiraErrors.retryAfterMillis("1.5")).isNull();
    }
}
