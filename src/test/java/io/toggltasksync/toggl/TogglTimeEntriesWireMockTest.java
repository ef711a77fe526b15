package io.toggltasksync.toggl;

import io.toggltasksync.config.WorklogSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.TimeEntry;
import io.toggltasksync.sync.SyncRun;
import io.toggltasksync.testing.RunRoutes;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact requests of the time entry reader: POST to the Reports API derived from {@code toggl.api-url}, Basic
 * auth with the token, the JSON body (dates in the user's zone, a day more on either side, the page size), and
 * {@code first_row_number} taken from {@code X-Next-Row-Number} until a page comes without it.
 */
@QuarkusTest
class TogglTimeEntriesWireMockTest {

    static final String SEARCH = "/reports/api/v3/workspace/42/search/time_entries";

    @TempDir
    Path dir;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static String row(long id, String start, String stop) {
        return "{\"user_id\":7,\"username\":\"Ann\",\"project_id\":null,\"task_id\":null,\"description\":\"ABC-12 fix login\","
                + "\"billable\":false,\"tag_ids\":[],\"row_number\":" + id + ",\"time_entries\":[{\"id\":" + id + ",\"seconds\":2710,"
                + "\"start\":\"" + start + "\",\"stop\":\"" + stop + "\",\"at\":\"2026-12-07T11:00:00-05:00\"}]}";
    }

    @Test
    void postsTheSearchWithBasicAuthAndFollowsTheNextRowHeader() throws Exception {
        wm.stubFor(post(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.first_row_number", absent()))
                .willReturn(okJson("[" + row(1, "2026-12-07T04:15:00-05:00", "2026-12-07T05:00:10-05:00") + ","
                        + row(2, "2026-12-07T06:00:00-05:00", "2026-12-07T06:30:00-05:00") + "]")
                        .withHeader("X-Next-Row-Number", "3").withHeader("X-Next-ID", "3")));
        wm.stubFor(post(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.first_row_number", equalTo("3")))
                .willReturn(okJson("[" + row(3, "2026-12-07T07:00:00-05:00", "2026-12-07T07:30:00-05:00") + "]")));
        Path csv = Files.writeString(dir.resolve("empty.csv"), "external_id,name\n");
        SyncSettings settings = TestSettings.run(wm.baseUrl() + "/api/v9", dir).csv(csv).load();
        SyncRun run = new SyncRun(settings, new Ledger(e -> { }));
        // the window starts at 00:00 UTC on the 2nd: the 1st at -05:00, so the search starts on 30 Nov
        TimeEntryQuery query = new TimeEntryQuery(WorklogSettings.reportsUrl(settings.toggl().apiUrl()), ZoneId.of("America/New_York"),
                Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-07T17:00:00Z"), 2);

        Exchange done = RunRoutes.send("direct:toggl-time-entries", run, query);

        assertThat(done.getException()).isNull();
        String auth = "Basic " + Base64.getEncoder().encodeToString((TestSettings.TOKEN + ":api_token").getBytes());
        wm.verify(1, postRequestedFor(urlEqualTo(SEARCH))
                .withHeader("Authorization", equalTo(auth))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("{\"start_date\":\"2026-11-30\",\"end_date\":\"2026-12-08\",\"page_size\":2}")));
        wm.verify(1, postRequestedFor(urlEqualTo(SEARCH))
                .withHeader("Authorization", equalTo(auth))
                .withRequestBody(equalToJson("{\"start_date\":\"2026-11-30\",\"end_date\":\"2026-12-08\",\"page_size\":2,"
                        + "\"first_row_number\":3}")));
        assertThat(wm.getAllServeEvents()).hasSize(2);
        @SuppressWarnings("unchecked")
        List<TimeEntry> entries = done.getMessage().getBody(List.class);
        assertThat(entries).extracting(TimeEntry::id).containsExactly(1L, 2L, 3L);
        assertThat(entries.get(0)).isEqualTo(new TimeEntry(1, 42, 7, "Ann", null, null, "ABC-12 fix login",
                Instant.parse("2026-12-07T09:15:00Z"), Instant.parse("2026-12-07T10:00:10Z"), 2710, Instant.parse("2026-12-07T16:00:00Z")));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(SEARCH)))).allSatisfy(r -> assertThat(r.getUrl()).isEqualTo(SEARCH));
    }

    @Test
    void aSearchForSomeEntriesSendsTheirIdsAsTimeEntryIds() throws Exception {
        wm.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("[" + row(5, "2026-01-07T04:15:00-05:00", "2026-01-07T05:00:10-05:00") + "]")));
        Path csv = Files.writeString(dir.resolve("empty.csv"), "external_id,name\n");
        SyncSettings settings = TestSettings.run(wm.baseUrl() + "/api/v9", dir).csv(csv).load();
        SyncRun run = new SyncRun(settings, new Ledger(e -> { }));
        TimeEntryQuery query = new TimeEntryQuery(WorklogSettings.reportsUrl(settings.toggl().apiUrl()), ZoneId.of("America/New_York"),
                Instant.parse("2025-12-11T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"), 50, List.of(5L, 9L));

        Exchange done = RunRoutes.send("direct:toggl-time-entries", run, query);

        assertThat(done.getException()).isNull();
        wm.verify(1, postRequestedFor(urlEqualTo(SEARCH)).withRequestBody(equalToJson(
                "{\"start_date\":\"2025-12-09\",\"end_date\":\"2026-12-02\",\"time_entry_ids\":[5,9],\"page_size\":50}")));
        assertThat(wm.getAllServeEvents()).hasSize(1);
        @SuppressWarnings("unchecked")
        List<TimeEntry> entries = done.getMessage().getBody(List.class);
        assertThat(entries).extracting(TimeEntry::id).containsExactly(5L);
    }
}
