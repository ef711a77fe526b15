package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.source.github.GithubCursor.Read;
import io.toggltasksync.source.github.GithubCursor.RepoCursor;
import io.toggltasksync.source.github.GithubCursor.Unchanged;
import io.toggltasksync.support.Json;
import io.toggltasksync.testing.GithubFixture;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cursor's decisions, purely: which URL the next read sends first, with which ETag, and when {@code since} moves. */
class GithubCursorTest {

    static final String API = "https://api.github.com";
    static final GithubSettings SETTINGS = GithubFixture.settings(API, "octo/api", "github.page-size=3");
    static final GithubRepo REPO = new GithubRepo("octo", "api");
    static final String WHOLE = API + "/repos/octo/api/issues?state=all&per_page=3&sort=updated&direction=asc";
    /** 2026-12-07T21:00:00Z */
    static final long NOW = 1_796_677_200L;

    private static GithubCursor cursor(RepoCursor repo) {
        return GithubCursor.of(SETTINGS, NOW, Map.of("octo/api", repo));
    }

    @Test
    void withoutACursorEveryIssueIsAsked() {
        GithubRequest first = GithubCursor.firstRequest(SETTINGS, REPO, null);

        assertThat(first.url(API)).isEqualTo(WHOLE);
        assertThat(first.ifNoneMatch()).isNull();
        assertThat(GithubCursor.since(first)).isNull();
    }

    @Test
    void labelsAreAskedWithEveryQuery() {
        GithubSettings labelled = GithubFixture.settings(API, "octo/api", "github.labels=bug,team a");

        assertThat(GithubCursor.firstRequest(labelled, REPO, null).query()).isEqualTo(
                "state=all&per_page=100&sort=updated&direction=asc&labels=bug%2Cteam+a");
    }

    @Test
    void aKeptUrlIsSentWithItsEtag() {
        GithubCursor last = cursor(new RepoCursor("2026-12-07T20:00:00Z", WHOLE + "&since=2026-12-07T20%3A00%3A00Z", "W/\"abc\""));

        GithubRequest first = GithubCursor.firstRequest(SETTINGS, REPO, last);

        assertThat(first.url(API)).isEqualTo(WHOLE + "&since=2026-12-07T20%3A00%3A00Z");
        assertThat(first.ifNoneMatch()).isEqualTo("W/\"abc\"");
    }

    @Test
    void aCursorOfOtherSettingsOrWithoutTheRepositoryReadsItWhole() {
        GithubCursor last = cursor(new RepoCursor("2026-12-07T20:00:00Z", WHOLE + "&since=2026-12-07T20%3A00%3A00Z", "W/\"abc\""));
        GithubSettings otherLabels = GithubFixture.settings(API, "octo/api", "github.page-size=3", "github.labels=bug");

        assertThat(GithubCursor.firstRequest(otherLabels, REPO, last).ifNoneMatch()).isNull();
        assertThat(GithubCursor.since(GithubCursor.firstRequest(otherLabels, REPO, last))).isNull();
        assertThat(GithubCursor.firstRequest(SETTINGS, new GithubRepo("octo", "web"), last).url(API)).doesNotContain("since=");
    }

    @Test
    void anEtagIsNotSentWithAnotherUrl() {
        // the URL kept is not the one these settings build (e.g. a cursor written by another version): no If-None-Match
        GithubCursor last = cursor(new RepoCursor("2026-12-07T20:00:00Z", WHOLE + "&since=2026-12-07T19%3A00%3A00Z", "W/\"abc\""));

        GithubRequest first = GithubCursor.firstRequest(SETTINGS, REPO, last);

        assertThat(first.ifNoneMatch()).isNull();
        assertThat(GithubCursor.since(first)).isEqualTo(Instant.parse("2026-12-07T20:00:00Z"));
    }

    @Test
    void aSinceThatIsNoTimeReadsTheRepositoryWhole() {
        GithubRequest first = GithubCursor.firstRequest(SETTINGS, REPO, cursor(new RepoCursor("yesterday", WHOLE, "W/\"abc\"")));

        assertThat(first.url(API)).isEqualTo(WHOLE);
        assertThat(first.ifNoneMatch()).isNull();
    }

