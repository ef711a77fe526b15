package io.toggltasksync.toggl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.TimeEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of the time entry reader (the Reports API's URL is {@code WorklogSettings}'): the token user's zone, the search's dates,
 * times normalised from their offsets, and the paging of {@link TimeEntryRead}.
 */
class ReportsApiTest {

    private static final ZoneId PLUS_ONE = ZoneId.of("+01:00");

    @Test
    void theUsersZoneIsTogglsTimezoneOrUtc() {
        assertThat(ReportsApi.zone("Europe/Tallinn")).isEqualTo(ZoneId.of("Europe/Tallinn"));
        assertThat(ReportsApi.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(ReportsApi.zone("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void timesAreNormalisedFromTheirOffset() {
        Instant instant = Instant.parse("2026-12-07T09:15:00Z");
        assertThat(ReportsApi.instant("2026-12-07T10:15:00+01:00", ZoneOffset.UTC)).isEqualTo(instant);
        assertThat(ReportsApi.instant("2026-12-07T09:15:00Z", PLUS_ONE)).isEqualTo(instant);
        assertThat(ReportsApi.instant("2026-12-07T04:15:00-05:00", PLUS_ONE)).isEqualTo(instant);
        // without an offset: the user's zone
        assertThat(ReportsApi.instant("2026-12-07T10:15:00", PLUS_ONE)).isEqualTo(instant);
        assertThat(ReportsApi.instant(null, PLUS_ONE)).isNull();
        assertThatThrownBy(() -> ReportsApi.instant("yesterday", PLUS_ONE)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void theSearchAsksADayMoreOnEitherSideInTheUsersZone() {
        // from 23:30 UTC on the 6th = 00:30 on the 7th at +01:00; to 23:30 UTC on the 20th = the 21st there
        TimeEntryQuery query = new TimeEntryQuery("http://r", PLUS_ONE, Instant.parse("2026-12-06T23:30:00Z"),
                Instant.parse("2026-12-20T23:30:00Z"), 50);

        assertThat(query.startDate()).hasToString("2026-12-06");
        assertThat(query.endDate()).hasToString("2026-12-22");
        assertThat(query.covers(Instant.parse("2026-12-06T23:30:00Z"))).isTrue();
        assertThat(query.covers(Instant.parse("2026-12-06T23:29:59Z"))).isFalse();
        assertThat(query.covers(Instant.parse("2026-12-20T23:30:00Z"))).isFalse();
    }

    // ---------------------------------------------------------------- TimeEntryRead

    private static final TimeEntryQuery WINDOW = new TimeEntryQuery("http://toggl.test/reports/api/v3", PLUS_ONE,
            Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-07T12:00:00Z"), 2);

    private static ReportRow row(long userId, long entryId, String start, String stop) {
        return new ReportRow(userId, "U" + userId, 1001L, null, "ABC-1 work", null,
                List.of(new ReportRow.Entry(entryId, 1800L, start, stop, "2026-12-07T13:00:00+01:00")));
    }

    @Test
    void pagesFollowTheNextRowHeaderAndTheEntriesAreTheWindows() {
        TimeEntryRead read = new TimeEntryRead(WINDOW, 42);

        TogglRequest first = read.pageRequest();
        read.accept(List.of(row(1, 11, "2026-12-02T10:00:00+01:00", "2026-12-02T10:30:00+01:00"),
                row(2, 12, "2026-11-30T10:00:00+01:00", "2026-11-30T10:30:00+01:00")), "3");
        TogglRequest second = read.pageRequest();
        read.accept(List.of(row(1, 13, "2026-12-03T10:00:00+01:00", null)), null);

        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.baseUrl()).isEqualTo("http://toggl.test/reports/api/v3");
        assertThat(first.path()).isEqualTo("/workspace/42/search/time_entries");
        assertThat(first.body()).isEqualTo(Map.of("start_date", "2026-11-30", "end_date", "2026-12-08", "page_size", 2));
        assertThat(second.body()).isEqualTo(Map.of("start_date", "2026-11-30", "end_date", "2026-12-08", "page_size", 2,
                "first_row_number", 3L));
        assertThat(read.morePages()).isFalse();
        assertThat(read.pages()).isEqualTo(2);
        // entry 12 started before the window; 13 is running (stop null), handed on for the planner to skip
        assertThat(read.entries()).extracting(TimeEntry::id).containsExactly(11L, 13L);
        TimeEntry e = read.entries().get(0);
        assertThat(e.workspaceId()).isEqualTo(42);
        assertThat(e.userId()).isEqualTo(1);
        assertThat(e.userName()).isEqualTo("U1");
        assertThat(e.projectId()).isEqualTo(1001L);
        assertThat(e.taskId()).isNull();
        assertThat(e.start()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(e.stop()).isEqualTo(Instant.parse("2026-12-02T09:30:00Z"));
        assertThat(e.seconds()).isEqualTo(1800);
        assertThat(e.at()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(read.entries().get(1).running()).isTrue();
    }

    @Test
    void entryIdsGoOutAsTheTimeEntryIdsFilterOnEveryPageAndOnlyWhenGiven() {
        TimeEntryQuery some = new TimeEntryQuery("http://toggl.test/reports/api/v3", PLUS_ONE, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-07T12:00:00Z"), 2, List.of(12L, 11L));
        TimeEntryRead read = new TimeEntryRead(some, 42);

        TogglRequest first = read.pageRequest();
        read.accept(List.of(row(1, 11, "2026-12-02T10:00:00+01:00", "2026-12-02T10:30:00+01:00")), "2");
        TogglRequest second = read.pageRequest();

        assertThat(first.body()).isEqualTo(Map.of("start_date", "2026-11-30", "end_date", "2026-12-08", "page_size", 2,
                "time_entry_ids", List.of(12L, 11L)));
        assertThat(second.body()).isEqualTo(Map.of("start_date", "2026-11-30", "end_date", "2026-12-08", "page_size", 2,
                "time_entry_ids", List.of(12L, 11L), "first_row_number", 2L));
        assertThat(new TimeEntryRead(WINDOW, 42).pageRequest().body()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("time_entry_ids");
        assertThat(WINDOW.entryIds()).isEmpty();
        assertThat(new TimeEntryQuery("http://r", PLUS_ONE, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"),
                50, null).entryIds()).as("null: no filter").isEmpty();
    }

    @Test
    void anEntryReadTwiceAsTheRowsShiftCountsOnce() {
        TimeEntryRead read = new TimeEntryRead(WINDOW, 42);
        read.accept(List.of(row(1, 11, "2026-12-02T10:00:00+01:00", "2026-12-02T10:30:00+01:00")), "2");
        read.accept(List.of(row(1, 11, "2026-12-02T10:00:00+01:00", "2026-12-02T10:30:00+01:00")), null);

        assertThat(read.entries()).hasSize(1);
    }

    @Test
    void pagingThatDoesNotMoveOnFailsTheRead() {
        TimeEntryRead read = new TimeEntryRead(WINDOW, 42);
        read.accept(List.of(row(1, 11, "2026-12-02T10:00:00+01:00", "2026-12-02T10:30:00+01:00")), "3");

        assertThatThrownBy(() -> read.accept(List.of(row(1, 12, "2026-12-02T11:00:00+01:00", "2026-12-02T11:30:00+01:00")), "3"))
                .isInstanceOf(TogglClientException.class).hasMessageContaining("does not move on");
        assertThatThrownBy(() -> new TimeEntryRead(WINDOW, 42).accept(List.of(), "5"))
                .isInstanceOf(TogglClientException.class).hasMessageContaining("does not move on");
        assertThatThrownBy(() -> new TimeEntryRead(WINDOW, 42).accept(List.of(), "next"))
                .isInstanceOf(TogglClientException.class);
    }

    @Test
    void anEntryWhoseTimeIsNoTimeFailsTheRead() {
        TimeEntryRead read = new TimeEntryRead(WINDOW, 42);

        assertThatThrownBy(() -> read.accept(List.of(row(1, 11, "soon", null)), null)).isInstanceOf(TogglClientException.class);
    }
}
