package io.toggltasksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TogglSandboxTest {

    private static final String TOKEN = "secret-token";
    private static final long WS = 42;
    private static final long PID = 100;
    private static final long OTHER_PID = 200;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private TogglSandbox sandbox;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2025-10-01T12:00:00Z"));
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.setClock(clock);
        sandbox.addProject(WS, PID, "Alpha");
        sandbox.addProject(WS, OTHER_PID, "Beta");
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void baseUrlPointsAtLoopbackApiV9() {
        assertThat(sandbox.port()).isPositive();
        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/api/v9");
    }

    // ---------------------------------------------------------------- workspace list

    @Test
    void pagesFollowTotalCountWithGrantedPageSize() throws Exception {
        sandbox.setMaxPerPage(3);
        for (int i = 0; i < 7; i++) {
            sandbox.putTask(WS, PID, "task " + i, null, true, null, null, null);
        }
        List<String> names = new ArrayList<>();
        int page = 1;
        long total;
        do {
            Res r = get("/workspaces/" + WS + "/tasks?per_page=500&page=" + page);
            assertThat(r.status).isEqualTo(200);
            JsonNode json = r.json();
            assertThat(json.get("per_page").asInt()).isEqualTo(3);
            assertThat(json.get("page").asInt()).isEqualTo(page);
            assertThat(json.get("sort_field").asText()).isEqualTo("name");
            assertThat(json.get("sort_order").asText()).isEqualTo("ASC");
            total = json.get("total_count").asLong();
            json.get("data").forEach(t -> names.add(t.get("name").asText()));
            page++;
        } while ((long) (page - 1) * 3 < total);
        assertThat(total).isEqualTo(7);
        assertThat(names).containsExactly("task 0", "task 1", "task 2", "task 3", "task 4", "task 5", "task 6");
        assertThat(get("/workspaces/" + WS + "/tasks?per_page=3&page=4").json().get("data")).isEmpty();
    }

    @Test
    void perPageDefaultsTo50() throws Exception {
        for (int i = 0; i < 60; i++) {
            sandbox.putTask(WS, PID, String.format("t%02d", i), null, true, null, null, null);
        }
        JsonNode json = get("/workspaces/" + WS + "/tasks").json();
        assertThat(json.get("per_page").asInt()).isEqualTo(50);
        assertThat(json.get("data")).hasSize(50);
        assertThat(json.get("total_count").asInt()).isEqualTo(60);
    }

    @Test
    void activeFilterDefaultsToActiveOnly() throws Exception {
        sandbox.putTask(WS, PID, "open", null, true, null, null, null);
        sandbox.putTask(WS, PID, "done", null, false, null, null, null);

        assertThat(names(get("/workspaces/" + WS + "/tasks").json().get("data"))).containsExactly("open");
        assertThat(names(get("/workspaces/" + WS + "/tasks?active=true").json().get("data"))).containsExactly("open");
        assertThat(names(get("/workspaces/" + WS + "/tasks?active=false").json().get("data"))).containsExactly("done");
        assertThat(names(get("/workspaces/" + WS + "/tasks?active=both").json().get("data"))).containsExactly("done", "open");
        assertThat(get("/workspaces/" + WS + "/tasks?active=both").json().get("total_count").asInt()).isEqualTo(2);
    }

    @Test
    void workspaceListSortsByNameOrCreatedAtBothWays() throws Exception {
        sandbox.putTask(WS, PID, "b", null, true, null, null, null);
        clock.advance(10);
        sandbox.putTask(WS, PID, "c", null, true, null, null, null);
        clock.advance(10);
        sandbox.putTask(WS, PID, "a", null, true, null, null, null);

        String base = "/workspaces/" + WS + "/tasks?active=both";
        assertThat(names(get(base).json().get("data"))).containsExactly("a", "b", "c");
        assertThat(names(get(base + "&sort_order=DESC").json().get("data"))).containsExactly("c", "b", "a");
        assertThat(names(get(base + "&sort_field=created_at").json().get("data"))).containsExactly("b", "c", "a");
        JsonNode desc = get(base + "&sort_field=created_at&sort_order=DESC").json();
        assertThat(names(desc.get("data"))).containsExactly("a", "c", "b");
        assertThat(desc.get("sort_field").asText()).isEqualTo("created_at");
        assertThat(desc.get("sort_order").asText()).isEqualTo("DESC");
    }

    @Test
    void workspaceListFiltersByPidAndSince() throws Exception {
        sandbox.putTask(WS, PID, "old", null, true, null, null, null);
        sandbox.putTask(WS, OTHER_PID, "other", null, true, null, null, null);
        clock.advance(100);
        long since = clock.instant().getEpochSecond();
        sandbox.putTask(WS, PID, "new", null, true, null, null, null);

        assertThat(names(get("/workspaces/" + WS + "/tasks?pid=" + PID).json().get("data"))).containsExactly("new", "old");
        assertThat(names(get("/workspaces/" + WS + "/tasks?since=" + since).json().get("data"))).containsExactly("new");
        assertThat(names(get("/workspaces/" + WS + "/tasks?pid=" + OTHER_PID + "&since=" + since).json().get("data"))).isEmpty();
    }

    @Test
    void workspaceListSeesWritesAfterCachingAView() throws Exception {
        sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        assertThat(get("/workspaces/" + WS + "/tasks").json().get("total_count").asInt()).isEqualTo(1);
        post(PID, "{\"name\":\"b\"}");
        assertThat(names(get("/workspaces/" + WS + "/tasks").json().get("data"))).containsExactly("a", "b");
    }

    @Test
    void unknownWorkspaceIs403() throws Exception {
        Res r = get("/workspaces/999/tasks");
        assertThat(r.status).isEqualTo(403);
        assertThat(r.contentType()).startsWith("text/plain");
    }

    // ---------------------------------------------------------------- project list

    @Test
    void projectListAnswersArrayFilteredByActive() throws Exception {
        sandbox.putTask(WS, PID, "open", 3600L, true, null, null, null);
        sandbox.putTask(WS, PID, "done", null, false, null, null, null);
        sandbox.putTask(WS, OTHER_PID, "elsewhere", null, true, null, null, null);

        Res r = get(projectPath(PID));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(names(r.json())).containsExactly("open");
        assertThat(names(get(projectPath(PID) + "?active=both").json())).containsExactly("done", "open");
        assertThat(names(get(projectPath(PID) + "?active=false").json())).containsExactly("done");
    }

    @Test
    void emptyProjectListIsNull() throws Exception {
        Res r = get(projectPath(PID));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("null");
        sandbox.putTask(WS, PID, "done", null, false, null, null, null);
        assertThat(get(projectPath(PID)).body).isEqualTo("null");
    }

    @Test
    void unknownProjectIsInvalidProjectId() throws Exception {
        assertThat(get(projectPath(999)).status).isEqualTo(400);
        Res r = post(999, "{\"name\":\"x\"}");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body).contains("Invalid project_id");
        assertThat(r.contentType()).startsWith("text/plain");
        sandbox.addProject(7, 300, "Other workspace");
        assertThat(post(300, "{\"name\":\"x\"}").status).isEqualTo(400); // project of another workspace
    }

    // ---------------------------------------------------------------- create

    @Test
    void createAnswersTaskJsonWithDefaults() throws Exception {
        Res r = post(PID, "{\"name\":\"ABC-1 First\",\"estimated_seconds\":1800}");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode t = r.json();
        assertThat(t.get("id").asLong()).isEqualTo(TogglSandbox.FIRST_TASK_ID);
        assertThat(t.get("workspace_id").asLong()).isEqualTo(WS);
        assertThat(t.get("project_id").asLong()).isEqualTo(PID);
        assertThat(t.get("project_name").asText()).isEqualTo("Alpha");
        assertThat(t.get("name").asText()).isEqualTo("ABC-1 First");
        assertThat(t.get("active").asBoolean()).isTrue();
        assertThat(t.get("estimated_seconds").asLong()).isEqualTo(1800);
        assertThat(t.get("tracked_seconds").asLong()).isZero();
        assertThat(t.get("user_id").asLong()).isEqualTo(TogglSandbox.REQUESTER_USER_ID);
        assertThat(t.get("recurring").asBoolean()).isFalse();
        assertThat(t.get("rate").isNull()).isTrue();
        assertThat(t.get("at").asText()).isEqualTo("2025-10-01T12:00:00+00:00");
        assertThat(t.has("integration_provider")).isTrue();

        assertThat(post(PID, "{\"name\":\"second\",\"active\":false}").json().get("id").asLong())
                .isEqualTo(TogglSandbox.FIRST_TASK_ID + 1);
        assertThat(sandbox.tasks(PID)).extracting(TogglTask::name, TogglTask::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ABC-1 First", true),
                        org.assertj.core.groups.Tuple.tuple("second", false));
    }

    @Test
    void duplicateNameInProjectIsRefusedAsPlainText() throws Exception {
        assertThat(post(PID, "{\"name\":\"Same\"}").status).isEqualTo(200);
        Res dup = post(PID, "{\"name\":\"Same\"}");
        assertThat(dup.status).isEqualTo(400);
        assertThat(dup.contentType()).startsWith("text/plain");
        assertThat(dup.body).isEqualTo("\"Name has already been taken\"");
        // uniqueness is per project and case-sensitive
        assertThat(post(OTHER_PID, "{\"name\":\"Same\"}").status).isEqualTo(200);
        assertThat(post(PID, "{\"name\":\"same\"}").status).isEqualTo(200);
        assertThat(sandbox.tasks(PID)).hasSize(2);
    }

    @Test
    void blankNameAndNegativeEstimateAreRefused() throws Exception {
        assertThat(post(PID, "{\"name\":\"  \"}").status).isEqualTo(400);
        assertThat(post(PID, "{\"estimated_seconds\":5}").status).isEqualTo(400);
        assertThat(post(PID, "{\"name\":\"x\",\"estimated_seconds\":-1}").status).isEqualTo(400);
        assertThat(post(PID, "not json").status).isEqualTo(400);
        assertThat(sandbox.allTasks()).isEmpty();
    }

    @Test
    void integrationFieldsStoredByDefault() throws Exception {
        JsonNode t = post(PID, "{\"name\":\"ABC-1 x\",\"integration_provider\":\"jira\","
                + "\"integration_ext_type\":\"issue\",\"integration_ext_id\":\"ABC-1\"}").json();
        assertThat(t.get("integration_provider").asText()).isEqualTo("jira");
        assertThat(t.get("integration_ext_type").asText()).isEqualTo("issue");
        assertThat(t.get("integration_ext_id").asText()).isEqualTo("ABC-1");
        assertThat(sandbox.tasks(PID).get(0).hasIntegrationFields()).isTrue();
    }

    @Test
    void integrationFieldsDroppedWhenNotStored() throws Exception {
        sandbox.setStoreIntegrationFields(false);
        JsonNode t = post(PID, "{\"name\":\"ABC-1 x\",\"integration_provider\":\"jira\","
                + "\"integration_ext_type\":\"issue\",\"integration_ext_id\":\"ABC-1\"}").json();
        assertThat(t.get("integration_provider").isNull()).isTrue();
        assertThat(t.get("integration_ext_type").isNull()).isTrue();
        assertThat(t.get("integration_ext_id").isNull()).isTrue();
        assertThat(sandbox.tasks(PID).get(0).hasIntegrationFields()).isFalse();

        long id = t.get("id").asLong();
        JsonNode updated = put(PID, id, "{\"integration_provider\":\"jira\",\"integration_ext_id\":\"ABC-1\"}").json();
        assertThat(updated.get("integration_provider").isNull()).isTrue();
        assertThat(sandbox.tasks(PID).get(0).integrationExtId()).isNull();
    }

    // ---------------------------------------------------------------- get / put / delete

    @Test
    void getSingleTaskOrInvalidTaskId() throws Exception {
        TogglTask t = sandbox.putTask(WS, PID, "one", 60L, true, "csv", "row", "7");
        JsonNode json = get(projectPath(PID) + "/" + t.id()).json();
        assertThat(json.get("name").asText()).isEqualTo("one");
        assertThat(json.get("integration_ext_id").asText()).isEqualTo("7");

        Res missing = get(projectPath(PID) + "/123");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.body).contains("Invalid task_id");
        assertThat(get(projectPath(OTHER_PID) + "/" + t.id()).status).isEqualTo(400); // wrong project
    }

    @Test
    void putUpdatesOnlyPresentFields() throws Exception {
        TogglTask t = sandbox.putTask(WS, PID, "one", 60L, true, "csv", "row", "7");
        clock.advance(30);
        JsonNode json = put(PID, t.id(), "{\"estimated_seconds\":120}").json();
        assertThat(json.get("name").asText()).isEqualTo("one");
        assertThat(json.get("estimated_seconds").asLong()).isEqualTo(120);
        assertThat(json.get("active").asBoolean()).isTrue();
        assertThat(json.get("integration_ext_id").asText()).isEqualTo("7");
        assertThat(json.get("at").asText()).isEqualTo("2025-10-01T12:00:30+00:00");

        put(PID, t.id(), "{\"name\":\"renamed\",\"active\":false}");
        TogglTask stored = sandbox.tasks(PID).get(0);
        assertThat(stored.name()).isEqualTo("renamed");
        assertThat(stored.active()).isFalse();
        assertThat(stored.estimatedSeconds()).isEqualTo(120L);
        // the old name is free again
        assertThat(post(PID, "{\"name\":\"one\"}").status).isEqualTo(200);
    }

    @Test
    void putRefusesNameTakenByAnotherTaskButAllowsItsOwn() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        sandbox.putTask(WS, PID, "b", null, true, null, null, null);
        Res r = put(PID, a.id(), "{\"name\":\"b\",\"estimated_seconds\":5}");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body).contains("Name has already been taken");
        assertThat(sandbox.tasks(PID).get(0).estimatedSeconds()).isNull(); // refused PUT changed nothing
        assertThat(put(PID, a.id(), "{\"name\":\"a\",\"estimated_seconds\":5}").status).isEqualTo(200);
        assertThat(put(PID, a.id(), "{\"estimated_seconds\":-5}").status).isEqualTo(400);
        assertThat(put(PID, 1, "{\"name\":\"z\"}").status).isEqualTo(400);
    }

    @Test
    void deleteAnswersEmpty200AndRemovesTask() throws Exception {
        TogglTask t = sandbox.putTask(WS, PID, "gone", null, true, null, null, null);
        Res r = send("DELETE", projectPath(PID) + "/" + t.id(), null);
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEmpty();
        assertThat(sandbox.allTasks()).isEmpty();
        Res again = send("DELETE", projectPath(PID) + "/" + t.id(), null);
        assertThat(again.status).isEqualTo(400);
        assertThat(again.body).contains("Invalid task_id");
        assertThat(post(PID, "{\"name\":\"gone\"}").status).isEqualTo(200); // name is free again
    }

    // ---------------------------------------------------------------- patch

    @Test
    void patchAppliesToManyIdsAndReportsFailures() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        TogglTask b = sandbox.putTask(WS, PID, "b", null, true, null, null, null);
        TogglTask other = sandbox.putTask(WS, OTHER_PID, "o", null, true, null, null, null);

        Res r = patch(PID, a.id() + "," + b.id() + "," + other.id() + ",999",
                "[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false},"
                        + "{\"op\":\"add\",\"path\":\"/estimated_seconds\",\"value\":900}]");
        assertThat(r.status).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("success")).extracting(JsonNode::asLong).containsExactly(a.id(), b.id());
        assertThat(json.get("failure")).extracting(n -> n.get("id").asLong()).containsExactly(other.id(), 999L);
        assertThat(json.get("failure").get(0).get("message").asText()).isNotBlank();

        assertThat(sandbox.tasks(PID)).allSatisfy(t -> {
            assertThat(t.active()).isFalse();
            assertThat(t.estimatedSeconds()).isEqualTo(900L);
        });
        assertThat(sandbox.tasks(OTHER_PID).get(0).active()).isTrue();
        assertThat(sandbox.requestCount("PATCH")).isEqualTo(1);
    }

    @Test
    void patchOverLimitIsRefused() throws Exception {
        sandbox.setPatchLimit(2);
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        TogglTask b = sandbox.putTask(WS, PID, "b", null, true, null, null, null);
        TogglTask c = sandbox.putTask(WS, PID, "c", null, true, null, null, null);
        String ops = "[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]";

        Res r = patch(PID, a.id() + "," + b.id() + "," + c.id(), ops);
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body).contains("PATCH request is limited to 2 entries at once");
        assertThat(sandbox.tasks(PID)).allMatch(TogglTask::active);
        assertThat(patch(PID, a.id() + "," + b.id(), ops).status).isEqualTo(200);
    }

    @Test
    void patchRefusesUnknownOpAndPath() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        Res op = patch(PID, String.valueOf(a.id()), "[{\"op\":\"move\",\"path\":\"/active\",\"value\":false}]");
        assertThat(op.status).isEqualTo(400);
        assertThat(op.body).contains("Invalid op: move");
        Res path = patch(PID, String.valueOf(a.id()), "[{\"op\":\"replace\",\"path\":\"/color\",\"value\":1}]");
        assertThat(path.status).isEqualTo(400);
        assertThat(path.body).contains("Path not found: /color");
        assertThat(sandbox.tasks(PID).get(0).active()).isTrue();
    }

    @Test
    void patchRemoveOfActiveIsAPerTaskFailure() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", 60L, true, null, null, null);
        JsonNode json = patch(PID, String.valueOf(a.id()), "[{\"op\":\"remove\",\"path\":\"/active\"}]").json();
        assertThat(json.get("success")).isEmpty();
        assertThat(json.get("failure").get(0).get("message").asText()).contains("/active");
        JsonNode removed = patch(PID, String.valueOf(a.id()), "[{\"op\":\"remove\",\"path\":\"/estimated_seconds\"}]").json();
        assertThat(removed.get("success")).hasSize(1);
        assertThat(sandbox.tasks(PID).get(0).estimatedSeconds()).isNull();
    }

    @Test
    void patchRenameKeepsNamesUnique() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        TogglTask b = sandbox.putTask(WS, PID, "b", null, true, null, null, null);
        JsonNode json = patch(PID, a.id() + "," + b.id(), "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"z\"}]").json();
        assertThat(json.get("success")).extracting(JsonNode::asLong).containsExactly(a.id());
        assertThat(json.get("failure").get(0).get("message").asText()).isEqualTo("Name has already been taken");
        assertThat(sandbox.tasks(PID)).extracting(TogglTask::name).containsExactly("z", "b");
    }

    // ---------------------------------------------------------------- auth and routing

    @Test
    void wrongTokenIs403() throws Exception {
        Res wrong = send("GET", "/workspaces/" + WS + "/tasks", null, basic("nope:api_token"));
        assertThat(wrong.status).isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("text/plain");
        assertThat(wrong.body).contains("Incorrect username and/or password");
        assertThat(send("GET", "/workspaces/" + WS + "/tasks", null, null).status).isEqualTo(403);
        assertThat(send("POST", projectPath(PID), "{\"name\":\"x\"}", basic(TOKEN + ":wrong")).status).isEqualTo(403);
        assertThat(sandbox.allTasks()).isEmpty();
        assertThat(sandbox.requestCount("GET")).isEqualTo(2);
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertThat(get("/workspaces/" + WS + "/clients").status).isEqualTo(404);
        assertThat(send("POST", "/workspaces/" + WS + "/tasks", "{}").status).isEqualTo(404);
        HttpResponse<String> outside = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port() + "/other"))
                        .header("Authorization", basic(TOKEN + ":api_token")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- counters

    @Test
    void countersRecordEveryRequestIncludingFaults() throws Exception {
        sandbox.injectFault(Fault.serverError("GET", "/tasks$"));
        get("/workspaces/" + WS + "/tasks");
        get("/workspaces/" + WS + "/tasks?page=2");
        post(PID, "{\"name\":\"x\"}");

        assertThat(sandbox.requestCount("GET")).isEqualTo(2);
        assertThat(sandbox.requestCount("post")).isEqualTo(1);
        assertThat(sandbox.requestCounts()).isEqualTo(Map.of("GET", 2L, "POST", 1L));
        assertThat(sandbox.requests()).extracting(TogglSandbox.RecordedRequest::status).containsExactly(500, 200, 200);
        TogglSandbox.RecordedRequest second = sandbox.requests().get(1);
        assertThat(second.method()).isEqualTo("GET");
        assertThat(second.path()).isEqualTo("/workspaces/" + WS + "/tasks");
        assertThat(second.query()).isEqualTo("page=2");
        assertThat(sandbox.requests().get(2).body()).isEqualTo("{\"name\":\"x\"}");

        sandbox.putTask(WS, PID, "seeded", null, true, null, null, null);
        sandbox.tasks(PID);
        sandbox.resetCounters();
        assertThat(sandbox.requestCounts()).isEmpty();
        assertThat(sandbox.requests()).isEmpty();
    }

    // ---------------------------------------------------------------- faults

    @Test
    void statusFaultAnswersWithoutProcessingAndIsConsumed() throws Exception {
        sandbox.injectFault(Fault.status("POST", "/projects/\\d+/tasks$", 500, "Internal Server Error").times(2));
        Res first = post(PID, "{\"name\":\"x\"}");
        assertThat(first.status).isEqualTo(500);
        assertThat(first.body).isEqualTo("Internal Server Error");
        assertThat(first.contentType()).startsWith("text/plain");
        assertThat(post(PID, "{\"name\":\"x\"}").status).isEqualTo(500);
        assertThat(sandbox.allTasks()).isEmpty();
        assertThat(post(PID, "{\"name\":\"x\"}").status).isEqualTo(200);
        assertThat(sandbox.pendingFaults()).isZero();
    }

    @Test
    void faultsMatchMethodAndPathInOrder() throws Exception {
        sandbox.injectFault(Fault.status("GET", "^/workspaces/\\d+/tasks$", 403, "Forbidden"));
        sandbox.injectFault(Fault.status("*", "/tasks", 500, "boom"));
        assertThat(post(PID, "{\"name\":\"x\"}").status).isEqualTo(500); // GET fault skipped, "*" fires
        assertThat(get("/workspaces/" + WS + "/tasks").status).isEqualTo(403);
        assertThat(get("/workspaces/" + WS + "/tasks").status).isEqualTo(200);
        sandbox.injectFault(Fault.serverError("*", ".*").times(5));
        sandbox.clearFaults();
        assertThat(get("/workspaces/" + WS + "/tasks").status).isEqualTo(200);
    }

    @Test
    void tooManyRequestsFaultIsHtmlWithoutRetryAfter() throws Exception {
        sandbox.injectFault(Fault.tooManyRequests("*", ".*"));
        Res r = get("/workspaces/" + WS + "/tasks");
        assertThat(r.status).isEqualTo(429);
        assertThat(r.body).isEqualTo("<html><body>Too Many Requests</body></html>");
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.headers.firstValue("Retry-After")).isEmpty();
    }

    @Test
    void lostAnswerCreatesTheTaskButClientSeesIoError() throws Exception {
        sandbox.injectFault(Fault.loseAnswer("POST", "/projects/" + PID + "/tasks$"));
        // warm the connection pool first: the lost answer must also break a kept-alive connection
        assertThat(get(projectPath(PID)).status).isEqualTo(200);

        assertThatThrownBy(() -> post(PID, "{\"name\":\"ABC-7 lost\"}")).isInstanceOf(IOException.class);

        assertThat(sandbox.tasks(PID)).extracting(TogglTask::name).containsExactly("ABC-7 lost");
        assertThat(sandbox.requestCount("POST")).isEqualTo(1);
        assertThat(sandbox.requests().get(1).status()).isZero();
        // the fault was consumed: a retry gets the honest answer
        Res retry = post(PID, "{\"name\":\"ABC-7 lost\"}");
        assertThat(retry.status).isEqualTo(400);
        assertThat(retry.body).contains("Name has already been taken");
    }

    @Test
    void lostAnswerIsNoHttpResponseForApacheHttpClient() throws Exception {
        sandbox.injectFault(Fault.loseAnswer("POST", "/tasks$"));
        try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
            HttpPost post = new HttpPost(sandbox.baseUrl() + projectPath(PID));
            post.setHeader("Authorization", basic(TOKEN + ":api_token"));
            post.setEntity(new StringEntity("{\"name\":\"lost\"}", ContentType.APPLICATION_JSON));
            assertThatThrownBy(() -> client.execute(post, response -> response.getCode()))
                    .isInstanceOf(IOException.class);

            // the same client recovers on a fresh connection
            HttpPost again = new HttpPost(sandbox.baseUrl() + projectPath(PID));
            again.setHeader("Authorization", basic(TOKEN + ":api_token"));
            again.setEntity(new StringEntity("{\"name\":\"second\"}", ContentType.APPLICATION_JSON));
            int status = client.execute(again, response -> response.getCode());
            assertThat(status).isEqualTo(200);
        }
        assertThat(sandbox.tasks(PID)).extracting(TogglTask::name).containsExactly("lost", "second");
    }

    @Test
    void lostAnswerOfPatchStillAppliesIt() throws Exception {
        TogglTask a = sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        sandbox.injectFault(Fault.loseAnswer("PATCH", ".*"));
        assertThatThrownBy(() -> patch(PID, String.valueOf(a.id()), "[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]"))
                .isInstanceOf(IOException.class);
        assertThat(sandbox.tasks(PID).get(0).active()).isFalse();
    }

    // ---------------------------------------------------------------- quota

    @Test
    void quotaExhaustionAnswers402WithHeaders() throws Exception {
        sandbox.setQuota(2, 600);
        Res first = get("/workspaces/" + WS + "/tasks");
        assertThat(first.status).isEqualTo(200);
        assertThat(first.headers.firstValue("X-Toggl-Quota-Remaining")).contains("1");
        assertThat(first.headers.firstValue("X-Toggl-Quota-Resets-In")).contains("600");
        clock.advance(100);
        Res second = post(PID, "{\"name\":\"x\"}");
        assertThat(second.status).isEqualTo(200);
        assertThat(second.headers.firstValue("X-Toggl-Quota-Remaining")).contains("0");
        assertThat(second.headers.firstValue("X-Toggl-Quota-Resets-In")).contains("500");

        Res refused = post(PID, "{\"name\":\"y\"}");
        assertThat(refused.status).isEqualTo(402);
        assertThat(refused.contentType()).startsWith("text/plain");
        assertThat(refused.body).startsWith("You have hit your hourly quota");
        assertThat(refused.headers.firstValue("X-Toggl-Quota-Remaining")).contains("0");
        assertThat(refused.headers.firstValue("X-Toggl-Quota-Resets-In")).contains("500");
        assertThat(sandbox.tasks(PID)).extracting(TogglTask::name).containsExactly("x"); // not processed
        assertThat(sandbox.requestCount("POST")).isEqualTo(2);

        sandbox.clearQuota();
        Res free = post(PID, "{\"name\":\"y\"}");
        assertThat(free.status).isEqualTo(200);
        assertThat(free.headers.firstValue("X-Toggl-Quota-Remaining")).isEmpty();
    }

    @Test
    void quotaRefillsWhenTheWindowEnds() throws Exception {
        sandbox.setQuota(1, 60);
        assertThat(get(projectPath(PID)).status).isEqualTo(200);
        assertThat(get(projectPath(PID)).status).isEqualTo(402);
        clock.advance(60);
        Res r = get(projectPath(PID));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.headers.firstValue("X-Toggl-Quota-Remaining")).contains("0");
        assertThat(r.headers.firstValue("X-Toggl-Quota-Resets-In")).contains("60");
    }

    @Test
    void quotaExhaustedFaultCarriesZeroRemaining() throws Exception {
        sandbox.injectFault(Fault.quotaExhausted("POST", ".*", 1234));
        Res r = post(PID, "{\"name\":\"x\"}");
        assertThat(r.status).isEqualTo(402);
        assertThat(r.headers.firstValue("X-Toggl-Quota-Remaining")).contains("0");
        assertThat(r.headers.firstValue("X-Toggl-Quota-Resets-In")).contains("1234");
        assertThat(r.body).contains("1234");
        assertThat(sandbox.allTasks()).isEmpty();
    }

    // ---------------------------------------------------------------- seeding, concurrency, speed

    @Test
    void seedingRefusesDuplicateNamesAndRegistersUnknownProjects() {
        sandbox.putTask(WS, PID, "a", null, true, null, null, null);
        assertThatThrownBy(() -> sandbox.putTask(WS, PID, "a", null, false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        TogglTask t = sandbox.putTask(WS, 555, "new project", 10L, false, "jira", "issue", "X-1");
        assertThat(sandbox.tasks(555)).containsExactly(t);
        assertThat(sandbox.allTasks()).hasSize(2);
        assertThat(sandbox.requestCounts()).isEmpty();
    }

    @Test
    void concurrentCreatesGetUniqueIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                results.add(pool.submit(() -> post(PID, "{\"name\":\"c" + n + "\"}").status));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<Long> ids = new HashSet<>();
        sandbox.tasks(PID).forEach(t -> ids.add(t.id()));
        assertThat(ids).hasSize(80);
        assertThat(sandbox.requestCount("POST")).isEqualTo(80);
    }

    @Test
    void pagingThrough100000TasksStaysFast() throws Exception {
        long seedStart = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            sandbox.putTask(WS, i % 2 == 0 ? PID : OTHER_PID, "task-" + i, null, i % 10 != 0, "csv", "row", Integer.toString(i));
        }
        long readStart = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        int requests = 0;
        long total = Long.MAX_VALUE;
        for (int page = 1; (long) (page - 1) * 200 < total; page++) {
            Res r = get("/workspaces/" + WS + "/tasks?active=both&per_page=200&page=" + page);
            requests++;
            JsonNode json = r.json();
            total = json.get("total_count").asLong();
            json.get("data").forEach(t -> seen.add(t.get("id").asLong()));
        }
        long end = System.nanoTime();
        System.out.printf("TogglSandbox: seeded 100000 tasks in %d ms, read them in %d pages of 200 in %d ms%n",
                (readStart - seedStart) / 1_000_000, requests, (end - readStart) / 1_000_000);
        assertThat(seen).hasSize(100_000);
        assertThat(requests).isEqualTo(500);
    }

    // ================================================================ helpers

    private record Res(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private static String projectPath(long pid) {
        return "/workspaces/" + WS + "/projects/" + pid + "/tasks";
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private Res get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Res post(long pid, String body) throws IOException, InterruptedException {
        return send("POST", projectPath(pid), body);
    }

    private Res put(long pid, long id, String body) throws IOException, InterruptedException {
        return send("PUT", projectPath(pid) + "/" + id, body);
    }

    private Res patch(long pid, String ids, String body) throws IOException, InterruptedException {
        return send("PATCH", projectPath(pid) + "/" + ids, body);
    }

    private Res send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, basic(TOKEN + ":api_token"));
    }

    private Res send(String method, String path, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body(), r.headers());
    }

    /** A clock the tests move by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
