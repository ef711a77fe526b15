package io.toggltasksync.source.jira;

import io.toggltasksync.source.RecordRejected;
import io.toggltasksync.source.TaskValues;

import io.toggltasksync.config.ProjectResolver;
import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;

/**
 * Maps one issue of a Jira search answer (with the fields {@link JiraSearch#FIELDS}) to the task it
 * stands for, by the rules a Jira CSV export is read with ({@link JiraTaskFactory}): the same
 * {@link SourceTask} (except {@code line}) either way, so that a task imported from an export and
 * later mirrored from the REST API stays the same task.
 */
public final class JiraIssueMapper {

    /** What became of one issue. */
    public sealed interface Result permits Accepted, Rejected {
        /** The issue key, null when missing. */
        String issueKey();

        /** {@code fields.project.key}, else the project part of the issue key; null when neither. */
        String projectKey();
    }

    /** @param projectName {@code fields.project.name}, "" when the answer has none */
    public record Accepted(SourceTask task, String projectKey, String projectName) implements Result {

        public Accepted(SourceTask task, String projectKey) {
            this(task, projectKey, "");
        }

        /** The Jira project, by key and name, as matching finds its Toggl project. */
        public SourceProject project() {
            return projectKey == null ? null : new SourceProject(projectKey, projectName);
        }

        @Override
        public String issueKey() {
            return task.externalId();
        }
    }

    public record Rejected(SourceRejection rejection, String projectKey) implements Result {
        @Override
        public String issueKey() {
            return rejection.externalId();
        }
    }

    private final JiraTaskFactory factory;

    public JiraIssueMapper(ProjectResolver projects) {
        this.factory = new JiraTaskFactory(projects, JiraTaskFactory.REST_API);
    }

    /**
     * @param issue one element of the answer's {@code issues}
     * @param position 1-based position of the issue in the whole search (across pages), used as
     *        {@link SourceTask#line()}
     */
    /** The tasks mapped so far whose name lost control characters or escape sequences. */
    public int namesCleaned() {
        return factory.namesCleaned();
    }

    public Result map(JsonNode issue, long position) {
        String key = text(issue.path("key")).trim();
        if (key.isEmpty()) {
            // nothing else of an issue without a key is used, not even its project
            return new Rejected(new SourceRejection(position, null, JiraTaskFactory.REST_API.emptyKey()), null);
        }
        JsonNode fields = issue.path("fields");
        String projectKey = JiraTaskFactory.projectKey(text(fields.path("project").path("key")), key);
        if (!fields.isObject()) {
            return reject(position, key, projectKey, "no fields in Jira's answer (the search must ask for fields="
                    + JiraSearch.FIELDS + ")");
        }
        JsonNode resolution = fields.path("resolution");
        JsonNode estimate = fields.path("timeoriginalestimate");
        JiraIssue jira = new JiraIssue(key, text(fields.path("summary")),
                text(fields.path("status").path("statusCategory").path("key")),
                !resolution.isMissingNode() && !resolution.isNull(),
                // as JSON text, so that the estimate is read by the same rule as an export's cell
                estimate.isMissingNode() || estimate.isNull() ? null : estimate.toString(),
                // one line, text only, as task names (a project may be made from it); no trim() first: it takes an ESC
                projectKey, TaskValues.oneLine(text(fields.path("project").path("name"))));
        try {
            return new Accepted(factory.task(jira, position), projectKey, jira.projectName());
        } catch (RecordRejected r) {
            return reject(position, key, projectKey, r.getMessage());
        }
    }

    private static Rejected reject(long position, String key, String projectKey, String reason) {
        return new Rejected(new SourceRejection(position, key, reason), projectKey);
    }

    /** The text of a string node, "" for anything else (missing, null, object). */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }
}
