package io.toggltasksync.source.jira;

/**
 * The fields of one Jira issue that make its task, as a Jira CSV export or a REST answer gives them.
 *
 * @param key the issue key, trimmed ("" when missing)
 * @param summary as written (line breaks and surrounding white space still in it)
 * @param statusCategory the status category's name or key ("Done", "done"), "" when unknown
 * @param resolved whether the issue has a resolution
 * @param estimate the original estimate in seconds as written, null or "" for none
 * @param projectKey see {@link JiraTaskFactory#projectKey}
 * @param projectName the Jira project's name (REST {@code fields.project.name}, an export's {@code Project name}), "" when not given
 */
public record JiraIssue(String key, String summary, String statusCategory, boolean resolved, String estimate,
        String projectKey, String projectName) {
}
