package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import io.toggltasksync.config.ProjectResolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class JiraSearchTest {

    private static final String FIELDS = "summary,status,resolution,timeoriginalestimate,project";
    private static final ProjectResolver PROJECTS = new ProjectResolver(1001L, Map.of("ALPHA", 1001L));

    private static String issue(String key, String summary) {
        return """
                {"expand":"operations,editmeta","id":"1%s","self":"https://example.atlassian.net/rest/api/3/issue/1%s",
                 "key":"%s","fields":{"summary":"%s","status":{"self":"https://example.atlassian.net/rest/api/3/status/3",
                 "name":"In Progress","id":"3","statusCategory":{"id":4,"key":"indeterminate","colorName":"yellow","name":"In Progress"}},
                 "resolution":null,"timeoriginalestimate":null,"project":{"id":"10000","key":"%s","name":"Alpha"}}}
                """.formatted(key.hashCode(), key.hashCode(), key, summary, key.substring(0, key.indexOf('-')));
    }

    private static String issues(String... keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            out.add(issue(key, "Work on " + key));
        }
        return String.join(",", out);
    }

    /** Runs a whole search against canned answers, as the route will: request, answer, parse, next. */
    private static List<JiraRequest> run(JiraSearch search, Function<JiraRequest, String> server, JiraBatchBuilder batch) {
        List<JiraRequest> sent = new ArrayList<>();
        Optional<JiraRequest> request = Optional.of(search.firstPage());
        while (request.isPresent()) {
            assertThat(sent).as("too many requests").hasSizeLessThan(20);
            sent.add(request.get());
            JiraPage page = search.parse(server.apply(request.get()));
            if (batch != null) {
                batch.add(page);
            }
            request = search.nextPage(page);
        }
        return sent;
    }

    // --- Cloud ---------------------------------------------------------------------------------

    @Test
    void cloudFirstPageAsksTheJqlEndpointForTheMappedFieldsOnly() {
        JiraRequest first = JiraSearch.cloud("project = ALPHA ORDER BY key", 50).firstPage();

        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/rest/api/3/search/jql");
        assertThat(first.query()).containsExactly(
                Map.entry("jql", "project = ALPHA ORDER BY key"),
                Map.entry("fields", FIELDS),
                Map.entry("maxResults", "50"));
    }

    @Test
    void cloudPagesByTokenOverThreePagesUntilIsLast() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 2);
        Map<String, String> answers = Map.of(
                "", "{\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "],\"nextPageToken\":\"tok-2\",\"isLast\":false}",
                "tok-2", "{\"issues\":[" + issues("ALPHA-3", "ALPHA-4") + "],\"nextPageToken\":\"tok-3\",\"isLast\":false}",
                "tok-3", "{\"issues\":[" + issues("ALPHA-5") + "],\"isLast\":true}");
        JiraBatchBuilder batch = new JiraBatchBuilder(search.description(), new JiraIssueMapper(PROJECTS));

        List<JiraRequest> sent = run(search, r -> answers.get(r.query().getOrDefault("nextPageToken", "")), batch);

        assertThat(sent).extracting(r -> r.query().get("nextPageToken")).containsExactly(null, "tok-2", "tok-3");
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/rest/api/3/search/jql");
            assertThat(r.query()).containsEntry("jql", "project = ALPHA").containsEntry("fields", FIELDS)
                    .containsEntry("maxResults", "2").doesNotContainKey("startAt");
        });
        SourceBatch result = batch.build();
        assertThat(result.description()).isEqualTo("Jira Cloud search 'project = ALPHA'");
        assertThat(result.tasks()).extracting(SourceTask::externalId, SourceTask::line)
                .containsExactly(
                        tuple("ALPHA-1", 1L), tuple("ALPHA-2", 2L),
                        tuple("ALPHA-3", 3L), tuple("ALPHA-4", 4L),
                        tuple("ALPHA-5", 5L));
        assertThat(result.identityRule().keys()).containsExactly("ALPHA");
    }

    @Test
    void cloudStopsWhenTheTokenIsAbsentEvenWithoutIsLast() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 50);
        JiraPage page = search.parse("{\"issues\":[" + issues("ALPHA-1") + "]}");

        assertThat(page.nextPageToken()).isNull();
        assertThat(page.isLast()).isNull();
        assertThat(search.nextPage(page)).isEmpty();
    }

    @Test
    void cloudStopsOnIsLastEvenWhenATokenIsPresent() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 50);
        JiraPage page = search.parse("{\"issues\":[" + issues("ALPHA-1") + "],\"nextPageToken\":\"tok\",\"isLast\":true}");

        assertThat(search.nextPage(page)).isEmpty();
    }

    @Test
    void cloudEmptyResultIsOneRequestAndAnEmptyBatch() {
        JiraSearch search = JiraSearch.cloud("project = EMPTY", 50);
        JiraBatchBuilder batch = new JiraBatchBuilder(search.description(), new JiraIssueMapper(PROJECTS));

        List<JiraRequest> sent = run(search, r -> "{\"issues\":[],\"isLast\":true}", batch);

        assertThat(sent).hasSize(1);
        SourceBatch result = batch.build();
        assertThat(result.read()).isZero();
        assertThat(result.identityRule().keys()).isEmpty();
    }

    // --- Data Center ---------------------------------------------------------------------------

    @Test
    void dataCenterFirstPageAsksTheV2SearchFromZero() {
        JiraRequest first = JiraSearch.dataCenter("project = ALPHA", 50).firstPage();

        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/rest/api/2/search");
        assertThat(first.query()).containsExactly(
                Map.entry("jql", "project = ALPHA"),
                Map.entry("fields", FIELDS),
                Map.entry("maxResults", "50"),
                Map.entry("startAt", "0"));
    }

    @Test
    void dataCenterPagesByStartAtCountingTheIssuesTheServerActuallyGranted() {
        // asks for 50 a page, the server grants at most 2 (jira.search.views.default.max)
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 50);
        String[] keys = {"ALPHA-1", "ALPHA-2", "ALPHA-3", "ALPHA-4", "ALPHA-5"};
        Function<JiraRequest, String> server = r -> {
            int startAt = Integer.parseInt(r.query().get("startAt"));
            List<String> granted = new ArrayList<>();
            for (int i = startAt; i < Math.min(startAt + 2, keys.length); i++) {
                granted.add(keys[i]);
            }
            return "{\"expand\":\"schema,names\",\"startAt\":" + startAt + ",\"maxResults\":2,\"total\":5,\"issues\":["
                    + issues(granted.toArray(String[]::new)) + "]}";
        };
        JiraBatchBuilder batch = new JiraBatchBuilder(search.description(), new JiraIssueMapper(PROJECTS));

        List<JiraRequest> sent = run(search, server, batch);

        assertThat(sent).extracting(r -> r.query().get("startAt")).containsExactly("0", "2", "4");
        assertThat(sent).allSatisfy(r -> assertThat(r.query()).containsEntry("maxResults", "50")
                .containsEntry("fields", FIELDS).doesNotContainKey("nextPageToken"));
        SourceBatch result = batch.build();
        assertThat(result.description()).isEqualTo("Jira Data Center search 'project = ALPHA'");
        assertThat(result.tasks()).extracting(SourceTask::externalId).containsExactly(keys);
        assertThat(result.tasks()).extracting(SourceTask::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void dataCenterStopsOnAPageWithNoIssuesEvenBelowTotal() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 50);
        JiraPage page = search.parse("{\"startAt\":50,\"maxResults\":50,\"total\":120,\"issues\":[]}");

        assertThat(search.nextPage(page)).isEmpty();
    }

    @Test
    void dataCenterEmptyResultIsOneRequest() {
        JiraSearch search = JiraSearch.dataCenter("project = EMPTY", 50);

        List<JiraRequest> sent = run(search, r -> "{\"startAt\":0,\"maxResults\":50,\"total\":0,\"issues\":[]}", null);

        assertThat(sent).hasSize(1);
    }

    @Test
    void dataCenterStopsWhenStartAtPlusReturnedReachesTotal() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 2);
        JiraPage middle = search.parse("{\"startAt\":0,\"maxResults\":2,\"total\":3,\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "]}");
        JiraPage last = search.parse("{\"startAt\":2,\"maxResults\":2,\"total\":3,\"issues\":[" + issues("ALPHA-3") + "]}");

        assertThat(search.nextPage(middle)).map(r -> r.query().get("startAt")).contains("2");
        assertThat(search.nextPage(last)).isEmpty();
    }

    @Test
    void dataCenterPageWithoutStartAtIsUnexpected() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 50);

        assertThatThrownBy(() -> search.parse("{\"issues\":[]}"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("unexpected answer from Jira search: ");
    }

    // --- an incomplete read (JiraPaging.gap) ------------------------------------------------------

    /** Reads the pages in turn as the route does; answers the first gap, or null when the read was complete. */
    private static String gap(JiraSearch search, String... pages) {
        JiraPaging paging = new JiraPaging(search, new JiraBatchBuilder(search.description(), new JiraIssueMapper(PROJECTS)));
        for (int i = 0; i < pages.length; i++) {
            JiraPage page = search.parse(pages[i]);
            paging.builder.add(page);
            Optional<JiraRequest> next = search.nextPage(page);
            String gap = paging.gap(page, next);
            if (gap != null) {
                return gap;
            }
            assertThat(next.isPresent()).as("page %d is the last", i + 1).isEqualTo(i < pages.length - 1);
        }
        return null;
    }

    @Test
    void dataCenterPagesThatReachTheTotalAreComplete() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 2);

        assertThat(gap(search, "{\"startAt\":0,\"total\":3,\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "]}",
                "{\"startAt\":2,\"total\":3,\"issues\":[" + issues("ALPHA-3") + "]}")).isNull();
        assertThat(gap(search, "{\"startAt\":0,\"total\":0,\"issues\":[]}")).isNull();
    }

    @Test
    void dataCenterPagesThatEndBelowTheTotalHaveAGap() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 2);

        assertThat(gap(search, "{\"startAt\":0,\"total\":10,\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "]}",
                "{\"startAt\":2,\"total\":10,\"issues\":[]}")).isEqualTo("Jira said total=10 but the pages held 2 issue(s)");
        assertThat(gap(search, "{\"startAt\":0,\"total\":1,\"issues\":[]}")).isEqualTo("Jira said total=1 but the pages held 0 issue(s)");
    }

    @Test
    void dataCenterPagesWhoseTotalChangesHaveAGap() {
        JiraSearch search = JiraSearch.dataCenter("project = ALPHA", 2);

        assertThat(gap(search, "{\"startAt\":0,\"total\":3,\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "]}",
                "{\"startAt\":2,\"total\":4,\"issues\":[" + issues("ALPHA-3", "ALPHA-4") + "]}"))
                .startsWith("total changed from 3 to 4 between pages");
    }

    @Test
    void pagesThatRepeatAnIssueHaveAGap() {
        assertThat(gap(JiraSearch.dataCenter("project = ALPHA", 2), "{\"startAt\":0,\"total\":4,\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "]}",
                "{\"startAt\":2,\"total\":4,\"issues\":[" + issues("ALPHA-2", "ALPHA-3") + "]}")).startsWith("ALPHA-2 came twice");
        assertThat(gap(JiraSearch.cloud("project = ALPHA", 2), "{\"issues\":[" + issues("ALPHA-1", "ALPHA-2") + "],\"nextPageToken\":\"t2\"}",
                "{\"issues\":[" + issues("ALPHA-2") + "],\"isLast\":true}")).startsWith("ALPHA-2 came twice");
    }

    @Test
    void cloudHasNoTotalSoAnEmptyPageWithATokenIsFollowed() {
        assertThat(gap(JiraSearch.cloud("project = ALPHA", 2), "{\"issues\":[" + issues("ALPHA-1") + "],\"nextPageToken\":\"t2\",\"isLast\":false}",
                "{\"issues\":[],\"nextPageToken\":\"t3\",\"isLast\":false}", "{\"issues\":[" + issues("ALPHA-2") + "],\"isLast\":true}"))
                .isNull();
    }

    @Test
    void cloudPagesWithoutAWayOnOrThatWouldRepeatHaveAGap() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 2);

        assertThat(gap(search, "{\"issues\":[" + issues("ALPHA-1") + "],\"isLast\":false}"))
                .isEqualTo("Jira said isLast=false but gave no nextPageToken after 1 issue(s)");
        assertThat(gap(search, "{\"issues\":[],\"nextPageToken\":\"t2\",\"isLast\":false}",
                "{\"issues\":[],\"nextPageToken\":\"t2\",\"isLast\":false}")).startsWith("Jira gave a nextPageToken it had given before");
    }

    // --- parsing -------------------------------------------------------------------------------

    @Test
    void badJsonIsASourceExceptionWithTheSummarizedBody() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 50);

        assertThatThrownBy(() -> search.parse("<html><body><h1>Bad gateway</h1>\n</body></html>"))
                .isInstanceOf(SourceException.class)
                .hasMessage("unexpected answer from Jira search: Bad gateway");
        assertThatThrownBy(() -> search.parse("{\"issues\":[")).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("unexpected answer from Jira search: ");
        assertThatThrownBy(() -> search.parse("")).isInstanceOf(SourceException.class)
                .hasMessage("unexpected answer from Jira search: (empty body)");
    }

    @Test
    void jsonWithoutAnIssuesArrayIsUnexpected() {
        JiraSearch search = JiraSearch.cloud("project = ALPHA", 50);

        assertThatThrownBy(() -> search.parse("{\"values\":[]}")).isInstanceOf(SourceException.class)
                .hasMessage("unexpected answer from Jira search: {\"values\":[]}");
        assertThatThrownBy(() -> search.parse("[]")).isInstanceOf(SourceException.class);
    }

    @Test
    void pageSizeMustBePositive() {
        assertThatThrownBy(() -> JiraSearch.cloud("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
