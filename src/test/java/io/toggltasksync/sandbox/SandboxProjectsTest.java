package io.toggltasksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's workspace project list and archived projects. */
class SandboxProjectsTest {

    private static final String TOKEN = "secret-token";
    private static final long WS = 42;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TogglSandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, 300, "gamma");
        sandbox.addProject(WS, 100, "Alpha");
        sandbox.addProject(WS, 200, "Beta (BET)");
        sandbox.addProject(7, 900, "Elsewhere");
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    @Test
    void listsTheWorkspacesActiveProjectsAsABareArrayByName() throws Exception {
        Res r = get("/workspaces/42/projects");
        assertThat(r.status).isEqualTo(200);
        JsonNode list = r.json();
        assertThat(list.isArray()).isTrue();
        assertThat(names(list)).containsExactly("Alpha", "Beta (BET)", "gamma");
        assertThat(list.get(0).get("id").asLong()).isEqualTo(100);
        assertThat(list.get(0).get("workspace_id").asLong()).isEqualTo(WS);
        assertThat(list.get(0).get("active").asBoolean()).isTrue();
        assertThat(list.get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void activeFiltersArchivedProjects() throws Exception {
        sandbox.setProjectArchived(200, true);
        assertThat(names(get("/workspaces/42/projects").json())).containsExactly("Alpha", "gamma");
        assertThat(names(get("/workspaces/42/projects?active=false").json())).containsExactly("Beta (BET)");
        JsonNode both = get("/workspaces/42/projects?active=both").json();
        assertThat(names(both)).containsExactly("Alpha", "Beta (BET)", "gamma");
        assertThat(both.get(1).get("active").asBoolean()).isFalse();
        assertThat(both.get(1).get("status").asText()).isEqualTo("archived");
        assertThat(get("/workspaces/42/projects?active=maybe").status).isEqualTo(400);
    }

    @Test
    void pagesFromOneWithPerPageCappedAt200() throws Exception {
        for (long id = 1_000; id < 1_250; id++) {
            sandbox.addProject(WS, id, "p" + id);
        }
        assertThat(get("/workspaces/42/projects?active=both&per_page=2").json().size()).isEqualTo(2);
        assertThat(names(get("/workspaces/42/projects?active=both&per_page=2&page=2").json()))
                .containsExactly("gamma", "p1000");
        assertThat(get("/workspaces/42/projects?active=both").json().size()).isEqualTo(151);
        assertThat(get("/workspaces/42/projects?active=both&per_page=500").json().size()).isEqualTo(200);
        assertThat(get("/workspaces/42/projects?active=both&per_page=200&page=2").json().size()).isEqualTo(53);
        assertThat(get("/workspaces/42/projects?active=both&per_page=200&page=3").body).isEqualTo("[]");
    }

    @Test
    void unknownWorkspaceIs403AndADeleteIsNotServed() throws Exception {
        assertThat(get("/workspaces/999/projects").status).isEqualTo(403);
        assertThat(send("DELETE", "/workspaces/42/projects").status).isEqualTo(404);
    }

    @Test
    void anArchivedProjectRefusesNewTasksAndTakesThemAgainWhenRestored() throws Exception {
        sandbox.setProjectArchived(100, true);
        Res refused = send("POST", "/workspaces/42/projects/100/tasks", "{\"name\":\"T\"}");
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body).contains("archived");
        assertThat(sandbox.tasks(100)).isEmpty();

        sandbox.setProjectArchived(100, false);
        assertThat(send("POST", "/workspaces/42/projects/100/tasks", "{\"name\":\"T\"}").status).isEqualTo(200);
        assertThat(sandbox.tasks(100)).hasSize(1);
    }

    // ================================================================ helpers

    @Test
    void aPostMakesAnActiveProjectThatTheListShowsAndATakenNameIsRefused() throws Exception {
        Res made = send("POST", "/workspaces/42/projects", "{\"name\":\"Delta Ops (DELTA)\",\"active\":true}");
        assertThat(made.status).isEqualTo(200);
        assertThat(made.json().get("active").asBoolean()).isTrue();
        long id = made.json().get("id").asLong();
        assertThat(id).isGreaterThanOrEqualTo(ProjectEndpoints.FIRST_CREATED_ID);
        assertThat(names(get("/workspaces/42/projects").json())).contains("Delta Ops (DELTA)");
        assertThat(send("POST", "/workspaces/42/projects/" + id + "/tasks", "{\"name\":\"T\"}").status).as("takes tasks").isEqualTo(200);

        Res taken = send("POST", "/workspaces/42/projects", "{\"name\":\"ALPHA\"}");
        assertThat(taken.status).isEqualTo(400);
        assertThat(taken.body).contains("Name has already been taken");
        assertThat(send("POST", "/workspaces/42/projects", "{\"name\":\" \"}").status).isEqualTo(400);
    }

    private record Res(int status, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private Res get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Res send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null);
    }

    private Res send(String method, String path, String body) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + auth)
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body());
    }
}
