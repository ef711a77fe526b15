package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.testing.CsvSourceRoute;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-off migrations from the files people have: other trackers' exports (presets recognised from the
 * header), files described by {@code csv.columns}, semicolons and tabs, Windows-1252 and UTF-16. The
 * fixtures under {@code src/test/resources/migration/} keep the real header rows of each export.
 */
@QuarkusTest
class CsvMigrationTest {

    static final Path FIXTURES = Path.of("src/test/resources/migration");
    static final Path EXCEL_DE = FIXTURES.resolve("excel-de-semicolon-windows1252.csv");
    static final Path ASANA = FIXTURES.resolve("asana-export.csv");
    static final Path LINEAR = FIXTURES.resolve("linear-export.csv");
    static final Path GITHUB = FIXTURES.resolve("github-projects-view.tsv");
    /** The mapping docs/csv.md shows for the Excel file. */
    static final String EXCEL_COLUMNS = "csv.columns=external_id=Key, name=Title, estimate_hours=Hours, done=Status:Erledigt";

    @TempDir
    Path dir;

    private final CsvSourceRoute source = new CsvSourceRoute(
            new ProjectResolver(1001L, Map.of("Mobile app", 1002L, "Design", 1002L, "acme/cli", 1002L)));

    private Path write(String content, Charset charset) throws IOException {
        Path file = Files.createTempFile(dir, "input", ".csv");
        Files.write(file, content.getBytes(charset));
        return file;
    }

    // --- csv.columns, semicolons, Windows-1252 --------------------------------------------------------

