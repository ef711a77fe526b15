package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import io.toggltasksync.config.ProjectResolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.testing.CsvSourceRoute;
import io.quarkus.test.junit.QuarkusTest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the csv-source route makes of a file: each test reads one through the route, as a run does. */
@QuarkusTest
class CsvSourceTest {

    private static final String GENERIC_HEADER = "external_id,name,project_id,estimated_seconds,active\n";
    private static final String JIRA_HEADER = "Issue key,Summary,Status Category,Resolution,Project key,Original Estimate\n";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final ProjectResolver DEMO_PROJECTS = new ProjectResolver(1001L, Map.of("ALPHA", 1001L, "BETA", 1002L));
    private static final ProjectResolver NO_DEFAULT = new ProjectResolver(null, Map.of("ALPHA", 1001L));

    @TempDir
    Path dir;

    private final CsvSourceRoute source = new CsvSourceRoute(DEMO_PROJECTS);

    private Path write(String content) throws IOException {
        return writeBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path writeBytes(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "input", ".csv");
        Files.write(file, content);
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private SourceRejection onlyRejection(String content) throws IOException {
        SourceBatch batch = source.read(write(content));
        assertThat(batch.rejections()).hasSize(1);
        return batch.rejections().get(0);
    }

    // --- Jira export ---------------------------------------------------------------------------

    @Test
    void jiraExportWithBomAndRepeatedColumnsIsRead() throws IOException {
        String csv = "Summary,Issue key,Issue id,Status,Status Category,Project key,Resolution,Original Estimate,Labels,Labels,Sprint,Sprint\n"
                + "First task,ALPHA-1,10001,To Do,To Do,ALPHA,,3600,a,b,S1,S2\n"
                + "  Second task  , BETA-7 ,10002,Done,Done,BETA,Done,,,,,\n";
        SourceBatch batch = source.read(writeBytes(concat(BOM, csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.JIRA, "ALPHA-1", "ALPHA-1 First task", 1001L, 3600L, true, 2),
                new SourceTask(Provider.JIRA, "BETA-7", "BETA-7 Second task", 1002L, null, false, 3));
        assertThat(batch.identityRule().keys()).containsExactlyInAnyOrder("ALPHA", "BETA");
        assertThat(batch.read()).isEqualTo(2);
    }

    @Test
    void headerNamesAreTrimmedAndMatchedCaseInsensitively() throws IOException {
        SourceBatch batch = source.read(write(" ISSUE KEY , summary ,ORIGINAL estimate\nALPHA-3,Task,60\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::name, SourceTask::estimatedSeconds)
                .containsExactly(tuple("ALPHA-3", "ALPHA-3 Task", 60L));
    }

    @Test
    void repeatedColumnUsesItsFirstOccurrence() throws IOException {
        SourceBatch batch = source.read(write("Issue key,Summary,Summary,Original Estimate,Original Estimate\n"
                + "ALPHA-1,first,second,60,120\n"));

        assertThat(batch.tasks()).extracting(SourceTask::name, SourceTask::estimatedSeconds)
                .containsExactly(tuple("ALPHA-1 first", 60L));
    }

    @Test
    void summaryLineBreaksCollapseToOneSpace() throws IOException {
        SourceBatch batch = source.read(write(JIRA_HEADER + "ALPHA-1,\" Fix  the\r\n\r\n   login \nbug \",,,ALPHA,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::name).containsExactly("ALPHA-1 Fix  the login bug");
    }

    @Test
    void doneStatusCategoryOrResolutionMakesTaskInactive() throws IOException {
        SourceBatch batch = source.read(write(JIRA_HEADER
                + "ALPHA-1,open,To Do,,ALPHA,\n"
                + "ALPHA-2,done by category,done,,ALPHA,\n"
                + "ALPHA-3,resolved,In Progress,Fixed,ALPHA,\n"
                + "ALPHA-4,explicitly unresolved,In Progress,Unresolved,ALPHA,\n"
                + "ALPHA-5,unresolved lower case,To Do,unresolved,ALPHA,\n"
                + "ALPHA-6,won't do,Done,Won't Do,ALPHA,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::active).containsExactly(
                tuple("ALPHA-1", true), tuple("ALPHA-2", false), tuple("ALPHA-3", false),
                tuple("ALPHA-4", true), tuple("ALPHA-5", true), tuple("ALPHA-6", false));
    }

    @Test
    void olderExportWithoutStatusCategoryUsesResolutionOnly() throws IOException {
        SourceBatch batch = source.read(write("Issue key,Summary,Status,Resolution\n"
                + "ALPHA-1,open,Done,\n"
                + "ALPHA-2,resolved,Closed,Fixed\n"));

        assertThat(batch.tasks()).extracting(SourceTask::active).containsExactly(true, false);
    }

    @Test
    void projectKeyResolvedThroughMapElseDefault() throws IOException {
        SourceBatch batch = source.read(write(JIRA_HEADER
                + "ALPHA-1,mapped by column,,,ALPHA,\n"
                + "BETA-1,mapped by issue key prefix,,,,\n"
                + "GAMMA-1,unmapped: default project,,,GAMMA,\n"
                + "X-1,column wins over prefix,,,BETA,\n"));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::projectId).containsExactly(
                tuple("ALPHA-1", 1001L), tuple("BETA-1", 1002L), tuple("GAMMA-1", 1001L), tuple("X-1", 1002L));
        assertThat(batch.identityRule().keys()).containsExactlyInAnyOrder("ALPHA", "BETA", "GAMMA");
    }

    @Test
    void projectKeyComesFromIssueKeyWhenThereIsNoProjectKeyColumn() throws IOException {
        SourceBatch batch = source.read(write("Issue key,Summary\nBETA-12,task\nMY_PROJ2-3,other\n"));

        assertThat(batch.tasks()).extracting(SourceTask::projectId).containsExactly(1002L, 1001L);
        assertThat(batch.identityRule().keys()).containsExactlyInAnyOrder("BETA", "MY_PROJ2");
    }

    @Test
    void unknownProjectIsRejected() throws IOException {
        SourceBatch batch = new CsvSourceRoute(NO_DEFAULT).read(write(JIRA_HEADER
                + "ALPHA-1,known,,,ALPHA,\n"
                + "GAMMA-1,unknown,,,GAMMA,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("ALPHA-1");
        assertThat(batch.rejections()).containsExactly(new SourceRejection(3, "GAMMA-1",
                "unknown project: no toggl.project-map entry for project key 'GAMMA' and no default toggl.project-id"));
    }

    @Test
    void jiraProjectKeysIncludeRejectedRows() throws IOException {
        SourceBatch batch = source.read(write(JIRA_HEADER
                + "ALPHA-1,ok,,,ALPHA,\n"
                + "DELTA-1,,,,,\n"
                + ",no key,,,EPSILON,\n"));

        assertThat(batch.tasks()).hasSize(1);
        assertThat(batch.rejections()).hasSize(2);
        assertThat(batch.identityRule().keys()).containsExactlyInAnyOrder("ALPHA", "DELTA", "EPSILON");
    }

    @Test
    void emptySummaryIsRejected() throws IOException {
        assertThat(onlyRejection(JIRA_HEADER + "ALPHA-1,  ,,,ALPHA,\n"))
                .isEqualTo(new SourceRejection(2, "ALPHA-1", "empty Summary"));
    }

    @Test
    void emptyIssueKeyIsRejected() throws IOException {
        assertThat(onlyRejection(JIRA_HEADER + " ,a summary,,,ALPHA,\n"))
                .isEqualTo(new SourceRejection(2, null, "empty Issue key"));
    }

    @Test
    void nonWholeOriginalEstimateIsRejected() throws IOException {
        assertThat(onlyRejection(JIRA_HEADER + "ALPHA-1,task,,,ALPHA,1.5h\n")).isEqualTo(new SourceRejection(2, "ALPHA-1",
                "Original Estimate must be a whole number of seconds >= 0, got '1.5h'"));
        assertThat(onlyRejection(JIRA_HEADER + "ALPHA-1,task,,,ALPHA,-60\n").reason())
                .isEqualTo("Original Estimate must be a whole number of seconds >= 0, got '-60'");
        assertThat(onlyRejection(JIRA_HEADER + "ALPHA-1,task,,,ALPHA,99999999999999999999\n").reason())
                .isEqualTo("Original Estimate must be a whole number of seconds >= 0, got '99999999999999999999'");
    }

    // --- generic --------------------------------------------------------------------------------

    @Test
    void genericCsvIsRead() throws IOException {
        SourceBatch batch = source.read(write(GENERIC_HEADER
                + "t-1,First,1002,3600,true\n"
                + " t-2 , Second ,,,\n"
                + "t-3,Third,,0,FALSE\n"
                + "t-4,Fourth,1001, 60 ,True\n"));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.identityRule().keys()).isEmpty();
        assertThat(batch.tasks()).containsExactly(
                new SourceTask(Provider.CSV, "t-1", "First", 1002L, 3600L, true, 2),
                new SourceTask(Provider.CSV, "t-2", "Second", 1001L, null, true, 3),
                new SourceTask(Provider.CSV, "t-3", "Third", 1001L, 0L, false, 4),
                new SourceTask(Provider.CSV, "t-4", "Fourth", 1001L, 60L, true, 5));
    }

    @Test
    void genericOptionalColumnsMayBeMissingOrInAnyOrder() throws IOException {
        SourceBatch minimal = source.read(write("name,external_id\nJust a name,x-1\n"));
        SourceBatch reordered = source.read(write("active,estimated_seconds,name,project_id,external_id,notes\n"
                + "false,120,Reordered,1002,x-2,ignored column\n"));

        assertThat(minimal.tasks()).containsExactly(new SourceTask(Provider.CSV, "x-1", "Just a name", 1001L, null, true, 2));
        assertThat(reordered.tasks()).containsExactly(new SourceTask(Provider.CSV, "x-2", "Reordered", 1002L, 120L, false, 2));
    }

    @Test
    void genericWithoutProjectIdAndWithoutDefaultIsRejected() throws IOException {
        SourceBatch batch = new CsvSourceRoute(NO_DEFAULT).read(write(GENERIC_HEADER + "t-1,has project,1002,,\nt-2,no project,,,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("t-1");
        assertThat(batch.rejections()).containsExactly(
                new SourceRejection(3, "t-2", "unknown project: no project_id and no default toggl.project-id"));
    }

    @Test
    void emptyNameIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,,1001,,\n")).isEqualTo(new SourceRejection(2, "t-1", "empty name"));
    }

    @Test
    void emptyExternalIdIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + ",A name,1001,,\n")).isEqualTo(new SourceRejection(2, null, "empty external_id"));
    }

    @Test
    void nonWholeEstimatedSecondsIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,1001,1.5h,\n")).isEqualTo(new SourceRejection(2, "t-1",
                "estimated_seconds must be a whole number of seconds >= 0, got '1.5h'"));
    }

    @Test
    void nonBooleanActiveIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,1001,,yes\n"))
                .isEqualTo(new SourceRejection(2, "t-1", "active must be true or false, got 'yes'"));
    }

    @Test
    void nonPositiveProjectIdIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,x,,\n")).isEqualTo(
                new SourceRejection(2, "t-1", "project_id must be a positive whole number, got 'x'"));
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,0,,\n").reason())
                .isEqualTo("project_id must be a positive whole number, got '0'");
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,-5,,\n").reason())
                .isEqualTo("project_id must be a positive whole number, got '-5'");
    }

    @Test
    void tooFewCellsIsRejected() throws IOException {
        assertThat(onlyRejection(GENERIC_HEADER + "t-1,A name,1001\n"))
                .isEqualTo(new SourceRejection(2, "t-1", "too few cells: 3, header has 5"));
    }

    @Test
    void tooManyCellsIsRejectedOnlyWhenAnExtraCellHasContent() throws IOException {
        SourceBatch batch = source.read(write(GENERIC_HEADER
                + "t-1,trailing empty cells are fine,1001,,,, \n"
                + "t-2,extra content,1001,60,true,oops,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("t-1");
        assertThat(batch.rejections()).containsExactly(new SourceRejection(3, "t-2", "too many cells: 7, header has 5"));
    }

    @Test
    void duplicateExternalIdRejectsTheLaterRecord() throws IOException {
        SourceBatch batch = source.read(write(JIRA_HEADER
                + "ALPHA-2,other,,,ALPHA,\n"
                + "\n"
                + "ALPHA-1,first,,,ALPHA,\n"
                + "ALPHA-1,second,,,ALPHA,\n"
                + " ALPHA-1 ,third,,,ALPHA,bad\n"));

        assertThat(batch.tasks()).extracting(SourceTask::name, SourceTask::line)
                .containsExactly(tuple("ALPHA-2 other", 2L), tuple("ALPHA-1 first", 4L));
        assertThat(batch.rejections()).containsExactly(
                new SourceRejection(5, "ALPHA-1", "duplicate external id 'ALPHA-1', first seen on line 4"),
                new SourceRejection(6, "ALPHA-1", "duplicate external id 'ALPHA-1', first seen on line 4"));
    }

    @Test
    void badRecordsAreRejectedOneByOneAndTheRestImported() throws IOException {
        SourceBatch batch = source.read(write(GENERIC_HEADER
                + "a,ok,,,\n"
                + "b,bad,,,maybe\n"
                + "c,ok too,,,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("a", "c");
        assertThat(batch.rejections()).extracting(SourceRejection::line, SourceRejection::externalId).containsExactly(tuple(3L, "b"));
    }

    // --- CSV syntax, encoding, line numbers ----------------------------------------------------

    @Test
    void quotedLineBreaksCommasAndQuotesSurvive() throws IOException {
        SourceBatch batch = source.read(write("Issue key,Summary,Description,Original Estimate\n"
                + "ALPHA-1,\"Say \"\"hello\"\", world\",\"line one\nline \"\"two\"\", with comma\",60\n"));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.tasks()).extracting(SourceTask::name, SourceTask::estimatedSeconds)
                .containsExactly(tuple("ALPHA-1 Say \"hello\", world", 60L));
    }

    @Test
    void nonAsciiTextSurvives() throws IOException {
        SourceBatch batch = source.read(write(GENERIC_HEADER
                + "ü-1,Größe prüfen,,,\n"
                + "jp-1,日本語のタスク,,,\n"
                + "emoji-1,Ship it 🚀👩‍💻,,,\n"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::name).containsExactly(
                tuple("ü-1", "Größe prüfen"), tuple("jp-1", "日本語のタスク"), tuple("emoji-1", "Ship it 🚀👩‍💻"));
    }

    @Test
    void lineNumbersCountPhysicalLinesAcrossMultilineCells() throws IOException {
        String csv = "Issue key,Summary,Description\r\n"             // 1
                + "A-1,one,\"two\r\nline\r\ncell\"\r\n"              // 2-4 (CRLF)
                + "\r\n"                                              // 5 blank
                + "   \n"                                             // 6 white space only
                + "A-2,\"multi\nline\nsummary\",x\n"                 // 7-9 (LF)
                + "A-3,\"\",\"lone\rcarriage return\"\n"           // 10-11 (CR), rejected
                + ",,\n"                                              // 12 all cells empty: skipped
                + "A-4,\"quote \"\"at\"\"\n\n\nend\",\n"             // 13-16
                + "A-5,last,no final line break";                     // 17
        SourceBatch batch = source.read(writeBytes(concat(BOM, csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::line).containsExactly(
                tuple("A-1", 2L), tuple("A-2", 7L), tuple("A-4", 13L), tuple("A-5", 17L));
        assertThat(batch.rejections()).containsExactly(new SourceRejection(10, "A-3", "empty Summary"));
    }

    @Test
    void blankLinesBetweenRecordsAreSkipped() throws IOException {
        SourceBatch batch = source.read(write("\n\n" + GENERIC_HEADER + "\n\na,first,,,\n\n  \t\nb,second,,,\n\n"));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::line)
                .containsExactly(tuple("a", 6L), tuple("b", 9L));
    }

    @Test
    void emptyFileGivesEmptyBatch() throws IOException {
        for (byte[] content : new byte[][] {new byte[0], BOM, " \n\r\n\t \n".getBytes(StandardCharsets.UTF_8),
                concat(BOM, "\n  \n".getBytes(StandardCharsets.UTF_8))}) {
            SourceBatch batch = source.read(writeBytes(content));
            assertThat(batch.tasks()).isEmpty();
            assertThat(batch.rejections()).isEmpty();
            assertThat(batch.identityRule().keys()).isEmpty();
        }
    }

    @Test
    void headerOnlyFileGivesEmptyBatch() throws IOException {
        assertThat(source.read(write(GENERIC_HEADER)).read()).isZero();
        assertThat(source.read(writeBytes(concat(BOM, JIRA_HEADER.trim().getBytes(StandardCharsets.UTF_8)))).read()).isZero();
    }

    @Test
    void unrecognisedHeaderFails() throws IOException {
        Path file = write("id,title\n1,task\n");

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(file + ": unrecognised CSV header (its columns: id, title): expected 'Issue key' (Jira CSV export), or ")
                .hasMessageEndingWith("or 'external_id', 'name' (generic CSV); or describe the file with csv.columns (CSV_COLUMNS)");
        Path nameOnly = write("name,estimated_seconds\ntask,60\n");
        assertThatThrownBy(() -> source.read(nameOnly)).isInstanceOf(SourceException.class)
                .hasMessageContaining("unrecognised CSV header");
    }

    @Test
    void unterminatedQuoteFailsTheWholeRead() throws IOException {
        Path file = write(GENERIC_HEADER + "a,fine,,,\nb,\"never closed,,,\nmore\ntext");

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("on line 5, in the record starting on line 3")
                .hasMessageContaining("could not be read completely");
    }

    @Test
    void textAfterClosingQuoteFailsTheWholeRead() throws IOException {
        Path file = write(GENERIC_HEADER + "a,fine,,,\nb,\"quoted\"junk,,,\nc,after,,,\n");

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("record starting on line 3")
                .hasMessageContaining("could not be read completely");
    }

    @Test
    void malformedUtf8FailsWithFileAndLine() throws IOException {
        byte[] head = (GENERIC_HEADER + "a,fine,,,\nb,bad ").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};  // invalid two-byte sequence
        Path file = writeBytes(concat(concat(head, bad), ",,,\nc,after,,,\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessage(file + ": invalid UTF-8 on line 3 (if the file is not UTF-8, set csv.charset (CSV_CHARSET), e.g. windows-1252"
                        + " for a file Excel saved as CSV on Windows); the file could not be read completely");
    }

    @Test
    void malformedUtf8DeepInALargeFileNamesItsLine() throws IOException {
        StringBuilder csv = new StringBuilder(GENERIC_HEADER);
        for (int i = 0; i < 5000; i++) {
            csv.append("id-").append(i).append(",Name ").append(i).append(" ü,,,\n");
        }
        byte[] truncated = {(byte) 0xE6, (byte) 0x97};  // first two bytes of a three-byte character, at end of file
        Path file = writeBytes(concat(csv.toString().getBytes(StandardCharsets.UTF_8), truncated));

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageContaining("invalid UTF-8 on line 5002");
    }

    @Test
    void missingFileFails() {
        Path file = dir.resolve("missing.csv");

        assertThatThrownBy(() -> source.read(file)).isInstanceOf(SourceException.class)
                .hasMessageContaining("missing.csv");
    }

    // --- samples and volume --------------------------------------------------------------------

    @Test
    void samplesAreAllValid() {
        SourceBatch jira = source.read(Path.of("samples/jira-export.csv"));
        SourceBatch generic = source.read(Path.of("samples/generic.csv"));

        assertThat(jira.rejections()).isEmpty();
        assertThat(jira.tasks()).hasSize(12);
        assertThat(jira.identityRule().keys()).containsExactlyInAnyOrder("ALPHA", "BETA");
        assertThat(jira.tasks()).extracting(SourceTask::externalId, SourceTask::projectId, SourceTask::active,
                SourceTask::estimatedSeconds, SourceTask::line).containsExactly(
                        tuple("ALPHA-1", 1001L, false, 14400L, 2L),
                        tuple("ALPHA-2", 1001L, true, 28800L, 3L),
                        tuple("ALPHA-3", 1001L, true, null, 8L),
                        tuple("ALPHA-4", 1001L, true, 7200L, 9L),
                        tuple("ALPHA-5", 1001L, false, 3600L, 10L),
                        tuple("ALPHA-6", 1001L, false, null, 11L),
                        tuple("ALPHA-7", 1001L, true, 18000L, 12L),
                        tuple("BETA-1", 1002L, true, 36000L, 13L),
                        tuple("BETA-2", 1002L, true, null, 14L),
                        tuple("BETA-3", 1002L, false, 10800L, 15L),
                        tuple("BETA-4", 1002L, true, 5400L, 16L),
                        tuple("BETA-5", 1002L, false, 0L, 17L));
        assertThat(jira.tasks()).extracting(SourceTask::name).contains(
                "ALPHA-4 Übersetzung der Fehlermeldungen (DE)", "BETA-1 日本語ローカライズ対応",
                "BETA-2 Offline mode 📴 for field workers", "BETA-5 App store screenshots, all locales");

        assertThat(generic.rejections()).isEmpty();
        assertThat(generic.tasks()).hasSize(8).allSatisfy(t -> assertThat(t.provider()).isEqualTo(Provider.CSV));
        assertThat(generic.tasks()).extracting(SourceTask::projectId).containsOnly(1001L, 1002L);
        assertThat(generic.tasks()).extracting(SourceTask::active).contains(true, false);
        assertThat(generic.tasks()).extracting(SourceTask::estimatedSeconds).containsNull();
    }

    @Test
    void badRowsSampleShowsEachRejection() {
        SourceBatch batch = source.read(Path.of("samples/bad-rows.csv"));

        assertThat(batch.tasks()).extracting(SourceTask::externalId).containsExactly("good-1", "good-2", "good-3");
        assertThat(batch.rejections()).extracting(SourceRejection::line, SourceRejection::externalId, SourceRejection::reason)
                .containsExactly(
                        tuple(4L, null, "empty external_id"),
                        tuple(5L, "bad-name", "empty name"),
                        tuple(6L, "bad-estimate", "estimated_seconds must be a whole number of seconds >= 0, got '1.5h'"),
                        tuple(7L, "bad-active", "active must be true or false, got 'yes'"),
                        tuple(8L, "bad-project", "project_id must be a positive whole number, got 'x'"),
                        tuple(9L, "bad-short", "too few cells: 3, header has 5"),
                        tuple(10L, "bad-long", "too many cells: 7, header has 5"),
                        tuple(11L, "good-1", "duplicate external id 'good-1', first seen on line 2"));
    }

    @Test
    void hundredThousandRowGenericFileIsStreamed() throws IOException {
        Path file = dir.resolve("large.csv");
        int rows = 100_000;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(GENERIC_HEADER);
            for (int i = 0; i < rows; i++) {
                out.write("row-" + i + ",\"Task number " + i + ", äöü\"," + (i % 2 == 0 ? "1002" : "") + "," + i + ","
                        + (i % 3 == 0 ? "false" : "true") + "\n");
            }
        }
        long started = System.nanoTime();
        SourceBatch batch = source.read(file);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("csv-source read %,d rows (%,d bytes) in %,d ms%n", rows, Files.size(file), millis);

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.tasks()).hasSize(rows);
        assertThat(batch.tasks().get(rows - 1))
                .isEqualTo(new SourceTask(Provider.CSV, "row-99999", "Task number 99999, äöü", 1001L, 99999L, false, rows + 1));
    }
}
