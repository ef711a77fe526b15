package io.toggltasksync.source.jira;

import io.toggltasksync.config.ProjectResolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.CsvSourceRoute;
import io.quarkus.test.junit.QuarkusTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A @QuarkusTest for the tests that compare with a Jira CSV export read through the csv-source route. */
@QuarkusTest
class JiraIssueMapperTest {

    private static final ProjectResolver PROJECTS = new ProjectResolver(1001L, Map.of("ALPHA", 1001L, "BETA", 1002L));
    private static final ProjectResolver NO_DEFAULT = new ProjectResolver(null, Map.of("ALPHA", 1001L));

    private final JiraIssueMapper mapper = new JiraIssueMapper(PROJECTS);

    @TempDir
    Path dir;

    /** An issue as /rest/api/3/search/jql returns it with fields=summary,status,resolution,timeoriginalestimate,project. */
    private static String issueJson(String key, String summaryJson, String statusName, String category, String resolutionJson,
            String estimateJson, String projectKey) {
        return """
                {"expand":"operations,versionedRepresentations,editmeta,changelog,renderedFields",
                 "id":"10001","self":"https://example.atlassian.net/rest/api/3/issue/10001","key":"%s",
                 "fields":{
                   "summary":%s,
                   "status":{"self":"https://example.atlassian.net/rest/api/3/status/10001","description":"",
                     "iconUrl":"https://example.atlassian.net/","name":"%s","id":"10001",
                     "statusCategory":{"self":"https://example.atlassian.net/rest/api/3/statuscategory/3","id":3,
                       "key":"%s","colorName":"green","name":"%s"}},
                   "resolution":%s,
                   "timeoriginalestimate":%s,
                   "project":{"self":"https://example.atlassian.net/rest/api/3/project/10000","id":"10000",
                     "key":"%s","name":"Project %s","projectTypeKey":"software","simplified":false}}}
                """.formatted(key, summaryJson, statusName, category, statusName, resolutionJson, estimateJson,
                projectKey, projectKey);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode openIssue(String key, String summary, String estimateJson) {
        return json(issueJson(key, Json.write(summary), "In Progress", "indeterminate", "null", estimateJson,
                key.substring(0, key.indexOf('-'))));
    }

    private SourceTask task(JiraIssueMapper.Result result) {
        assertThat(result).isInstanceOf(JiraIssueMapper.Accepted.class);
        return ((JiraIssueMapper.Accepted) result).task();
    }

    private SourceRejection rejection(JiraIssueMapper.Result result) {
        assertThat(result).isInstanceOf(JiraIssueMapper.Rejected.class);
        return ((JiraIssueMapper.Rejected) result).rejection();
    }

    // --- mapping -------------------------------------------------------------------------------

    @Test
    void openIssueBecomesAnActiveTaskNamedByKeyAndSummary() {
        SourceTask task = task(mapper.map(openIssue("ALPHA-1", "Fix login", "3600"), 7));

        assertThat(task).isEqualTo(new SourceTask(Provider.JIRA, "ALPHA-1", "ALPHA-1 Fix login", 1001L, 3600L, true, 7));
        assertThat(task.identity()).isEqualTo("jira:ALPHA-1");
    }

    @Test
    void doneStatusCategoryMakesTheTaskInactiveEvenWithoutResolution() {
        JsonNode issue = json(issueJson("ALPHA-2", "\"Ship it\"", "Closed", "done", "null", "null", "ALPHA"));

        assertThat(task(mapper.map(issue, 1)).active()).isFalse();
    }

    @Test
    void aResolutionMakesTheTaskInactiveEvenInAnOpenStatusCategory() {
        JsonNode issue = json(issueJson("ALPHA-3", "\"Duplicate report\"", "To Do", "new",
                "{\"self\":\"https://example.atlassian.net/rest/api/3/resolution/10002\",\"id\":\"10002\",\"name\":\"Won't Do\"}",
                "null", "ALPHA"));

        assertThat(task(mapper.map(issue, 1)).active()).isFalse();
    }

    @Test
    void nullResolutionInAnOpenStatusCategoryIsActive() {
        JsonNode issue = json(issueJson("ALPHA-4", "\"Review\"", "In Review", "indeterminate", "null", "null", "ALPHA"));

        assertThat(task(mapper.map(issue, 1)).active()).isTrue();
    }

    @Test
    void nullOriginalEstimateIsNoEstimateAndANumberIsSeconds() {
        assertThat(task(mapper.map(openIssue("ALPHA-5", "No estimate", "null"), 1)).estimatedSeconds()).isNull();
        assertThat(task(mapper.map(openIssue("ALPHA-6", "Estimated", "7200"), 1)).estimatedSeconds()).isEqualTo(7200L);
        assertThat(task(mapper.map(openIssue("ALPHA-7", "Zero", "0"), 1)).estimatedSeconds()).isZero();
    }

    @Test
    void negativeOrFractionalEstimateIsRejected() {
        assertThat(rejection(mapper.map(openIssue("ALPHA-8", "Odd", "-60"), 3)).reason())
                .isEqualTo("timeoriginalestimate must be a whole number of seconds >= 0, got '-60'");
        assertThat(rejection(mapper.map(openIssue("ALPHA-9", "Odd", "1.5"), 3)).externalId()).isEqualTo("ALPHA-9");
    }

    @Test
    void summaryIsTrimmedAndLineBreaksCollapsedLikeTheCsvExport() {
        SourceTask task = task(mapper.map(openIssue("ALPHA-10", "  Write\r\n   the  docs \n\n for v2\t ", "null"), 1));

        assertThat(task.name()).isEqualTo("ALPHA-10 Write the  docs for v2");
    }

    @Test
    void emptySummaryIsRejected() {
        SourceRejection rejection = rejection(mapper.map(openIssue("ALPHA-11", " \n ", "null"), 4));

        assertThat(rejection).isEqualTo(new SourceRejection(4, "ALPHA-11", "empty summary"));
    }

    @Test
    void missingKeyIsRejectedWithoutExternalId() {
        JsonNode issue = json("{\"id\":\"10001\",\"fields\":{\"summary\":\"x\",\"project\":{\"key\":\"ALPHA\"}}}");

        JiraIssueMapper.Result result = mapper.map(issue, 2);

        assertThat(rejection(result)).isEqualTo(new SourceRejection(2, null, "missing issue key"));
        assertThat(result.projectKey()).isNull();
    }

    @Test
    void issueWithoutFieldsIsRejectedNamingTheFieldsToAskFor() {
        JiraIssueMapper.Result result = mapper.map(json("{\"id\":\"10001\",\"key\":\"ALPHA-12\"}"), 1);

        assertThat(rejection(result).reason()).startsWith("no fields in Jira's answer")
                .contains("summary,status,resolution,timeoriginalestimate,project");
        assertThat(result.projectKey()).isEqualTo("ALPHA");
    }

    @Test
    void projectComesFromTheProjectMap() {
        assertThat(task(mapper.map(openIssue("BETA-1", "Beta work", "null"), 1)).projectId()).isEqualTo(1002L);
    }

    @Test
    void unmappedProjectFallsBackToTheDefault() {
        assertThat(task(mapper.map(openIssue("GAMMA-1", "Gamma work", "null"), 1)).projectId()).isEqualTo(1001L);
    }

    @Test
    void projectKeyFallsBackToTheKeyPrefixWhenFieldsHaveNoProject() {
        JsonNode issue = json("{\"key\":\"BETA-2\",\"fields\":{\"summary\":\"No project field\",\"status\":null,"
                + "\"resolution\":null,\"timeoriginalestimate\":null}}");

        JiraIssueMapper.Result result = mapper.map(issue, 1);

        assertThat(task(result).projectId()).isEqualTo(1002L);
        assertThat(result.projectKey()).isEqualTo("BETA");
    }

    @Test
    void aProjectNameWithControlsAndEscapesComesOnOneLineAsTextOnly() {
        JiraIssueMapper matching = new JiraIssueMapper(new ProjectResolver(null, Map.of(), true));
        JsonNode issue = json(issueJson("GAMMA-1", Json.write("Gamma work"), "In Progress", "indeterminate", "null", "null", "GAMMA")
                .replace("\"name\":\"Project GAMMA\"", "\"name\":\"\\u001b[31mGamma\\u202e\\nWeb\\u0007\""));

        JiraIssueMapper.Accepted gamma = (JiraIssueMapper.Accepted) matching.map(issue, 1);

        assertThat(gamma.project()).isEqualTo(new SourceProject("GAMMA", "Gamma Web"));
    }

    @Test
    void withMatchingOnAnUnmappedProjectWaitsWithItsKeyAndName() {
        JiraIssueMapper matching = new JiraIssueMapper(new ProjectResolver(1001L, Map.of("ALPHA", 1001L), true));

        JiraIssueMapper.Accepted gamma = (JiraIssueMapper.Accepted) matching.map(openIssue("GAMMA-1", "Gamma work", "null"), 1);
        JiraIssueMapper.Accepted alpha = (JiraIssueMapper.Accepted) matching.map(openIssue("ALPHA-1", "Alpha work", "null"), 2);

        assertThat(gamma.task().projectId()).isEqualTo(SourceTask.PROJECT_TO_FIND);
        assertThat(gamma.project()).isEqualTo(new SourceProject("GAMMA", "Project GAMMA"));
        assertThat(alpha.task().projectId()).as("a map entry needs no matching").isEqualTo(1001L);
    }

    @Test
    void unknownProjectWithoutDefaultIsRejectedWithTheCsvReason() {
        JiraIssueMapper.Result result = new JiraIssueMapper(NO_DEFAULT).map(openIssue("GAMMA-1", "Gamma work", "null"), 5);

        assertThat(rejection(result)).isEqualTo(new SourceRejection(5, "GAMMA-1",
                "unknown project: no toggl.project-map entry for project key 'GAMMA' and no default toggl.project-id"));
    }

    @Test
    void unknownProjectReasonIsTheSameAsTheCsvExports() throws IOException {
        Path file = dir.resolve("unknown.csv");
        Files.writeString(file, "Issue key,Summary,Project key\nGAMMA-1,Gamma work,GAMMA\n", StandardCharsets.UTF_8);
        SourceRejection fromCsv = new CsvSourceRoute(NO_DEFAULT).read(file).rejections().get(0);

        SourceRejection fromRest = rejection(new JiraIssueMapper(NO_DEFAULT).map(openIssue("GAMMA-1", "Gamma work", "null"), 2));

        assertThat(fromRest).isEqualTo(fromCsv);
    }

    // --- REST and CSV agree --------------------------------------------------------------------

    @Test
    void restAndCsvExportGiveTheSameTask() throws IOException {
        Path export = dir.resolve("Jira.csv");
        String csv = "\uFEFFSummary,Issue key,Issue id,Issue Type,Status,Status Category,Project key,Project name,"
                + "Resolution,Assignee,Original Estimate,Labels,Labels\n"
                + "Fix login,ALPHA-1,10001,Bug,Done,Done,ALPHA,Alpha,Done,Ann,3600,web,\n"
                + "\"  Write\n  the \"\"docs\"\",  again  \",ALPHA-2,10002,Task,In Progress,In Progress,ALPHA,Alpha,,,,,\n"
                + "Old idea,BETA-7,10007,Story,To Do,To Do,BETA,Beta,Won't Do,,0,,\n"
                + "Gamma thing,GAMMA-3,10010,Task,Closed,Done,GAMMA,Gamma,,,120,,\n";
        Files.writeString(export, csv, StandardCharsets.UTF_8);
        SourceBatch fromCsv = new CsvSourceRoute(PROJECTS).read(export);
        assertThat(fromCsv.rejections()).isEmpty();

        JsonNode[] rest = {
            json(issueJson("ALPHA-1", "\"Fix login\"", "Done", "done", "{\"id\":\"10000\",\"name\":\"Done\"}", "3600", "ALPHA")),
            json(issueJson("ALPHA-2", Json.write("  Write\n  the \"docs\",  again  "), "In Progress", "indeterminate",
                    "null", "null", "ALPHA")),
            json(issueJson("BETA-7", "\"Old idea\"", "To Do", "new", "{\"id\":\"10002\",\"name\":\"Won't Do\"}", "0", "BETA")),
            json(issueJson("GAMMA-3", "\"Gamma thing\"", "Closed", "done", "null", "120", "GAMMA")),
        };
        JiraBatchBuilder builder = new JiraBatchBuilder("Jira Cloud search 'x'", mapper);
        builder.add(new JiraPage(List.of(rest), null, true, null, null));
        SourceBatch fromRest = builder.build();

        assertThat(fromRest.tasks()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line")
                .containsExactlyElementsOf(fromCsv.tasks());
        assertThat(fromRest.tasks()).extracting(SourceTask::name, SourceTask::active).containsExactly(
                tuple("ALPHA-1 Fix login", false),
                tuple("ALPHA-2 Write the \"docs\",  again", true),
                tuple("BETA-7 Old idea", false),
                tuple("GAMMA-3 Gamma thing", false));
        assertThat(fromRest.identityRule().keys()).isEqualTo(fromCsv.identityRule().keys());
    }

    @Test
    void controlCharactersAndEscapeSequencesLeaveTheNameAndAreCounted() {
        JiraBatchBuilder builder = new JiraBatchBuilder("d", mapper);
        builder.add(new JiraPage(List.of(openIssue("ALPHA-1", "\u001b]0;title\u0007Fix\u0000 login\u001b[0m", "null"),
                openIssue("ALPHA-2", "Plain", "null")), null, true, null, null));
        SourceBatch batch = builder.build();

        assertThat(batch.tasks()).extracting(SourceTask::name).containsExactly("ALPHA-1 Fix login", "ALPHA-2 Plain");
        assertThat(batch.namesCleaned()).isEqualTo(1);
    }

    // --- batch ---------------------------------------------------------------------------------

    @Test
    void duplicateAcrossPagesIsSkippedSilentlyKeepingTheFirstAndCounted() {
        JiraBatchBuilder builder = new JiraBatchBuilder("Jira Cloud search 'project = ALPHA'", mapper);
        builder.add(new JiraPage(List.of(openIssue("ALPHA-1", "First", "null"), openIssue("ALPHA-2", "Second", "null")),
                "tok", false, null, null));
        builder.add(new JiraPage(List.of(openIssue("ALPHA-2", "Second, renamed meanwhile", "60"),
                openIssue("ALPHA-3", "Third", "null")), null, true, null, null));

        SourceBatch batch = builder.build();

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::name, SourceTask::line).containsExactly(
                tuple("ALPHA-1", "ALPHA-1 First", 1L),
                tuple("ALPHA-2", "ALPHA-2 Second", 2L),
                tuple("ALPHA-3", "ALPHA-3 Third", 4L));
        assertThat(batch.rejections()).isEmpty();
        assertThat(builder.duplicatesSkipped()).isEqualTo(1);
        assertThat(builder.issuesReceived()).isEqualTo(4);
        assertThat(batch.read()).isEqualTo(3);
    }

    @Test
    void duplicateOfARejectedIssueIsSkippedToo() {
        JiraBatchBuilder builder = new JiraBatchBuilder("d", mapper);
        builder.add(new JiraPage(List.of(openIssue("ALPHA-1", "", "null")), "tok", false, null, null));
        builder.add(new JiraPage(List.of(openIssue("ALPHA-1", "Now named", "null")), null, true, null, null));

        SourceBatch batch = builder.build();

        assertThat(batch.tasks()).isEmpty();
        assertThat(batch.rejections()).containsExactly(new SourceRejection(1, "ALPHA-1", "empty summary"));
        assertThat(builder.duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    void batchCollectsProjectKeysOfTasksAndRejections() {
        JiraBatchBuilder builder = new JiraBatchBuilder("Jira Data Center search 'x'", new JiraIssueMapper(NO_DEFAULT));
        builder.add(new JiraPage(List.of(openIssue("ALPHA-1", "a", "null"), openIssue("GAMMA-1", "g", "null"),
                json("{\"id\":\"1\",\"fields\":{}}")), null, null, 0, 3));

        SourceBatch batch = builder.build();

        assertThat(batch.description()).isEqualTo("Jira Data Center search 'x'");
        assertThat(batch.identityRule().keys()).containsExactly("ALPHA", "GAMMA");
        assertThat(batch.tasks()).hasSize(1);
        assertThat(batch.rejections()).extracting(SourceRejection::line, SourceRejection::externalId)
                .containsExactly(tuple(2L, "GAMMA-1"), tuple(3L, null));
    }
}
