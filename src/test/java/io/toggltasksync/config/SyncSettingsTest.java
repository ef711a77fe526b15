package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.MissingPolicy;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting reaches the run, and every mistake names its property and environment variable. */
class SyncSettingsTest {

    static final String WEBHOOK_SECRET = "webhook-secret-0123456789abcdef";

    @TempDir
    Path dir;

    /** The token, workspace 42 and a readable CSV; every other setting at its default. */
    private TestSettings minimal() throws Exception {
        return TestSettings.minimal().csv(Files.writeString(dir.resolve("t.csv"), "external_id,name\n"));
    }

    @Test
    void defaultsAreSane() throws Exception {
        TestSettings v = minimal();
        SyncSettings s = v.load();
        assertThat(s.toggl().apiUrl()).isEqualTo("https://api.track.toggl.com/api/v9");
        assertThat(s.toggl().rateLimit()).isEqualTo(1);
        assertThat(s.run().missing()).isEqualTo(MissingPolicy.DEACTIVATE);
        assertThat(s.run().maxMissingRatio()).isEqualTo(0.5);
        assertThat(s.run().dryRun()).isFalse();
        assertThat(s.run().deadLetterFile()).isEqualTo(Path.of("dead-letter.jsonl"));
        assertThat(s.run().reportFile()).isEqualTo(Path.of("sync-report.json"));
        assertThat(s.toggl().pageSize()).isEqualTo(200);
        assertThat(s.toggl().patchBatchSize()).isEqualTo(100);
        assertThat(s.toggl().quotaMaxWaitSeconds()).isEqualTo(60);
        assertThat(s.toggl().hourlyQuota()).isEqualTo(240);
        assertThat(s.sandbox().enabled()).isFalse();
        assertThat(s.sandbox().hourlyQuota()).as("no quota unless asked").isNull();
        assertThat(s.sandbox().stateFile()).isNull();
        assertThat(s.sandbox().port()).isZero();
        assertThat(TogglSettings.retry(v.lookup())).isEqualTo(new TogglSettings.Retry(4, 1000, 30000));
        assertThat(s.run().progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.run().shutdownWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.run().schedule()).as("run once").isNull();
    }

    @Test
    void everySettingIsRead() throws Exception {
        TestSettings v = minimal()
                .with("toggl.api-url", "http://localhost:9/api/v9/")
                .with("toggl.project-id", "7")
                .with("toggl.project-map", " ALPHA=1001 , BETA=1002 ")
                .with("toggl.rate-limit", "0")
                .with("sync.missing", "Delete")
                .with("sync.max-missing-ratio", "0.25")
                .with("sync.dry-run", "true")
                .with("sync.dead-letter-file", "out/dl.jsonl")
                .with("sync.report-file", "out/r.json")
                .with("toggl.page-size", "500")
                .with("toggl.patch-batch-size", "20")
                .with("toggl.quota-max-wait", "0")
                .with("toggl.hourly-quota", "600")
                .with("toggl.max-retries", "0")
                .with("toggl.retry-delay-ms", "250")
                .with("toggl.max-retry-delay-ms", "5000")
                .with("sync.progress-interval", "5m")
                .with("sync.shutdown-wait", "PT45S")
                .with("sync.schedule", "0 */15 * * * ?")
                .with("sandbox.state-file", "sb.json")
                .with("sandbox.port", "8089")
                .with("sandbox.projects", "1001=ALPHA, 1002=Beta Mobile (BETA)");

        SyncSettings s = v.load();

        assertThat(s.toggl().apiUrl()).isEqualTo("http://localhost:9/api/v9");
        assertThat(s.projects().projectId()).isEqualTo(7L);
        assertThat(s.projects().projectMap()).containsExactlyInAnyOrderEntriesOf(Map.of("ALPHA", 1001L, "BETA", 1002L));
        assertThat(s.projects().configuredProjects()).containsExactly(7L, 1001L, 1002L);
        assertThat(s.toggl().rateLimit()).isZero();
        assertThat(s.run().missing()).isEqualTo(MissingPolicy.DELETE);
        assertThat(s.run().maxMissingRatio()).isEqualTo(0.25);
        assertThat(s.run().dryRun()).isTrue();
        assertThat(s.run().deadLetterFile()).isEqualTo(Path.of("out/dl.jsonl"));
        assertThat(s.run().reportFile()).isEqualTo(Path.of("out/r.json"));
        assertThat(s.toggl().pageSize()).isEqualTo(500);
        assertThat(s.toggl().patchBatchSize()).isEqualTo(20);
        assertThat(TogglSettings.retry(v.lookup())).isEqualTo(new TogglSettings.Retry(0, 250, 5000));
        assertThat(s.run().progressInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.run().shutdownWait()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.run().schedule()).isEqualTo("0 */15 * * * ?");
        assertThat(s.sandbox().stateFile()).isEqualTo(Path.of("sb.json"));
        assertThat(s.sandbox().port()).isEqualTo(8089);
        assertThat(s.sandbox().projects()).containsExactly(Map.entry(1001L, "ALPHA"), Map.entry(1002L, "Beta Mobile (BETA)"));
        assertThat(s.toggl().quotaMaxWaitSeconds()).isZero();
        assertThat(s.toggl().hourlyQuota()).isEqualTo(600);
    }

