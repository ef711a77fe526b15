package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.github.GithubIssueMapper.Accepted;
import io.toggltasksync.source.github.GithubIssueMapper.PullRequest;
import io.toggltasksync.source.github.GithubIssueMapper.Rejected;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.GithubFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One listed item into a task, a rejection with its reason, or a pull request skipped. */
class GithubIssueMapperTest {

    static final GithubRepo REPO = new GithubRepo("octo-org", "api");
    final GithubIssueMapper mapper = new GithubIssueMapper(new ProjectResolver(null, Map.of("octo-org/api", 123L)));

    private GithubIssueMapper.Result map(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return mapper.map(node, REPO, 7);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SourceTask task(String json) {
        return ((Accepted) map(json)).task();
    }

    @Test
    void anOpenIssueIsAnActiveTaskOfItsRepositorysProject() {
        Accepted accepted = (Accepted) map(GithubFixture.issue(9_007_199_254_740_993L, 42, "Fix the login", "open"));

        assertThat(accepted.task()).isEqualTo(new SourceTask(Provider.GITHUB, "9007199254740993", "api#42 Fix the login", 123, null, true, 7));
        assertThat(accepted.task().identity()).isEqualTo("github:9007199254740993");
        assertThat(accepted.project()).isEqualTo(new SourceProject("octo-org/api", "api"));
    }

    @Test
    void aClosedIssueIsInactiveWhateverItsReason() {
        assertThat(task(GithubFixture.issue(1, 1, "Done", "closed")).active()).isFalse();
        assertThat(task(GithubFixture.issue(1, 1, "Won't do", "closed").replace("\"completed\"", "\"not_planned\"")).active()).isFalse();
        assertThat(task(GithubFixture.issue(1, 1, "Again", "open").replace("null", "\"reopened\"")).active()).isTrue();
    }

    @Test
    void aTitleOnOneLineWithoutControls() {
        assertThat(task(GithubFixture.issue(1, 3, "  Crash\non start\u001b[31m red\t", "open")).name()).isEqualTo("api#3 Crash on start red");
        assertThat(mapper.namesCleaned()).isEqualTo(1);
    }

    @Test
    void aLongTitleIsCutTo255CharactersKeepingThePrefix() {
        String name = task(GithubFixture.issue(1, 12345, "x".repeat(300), "open")).name();

        assertThat(name).hasSize(255).startsWith("api#12345 xxx");
    }

    @Test
    void theCutNeverSplitsACharacter() {
        // "api#1 " is 6 characters, then 249 emoji fit: each is two UTF-16 units
        String name = task(GithubFixture.issue(1, 1, "\uD83D\uDE00".repeat(300), "open")).name();

        assertThat(name.codePointCount(0, name.length())).isEqualTo(255);
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - 1))).isFalse();
    }

    @Test
    void aPullRequestIsSkippedNotRejected() {
        assertThat(map(GithubFixture.pullRequest(5, 6, "Add a thing"))).isEqualTo(new PullRequest(6));
    }

    @Test
    void itemsThatCannotBeTasksAreRejectedWithTheirReason() {
        assertThat(((Rejected) map(GithubFixture.issue(1, 4, "  ", "open"))).rejection().reason()).isEqualTo("octo-org/api#4: empty title");
        assertThat(((Rejected) map(GithubFixture.issue(1, 4, null, "open"))).rejection().externalId()).isEqualTo("1");
        assertThat(((Rejected) map("{\"id\":\"12\",\"number\":4,\"title\":\"t\",\"state\":\"open\"}")).rejection().reason())
                .isEqualTo("octo-org/api: an item without a positive numeric id (got \"12\")");
        assertThat(((Rejected) map("{\"id\":1e30,\"number\":4,\"title\":\"t\",\"state\":\"open\"}")).rejection().externalId()).isNull();
        assertThat(((Rejected) map("{\"id\":99999999999999999999,\"number\":4,\"title\":\"t\",\"state\":\"open\"}")).rejection().reason())
                .startsWith("octo-org/api: an item without a positive numeric id");
        assertThat(((Rejected) map("{\"id\":3,\"title\":\"t\",\"state\":\"open\"}")).rejection().reason())
                .isEqualTo("octo-org/api: an issue without a positive number (got none)");
        assertThat(((Rejected) map(GithubFixture.issue(1, 4, "t", "locked"))).rejection().reason())
                .isEqualTo("octo-org/api#4: state must be open or closed, got 'locked'");
    }

    @Test
    void aRepositoryWithoutAProjectIsARejectionUnlessMatchingFindsIt() {
        GithubIssueMapper noMap = new GithubIssueMapper(new ProjectResolver(null, Map.of()));
        GithubIssueMapper matching = new GithubIssueMapper(new ProjectResolver(null, Map.of(), true));
        JsonNode issue = Json.MAPPER.valueToTree(Map.of("id", 1, "number", 2, "title", "t", "state", "open"));

        assertThat(((Rejected) noMap.map(issue, REPO, 1)).rejection().reason()).isEqualTo(
                "unknown project: no toggl.project-map entry for project key 'octo-org/api' and no default toggl.project-id");
        Accepted waiting = (Accepted) matching.map(issue, REPO, 1);
        assertThat(waiting.task().projectId()).isEqualTo(SourceTask.PROJECT_TO_FIND);
        assertThat(waiting.project()).isEqualTo(new SourceProject("octo-org/api", "api"));
    }
}
