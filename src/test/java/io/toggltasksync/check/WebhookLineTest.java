package io.toggltasksync.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.TestSettings;
import org.junit.jupiter.api.Test;

/** The webhook receiver's line of the checklist: what to register in Jira, never the secret. */
class WebhookLineTest {

    static final String SECRET = "webhook-secret-0123456789abcdef";

    private static TestSettings jira(String... overrides) {
        return TestSettings.minimal().overrides(JiraFixture.cloudSettings("https://acme.atlassian.net", "project in (ALPHA, BETA)", 100))
                .overrides(overrides);
    }

    @Test
    void noSecretNoLine() {
        assertThat(WebhookLine.of(jira().load())).isNull();
    }

    @Test
    void withASchedulePassesAndSaysWhatToRegisterInJira() {
        CheckLine line = WebhookLine.of(jira("jira.webhook-secret=" + SECRET, "sync.schedule=0 */15 * * * ?").load());

        assertThat(line.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line.area()).isEqualTo("Jira webhooks");
        assertThat(line.detail()).contains("POST /webhooks/jira").contains("secret set (" + SECRET.length() + " characters)")
                .contains("within 500 ms applied once").contains("with the JQL 'project in (ALPHA, BETA)'")
                .contains("'0 */15 * * * ?'").doesNotContain(SECRET);
        assertThat(WebhookLine.of(jira("jira.webhook-secret=" + SECRET, "sync.schedule=0 */15 * * * ?", "jira.webhook-coalesce=2s").load())
                .detail()).contains("within 2000 ms");
    }

    @Test
    void withoutAScheduleWarnsThatLostDeliveriesWaitForAManualRun() {
        CheckLine line = WebhookLine.of(jira("jira.webhook-secret=" + SECRET).load());

        assertThat(line.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(line.detail()).contains("no schedule").contains("waits for a run started by hand").doesNotContain(SECRET);
        assertThat(line.fix()).contains("SYNC_SCHEDULE");
    }

    @Test
    void aGithubSourcesSecretSaysWhatToRegisterOnGithub() {
        TestSettings github = TestSettings.minimal().with("sync.source", "github");
        io.toggltasksync.testing.GithubFixture.values("", "acme/api", "github.webhook-secret=" + SECRET).forEach(github::with);

        CheckLine line = WebhookLine.of(github.load());

        assertThat(line.area()).isEqualTo("GitHub webhooks");
        assertThat(line.detail()).contains("POST /webhooks/github").contains("events: Issues").doesNotContain(SECRET);
    }
}
