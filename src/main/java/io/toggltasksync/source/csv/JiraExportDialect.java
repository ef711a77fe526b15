package io.toggltasksync.source.csv;

import io.toggltasksync.source.TaskValues;
import io.toggltasksync.source.jira.JiraIssue;
import io.toggltasksync.source.jira.JiraTaskFactory;

import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;

/** A Jira CSV export ("Export Excel CSV"), known by its {@code Issue key} column; the rules are {@link JiraTaskFactory}'s. */
final class JiraExportDialect implements CsvDialect {

    private static final String ISSUE_KEY = "issue key";
    private static final String SUMMARY = "summary";
    private static final String ORIGINAL_ESTIMATE = "original estimate";
    private static final String STATUS_CATEGORY = "status category";
    private static final String RESOLUTION = "resolution";
    private static final String PROJECT_KEY = "project key";
    private static final String PROJECT_NAME = "project name";

    private final JiraTaskFactory factory;

    JiraExportDialect(ProjectResolver projects) {
        this.factory = new JiraTaskFactory(projects, JiraTaskFactory.CSV_EXPORT);
    }

    @Override
    public String describe() {
        return "the Jira rules: external_id=Issue key, name=Issue key + Summary, estimated_seconds=Original Estimate?, "
                + "done=Status Category?:Done, done=Resolution? (but Unresolved), project=Project key? (else the key's prefix), project name=Project name?";
    }

    @Override
    public String label() {
        return "Jira CSV export";
    }

    @Override
    public String idColumn() {
        return ISSUE_KEY;
    }

    @Override
    public int namesCleaned() {
        return factory.namesCleaned();
    }

    @Override
    public String projectKey(CsvHeader.Cells cells, String issueKey) {
        return JiraTaskFactory.projectKey(cells.get(PROJECT_KEY), issueKey);
    }

    @Override
    public SourceProject sourceProject(CsvHeader.Cells cells, String issueKey) {
        String key = projectKey(cells, issueKey);
        return key == null ? null : new SourceProject(key, projectName(cells));
    }

    @Override
    public SourceTask task(CsvHeader.Cells cells, String issueKey, long line) {
        String resolution = cells.get(RESOLUTION);
        // an export writes "Unresolved" where the issue has no resolution
        boolean resolved = !resolution.isEmpty() && !resolution.equalsIgnoreCase("Unresolved");
        return factory.task(new JiraIssue(issueKey, cells.text(SUMMARY), cells.get(STATUS_CATEGORY), resolved,
                cells.get(ORIGINAL_ESTIMATE), projectKey(cells, issueKey), projectName(cells)), line);
    }

    /** One line, text only, as task names (a project may be made from it); from text(), not get(): trim() takes an ESC. */
    private static String projectName(CsvHeader.Cells cells) {
        return TaskValues.oneLine(cells.text(PROJECT_NAME));
    }
}
