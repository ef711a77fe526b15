package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code github.*} read and checked once, each mistake worded with its property and environment variable. */
class GithubSettingsTest {

    private static GithubSettings load(String... overrides) {
        return GithubFixture.settings("", "octo-org/api", overrides);
    }

    @Test
    void defaults() {
        GithubSettings s = load();

        assertThat(s.apiUrl()).isEqualTo("https://api.github.com");
        assertThat(s.repos()).containsExactly(new GithubRepo("octo-org", "api"));
        assertThat(s.labels()).isEmpty();
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.receiver()).isNull();
        assertThat(s.rateLimitMaxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.retry()).isEqualTo(new GithubSettings.Retry(3, 1000, 30000));
    }

    @Test
    void enterpriseServerUrlWithoutItsTrailingSlash() {
        assertThat(load("github.api-url=https://github.acme.test/api/v3/").apiUrl()).isEqualTo("https://github.acme.test/api/v3");
    }

    @Test
    void aUrlWithCredentialsIsRefused() {
        assertThatThrownBy(() -> load("github.api-url=https://me:pw@github.acme.test/api/v3")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("github.api-url (GITHUB_API_URL) must not carry a user or password")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void theTokenIsRequiredAndNeverShown() {
        assertThatThrownBy(() -> load("github.token=")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("github.token (GITHUB_TOKEN) is required");
        assertThatThrownBy(() -> load("github.token=ghp_abc def")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("github.token (GITHUB_TOKEN) must not contain spaces").hasMessageNotContaining("ghp_abc");

        GithubSettings s = load("github.webhook-secret=" + GithubFixture.WEBHOOK_SECRET);
        assertThat(s.toString()).doesNotContain(GithubFixture.TOKEN).doesNotContain(GithubFixture.WEBHOOK_SECRET).contains("token=****");
        assertThat(s.secrets()).containsExactlyInAnyOrder(GithubFixture.TOKEN, GithubFixture.WEBHOOK_SECRET);
    }

    @Test
    void repositoriesInTheirFormOnceEach() {
        assertThat(load("github.repos= octo-org/api , octo-org/web.site ,").repos())
                .containsExactly(new GithubRepo("octo-org", "api"), new GithubRepo("octo-org", "web.site"));
        assertThatThrownBy(() -> load("github.repos=")).hasMessageStartingWith("github.repos (GITHUB_REPOS) is required");
        assertThatThrownBy(() -> load("github.repos=octo-org")).hasMessage(
                "github.repos (GITHUB_REPOS) expected owner/repo (e.g. octo-org/api), got 'octo-org'");
        assertThatThrownBy(() -> load("github.repos=octo/api/x")).hasMessageContaining("got 'octo/api/x'");
        assertThatThrownBy(() -> load("github.repos=-octo/api")).hasMessageContaining("got '-octo/api'");
        assertThatThrownBy(() -> load("github.repos=octo/..")).hasMessageContaining("got 'octo/..'");
        assertThatThrownBy(() -> load("github.repos=octo/api,Octo/API")).hasMessage(
                "github.repos (GITHUB_REPOS) names Octo/API twice (GitHub's names are not case-sensitive)");
    }

    @Test
    void labelsTrimmedOnceEach() {
        assertThat(load("github.labels= bug, good first issue ,bug,").labels()).containsExactly("bug", "good first issue");
    }

    @Test
    void pageSizeWebhookSecretAndWait() {
        assertThat(load("github.page-size=30").pageSize()).isEqualTo(30);
        assertThatThrownBy(() -> load("github.page-size=101")).hasMessageStartingWith("github.page-size (GITHUB_PAGE_SIZE) must be from 1 to 100");
        assertThatThrownBy(() -> load("github.page-size=0")).hasMessageStartingWith("github.page-size (GITHUB_PAGE_SIZE) must be a positive");
        assertThatThrownBy(() -> load("github.webhook-secret=short-secret")).hasMessageStartingWith(
                "github.webhook-secret (GITHUB_WEBHOOK_SECRET) must be at least 16 characters").hasMessageNotContaining("short-secret");
        assertThat(load("github.rate-limit-max-wait=5m").rateLimitMaxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> load("github.rate-limit-max-wait=2h")).hasMessageStartingWith(
                "github.rate-limit-max-wait (GITHUB_RATE_LIMIT_MAX_WAIT) must be at most 1h");
        assertThatThrownBy(() -> load("github.max-retries=-1")).hasMessageStartingWith("github.max-retries (GITHUB_MAX_RETRIES)");
    }

    @Test
    void aProjectMapKeyIsOwnerSlashRepo(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("tasks.csv"), "external_id,name\n");
        var resolver = TestSettings.minimal().csv(csv).with("toggl.project-map", "octo-org/api=123,octo-org/web.site=456").load().projects().projectResolver();

        assertThat(resolver.resolve("octo-org/api")).contains(123L);
        assertThat(resolver.resolve("octo-org/web.site")).contains(456L);
    }

    private static TestSettings githubRun(Path dir, String... overrides) throws IOException {
        Path csv = Files.writeString(dir.resolve("tasks.csv"), "external_id,name\n");
        TestSettings v = TestSettings.minimal().csv(csv).with("sync.source", "github");
        GithubFixture.values("", "octo-org/api,octo-org/web", overrides).forEach(v::with);
        return v;
    }

    @Test
    void syncSourceGithubLoadsThemIntoTheRunsSettings(@TempDir Path dir) throws IOException {
        SyncSettings s = githubRun(dir, "github.labels=bug").load();

        GithubSettings github = GithubSettings.of(s);
        assertThat(github.repos()).extracting(GithubRepo::key).containsExactly("octo-org/api", "octo-org/web");
        assertThat(s.secrets()).contains(GithubFixture.TOKEN);
        assertThat(s.toString()).doesNotContain(GithubFixture.TOKEN);
        assertThat(s.stateFingerprint()).as("the token is no part of the fingerprint").doesNotContain(GithubFixture.TOKEN)
                .contains("github|https://api.github.com|[octo-org/api, octo-org/web]|labels=bug");
        assertThat(s.webhook()).isNull();
        assertThat(s.longRunning()).isFalse();
        assertThat(GithubSettings.of(TestSettings.minimal().csv(dir.resolve("tasks.csv")).load())).as("another source's run").isNull();
    }

    @Test
    void aMissingTokenOrRepositoryIsAOneLineConfigError(@TempDir Path dir) throws IOException {
        TestSettings noToken = githubRun(dir).without("github.token");
        assertThatThrownBy(noToken::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("github.token (GITHUB_TOKEN) is required");
        TestSettings noRepos = githubRun(dir).without("github.repos");
        assertThatThrownBy(noRepos::load).isInstanceOf(ConfigException.class).hasMessageStartingWith("github.repos (GITHUB_REPOS) is required");
    }

    @Test
    void theWebhookSecretTurnsTheReceiverOnAndIsASecret(@TempDir Path dir) throws IOException {
        SyncSettings s = githubRun(dir, "github.webhook-secret=" + GithubFixture.WEBHOOK_SECRET).load();

        assertThat(s.webhook().secret()).isEqualTo(GithubFixture.WEBHOOK_SECRET);
        assertThat(s.longRunning()).isTrue();
        assertThat(s.secrets()).contains(GithubFixture.WEBHOOK_SECRET);
        assertThat(s.toString()).doesNotContain(GithubFixture.WEBHOOK_SECRET);
    }

    @Test
    void aGithubWebhookSecretWithAnotherSourceIsRefused(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("tasks.csv"), "external_id,name\n");
        TestSettings v = TestSettings.minimal().csv(csv).with("github.webhook-secret", GithubFixture.WEBHOOK_SECRET);

        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("github.webhook-secret (GITHUB_WEBHOOK_SECRET) turns on the GitHub webhook receiver, which needs "
                        + "sync.source=github").message().doesNotContain(GithubFixture.WEBHOOK_SECRET);
    }
}
