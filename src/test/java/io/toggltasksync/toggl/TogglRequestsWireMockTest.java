package io.toggltasksync.toggl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.TestSettings;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exact requests sent to Toggl: auth header, listing parameters and paging, POST and PATCH bodies. */
@QuarkusTest
class TogglRequestsWireMockTest {

    static final String TOKEN = TestSettings.TOKEN;
    static final String LIST = "/api/v9/workspaces/42/tasks";

    @Inject
    SyncService service;

    @TempDir
    Path dir;

    /** One Toggl for the class; its stubs, requests and scenarios are reset before each test. */
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Workspace 42, project 1001 (as LIST and the paths below). */
    private SyncSettings settings(Path csv) {
        return TestSettings.run(wm.baseUrl() + "/api/v9", dir).csv(csv).load();
    }

    private static String task(long id, String name, boolean active, String extId) {
        return "{\"id\":" + id + ",\"workspace_id\":42,\"project_id\":1001,\"name\":\"" + name + "\",\"active\":" + active
                + ",\"estimated_seconds\":null,\"integration_provider\":\"csv\",\"integration_ext_type\":\"row\","
                + "\"integration_ext_id\":\"" + extId + "\",\"tracked_seconds\":0}";
    }

    @Test
    void sendsBasicAuthListsWithActiveBothAndFollowsTotalCount() throws Exception {
        // the server grants 2 per page whatever we ask: 3 tasks take 2 pages
        wm.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("page", equalTo("1")).willReturn(okJson(
                "{\"data\":[" + task(1, "a", true, "A") + "," + task(2, "b", true, "B") + "],\"page\":1,\"per_page\":2,\"total_count\":3}")));
        wm.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("page", equalTo("2")).willReturn(okJson(
                "{\"data\":[" + task(3, "c", true, "C") + "],\"page\":2,\"per_page\":2,\"total_count\":3}")));
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name\nA,a\nB,b\nC,c\n");

        SyncRun run = service.runOnce(settings(csv));

        assertThat(run.exitCode()).isZero();
        String auth = "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":api_token").getBytes());
        wm.verify(2, getRequestedFor(urlPathEqualTo(LIST))
                .withHeader("Authorization", equalTo(auth))
                .withQueryParam("active", equalTo("both"))
                .withQueryParam("pid", equalTo("1001"))
                .withQueryParam("per_page", equalTo("200")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("page", equalTo("2")));
        assertThat(wm.getAllServeEvents()).hasSize(2);
    }

    @Test
    void theNextRunAsksForWhatChangedSinceTogglsTimeWhenThisRunBeganReading() throws Exception {
        // Toggl's clock, not this machine's: the Date of the first answer, a day before the test runs
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson("{\"data\":[" + task(1, "a", true, "A") + "],\"page\":1,\"per_page\":200,"
                + "\"total_count\":1}").withHeader("Date", "Mon, 30 Nov 2026 08:00:00 GMT")));
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name\nA,a\n");

        SyncRun first = service.runOnce(settings(csv));
        SyncRun second = service.runOnce(settings(csv));

        assertThat(first.mode().incremental()).isFalse();
        assertThat(second.mode().incremental()).isTrue();
        long date = Instant.parse("2026-11-30T08:00:00Z").getEpochSecond();
        wm.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("since", equalTo(String.valueOf(date - 120))));
        assertThat(second.exitCode()).isZero();
    }

    @Test
    void postsTheTaskWithIntegrationFieldsAndPatchesActiveInBulk() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(
                "{\"data\":[" + task(7, "old one", true, "OLD") + "," + task(8, "old two", true, "OLD2") + "," + task(9, "kept", true, "K")
                        + "],\"page\":1,\"per_page\":200,\"total_count\":3}")));
        wm.stubFor(post(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks")).willReturn(okJson(task(10, "New task", true, "N1"))));
        wm.stubFor(patch(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks/8,7")).willReturn(okJson(
                "{\"success\":[7,8],\"failure\":[]}")));
        // OLD2 is done, OLD vanished: one PATCH deactivates both (records first, then vanished tasks)
        Path csv = Files.writeString(dir.resolve("t.csv"),
                "external_id,name,estimated_seconds,active\nN1,New task,900,true\nK,kept,,true\nOLD2,old two,,false\n");

        SyncRun run = service.runOnce(settings(csv));

        assertThat(run.exitCode()).isZero();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks"))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("{\"name\":\"New task\",\"estimated_seconds\":900,\"active\":true,"
                        + "\"integration_provider\":\"csv\",\"integration_ext_type\":\"row\",\"integration_ext_id\":\"N1\"}")));
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks/8,7"))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]")));
        assertThat(wm.getAllServeEvents()).hasSize(3);
    }

    @Test
    void reEstimatesToOneValuePatchTheEstimateAndTheActiveChangeTheyShare() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(
                "{\"data\":[" + task(7, "a", true, "A") + "," + task(8, "b", true, "B")
                        + "],\"page\":1,\"per_page\":200,\"total_count\":2}")));
        wm.stubFor(patch(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks/7,8")).willReturn(okJson(
                "{\"success\":[7,8],\"failure\":[]}")));
        // both re-estimated to 3600 and finished: one PATCH with both operations
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,estimated_seconds,active\nA,a,3600,false\nB,b,3600,false\n");

        SyncRun run = service.runOnce(settings(csv));

        assertThat(run.exitCode()).isZero();
        wm.verify(1, patchRequestedFor(urlPathEqualTo("/api/v9/workspaces/42/projects/1001/tasks/7,8"))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/estimated_seconds\",\"value\":3600},"
                        + "{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]")));
        assertThat(wm.getAllServeEvents()).hasSize(2);
        assertThat(run.ledger().total(io.toggltasksync.account.Outcome.UPDATED)).isEqualTo(2);
    }

    @Test
    void htmlErrorBodyIsReadAsTextAndRetried() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LIST)).inScenario("s").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>"))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(LIST)).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson(
                "{\"data\":[" + task(1, "a", true, "A") + "],\"page\":1,\"per_page\":200,\"total_count\":1}")));
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name\nA,a\n");

        SyncRun run = service.runOnce(settings(csv));

        assertThat(run.exitCode()).isZero();
        assertThat(run.retries()).isEqualTo(1);
        assertThat(run.toggl().calls().byStatus()).containsEntry(502, 1L).containsEntry(200, 1L);
    }

    @Test
    void readsTheProjectListWithActiveBothAndMakesAProjectWithNoQueryAndNoPrivacy() throws Exception {
        String projects = "/api/v9/workspaces/42/projects";
        wm.stubFor(get(urlPathEqualTo(projects)).willReturn(okJson("[{\"id\":1001,\"name\":\"Alpha\",\"active\":true}]")));
        wm.stubFor(post(urlPathEqualTo(projects)).willReturn(okJson("{\"id\":3003,\"name\":\"Delta Ops (DELTA)\",\"active\":true}")));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson("{\"data\":[],\"page\":1,\"per_page\":200,\"total_count\":0}")));
        wm.stubFor(post(urlPathEqualTo("/api/v9/workspaces/42/projects/3003/tasks")).willReturn(okJson(
                "{\"id\":9,\"workspace_id\":42,\"project_id\":3003,\"name\":\"DELTA-1 Rotate keys\",\"active\":true}")));
        Path csv = Files.writeString(dir.resolve("j.csv"), "Issue key,Summary,Project key,Project name\nDELTA-1,Rotate keys,DELTA,Delta Ops\n");

        SyncRun run = service.runOnce(TestSettings.run(wm.baseUrl() + "/api/v9", dir).csv(csv)
                .with("toggl.create-projects", "true").with("toggl.project-client-id", "77").load());

        assertThat(run.exitCode()).isZero();
        wm.verify(1, getRequestedFor(urlPathEqualTo(projects)).withQueryParam("active", equalTo("both"))
                .withQueryParam("page", equalTo("1")).withQueryParam("per_page", equalTo("200")));
        wm.verify(1, postRequestedFor(urlPathEqualTo(projects))
                .withRequestBody(equalToJson("{\"name\":\"Delta Ops (DELTA)\",\"active\":true,\"client_id\":77}")));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(projects)))).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo(projects));
    }
}
