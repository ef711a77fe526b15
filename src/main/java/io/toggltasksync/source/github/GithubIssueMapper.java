package io.toggltasksync.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.TaskValues;
import java.util.Optional;

/**
 * One item of GitHub's issue list into the task it stands for: named {@code <repo>#<number> <title>} on one line and
 * at most {@value #MAX_NAME} characters (the prefix kept whole), identity the issue's numeric {@code id} (it survives a
 * rename and a transfer, where the number does not), active while {@code open}, in the project of its repository.
 * A pull request is not a task: skipped, not rejected. An item that cannot be a task is a rejection with its reason.
 * Not thread-safe: one per read (it counts the names it cleaned).
 */
public final class GithubIssueMapper {

    /** Toggl's longest task name. */
    static final int MAX_NAME = 255;

    /** What became of one item. */
    public sealed interface Result permits Accepted, Rejected, PullRequest {
    }

    public record Accepted(SourceTask task, SourceProject project) implements Result {
    }

    public record Rejected(SourceRejection rejection) implements Result {
    }

    /** An item with {@code pull_request}: GitHub lists pull requests with the issues. */
    public record PullRequest(long number) implements Result {
    }

    private final ProjectResolver projects;
    private int namesCleaned;

    public GithubIssueMapper(ProjectResolver projects) {
        this.projects = projects;
    }

    /**
     * @param item     one element of the list (or the answer of {@code GET .../issues/{number}})
     * @param repo     the repository it was read from (its project)
     * @param position 1-based position of the item in the whole read, across repositories: the record's line
     */
    public Result map(JsonNode item, GithubRepo repo, long position) {
        if (item.has("pull_request")) {
            return new PullRequest(item.path("number").asLong());
        }
        JsonNode idNode = item.path("id");
        if (!idNode.isIntegralNumber() || !idNode.canConvertToLong() || idNode.longValue() <= 0) {
            return reject(position, null, repo.key() + ": an item without a positive numeric id (got " + shown(idNode) + ")");
        }
        String id = Long.toString(idNode.longValue());
        JsonNode numberNode = item.path("number");
        if (!numberNode.isIntegralNumber() || !numberNode.canConvertToLong() || numberNode.longValue() <= 0) {
            return reject(position, id, repo.key() + ": an issue without a positive number (got " + shown(numberNode) + ")");
        }
        String where = repo.key() + "#" + numberNode.longValue();
        String rawTitle = item.path("title").isTextual() ? item.path("title").textValue() : "";
        String title = TaskValues.oneLine(rawTitle);
        if (title.isEmpty()) {
            return reject(position, id, where + ": empty title");
        }
        String state = item.path("state").asText("");
        if (!state.equals("open") && !state.equals("closed")) {
            return reject(position, id, where + ": state must be open or closed, got '" + TaskValues.oneLine(state) + "'");
        }
        // the repository's name is GitHub's, checked by GithubRepo: no control characters to clean there
        String name = name(repo.name() + "#" + numberNode.longValue(), title);
        // open = active; closed (completed or not planned) = inactive; reopened is open again
        boolean active = state.equals("open");
        SourceProject project = new SourceProject(repo.key(), repo.name());
        if (projects.defers(repo.key())) {
            namesCleaned += TaskValues.hasControls(rawTitle) ? 1 : 0;
            return new Accepted(new SourceTask(Provider.GITHUB, id, name, SourceTask.PROJECT_TO_FIND, null, active, position), project);
        }
        Optional<Long> toggl = projects.resolve(repo.key());
        if (toggl.isEmpty()) {
            return reject(position, id, "unknown project: no toggl.project-map entry for project key '" + repo.key()
                    + "' and no default toggl.project-id");
        }
        namesCleaned += TaskValues.hasControls(rawTitle) ? 1 : 0;
        return new Accepted(new SourceTask(Provider.GITHUB, id, name, toggl.get(), null, active, position), project);
    }

    /** {@code prefix title}, cut to {@value #MAX_NAME} characters (code points: a pair is never split) from the title's end. */
    static String name(String prefix, String title) {
        String name = prefix + " " + title;
        if (name.codePointCount(0, name.length()) <= MAX_NAME) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_NAME)).stripTrailing();
    }

    /** The tasks mapped so far whose title lost control characters or escape sequences. */
    public int namesCleaned() {
        return namesCleaned;
    }

    private static Rejected reject(long position, String id, String reason) {
        return new Rejected(new SourceRejection(position, id, reason));
    }

    private static String shown(JsonNode node) {
        return node.isMissingNode() ? "none" : TaskValues.oneLine(node.toString().length() > 40 ? node.toString().substring(0, 40) + "..."
                : node.toString());
    }
}