    @Test
    void a304KeepsTheQueryAndItsEtag() {
        GithubRequest sent = GithubRequest.firstPage(SETTINGS, REPO, Instant.parse("2026-12-07T20:00:00Z")).ifNoneMatch("W/\"abc\"");

        RepoCursor next = GithubCursor.after(SETTINGS, REPO, sent, new Unchanged(), NOW);

        assertThat(next).isEqualTo(new RepoCursor("2026-12-07T20:00:00Z", sent.url(API), "W/\"abc\""));
    }

    @Test
    void anAnswerWithRoomOnItsOnlyPageKeepsTheQueryWithItsNewEtag() {
        GithubRequest sent = GithubRequest.firstPage(SETTINGS, REPO, Instant.parse("2026-12-07T20:00:00Z"));

        RepoCursor next = GithubCursor.after(SETTINGS, REPO, sent, new Read(1, 2, "W/\"new\""), NOW);

        assertThat(next).isEqualTo(new RepoCursor("2026-12-07T20:00:00Z", sent.url(API), "W/\"new\""));
        // and the next read sends exactly that
        GithubRequest again = GithubCursor.firstRequest(SETTINGS, REPO, cursor(next));
        assertThat(again.url(API)).isEqualTo(sent.url(API));
        assertThat(again.ifNoneMatch()).isEqualTo("W/\"new\"");
    }

    @Test
    void aWholeSmallListIsKeptToo() {
        RepoCursor next = GithubCursor.after(SETTINGS, REPO, GithubRequest.firstPage(SETTINGS, REPO, null), new Read(1, 0, "\"e\""), NOW);

        assertThat(next).isEqualTo(new RepoCursor(null, WHOLE, "\"e\""));
    }

    @Test
    void aFullPageOrMorePagesMoveSinceToGithubsTimeLessTheOverlapWithoutEtag() {
        GithubRequest sent = GithubRequest.firstPage(SETTINGS, REPO, null);
        String moved = "2026-12-07T20:58:00Z";
        RepoCursor expected = new RepoCursor(moved, WHOLE + "&since=2026-12-07T20%3A58%3A00Z", null);

        assertThat(GithubCursor.after(SETTINGS, REPO, sent, new Read(1, 3, "\"e\""), NOW)).isEqualTo(expected);
        assertThat(GithubCursor.after(SETTINGS, REPO, sent, new Read(2, 3, "\"e\""), NOW)).isEqualTo(expected);
        // no ETag from GitHub: the page cannot be asked conditionally either
        assertThat(GithubCursor.after(SETTINGS, REPO, sent, new Read(1, 1, null), NOW)).isEqualTo(expected);
        assertThat(GithubCursor.firstRequest(SETTINGS, REPO, cursor(expected)).ifNoneMatch()).isNull();
    }

    @Test
    void sinceNeverMovesBackNorWithoutGithubsTime() {
        GithubRequest sent = GithubRequest.firstPage(SETTINGS, REPO, Instant.parse("2026-12-07T20:59:30Z"));

        assertThat(GithubCursor.after(SETTINGS, REPO, sent, new Read(2, 3, null), NOW).since()).isEqualTo("2026-12-07T20:59:30Z");
        assertThat(GithubCursor.after(SETTINGS, REPO, sent, new Read(2, 3, null), null))
                .isEqualTo(new RepoCursor("2026-12-07T20:59:30Z", sent.url(API), null));
    }

    @Test
    void itIsJsonAndBack() throws Exception {
        GithubCursor cursor = cursor(new RepoCursor("2026-12-07T20:00:00Z", WHOLE, "W/\"abc\""));

        String json = Json.write(cursor);

        assertThat(json).contains("\"github_time\":" + NOW).contains("\"etag\":\"W/\\\"abc\\\"\"");
        assertThat(Json.MAPPER.readValue(json, GithubCursor.class)).isEqualTo(cursor);
    }
}
