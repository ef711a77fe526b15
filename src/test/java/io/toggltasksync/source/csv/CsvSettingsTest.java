package io.toggltasksync.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.TestSettings;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code csv.*} settings reach a CSV run, every mistake names its property, and another source leaves them unread. */
class CsvSettingsTest {

    @TempDir
    Path dir;

    /** The token, workspace 42 and a readable CSV; every other setting at its default. */
    private TestSettings minimal() throws Exception {
        return TestSettings.minimal().csv(Files.writeString(dir.resolve("t.csv"), "external_id,name\n"));
    }

    private static CsvOptions options(TestSettings v) {
        return CsvSettings.of(v.load()).options();
    }

    @Test
    void theFileAndItsReadingSettingsReachACsvRun() throws Exception {
        SyncSettings s = minimal().load();
        assertThat(s.source()).as("the default source").isEqualTo("csv");
        assertThat(CsvSettings.of(s)).isEqualTo(new CsvSettings(dir.resolve("t.csv"), CsvOptions.DEFAULTS));
        assertThat(s.webhook()).isNull();
        assertThat(s.secrets()).containsExactly(TestSettings.TOKEN);
    }

    @Test
    void csvReadingSettingsAreParsed() throws Exception {
        CsvOptions defaults = options(minimal());
        assertThat(defaults).isEqualTo(CsvOptions.DEFAULTS);

        CsvOptions set = options(minimal().with("csv.format", "Linear").with("csv.columns", "estimate_hours=Estimate")
                .with("csv.delimiter", "semicolon").with("csv.charset", "windows-1252"));
        assertThat(set.format()).isEqualTo(CsvPreset.LINEAR);
        assertThat(set.columns().toString()).isEqualTo("estimate_hours=Estimate");
        assertThat(set.delimiter()).isEqualTo(';');
        assertThat(set.charset()).isEqualTo(Charset.forName("windows-1252"));
        assertThat(options(minimal().with("csv.delimiter", "tab")).delimiter()).isEqualTo('\t');
        assertThat(options(minimal().with("csv.format", "auto")).format()).isNull();
        CsvOptions caps = options(minimal().with("csv.max-field-chars", "300").with("csv.max-record-chars", "300"));
        assertThat(caps.maxFieldChars()).isEqualTo(300);
        assertThat(caps.maxRecordChars()).isEqualTo(300);
        assertThat(defaults.maxFieldChars()).isEqualTo(65_536);
        assertThat(defaults.maxRecordChars()).isEqualTo(1_048_576);
    }

    @Test
    void badCsvReadingSettingsAreNamed() throws Exception {
        assertInvalid("csv.path", dir.resolve("none.csv").toString(), "csv.path (CSV_PATH) no readable file at");
        assertThatThrownBy(TestSettings.minimal()::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("csv.path (CSV_PATH) is required");
        assertInvalid("csv.format", "trello", "csv.format (CSV_FORMAT) must be auto or one of jira, asana, linear, github-projects, generic, got 'trello'");
        assertInvalid("csv.delimiter", "|", "csv.delimiter (CSV_DELIMITER) must be ',', ';' or 'tab', got '|'");
        assertInvalid("csv.charset", "klingon-8", "csv.charset (CSV_CHARSET) is not a charset Java knows");
        assertInvalid("csv.max-field-chars", "0", "csv.max-field-chars (CSV_MAX_FIELD_CHARS) must be a positive whole number");
        assertInvalid("csv.max-record-chars", "3000000000",
                "csv.max-record-chars (CSV_MAX_RECORD_CHARS) must be at least csv.max-field-chars (65536) and at most 2147483647, got 3000000000");
        assertInvalid("csv.max-record-chars", "1000",
                "csv.max-record-chars (CSV_MAX_RECORD_CHARS) must be at least csv.max-field-chars (65536) and at most 2147483647, got 1000");
        TestSettings bigCell = minimal().with("csv.max-field-chars", "3000000000").with("csv.max-record-chars", "2147483647");
        assertThatThrownBy(bigCell::load).isInstanceOf(ConfigException.class).hasMessageContaining("must be at least csv.max-field-chars");
        assertInvalid("csv.columns", "name=Title", "csv.columns (CSV_COLUMNS) must name external_id (or set csv.format");
        assertInvalid("csv.columns", "id=Key", "csv.columns (CSV_COLUMNS) unknown field 'id': expected external_id, name,");
        assertInvalid("csv.columns", "external_id=Key,name=Title,estimate_hours=H,estimate_minutes=M",
                "csv.columns (CSV_COLUMNS) estimate_hours and estimate_minutes cannot both be given");
        TestSettings jira = minimal().with("csv.format", "jira").with("csv.columns", "name=Title");
        assertThatThrownBy(jira::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("csv.columns (CSV_COLUMNS) cannot change the jira format");
    }

    /** As before CSV had a reader of its own: one file of settings may serve several sources, so another source reads no csv.*. */
    @Test
    void csvSettingsGivenWithAnotherSourceAreLeftUnread() throws Exception {
        SyncSettings s = TestSettings.minimal().overrides(JiraFixture.cloudSettings("https://acme.atlassian.net", "project = ABC", 100))
                .with("csv.path", dir.resolve("none.csv")).with("csv.format", "trello").with("csv.max-field-chars", "0").load();
        assertThat(s.sourceSettings()).isInstanceOf(JiraSettings.class);
        assertThat(CsvSettings.of(s)).isNull();
    }

    private void assertInvalid(String key, String value, String message) throws Exception {
        TestSettings v = minimal().with(key, value);
        assertThatThrownBy(v::load).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
