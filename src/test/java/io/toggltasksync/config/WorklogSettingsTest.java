package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.config.WorklogSettings.AdjustEstimate;
import io.toggltasksync.model.WorklogGrouping;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every worklog setting: its default, the forms it takes, and each mistake named by its property and environment variable. */
class WorklogSettingsTest {

    @TempDir
    Path dir;

    /** A Jira source, every worklog setting at its default. */
    private static TestSettings jira() {
        return TestSettings.minimal().with("sync.source", "jira").with("jira.url", "https://acme.atlassian.net")
                .with("jira.user", "ada@acme.test").with("jira.token", "jira-token").with("jira.jql", "project = ALPHA");
    }

    private static WorklogSettings with(String name, String value) {
        return jira().with(name, value).worklogs();
    }

    private static void assertInvalid(String name, String value, String message) {
        assertThatThrownBy(() -> with(name, value)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void defaults() {
        WorklogSettings w = jira().worklogs();
        assertThat(w).isEqualTo(new WorklogSettings(false, Duration.ofDays(14), WorklogGrouping.ENTRY, ZoneId.of("UTC"), 1, 60,
                AdjustEstimate.AUTO, true, "https://api.track.toggl.com/reports/api/v3"));
    }

    @Test
    void everySettingIsRead() {
        WorklogSettings w = jira().with("worklog.sync", "true").with("worklog.lookback", "30d").with("worklog.grouping", "day")
                .with("worklog.zone", "Europe/Berlin").with("worklog.round-minutes", "15").with("worklog.min-seconds", "0")
                .with("worklog.adjust-estimate", "leave").with("worklog.match-description", "false")
                .with("toggl.reports-url", "https://proxy.acme.test/toggl-reports/").worklogs();
        assertThat(w).isEqualTo(new WorklogSettings(true, Duration.ofDays(30), WorklogGrouping.DAY, ZoneId.of("Europe/Berlin"), 15, 0,
                AdjustEstimate.LEAVE, false, "https://proxy.acme.test/toggl-reports"));
        assertThat(w.adjustEstimate().query()).isEqualTo("leave");
        assertThat(AdjustEstimate.AUTO.query()).isEqualTo("auto");
    }

    @Test
    void theSwitchTakesTheUsualForms() {
        assertThat(with("worklog.sync", "yes").enabled()).isTrue();
        assertThat(with("worklog.sync", "0").enabled()).isFalse();
        assertInvalid("worklog.sync", "maybe", "worklog.sync (WORKLOG_SYNC) must be true or false, got 'maybe'");
        assertInvalid("worklog.match-description", "sometimes",
                "worklog.match-description (WORKLOG_MATCH_DESCRIPTION) must be true or false, got 'sometimes'");
    }

    @Test
    void aCsvSourceHasNoIssuesToLogWorkOn() throws Exception {
        TestSettings csv = TestSettings.minimal().csv(Files.writeString(dir.resolve("t.csv"), "external_id,name\n"));
        assertThat(csv.worklogs().enabled()).isFalse();
        assertThatThrownBy(() -> csv.with("worklog.sync", "true").worklogs()).isInstanceOf(ConfigException.class)
                .hasMessage("worklog.sync (WORKLOG_SYNC) writes Toggl's time entries to Jira issues as worklogs, which needs "
                        + "sync.source=jira (SYNC_SOURCE=jira); the source is csv");
    }

    @Test
    void theLookbackIsADurationOfAtMostAYear() {
        assertThat(with("worklog.lookback", "48h").lookback()).isEqualTo(Duration.ofHours(48));
        assertThat(with("worklog.lookback", "90m").lookback()).isEqualTo(Duration.ofMinutes(90));
        assertThat(with("worklog.lookback", "366d").lookback()).isEqualTo(Duration.ofDays(366));
        assertThat(with("worklog.lookback", "P7D").lookback()).isEqualTo(Duration.ofDays(7));
        assertInvalid("worklog.lookback", "0", "worklog.lookback (WORKLOG_LOOKBACK) must be more than 0 and at most 366d "
                + "(e.g. 48h, 14d, 30d), got '0'");
        assertInvalid("worklog.lookback", "367d", "worklog.lookback (WORKLOG_LOOKBACK) must be more than 0 and at most 366d "
                + "(e.g. 48h, 14d, 30d), got '367d'");
        assertInvalid("worklog.lookback", "-3d", "worklog.lookback (WORKLOG_LOOKBACK) must be a duration such as 30s, 10m or 1h, got '-3d'");
        assertInvalid("worklog.lookback", "two weeks",
                "worklog.lookback (WORKLOG_LOOKBACK) must be a duration such as 30s, 10m or 1h, got 'two weeks'");
    }

    @Test
    void groupingAndZone() {
        assertThat(with("worklog.grouping", "DAY").grouping()).isEqualTo(WorklogGrouping.DAY);
        assertThat(with("worklog.grouping", "entry").grouping()).isEqualTo(WorklogGrouping.ENTRY);
        assertInvalid("worklog.grouping", "week", "worklog.grouping (WORKLOG_GROUPING) must be entry or day, got 'week'");
        assertThat(with("worklog.zone", "+02:00").zone()).isEqualTo(ZoneOffset.ofHours(2));
        assertInvalid("worklog.zone", "Mars/Olympus", "worklog.zone (WORKLOG_ZONE) must be a time zone such as UTC, Europe/Berlin or "
                + "+02:00, got 'Mars/Olympus'");
    }

    @Test
    void roundingAndTheMinimum() {
        assertThat(with("worklog.round-minutes", "1440").roundMinutes()).isEqualTo(1440);
        assertInvalid("worklog.round-minutes", "0", "worklog.round-minutes (WORKLOG_ROUND_MINUTES) must be a whole number from 1 to 1440, "
                + "got '0'");
        assertInvalid("worklog.round-minutes", "1441", "worklog.round-minutes (WORKLOG_ROUND_MINUTES) must be a whole number from 1 to "
                + "1440, got '1441'");
        assertInvalid("worklog.round-minutes", "7.5", "worklog.round-minutes (WORKLOG_ROUND_MINUTES) must be a whole number from 1 to "
                + "1440, got '7.5'");
        assertThat(with("worklog.min-seconds", "30").minSeconds()).isEqualTo(30);
        assertInvalid("worklog.min-seconds", "-1", "worklog.min-seconds (WORKLOG_MIN_SECONDS) must be a whole number from 0 up, got '-1'");
        assertInvalid("worklog.min-seconds", "1m", "worklog.min-seconds (WORKLOG_MIN_SECONDS) must be a whole number from 0 up, got '1m'");
    }

    @Test
    void adjustEstimate() {
        assertThat(with("worklog.adjust-estimate", "Leave").adjustEstimate()).isEqualTo(AdjustEstimate.LEAVE);
        assertInvalid("worklog.adjust-estimate", "new", "worklog.adjust-estimate (WORKLOG_ADJUST_ESTIMATE) must be auto or leave, got 'new'");
    }

    @Test
    void theReportsUrlIsDerivedFromTheApiUrl() {
        assertThat(WorklogSettings.reportsUrl("https://api.track.toggl.com/api/v9")).isEqualTo("https://api.track.toggl.com/reports/api/v3");
        assertThat(WorklogSettings.reportsUrl("http://127.0.0.1:8123/api/v9/")).isEqualTo("http://127.0.0.1:8123/reports/api/v3");
        assertThat(WorklogSettings.reportsUrl("https://proxy.acme.test/toggl/api/v9")).isEqualTo("https://proxy.acme.test/toggl/reports/api/v3");
        assertThat(WorklogSettings.reportsUrl("https://proxy.acme.test/toggl")).isNull();
        assertThat(with("toggl.api-url", "http://localhost:9/api/v9").reportsUrl()).isEqualTo("http://localhost:9/reports/api/v3");
    }

    @Test
    void aReportsUrlThatCannotBeDerivedIsNeededOnlyWhenWorklogsAreOn() {
        assertThat(with("toggl.api-url", "https://proxy.acme.test/toggl").reportsUrl()).isNull();
        assertThatThrownBy(() -> jira().with("toggl.api-url", "https://proxy.acme.test/toggl").with("worklog.sync", "true").worklogs())
                .isInstanceOf(ConfigException.class)
                .hasMessage("toggl.reports-url (TOGGL_REPORTS_URL) is required: the Toggl Reports API v3 base, e.g. "
                        + "https://api.track.toggl.com/reports/api/v3 (it is derived from toggl.api-url only when that ends with /api/v9)");
        assertInvalid("toggl.reports-url", "api.track.toggl.com/reports/api/v3",
                "toggl.reports-url (TOGGL_REPORTS_URL) must start with http:// or https://");
        assertThatThrownBy(() -> with("toggl.reports-url", "https://ada:secret-pass@proxy.acme.test/reports")).isInstanceOf(ConfigException.class)
                .hasMessage("toggl.reports-url (TOGGL_REPORTS_URL) must not carry a user or password (user:pass@): the Toggl API token "
                        + "is sent on its own").message().doesNotContain("secret-pass");
    }
}
