package io.toggltasksync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.GithubFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A GitHub run as the app is launched (SYNC_SOURCE=github on the embedded sandbox): the exit code of a clean import (0),
 * of a token GitHub refuses or a repository it does not know (2, nothing written), and of a rate limit that resets too
 * late to wait for (1: deferred, as with Toggl's spent quota).
 */
@QuarkusMainTest
@TestProfile(ExitCodeGithubTest.Github.class)
class ExitCodeGithubTest {

    private static final Path REPORT = Path.of("target/exit-code-test/github-report.json");
    private static final String ALPHA = "/repos/acme/alpha/issues";
    private static final String BETA = "/repos/acme/beta/issues";

    /** The GitHub of this test: a WireMock started with the profile, whose port its configuration needs. */
    static final WireMockServer GITHUB = new WireMockServer(wireMockConfig().dynamicPort());

    public static class Github implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = SandboxProfiles.sandbox("github",
                    GithubFixture.values(SandboxProfiles.started(GITHUB).baseUrl(), "acme/alpha,acme/beta", "github.max-retries=0"));
            config.put("sync.source", "github");
            config.put("toggl.project-map", "acme/alpha=1001,acme/beta=1002");
            return config;
        }
    }

    @AfterAll
    static void stopGithub() {
        GITHUB.stop();
    }

    private LaunchResult launch(QuarkusMainLauncher launcher, int betaStatus, String... headers) throws Exception {
        GITHUB.resetAll();
        GITHUB.stubFor(get(urlPathEqualTo(ALPHA)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(GithubFixture.page(GithubFixture.issue(101, 1, "Login page", "open")))));
        var beta = aResponse().withStatus(betaStatus).withHeader("Content-Type", "application/json")
                .withBody(betaStatus == 200 ? GithubFixture.page(GithubFixture.issue(201, 7, "Billing", "open")) : "{\"message\":\"no\"}");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            beta = beta.withHeader(headers[i], headers[i + 1]);
        }
        GITHUB.stubFor(get(urlPathEqualTo(BETA)).willReturn(beta));
        Files.deleteIfExists(REPORT);
        return launcher.launch();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary() throws Exception {
        return Json.MAPPER.readValue(REPORT.toFile(), Map.class);
    }

    @Test
    void aCleanImportExitsZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher, 200);

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        assertThat(summary()).containsEntry("created", 2).containsEntry("github_calls", 2);
    }

    @Test
    void aRefusedTokenExitsTwoWithoutWrites(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher, 401);

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(2);
        assertThat(summary()).containsEntry("created", 0);
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(GithubFixture.TOKEN);
    }

    @Test
    void anUnknownRepositoryExitsTwoWithoutWrites(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher, 404);

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(2);
        assertThat(summary()).containsEntry("created", 0);
    }

    @Test
    void aRateLimitBeyondItsWaitExitsOneWithoutWrites(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher, 403, "retry-after", "3600");

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(1);
        assertThat(summary()).containsEntry("created", 0);
    }
}
