package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's part of the GitHub source: its cursor judged (it comes from a file) and the desired set of a read. */
class GithubSourceTest {

    static final long NOW = 1_800_000_000L;
    final GithubSource source = new GithubSource();

    private static JsonNode cursor(Long githubTime) {
        GithubCursor c = new GithubCursor(githubTime, "https://api.github.com|labels=|per_page=100",
                Map.of("acme/alpha", new GithubCursor.RepoCursor(null, "https://api.github.com/repos/acme/alpha/issues?x", "\"e\"")));
        return Json.MAPPER.valueToTree(c);
    }

    @Test
    void aCursorTheLastReadLeftServesAndSurvivesTheStateFile() throws Exception {
        JsonNode kept = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(cursor(NOW - 300)));

        assertThat(source.cursorUnusable(kept, NOW)).isNull();
        assertThat(GithubSource.parse(kept).repos().get("acme/alpha").etag()).isEqualTo("\"e\"");
        assertThat(source.read(kept, NOW).whole()).isFalse();
        assertThat(source.read(null, NOW).whole()).isTrue();
    }

    @Test
    void noCursorAnUnreadableOneOrOneFromTheFutureIsAReasonNeverAnException() {
        assertThat(source.cursorUnusable(null, NOW)).contains("knows no GitHub read");
        assertThat(source.cursorUnusable(Json.MAPPER.valueToTree("text"), NOW)).contains("cannot be read");
        assertThat(source.cursorUnusable(Json.MAPPER.valueToTree(Map.of("githubTime", "soon")), NOW)).contains("cannot be read");
        assertThat(source.cursorUnusable(Json.MAPPER.valueToTree(Map.of("repos", 3)), NOW)).contains("cannot be read");
        assertThat(source.cursorUnusable(cursor(NOW + 3600), NOW)).contains("from the future");
    }

    @Test
    void afterAnIncrementalReadTheChangedIssuesGoOnTopOfTheKnownOnesAndARejectedOneLeaves() {
        GithubSourceRead read = (GithubSourceRead) source.read(cursor(NOW - 300), NOW);
        read.done(new GithubRead(false, null, 1, List.of("acme/beta"), 0, List.of()));
        SourceTask one = new SourceTask(Provider.GITHUB, "1", "alpha#1 Old", 7L, null, true, 1);
        SourceTask two = new SourceTask(Provider.GITHUB, "2", "alpha#2 Two", 7L, null, true, 2);
        SourceTask three = new SourceTask(Provider.GITHUB, "3", "beta#3 Three", 8L, null, true, 3);
        SourceTask renamed = new SourceTask(Provider.GITHUB, "1", "alpha#1 New", 7L, null, false, 1);
        SourceBatch changed = new SourceBatch("GitHub issues", List.of(renamed), List.of(new SourceRejection(2, "2", "empty title")),
                IdentityRule.NONE);

        SourceBatch desired = read.desiredSet(changed, List.of(one, two, three));

        assertThat(desired.tasks()).containsExactly(renamed, three);
        assertThat(desired.identityRule()).isEqualTo(IdentityRule.NONE);
        assertThat(read.reportState()).containsEntry("unchanged_repositories", List.of("acme/beta"));
        assertThat(read.exchangeProperties()).containsKeys(GithubSourceRead.PROPERTY, GithubCursor.PROPERTY);
    }
}
