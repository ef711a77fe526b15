package io.toggltasksync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import io.toggltasksync.testing.JiraFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --worklogs} on a Jira run, as the app is launched: the settings reach the run (the worklogs are read after
 * the tasks), and a worklog part that fails (Jira refuses the worklog read) makes the exit code 1 while the task
 * sync's work stands. Without the switch the same run reads no worklog and exits 0.
 */
@QuarkusMainTest
@TestProfile(ExitCodeWorklogsTest.JiraWithWorklogs.class)
class ExitCodeWorklogsTest {

    private static final Path REPORT = Path.of("target/exit-code-test/worklogs-report.json");
    private static final String WORKLOGS = "/rest/api/3/issue/ALPHA-1/worklog";

    /** The Jira of this test: a WireMock started with the profile, whose port its configuration needs. */
    static final WireMockServer JIRA = new WireMockServer(wireMockConfig().dynamicPort());

    public static class JiraWithWorklogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return SandboxProfiles.sandbox("worklogs",
                    SandboxProfiles.values(JiraFixture.cloudSettings(SandboxProfiles.started(JIRA).baseUrl(), "project = ALPHA", 50)));
        }
    }

    @AfterAll
    static void stopJira() {
        JIRA.stop();
    }

    private LaunchResult launch(QuarkusMainLauncher launcher, String... args) throws Exception {
        JIRA.resetAll();
        JIRA.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).willReturn(okJson("{\"issues\":["
                + JiraFixture.issue("ALPHA-1", "Login page", "new", null, null) + "],\"isLast\":true}")));
        JIRA.stubFor(get(urlPathEqualTo(WORKLOGS)).willReturn(aResponse().withStatus(403)
                .withBody("{\"errorMessages\":[\"You do not have the permission to see the specified issue.\"]}")));
        Files.deleteIfExists(REPORT);
        Files.deleteIfExists(Path.of("target/exit-code-test/worklogs-sync-state.json"));
        return launcher.launch(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedWorklogPartExitsOneAndKeepsTheTaskSync(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher, "--worklogs");

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(1);
        JIRA.verify(1, getRequestedFor(urlPathEqualTo(WORKLOGS)));
        Map<String, Object> report = Json.MAPPER.readValue(REPORT.toFile(), Map.class);
        assertThat(report).containsEntry("created", 1).containsEntry("exit_code", 1);
        assertThat((Map<String, Object>) report.get("worklogs")).containsEntry("status", "failed");
    }

    @Test
    void withoutTheSwitchNoWorklogIsRead(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launch(launcher);

        assertThat(result.exitCode()).isZero();
        JIRA.verify(0, getRequestedFor(urlPathEqualTo(WORKLOGS)));
    }
}
