package io.toggltasksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.support.Json;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's time entries and the Reports API's detailed search it serves: dates read and times written in the
 * token user's zone, paging by {@code page_size} and {@code first_row_number} with the next-page headers, a
 * non-admin seeing only their own entries, running entries left out, the quota spent, the state file.
 */
class SandboxTimeEntriesTest {

    private static final String TOKEN = "secret-token";
    private static final long WS = 42;
    private static final long PID = 100;
    private static final long OTHER_USER = 9_000_001L;
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TogglSandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        sandbox.addProject(WS, PID, "Alpha");
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private TimeEntry entry(long userId, String description, String start, long minutes) {
        Instant s = Instant.parse(start);
        return sandbox.addTimeEntry(WS, userId, userId == TogglSandbox.REQUESTER_USER_ID ? TogglSandbox.REQUESTER_NAME : "Other",
                PID, null, description, s, s.plusSeconds(minutes * 60));
    }

    /** {@code n} entries of an hour each, a day apart from 1 Dec, in id order. */
    private List<TimeEntry> entries(int n) {
        List<TimeEntry> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(entry(TogglSandbox.REQUESTER_USER_ID, "e" + i, "2026-12-01T08:00:00Z", 60));
        }
        return made;
    }

    @Test
    void aPageHoldsFiftyRowsByDefaultAndTheHeadersNameTheNextRowUntilTheLast() throws Exception {
        List<TimeEntry> made = entries(120);

        Res first = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\"}");
        Res third = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"first_row_number\":101}");

        assertThat(first.json()).hasSize(50);
        assertThat(first.json().get(0).get("row_number").asLong()).isEqualTo(1);
        assertThat(first.header("X-Next-Row-Number")).isEqualTo("51");
        assertThat(first.header("X-Next-ID")).isEqualTo(Long.toString(made.get(50).id()));
        assertThat(third.json()).hasSize(20);
        assertThat(third.json().get(0).get("row_number").asLong()).isEqualTo(101);
        assertThat(third.json().get(19).get("time_entries").get(0).get("id").asLong()).isEqualTo(made.get(119).id());
        assertThat(third.header("X-Next-Row-Number")).isNull();
        assertThat(third.header("X-Next-ID")).isNull();
    }

    @Test
    void pageSizeIsHonouredUpToTheServersMaximum() throws Exception {
        entries(7);
        sandbox.setReportMaxPageSize(4);

        Res asked3 = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"page_size\":3}");
        Res asked10 = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"page_size\":10}");

        assertThat(asked3.json()).hasSize(3);
        assertThat(asked3.header("X-Next-Row-Number")).isEqualTo("4");
        assertThat(asked10.json()).hasSize(4);
        assertThat(asked10.header("X-Next-Row-Number")).isEqualTo("5");
    }

    @Test
    void aRowIsTogglsShapeWithTimesInTheUsersOffset() throws Exception {
        sandbox.setUserTimeZone(ZoneId.of("+01:00"));
        TimeEntry e = sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, PID, 555L, "ABC-1 fix",
                Instant.parse("2026-12-07T09:15:00Z"), Instant.parse("2026-12-07T10:00:30Z"));

        JsonNode row = search("{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}").json().get(0);

        assertThat(row.get("user_id").asLong()).isEqualTo(TogglSandbox.REQUESTER_USER_ID);
        assertThat(row.get("username").asText()).isEqualTo(TogglSandbox.REQUESTER_NAME);
        assertThat(row.get("project_id").asLong()).isEqualTo(PID);
        assertThat(row.get("task_id").asLong()).isEqualTo(555);
        assertThat(row.get("description").asText()).isEqualTo("ABC-1 fix");
        JsonNode te = row.get("time_entries").get(0);
        assertThat(te.get("id").asLong()).isEqualTo(e.id());
        assertThat(te.get("seconds").asLong()).isEqualTo(45 * 60 + 30);
        assertThat(te.get("start").asText()).isEqualTo("2026-12-07T10:15:00+01:00");
        assertThat(te.get("stop").asText()).isEqualTo("2026-12-07T11:00:30+01:00");
        assertThat(te.get("at").asText()).isEqualTo("2026-12-07T13:00:00+01:00");
        assertThat(get("/api/v9/me").json().get("timezone").asText()).isEqualTo("+01:00");
    }

    @Test
    void byDefaultTheUserIsInUtcAndTimesAreWholeSecondsAtPlusZero() throws Exception {
        sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, PID, null, "x",
                Instant.parse("2026-12-07T09:15:00.750Z"), Instant.parse("2026-12-07T09:16:00.250Z"));

        JsonNode te = search("{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}").json().get(0).get("time_entries").get(0);

        assertThat(te.get("start").asText()).isEqualTo("2026-12-07T09:15:00+00:00");
        assertThat(te.get("seconds").asLong()).isEqualTo(60);
        assertThat(get("/api/v9/me").json().get("timezone").asText()).isEqualTo("UTC");
    }

    @Test
    void theDatesAreReadInTheUsersZone() throws Exception {
        sandbox.setUserTimeZone(ZoneId.of("+01:00"));
        // 23:30 UTC on the 6th is already the 7th at +01:00
        TimeEntry late = entry(TogglSandbox.REQUESTER_USER_ID, "late", "2026-12-06T23:30:00Z", 20);

        assertThat(search("{\"start_date\":\"2026-12-06\",\"end_date\":\"2026-12-06\"}").json()).isEmpty();
        assertThat(search("{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}").json()).singleElement()
                .satisfies(r -> assertThat(r.get("time_entries").get(0).get("id").asLong()).isEqualTo(late.id()));
    }

    @Test
    void aUserWhoIsNoAdminSeesOnlyTheirOwnEntriesAndTheWorkspaceSaysSo() throws Exception {
        TimeEntry mine = entry(TogglSandbox.REQUESTER_USER_ID, "mine", "2026-12-07T08:00:00Z", 30);
        entry(OTHER_USER, "theirs", "2026-12-07T09:00:00Z", 30);
        String body = "{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}";

        assertThat(search(body).json()).hasSize(2);
        assertThat(get("/api/v9/workspaces/" + WS).json().get("admin").asBoolean()).isTrue();

        sandbox.setWorkspaceAdmin(false);

        assertThat(search(body).json()).singleElement()
                .satisfies(r -> assertThat(r.get("time_entries").get(0).get("id").asLong()).isEqualTo(mine.id()));
        assertThat(get("/api/v9/workspaces/" + WS).json().get("admin").asBoolean()).isFalse();
    }

    @Test
    void runningEntriesAreNotListedAndEditsAndDeletionsShow() throws Exception {
        TimeEntry done = entry(TogglSandbox.REQUESTER_USER_ID, "done", "2026-12-07T08:00:00Z", 30);
        TimeEntry gone = entry(TogglSandbox.REQUESTER_USER_ID, "gone", "2026-12-07T09:00:00Z", 30);
        sandbox.addTimeEntry(WS, TogglSandbox.REQUESTER_USER_ID, TogglSandbox.REQUESTER_NAME, PID, null, "running",
                Instant.parse("2026-12-07T11:00:00Z"), null);
        sandbox.updateTimeEntry(done.id(), e -> new TimeEntry(e.id(), e.workspaceId(), e.userId(), e.userName(), e.projectId(),
                e.taskId(), "edited", e.start(), e.stop().plusSeconds(600), 0, null));
        sandbox.deleteTimeEntry(gone.id());

        JsonNode rows = search("{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}").json();

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("description").asText()).isEqualTo("edited");
            assertThat(r.get("time_entries").get(0).get("seconds").asLong()).isEqualTo(40 * 60);
        });
    }

    @Test
    void aSearchSpendsTheQuotaLikeAnyCall() throws Exception {
        entry(TogglSandbox.REQUESTER_USER_ID, "one", "2026-12-07T08:00:00Z", 30);
        sandbox.setQuota(1, 600);
        String body = "{\"start_date\":\"2026-12-07\",\"end_date\":\"2026-12-07\"}";

        Res first = search(body);
        Res second = search(body);

        assertThat(first.status).isEqualTo(200);
        assertThat(first.header("X-Toggl-Quota-Remaining")).isEqualTo("0");
        assertThat(second.status).isEqualTo(402);
    }

    @Test
    void timeEntryIdsFilterTheRowsWithinTheDatesAndThePagingFollowsTheFilteredRows() throws Exception {
        List<TimeEntry> made = entries(5);
        TimeEntry elsewhere = entry(TogglSandbox.REQUESTER_USER_ID, "a week later", "2026-12-08T08:00:00Z", 60);
        String ids = "[" + made.get(4).id() + "," + made.get(1).id() + "," + made.get(3).id() + "," + elsewhere.id() + ",999999]";

        Res first = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"page_size\":2,\"time_entry_ids\":" + ids + "}");
        Res second = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"page_size\":2,\"time_entry_ids\":" + ids
                + ",\"first_row_number\":3}");
        Res empty = search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"time_entry_ids\":[]}");

        assertThat(ids(first)).containsExactly(made.get(1).id(), made.get(3).id());
        assertThat(first.header("X-Next-Row-Number")).isEqualTo("3");
        assertThat(first.header("X-Next-ID")).isEqualTo(Long.toString(made.get(4).id()));
        assertThat(ids(second)).as("the entry outside the dates is not listed").containsExactly(made.get(4).id());
        assertThat(second.json().get(0).get("row_number").asLong()).isEqualTo(3);
        assertThat(second.header("X-Next-Row-Number")).isNull();
        assertThat(ids(empty)).as("an empty filter filters nothing").hasSize(5);
        assertThat(search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"time_entry_ids\":\"7\"}").status).isEqualTo(400);
        assertThat(search("{\"start_date\":\"2026-12-01\",\"end_date\":\"2026-12-01\",\"time_entry_ids\":[\"x\"]}").status).isEqualTo(400);
    }

    private static List<Long> ids(Res page) throws IOException {
        List<Long> ids = new ArrayList<>();
        page.json().forEach(row -> ids.add(row.get("time_entries").get(0).get("id").asLong()));
        return ids;
    }

    @Test
    void aSearchWithoutDatesOrForAnUnknownWorkspaceIsRefused() throws Exception {
        assertThat(search("{\"end_date\":\"2026-12-07\"}").status).isEqualTo(400);
        assertThat(search("{\"start_date\":\"2026-12-08\",\"end_date\":\"2026-12-07\"}").status).isEqualTo(400);
        assertThat(send("POST", "/reports/api/v3/workspace/7/search/time_entries", "{\"start_date\":\"2026-12-07\","
                + "\"end_date\":\"2026-12-07\"}").status).isEqualTo(403);
        assertThat(send("GET", "/reports/api/v3/workspace/" + WS + "/search/time_entries", null).status).isEqualTo(404);
    }

    @Test
    void theStateFileKeepsTheEntries() throws Exception {
        TimeEntry kept = entry(OTHER_USER, "kept", "2026-12-07T08:00:00Z", 30);
        byte[] file = Json.MAPPER.writeValueAsBytes(sandbox.saved());

        try (TogglSandbox next = new TogglSandbox(TOKEN)) {
            next.restore(Json.MAPPER.readValue(file, SavedSandbox.class));

            assertThat(next.timeEntries()).containsExactly(kept);
            TimeEntry added = next.addTimeEntry(WS, OTHER_USER, "Other", PID, null, "new", NOW, NOW.plusSeconds(60));
            assertThat(added.id()).isGreaterThan(kept.id());
        }
    }

    // ---------------------------------------------------------------- HTTP

    private record Res(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Res search(String body) throws IOException, InterruptedException {
        return send("POST", "/reports/api/v3/workspace/" + WS + "/search/time_entries", body);
    }

    private Res get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Res send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":api_token").getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body(), r.headers());
    }
}