    @Test
    void missingTokenNamesPropertyAndVariable() throws Exception {
        TestSettings v = minimal().without("toggl.api-token");
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("toggl.api-token (TOGGL_API_TOKEN) is required");
    }

    @Test
    void sandboxNeedsNoToken() throws Exception {
        TestSettings v = minimal()
                .without("toggl.api-token")
                .with("sandbox.enabled", "true");
        assertThat(v.load().toggl().apiToken()).isEqualTo(TogglSettings.SANDBOX_TOKEN);
    }

    @Test
    void durationsTakeAUnitOrSecondsAndABadOneNamesTheSetting() throws Exception {
        assertThat(minimal().with("sync.progress-interval", "500ms").load().run().progressInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(minimal().with("sync.progress-interval", "90").load().run().progressInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(minimal().with("sync.shutdown-wait", "1H").load().run().shutdownWait()).isEqualTo(Duration.ofHours(1));
        for (String bad : new String[] {"soon", "-5s", "1.5s", "PT-1S"}) {
            assertInvalid("sync.shutdown-wait", bad,
                    "sync.shutdown-wait (SYNC_SHUTDOWN_WAIT) must be a duration such as 30s, 10m or 1h, got '" + bad + "'");
        }
    }

    @Test
    void theStateLockWaitIsHalfAMinuteUnlessSetAndZeroRefusesAtOnce() throws Exception {
        assertThat(minimal().load().state().stateLockWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(minimal().with("sync.state-lock-wait", "0").load().state().stateLockWait()).isZero();
        assertInvalid("sync.state-lock-wait", "-1s",
                "sync.state-lock-wait (SYNC_STATE_LOCK_WAIT) must be a duration such as 30s, 10m or 1h, got '-1s'");
    }

    @Test
    void sandboxHourlyQuotaIsAPositiveWholeNumberOrNothing() throws Exception {
        TestSettings v = minimal().with("sandbox.hourly-quota", " ");
        assertThat(v.load().sandbox().hourlyQuota()).isNull();
        v.with("sandbox.hourly-quota", " 240 ");
        assertThat(v.load().sandbox().hourlyQuota()).isEqualTo(240);
        for (String bad : new String[] {"0", "-5", "abc", "1.5"}) {
            assertInvalid("sandbox.hourly-quota", bad,
                    "sandbox.hourly-quota (SANDBOX_HOURLY_QUOTA) must be a positive whole number, got '" + bad + "'");
        }
    }

    @Test
    void badValuesAreNamed() throws Exception {
        assertInvalid("toggl.workspace-id", "-1", "toggl.workspace-id (TOGGL_WORKSPACE_ID) must be a positive whole number, got '-1'");
        assertInvalid("toggl.project-map", "ALPHA", "toggl.project-map (TOGGL_PROJECT_MAP) expected KEY=projectId pairs");
        assertInvalid("toggl.project-map", "ALPHA=x", "toggl.project-map (TOGGL_PROJECT_MAP) project id for 'ALPHA'");
        assertInvalid("toggl.rate-limit", "0.5", "toggl.rate-limit (TOGGL_RATE_LIMIT) must be a whole number >= 0");
        assertInvalid("sync.missing", "archive", "sync.missing (SYNC_MISSING) must be deactivate, delete or keep");
        assertInvalid("sync.max-missing-ratio", "2", "sync.max-missing-ratio (SYNC_MAX_MISSING_RATIO) must be between 0 and 1");
        assertInvalid("sync.dry-run", "maybe", "sync.dry-run (SYNC_DRY_RUN) must be true or false");
        assertInvalid("sync.source", "excel", "sync.source (SYNC_SOURCE) must be csv, github or jira");
        assertInvalid("toggl.api-url", "api.track.toggl.com", "toggl.api-url (TOGGL_API_URL) must start with http");
        assertInvalid("toggl.api-url", "https://me:secret-token@api.track.toggl.com/api/v9",
                "toggl.api-url (TOGGL_API_URL) must not carry a user or password");
        assertInvalid("toggl.max-retries", "many", "toggl.max-retries (TOGGL_MAX_RETRIES) must be a whole number >= 0, got 'many'");
        assertInvalid("toggl.retry-delay-ms", "-5", "toggl.retry-delay-ms (TOGGL_RETRY_DELAY_MS) must be a whole number >= 0");
        assertInvalid("toggl.max-retry-delay-ms", "1s", "toggl.max-retry-delay-ms (TOGGL_MAX_RETRY_DELAY_MS) must be a whole number >= 0");
    }

    @Test
    void projectMatchingIsOnByDefaultAndCreatingProjectsOff() throws Exception {
        ProjectSettings p = minimal().load().projects();
        assertThat(p.match().toString()).isEqualTo("key,name-key");
        assertThat(p.create()).isFalse();
        assertThat(p.clientId()).isNull();
        assertThat(p.color()).isNull();
        assertThat(minimal().load().projects().projectResolver().defers("ALPHA")).isTrue();
    }

    @Test
    void projectSettingsAreReadAndMistakesNamed() throws Exception {
        ProjectSettings p = minimal().with("toggl.project-match", "name-key").with("toggl.create-projects", "true")
                .with("toggl.project-client-id", "55").with("toggl.project-color", "#06aaf5").load().projects();
        assertThat(p).isEqualTo(new ProjectSettings(null, Map.of(), ProjectMatchRule.parse("name-key"), true, 55L, "#06aaf5"));
        assertThat(minimal().with("toggl.project-match", "off").load().projects().projectResolver().defers("ALPHA")).isFalse();
        assertInvalid("toggl.project-match", "name", "toggl.project-match (TOGGL_PROJECT_MATCH) toggl.project-match: unknown 'name'");
        assertInvalid("toggl.project-color", "blue", "toggl.project-color (TOGGL_PROJECT_COLOR) must be a colour");
        TestSettings both = minimal().with("toggl.project-match", "off").with("toggl.create-projects", "true");
        assertThatThrownBy(both::load).hasMessageStartingWith("toggl.create-projects (TOGGL_CREATE_PROJECTS) needs toggl.project-match");
    }

    @Test
    void tokenNeverShowsInToString() throws Exception {
        SyncSettings s = minimal().load();
        assertThat(s.toString()).doesNotContain(TestSettings.TOKEN).contains("apiToken=****");
        assertThat(s.toggl().toString()).doesNotContain(TestSettings.TOKEN);
    }

    /** Each part prints itself in the settings' toString: none of a source's secrets may show either. */
    @Test
    void noSourceSecretShowsInToString() throws Exception {
        SyncSettings jira = webhook(WEBHOOK_SECRET).load();
        String githubToken = "ghp_test0123456789secret";
        String githubSecret = "github-webhook-secret-0123456789";
        SyncSettings github = TestSettings.minimal().with("sync.source", "github").with("github.token", githubToken)
                .with("github.repos", "acme/app").with("github.webhook-secret", githubSecret).load();

        assertThat(jira.toString()).doesNotContain(TestSettings.TOKEN, JiraFixture.JIRA_TOKEN, WEBHOOK_SECRET).contains("jira=JiraSettings[");
        assertThat(github.toString()).doesNotContain(TestSettings.TOKEN, githubToken, githubSecret).contains("github=GithubSettings[");
        assertThat(github.secrets()).contains(TestSettings.TOKEN, githubToken, githubSecret);
    }

    /**
     * The state fingerprint of a configuration is what the version before wrote (literals from its
     * {@code stateFingerprint()}), now that the source's part comes from the source's settings: else an upgrade
     * would cost a full sweep.
     */
    @Test
    void theStateFingerprintOfAConfigurationIsTheOneItHadBefore() throws Exception {
        SyncSettings jira = minimal().overrides(JiraFixture.cloudSettings("https://acme.atlassian.net/", "project = ABC ORDER BY key", 100))
                .with("toggl.project-map", "ABC=1001").load();
        SyncSettings csv = minimal().csv(Files.writeString(dir.resolve("t.csv"), "external_id,name\n")).with("toggl.project-id", 7).load();

        assertThat(jira.stateFingerprint())
                .isEqualTo("https://api.track.toggl.com/api/v9|42|jira|https://acme.atlassian.net|project = ABC ORDER BY key|{ABC=1001}|null|key,name-key");
        assertThat(csv.stateFingerprint()).isEqualTo("https://api.track.toggl.com/api/v9|42|csv|{}|7|key,name-key");
        assertThat(jira.secrets()).contains(JiraFixture.JIRA_TOKEN);
        assertThat(io.toggltasksync.source.jira.JiraSettings.of(jira).cloud()).isTrue();
        assertThat(io.toggltasksync.source.jira.JiraSettings.of(csv)).isNull();
    }

    /** A Jira Cloud source with the webhook receiver on ({@code secret}). */
    private TestSettings webhook(String secret) throws Exception {
        return minimal().overrides(JiraFixture.cloudSettings("https://acme.atlassian.net", "project = ABC", 100)).with("jira.webhook-secret", secret);
    }

    @Test
    void theWebhookSecretTurnsTheReceiverOnWithItsDefaultsAndLongRunningMode() throws Exception {
        SyncSettings s = webhook(WEBHOOK_SECRET).load();

        assertThat(s.webhook()).isEqualTo(new WebhookSettings(WEBHOOK_SECRET, 1_048_576, Duration.ofMillis(500), 1_000));
        assertThat(s.longRunning()).as("no schedule, yet it runs on").isTrue();
        assertThat(s.secrets()).contains(WEBHOOK_SECRET, TestSettings.TOKEN, JiraFixture.JIRA_TOKEN);
        assertThat(s.toString()).doesNotContain(WEBHOOK_SECRET).contains("secret=****");
        assertThat(webhook(WEBHOOK_SECRET).with("jira.webhook-max-bytes", "2048").with("jira.webhook-coalesce", "2s").load().webhook())
                .isEqualTo(new WebhookSettings(WEBHOOK_SECRET, 2048, Duration.ofSeconds(2), 1_000));
        assertThat(webhook(WEBHOOK_SECRET).with("jira.webhook-max-pending", "50").load().webhook().maxPending()).isEqualTo(50);
        // the coalescing aggregator's queue holds no more (WebhookSettings.MAX_PENDING)
        assertThatThrownBy(webhook(WEBHOOK_SECRET).with("jira.webhook-max-pending", "1001")::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jira.webhook-max-pending (JIRA_WEBHOOK_MAX_PENDING) must be at most 1000");
        assertThatThrownBy(webhook(WEBHOOK_SECRET).with("jira.webhook-max-pending", "0")::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jira.webhook-max-pending");
        SyncSettings without = webhook(WEBHOOK_SECRET).without("jira.webhook-secret").load();
        assertThat(without.webhook()).isNull();
        assertThat(without.longRunning()).isFalse();
    }

    @Test
    void aShortWebhookSecretIsRefusedWithoutShowingIt() throws Exception {
        TestSettings v = webhook("short-secret-15");
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jira.webhook-secret (JIRA_WEBHOOK_SECRET) must be at least 16 characters")
                .message().doesNotContain("short-secret-15");
        assertThat(webhook("0123456789abcdef").load().webhook().secret()).as("16 is enough").hasSize(16);
        TestSettings tooBig = webhook(WEBHOOK_SECRET).with("jira.webhook-max-bytes", "3000000000");
        assertThatThrownBy(tooBig::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("jira.webhook-max-bytes");
    }

    @Test
    void aWebhookSecretWithACsvSourceIsAConfigError() throws Exception {
        TestSettings v = minimal().with("jira.webhook-secret", WEBHOOK_SECRET);
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jira.webhook-secret (JIRA_WEBHOOK_SECRET) turns on the Jira webhook receiver, which needs sync.source=jira")
                .message().doesNotContain(WEBHOOK_SECRET);
    }

    @Test
    void theMetricsPushIsOffByDefaultAndTargetsTheJobsGroupWhenAUrlIsSet() throws Exception {
        SyncSettings off = minimal().load();
        assertThat(off.metricsPush().enabled()).isFalse();
        assertThat(off.metricsPush().job()).isEqualTo("toggl-task-sync");
        assertThat(minimal().with("metrics.push-url", "  ").load().metricsPush().enabled()).as("empty: no push").isFalse();

        MetricsPushSettings push = minimal().with("metrics.push-url", "http://pushgateway.monitoring:9091/").load().metricsPush();
        assertThat(push.target()).hasToString("http://pushgateway.monitoring:9091/metrics/job/toggl-task-sync");
        assertThat(push.where()).isEqualTo("pushgateway.monitoring:9091/metrics/job/toggl-task-sync");

        MetricsPushSettings prefixed = minimal().with("metrics.push-url", "HTTPS://gw.example.org/push/").with("metrics.push-job", "tts_nightly.1")
                .load().metricsPush();
        assertThat(prefixed.target()).hasToString("https://gw.example.org/push/metrics/job/tts_nightly.1");
    }

    @Test
    void aBadPushUrlOrJobIsAConfigErrorAndACredentialInTheUrlIsNeverShown() throws Exception {
        assertInvalid("metrics.push-url", "pushgateway:9091", "metrics.push-url (METRICS_PUSH_URL) must be the Pushgateway's http:// or https://");
        assertInvalid("metrics.push-url", "ftp://gw:9091", "metrics.push-url (METRICS_PUSH_URL) must be the Pushgateway's http:// or https://");
        assertInvalid("metrics.push-url", "http://gw:9091/metrics/job/x", "metrics.push-url (METRICS_PUSH_URL) is the Pushgateway's base URL");
        assertInvalid("metrics.push-url", "http://gw:9091?x=1", "metrics.push-url (METRICS_PUSH_URL) must end with its host");
        assertInvalid("metrics.push-url", "http://gw 9091", "metrics.push-url (METRICS_PUSH_URL) is not a URL");
        // url, then the credential it holds: unencoded, a password may hold '#', '/' or '?'
        String[][] credentials = {{"https://ops:hunter2-secret@gw.example.org", "hunter2"}, {"https://ops:hunter2-secret@gw.example.org", "ops:"},
                {"http://pusher:S3cr#t@gw:9091", "S3cr"}, {"http://pusher:pa/ss@gw:9091", "pa/ss"}, {"http://pusher:p?ss@gw:9091", "p?ss"}};
        for (String[] c : credentials) {
            TestSettings v = minimal().with("metrics.push-url", c[0]);
            assertThatThrownBy(v::load).as(c[0]).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("metrics.push-url (METRICS_PUSH_URL) must not carry a user or password")
                    .message().doesNotContain(c[1]);
        }
        assertInvalid("metrics.push-job", "nightly/eu", "metrics.push-job (METRICS_PUSH_JOB) must be letters, digits");
        assertInvalid("metrics.push-job", "..", "metrics.push-job (METRICS_PUSH_JOB) must be letters, digits");
        assertInvalid("metrics.push-job", "sync job", "metrics.push-job (METRICS_PUSH_JOB) must be letters, digits");
    }

    @Test
    void aJiraUrlWithCredentialsIsRefusedWithoutShowingThem() throws Exception {
        TestSettings v = minimal().with("sync.source", "jira").with("jira.url", "https://ada:s3cr3t@acme.atlassian.net")
                .with("jira.user", "ada@acme.test").with("jira.token", "t").with("jira.jql", "project = ABC");
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jira.url (JIRA_URL) must not carry a user or password").hasMessageNotContaining("s3cr3t");
        // an @ in the path is no credential
        assertThat(minimal().with("toggl.api-url", "http://localhost:9/@api/v9").load().toggl().apiUrl()).contains("@api");
    }

    private void assertInvalid(String key, String value, String message) throws Exception {
        TestSettings v = minimal().with(key, value);
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
