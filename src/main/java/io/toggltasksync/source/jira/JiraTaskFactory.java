package io.toggltasksync.source.jira;

import io.toggltasksync.source.RecordRejected;
import io.toggltasksync.source.TaskValues;

import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Identity;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;

import java.util.Optional;

/**
 * The Jira rules, in one place for a Jira CSV export ({@link JiraExportDialect}) and the REST API
 * ({@link JiraIssueMapper}): an issue gives the same task either way, so that a task imported from
 * an export and later mirrored from the API stays the same task. Only the wording of a rejection
 * follows the source (its column or field names).
 */
public final class JiraTaskFactory {

    /** How a source names what is wrong with an issue. */
    public record Wording(String emptyKey, String emptySummary, String estimateField) {
    }

    public static final Wording CSV_EXPORT = new Wording("empty Issue key", "empty Summary", "Original Estimate");
    static final Wording REST_API = new Wording("missing issue key", "empty summary", "timeoriginalestimate");

    private final ProjectResolver projects;
    private final Wording wording;

    /** Tasks made whose name was cleaned: a count for the run's report (one factory per read). */
    private int namesCleaned;

    public JiraTaskFactory(ProjectResolver projects, Wording wording) {
        this.projects = projects;
        this.wording = wording;
    }

    /** The issue's project key: its project field (trimmed), else the project part of its key; null when neither. */
    public static String projectKey(String projectField, String issueKey) {
        String field = projectField == null ? "" : projectField.trim();
        if (!field.isEmpty()) {
            return field;
        }
        return issueKey.isEmpty() ? null : Identity.projectKeyOf(issueKey);
    }

    /**
     * The task of an issue: named {@code KEY summary} on one line, inactive once done (status category
     * Done, or any resolution), in the project its key maps to (or {@link SourceTask#PROJECT_TO_FIND} when
     * {@link ProjectResolver#defers} it).
     *
     * @param line where the issue was read (CSV line, or position in the search)
     * @throws RecordRejected with the reason when the issue cannot become a task
     */
    public SourceTask task(JiraIssue issue, long line) {
        String key = issue.key();
        if (key.isEmpty()) {
            throw new RecordRejected(wording.emptyKey());
        }
        String summary = TaskValues.oneLine(issue.summary());
        if (summary.isEmpty()) {
            throw new RecordRejected(wording.emptySummary());
        }
        // the key is the identity as given; in the name it is text like the summary
        String name = TaskValues.oneLine(key) + " " + summary;
        boolean cleaned = TaskValues.hasControls(key) || TaskValues.hasControls(issue.summary());
        Long estimate = TaskValues.estimate(issue.estimate(), wording.estimateField());
        boolean done = "done".equalsIgnoreCase(issue.statusCategory()) || issue.resolved();
        if (projects.defers(issue.projectKey())) {
            // found by name once every issue was read (ProjectsToFind)
            namesCleaned += cleaned ? 1 : 0;
            return new SourceTask(Provider.JIRA, key, name, SourceTask.PROJECT_TO_FIND, estimate, !done, line);
        }
        Optional<Long> project = projects.resolve(issue.projectKey());
        if (project.isEmpty()) {
            throw new RecordRejected("unknown project: no toggl.project-map entry for project key '" + issue.projectKey()
                    + "' and no default toggl.project-id");
        }
        namesCleaned += cleaned ? 1 : 0;
        return new SourceTask(Provider.JIRA, key, name, project.get(), estimate, !done, line);
    }

    /** The tasks made so far whose name lost control characters or escape sequences ({@link TaskValues#oneLine}). */
    public int namesCleaned() {
        return namesCleaned;
    }
}