    @Test
    void excelFileWithSemicolonsWindows1252AndHoursIsReadThroughTheMapping() {
        SourceBatch batch = source.read(EXCEL_DE, EXCEL_COLUMNS, "csv.charset=windows-1252");

        assertThat(batch.description()).isEqualTo(EXCEL_DE + " (CSV described by its columns, delimiter ';', charset windows-1252)");
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.CSV, "WEB-1", "Übersetzung prüfen", 1001L, 5400L, true, 2),
                new SourceTask(Provider.CSV, "WEB-2", "Logo überarbeiten", 1001L, 2700L, false, 3),
                new SourceTask(Provider.CSV, "WEB-3", "Café-Menü anlegen", 1001L, 9000L, true, 4),
                new SourceTask(Provider.CSV, "WEB-4", "Straßennamen korrigieren", 1001L, 5400L, true, 5),
                new SourceTask(Provider.CSV, "WEB-7", "Preise in € prüfen", 1001L, null, false, 9));
        assertThat(batch.rejections()).containsExactly(
                new SourceRejection(6, "WEB-5", "empty Title"),
                new SourceRejection(7, "WEB-6", "Hours must be a duration such as 1.5, 1.5h, 90m or 1:30 (a bare number is hours), got 'viel'"),
                new SourceRejection(8, null, "empty Key"),
                new SourceRejection(10, "WEB-1", "duplicate external id 'WEB-1', first seen on line 2"));
    }

    @Test
    void windows1252FileReadAsUtf8StopsNamingTheLineAndSuggestingCsvCharset() {
        assertThatThrownBy(() -> source.read(EXCEL_DE, EXCEL_COLUMNS)).isInstanceOf(SourceException.class)
                .hasMessage(EXCEL_DE + ": invalid UTF-8 on line 2 (if the file is not UTF-8, set csv.charset (CSV_CHARSET), e.g. "
                        + "windows-1252 for a file Excel saved as CSV on Windows); the file could not be read completely");
    }

    @Test
    void badByteInTheHeaderRowIsReportedWhileTheDelimiterIsTold() throws IOException {
        Path file = write("Schl\u00fcssel;Titel\r\nA-1;x\r\n", StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> source.read(file, "csv.columns=external_id=Schlüssel,name=Titel")).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(file + ": invalid UTF-8 on line 1 (if the file is not UTF-8, set csv.charset");
    }

    @Test
    void mappingThatNamesAMissingColumnStopsNamingItAndListingTheFilesColumns() {
        assertThatThrownBy(() -> source.read(EXCEL_DE, "csv.columns=external_id=Key, name=Title, estimate_hours=Stunden",
                "csv.charset=windows-1252"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("csv.columns (CSV_COLUMNS) needs column(s) 'Stunden' that " + EXCEL_DE
                        + " lacks; its columns: Key, Title, Hours, Status, Notiz");
    }

    @Test
    void presetChosenByCsvFormatNamesTheColumnsItLacks() throws IOException {
        Path file = write("Name,Task ID\nx,1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> source.read(file, "csv.format=asana")).isInstanceOf(ConfigException.class)
                .hasMessage("csv.format (CSV_FORMAT) asana needs column(s) 'Completed At' that " + file + " lacks; its columns: Name, Task ID");
        assertThatThrownBy(() -> source.read(file, "csv.format=jira")).isInstanceOf(ConfigException.class)
                .hasMessage("csv.format (CSV_FORMAT) jira needs column(s) 'Issue key' that " + file + " lacks; its columns: Name, Task ID");
    }

    @Test
    void columnsOnTopOfAPresetChangeOnlyTheFieldsTheyName() {
        SourceBatch batch = source.read(LINEAR, "csv.format=linear", "csv.columns=estimate_hours=Estimate");

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::estimatedSeconds, SourceTask::active)
                .startsWith(tuple("ENG-101", 3 * 3600L, true),
                        tuple("ENG-102", 5 * 3600L, false));
        assertThat(batch.tasks()).allSatisfy(t -> assertThat(t.provider()).isEqualTo(Provider.LINEAR_CSV));
    }

    @Test
    void delimiterSettingWinsOverTheHeaderRow() throws IOException {
        // more commas than semicolons in the header row: told alone, the delimiter would be a comma
        Path file = write("external_id;name;notes, as in, a, b\nx-1;A task, with a comma;n\n", StandardCharsets.UTF_8);

        assertThat(source.read(file, "csv.delimiter=;").tasks()).extracting(SourceTask::name).containsExactly("A task, with a comma");
    }

    @Test
    void utf16FileWithByteOrderMarkAndTabsIsRead() throws IOException {
        Path file = dir.resolve("unicode.txt");
        Files.write(file, ("\uFEFFexternal_id\tname\tactive\r\nü-1\tGröße prüfen\tfalse\r\n").getBytes(StandardCharsets.UTF_16LE));

        assertThat(source.read(file).tasks()).containsExactly(new SourceTask(Provider.CSV, "ü-1", "Größe prüfen", 1001L, null, false, 2));
    }

    // --- presets recognised from the header --------------------------------------------------------------

    @Test
    void asanaExportIsRecognisedAndDoneOnceCompleted() {
        SourceBatch batch = source.read(ASANA);

        assertThat(batch.description()).isEqualTo(ASANA + " (Asana export, delimiter ',', charset UTF-8)");
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.ASANA_CSV, "1208845512344101", "Draft the launch brief", 1001L, null, true, 2),
                new SourceTask(Provider.ASANA_CSV, "1208845512344102", "Book the venue", 1001L, null, false, 4),
                new SourceTask(Provider.ASANA_CSV, "1208845512344103", "Collect speaker bios", 1001L, null, true, 5),
                new SourceTask(Provider.ASANA_CSV, "1208845512344105", "Order \"swag\" for the team", 1002L, null, true, 7));
        assertThat(batch.rejections()).containsExactly(new SourceRejection(6, "1208845512344104", "empty Name"));
    }

    @Test
    void idsASpreadsheetRoundedAreRejectedNotMerged() throws IOException {
        Path file = write("Task ID,Created At,Completed At,Name\n1.20885E+15,2025-01-06,,First\n1.20885E+15,2025-01-06,,Second\n"
                + "1208845512344103,2025-01-07,,Third\n", StandardCharsets.UTF_8);

        SourceBatch batch = source.read(file);

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("1208845512344103");
        assertThat(batch.rejections()).extracting(SourceRejection::line, SourceRejection::reason).containsExactly(
                tuple(2L, "Task ID '1.20885E+15' was rounded by a spreadsheet; export the file again and import it without saving it from Excel"),
                tuple(3L, "duplicate external id '1.20885E+15', first seen on line 2"));
        // the generic format reads its ids as earlier versions did
        assertThat(source.read(write("external_id,name\n1.5E+3,x\n", StandardCharsets.UTF_8)).tasks()).extracting(SourceTask::externalId)
                .containsExactly("1.5E+3");
    }

    @Test
    void linearExportIsRecognisedAndDoneOnceCompletedCanceledOrArchived() {
        SourceBatch batch = source.read(LINEAR);

        assertThat(batch.description()).isEqualTo(LINEAR + " (Linear export, delimiter ',', charset UTF-8)");
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.LINEAR_CSV, "ENG-101", "ENG-101 Fix login on Safari", 1001L, null, true, 2),
                new SourceTask(Provider.LINEAR_CSV, "ENG-102", "ENG-102 Ship dark mode", 1001L, null, false, 4),
                new SourceTask(Provider.LINEAR_CSV, "ENG-103", "ENG-103 Drop IE11 polyfills", 1001L, null, false, 5),
                new SourceTask(Provider.LINEAR_CSV, "DES-7", "DES-7 Onboarding illustrations", 1002L, null, true, 6),
                new SourceTask(Provider.LINEAR_CSV, "ENG-104", "ENG-104 Old spike on caching", 1001L, null, false, 8));
        assertThat(batch.rejections()).containsExactly(new SourceRejection(7, "DES-8", "empty Title"));
        assertThat(batch.identityRule().keys()).isEmpty();
    }

    @Test
    void gitHubProjectsViewIsRecognisedWithItsTabsAndADraftIsRejected() {
        SourceBatch batch = source.read(GITHUB);

        assertThat(batch.description()).isEqualTo(GITHUB + " (GitHub Projects export, delimiter tab, charset UTF-8)");
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.GITHUB_PROJECTS_CSV, "https://github.com/acme/api/issues/41", "Add rate limiting to the API", 1001L,
                        null, true, 2),
                new SourceTask(Provider.GITHUB_PROJECTS_CSV, "https://github.com/acme/api/issues/42", "Crash when the config file is empty",
                        1001L, null, false, 3),
                new SourceTask(Provider.GITHUB_PROJECTS_CSV, "https://github.com/acme/api/pull/43", "Bump Jackson to 2.18", 1001L, null, false, 5),
                new SourceTask(Provider.GITHUB_PROJECTS_CSV, "https://github.com/acme/cli/issues/7", "Support \"dry run\" in the CLI", 1001L,
                        null, true, 6));
        assertThat(batch.rejections()).containsExactly(new SourceRejection(4, null, "empty URL"));
    }

    @Test
    void unrecognisedHeaderListsItsColumnsAndWhatEachPresetNeeds() throws IOException {
        Path file = write("Key;Title\nA;b\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(file + ": unrecognised CSV header (its columns: Key, Title): expected 'Issue key' (Jira CSV export), "
                        + "or 'Task ID', 'Name', 'Completed At', 'Created At' (Asana export), or ")
                .hasMessageContaining("or 'external_id', 'name' (generic CSV); or describe the file with csv.columns (CSV_COLUMNS)");
    }

    // --- dry run preview ------------------------------------------------------------------------------------

    @Test
    void previewShowsFormatDelimiterCharsetMappingAndTheFirstRowsAsTasks() {
        Exchange done = source.send(EXCEL_DE, EXCEL_COLUMNS, "csv.charset=windows-1252");
        CsvReading reading = done.getProperty(CsvReading.PROPERTY, CsvReading.class);

        assertThat(reading.preview(6)).containsExactly(
                EXCEL_DE + ": CSV described by its columns (csv.columns), delimiter ';' (detected), charset windows-1252 (csv.charset)",
                "  mapping: external_id=Key, name=Title, estimate_hours=Hours, done=Status:Erledigt",
                "  line 2 -> csv:WEB-1 'Übersetzung prüfen' in project 1001, estimate 5400 s, active",
                "  line 3 -> csv:WEB-2 'Logo überarbeiten' in project 1001, estimate 2700 s, done",
                "  line 4 -> csv:WEB-3 'Café-Menü anlegen' in project 1001, estimate 9000 s, active",
                "  line 5 -> csv:WEB-4 'Straßennamen korrigieren' in project 1001, estimate 5400 s, active",
                "  line 6 -> rejected: empty Title",
                "  line 7 -> rejected: Hours must be a duration such as 1.5, 1.5h, 90m or 1:30 (a bare number is hours), got 'viel'");
    }

    @Test
    void previewOfARecognisedTabFileSaysHowItWasRecognised() {
        CsvReading reading = source.send(GITHUB).getProperty(CsvReading.PROPERTY, CsvReading.class);

        assertThat(reading.preview(1)).containsExactly(
                GITHUB + ": GitHub Projects export (recognised from the header), delimiter tab (detected), charset UTF-8 (default)",
                "  mapping: external_id=URL, name=Title, project=Repository?, done=Status?:Done",
                "  line 2 -> csv-github-projects:https://github.com/acme/api/issues/41 'Add rate limiting to the API' in project 1001, "
                        + "estimate none, active");
    }
}
