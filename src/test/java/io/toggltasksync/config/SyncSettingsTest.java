package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.MissingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting reaches the run, and every mistake names its property and environment variable. */
class SyncSettingsTest {

    @TempDir
    Path dir;

    private Map<String, String> minimal() throws Exception {
        Map<String, String> v = new HashMap<>();
        v.put("toggl.api-token", "tok-123456");
        v.put("toggl.workspace-id", "42");
        v.put("csv.path", Files.writeString(dir.resolve("t.csv"), "external_id,name\n").toString());
        return v;
    }

    private static SyncSettings load(Map<String, String> v) {
        return SyncSettings.load(name -> Optional.ofNullable(v.get(name)));
    }

    @Test
    void defaultsAreSane() throws Exception {
        SyncSettings s = load(minimal());
        assertThat(s.apiUrl()).isEqualTo("https://api.track.toggl.com/api/v9");
        assertThat(s.rateLimit()).isEqualTo(1);
        assertThat(s.missing()).isEqualTo(MissingPolicy.DEACTIVATE);
        assertThat(s.maxMissingRatio()).isEqualTo(0.5);
        assertThat(s.dryRun()).isFalse();
        assertThat(s.deadLetterFile()).isEqualTo(Path.of("dead-letter.jsonl"));
        assertThat(s.reportFile()).isEqualTo(Path.of("sync-report.json"));
        assertThat(s.pageSize()).isEqualTo(200);
        assertThat(s.patchBatchSize()).isEqualTo(100);
        assertThat(s.quotaMaxWaitSeconds()).isEqualTo(60);
        assertThat(s.hourlyQuota()).isEqualTo(240);
        assertThat(s.sandbox()).isFalse();
        assertThat(s.sandboxHourlyQuota()).as("no quota unless asked").isNull();
        assertThat(s.retry()).isEqualTo(new SyncSettings.Retry(4, 1000, 30000));
    }

    @Test
    void everySettingIsRead() throws Exception {
        Map<String, String> v = minimal();
        v.put("toggl.api-url", "http://localhost:9/api/v9/");
        v.put("toggl.project-id", "7");
        v.put("toggl.project-map", " ALPHA=1001 , BETA=1002 ");
        v.put("toggl.rate-limit", "0");
        v.put("sync.missing", "Delete");
        v.put("sync.max-missing-ratio", "0.25");
        v.put("sync.dry-run", "true");
        v.put("sync.dead-letter-file", "out/dl.jsonl");
        v.put("sync.report-file", "out/r.json");
        v.put("toggl.page-size", "500");
        v.put("toggl.patch-batch-size", "20");
        v.put("toggl.quota-max-wait", "0");
        v.put("toggl.hourly-quota", "600");
        v.put("toggl.max-retries", "0");
        v.put("toggl.retry-delay-ms", "250");
        v.put("toggl.max-retry-delay-ms", "5000");

        SyncSettings s = load(v);

        assertThat(s.apiUrl()).isEqualTo("http://localhost:9/api/v9");
        assertThat(s.projectId()).isEqualTo(7L);
        assertThat(s.projectMap()).containsExactlyInAnyOrderEntriesOf(Map.of("ALPHA", 1001L, "BETA", 1002L));
        assertThat(s.configuredProjects()).containsExactly(7L, 1001L, 1002L);
        assertThat(s.rateLimit()).isZero();
        assertThat(s.missing()).isEqualTo(MissingPolicy.DELETE);
        assertThat(s.maxMissingRatio()).isEqualTo(0.25);
        assertThat(s.dryRun()).isTrue();
        assertThat(s.deadLetterFile()).isEqualTo(Path.of("out/dl.jsonl"));
        assertThat(s.reportFile()).isEqualTo(Path.of("out/r.json"));
        assertThat(s.pageSize()).isEqualTo(500);
        assertThat(s.patchBatchSize()).isEqualTo(20);
        assertThat(s.retry()).isEqualTo(new SyncSettings.Retry(0, 250, 5000));
        assertThat(s.quotaMaxWaitSeconds()).isZero();
        assertThat(s.hourlyQuota()).isEqualTo(600);
    }

    @Test
    void missingTokenNamesPropertyAndVariable() throws Exception {
        Map<String, String> v = minimal();
        v.remove("toggl.api-token");
        assertThatThrownBy(() -> load(v)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("toggl.api-token (TOGGL_API_TOKEN) is required");
    }

    @Test
    void sandboxNeedsNoToken() throws Exception {
        Map<String, String> v = minimal();
        v.remove("toggl.api-token");
        v.put("sandbox.enabled", "true");
        assertThat(load(v).apiToken()).isEqualTo(SyncSettings.SANDBOX_TOKEN);
    }

    @Test
    void sandboxHourlyQuotaIsAPositiveWholeNumberOrNothing() throws Exception {
        Map<String, String> v = minimal();
        v.put("sandbox.hourly-quota", " ");
        assertThat(load(v).sandboxHourlyQuota()).isNull();
        v.put("sandbox.hourly-quota", " 240 ");
        assertThat(load(v).sandboxHourlyQuota()).isEqualTo(240);
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
        assertInvalid("sync.source", "excel", "sync.source (SYNC_SOURCE) must be csv or jira");
        assertInvalid("toggl.api-url", "api.track.toggl.com", "toggl.api-url (TOGGL_API_URL) must start with http");
        assertInvalid("toggl.max-retries", "many", "toggl.max-retries (TOGGL_MAX_RETRIES) must be a whole number >= 0, got 'many'");
        assertInvalid("toggl.retry-delay-ms", "-5", "toggl.retry-delay-ms (TOGGL_RETRY_DELAY_MS) must be a whole number >= 0");
        assertInvalid("toggl.max-retry-delay-ms", "1s", "toggl.max-retry-delay-ms (TOGGL_MAX_RETRY_DELAY_MS) must be a whole number >= 0");
        assertInvalid("csv.path", dir.resolve("none.csv").toString(), "csv.path (CSV_PATH) no readable file at");
    }

    @Test
    void tokenNeverShowsInToString() throws Exception {
        assertThat(load(minimal()).toString()).doesNotContain("tok-123456");
    }

    private void assertInvalid(String key, String value, String message) throws Exception {
        Map<String, String> v = minimal();
        v.put(key, value);
        assertThatThrownBy(() -> load(v)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
