package io.toggltasksync.source;

import io.toggltasksync.config.ProjectResolver;
import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.model.Identity;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps one issue of a Jira search answer (with the fields {@link JiraSearch#FIELDS}) to the task it
 * stands for. The mapping gives the same {@link SourceTask} (except {@code line}) as
 * {@link CsvSource} gives for the same issue in a Jira CSV export, so that a task imported from an
 * export and later mirrored from the REST API stays the same task.
 */
public final class JiraIssueMapper {

    /** A run of line breaks, with the white space around it (as {@link CsvSource} collapses cells). */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    /** What became of one issue. */
    public sealed interface Result permits Accepted, Rejected {
        /** The issue key, null when missing. */
        String issueKey();

        /** {@code fields.project.key}, else the project part of the issue key; null when neither. */
        String projectKey();
    }

    public record Accepted(SourceTask task, String projectKey) implements Result {
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

    private final ProjectResolver projects;

    public JiraIssueMapper(ProjectResolver projects) {
        this.projects = projects;
    }

    /**
     * @param issue one element of the answer's {@code issues}
     * @param position 1-based position of the issue in the whole search (across pages), used as
     *        {@link SourceTask#line()}
     */
    public Result map(JsonNode issue, long position) {
        String key = text(issue.path("key")).trim();
        if (key.isEmpty()) {
            return new Rejected(new SourceRejection(position, null, "missing issue key"), null);
        }
        JsonNode fields = issue.path("fields");
        String projectKey = text(fields.path("project").path("key")).trim();
        if (projectKey.isEmpty()) {
            projectKey = Identity.projectKeyOf(key);
        }
        if (!fields.isObject()) {
            return reject(position, key, projectKey, "no fields in Jira's answer (the search must ask for fields="
                    + JiraSearch.FIELDS + ")");
        }
        String summary = LINE_BREAKS.matcher(text(fields.path("summary")).trim()).replaceAll(" ");
        if (summary.isEmpty()) {
            return reject(position, key, projectKey, "empty summary");
        }
        JsonNode estimateNode = fields.path("timeoriginalestimate");
        Long estimate = null;
        if (!estimateNode.isMissingNode() && !estimateNode.isNull()) {
            if (!estimateNode.isIntegralNumber() || !estimateNode.canConvertToLong() || estimateNode.longValue() < 0) {
                return reject(position, key, projectKey,
                        "timeoriginalestimate must be a whole number of seconds >= 0, got '" + estimateNode + "'");
            }
            estimate = estimateNode.longValue();
        }
        JsonNode resolution = fields.path("resolution");
        boolean done = "done".equalsIgnoreCase(text(fields.path("status").path("statusCategory").path("key")))
                || !resolution.isMissingNode() && !resolution.isNull();
        Optional<Long> project = projects.resolve(projectKey);
        if (project.isEmpty()) {
            return reject(position, key, projectKey, "unknown project: no toggl.project-map entry for project key '"
                    + projectKey + "' and no default toggl.project-id");
        }
        return new Accepted(new SourceTask(Provider.JIRA, key, key + " " + summary, project.get(), estimate, !done,
                position), projectKey);
    }

    private static Rejected reject(long position, String key, String projectKey, String reason) {
        return new Rejected(new SourceRejection(position, key, reason), projectKey);
    }

    /** The text of a string node, "" for anything else (missing, null, object). */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }
}
