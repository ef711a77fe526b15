package io.toggltasksync.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub webhooks end to end inside the app: signed {@code issues} deliveries posted to {@code /webhooks/github}, GitHub
 * a WireMock API (the issue read again for each event), Toggl the sandbox. An issue opened, renamed, closed and reopened
 * lands in Toggl within seconds each time.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class GithubWebhookEndToEndTest {

    static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);
    static final String ISSUE = "/repos/octo/api/issues/7";
    static final long ID = 1007;

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

    @Inject
    GithubWebhook webhook;

    private static String delivery(String action, String updatedAt) {
        return "{\"action\":\"" + action + "\",\"issue\":{\"id\":" + ID + ",\"number\":7,\"title\":\"whatever the body says\","
                + "\"state\":\"open\",\"updated_at\":\"" + updatedAt + "\"},\"repository\":{\"full_name\":\"octo/api\"}}";
    }

    private static void post(String body) {
        given().contentType("application/json").header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", HubSignature.header(GithubFixture.WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).post("/webhooks/github").then().statusCode(202);
    }

    private static void githubHas(String title, String state) {
        github.stubFor(get(urlPathEqualTo(ISSUE)).willReturn(okJson(GithubFixture.issue(ID, 7, title, state))));
    }

    @Test
    void anIssueOpenedRenamedClosedAndReopenedLandsInTogglWithinSeconds(SandboxFixture t) throws Exception {
        SyncSettings settings = t.settings(t.write("unused.csv", "external_id,name\n"), "sync.source=github",
                "github.api-url=" + github.baseUrl(), "github.token=" + GithubFixture.TOKEN, "github.repos=octo/api",
                "github.webhook-secret=" + GithubFixture.WEBHOOK_SECRET, "toggl.project-map=octo/api=" + P1);
        // the state a first run leaves for a repository without issues yet: events are planned against it
        StateFile.save(settings.state().stateFile(), new SyncState(SyncState.VERSION, settings.stateFingerprint(), 1_800_000_000L, 1_799_990_000L,
                Set.of(P1), 1_799_990_000L, false, List.of(), Map.of(), List.of(), null));
        webhook.open(settings);

        githubHas("Login page", "open");
        post(delivery("opened", "2026-12-07T10:00:00Z"));
        await().atMost(WITHIN_SECONDS).until(() -> names(t).contains("api#7 Login page"));

        githubHas("Login page, with SSO", "open");
        post(delivery("edited", "2026-12-07T10:01:00Z"));
        await().atMost(WITHIN_SECONDS).until(() -> names(t).equals(List.of("api#7 Login page, with SSO")));
        assertThat(t.sandbox.tasks(P1).get(0).active()).isTrue();

        githubHas("Login page, with SSO", "closed");
        post(delivery("closed", "2026-12-07T10:02:00Z"));
        await().atMost(WITHIN_SECONDS).until(() -> !t.sandbox.tasks(P1).get(0).active());

        githubHas("Login page, with SSO", "open");
        post(delivery("reopened", "2026-12-07T10:03:00Z"));
        await().atMost(WITHIN_SECONDS).until(() -> t.sandbox.tasks(P1).get(0).active());
        assertThat(t.sandbox.tasks(P1)).singleElement().extracting(TogglTask::name).isEqualTo("api#7 Login page, with SSO");
    }

    private static List<String> names(SandboxFixture t) {
        return t.sandbox.tasks(P1).stream().map(TogglTask::name).toList();
    }
}
