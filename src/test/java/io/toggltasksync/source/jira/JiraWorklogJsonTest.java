package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.support.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jira's worklog JSON both ways: the started format, the comment, the mark, the bodies (pure). */
class JiraWorklogJsonTest {

    static final WorklogMark MARK = new WorklogMark("entry:123", 42, List.of(123L));

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void startedIsJirasOwnFormatInUtcWithMillisAndAnOffsetWithoutColon() {
        assertThat(JiraWorklogJson.started(Instant.parse("2026-12-07T09:15:00Z"))).isEqualTo("2026-12-07T09:15:00.000+0000");
        // sub-millisecond digits are cut, not rounded, and never written
        assertThat(JiraWorklogJson.started(Instant.parse("2026-12-07T23:59:59.999999Z"))).isEqualTo("2026-12-07T23:59:59.999+0000");
        assertThat(JiraWorklogJson.started(Instant.parse("1999-01-02T03:04:05.060Z"))).isEqualTo("1999-01-02T03:04:05.060+0000");
    }

    @Test
    void startedIsReadWithAnyOffsetJiraWrites() {
        assertThat(JiraWorklogJson.parseStarted("2026-12-07T10:15:00.000+0100")).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(JiraWorklogJson.parseStarted("2026-12-07T04:15:00.000-0500")).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(JiraWorklogJson.parseStarted("2026-12-07T09:15:00Z")).isNull();
        assertThat(JiraWorklogJson.parseStarted(null)).isNull();
    }

    @Test
    void aCommentRoundTripsThroughAdfAndText() {
        for (String text : List.of("Ada Lovelace: ABC-12 fix login", "line one\nline two", "a\n\nb", "trailing\n")) {
            assertThat(JiraWorklogJson.comment(JiraWorklogJson.adf(text))).isEqualTo(text);
        }
        assertThat(JiraWorklogJson.comment(JiraWorklogJson.adf(null))).isNull();
    }

    @Test
    void anAdfCommentIsFlattenedToItsTextNodes() throws Exception {
        JsonNode adf = json("{\"type\":\"doc\",\"version\":1,\"content\":["
                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Fix \"},{\"type\":\"text\",\"text\":\"login\","
                + "\"marks\":[{\"type\":\"strong\"}]},{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"now\"}]},"
                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}]}");

        assertThat(JiraWorklogJson.comment(adf)).isEqualTo("Fix login\nnow\nsecond");
        assertThat(JiraWorklogJson.comment(json("\"plain on v2\""))).isEqualTo("plain on v2");
        assertThat(JiraWorklogJson.comment(json("\"\""))).isNull();
        assertThat(JiraWorklogJson.comment(json("null"))).isNull();
    }

    @Test
    void ourPropertyIsTheMark() throws Exception {
        WorklogMark mark = JiraWorklogJson.mark(json("[{\"key\":\"other\",\"value\":{}},{\"key\":\"toggl-task-sync\","
                + "\"value\":{\"key\":\"day:7:2026-12-07\",\"workspace_id\":42,\"entry_ids\":[5,6]}}]"));

        assertThat(mark).isEqualTo(new WorklogMark("day:7:2026-12-07", 42, List.of(5L, 6L)));
    }

    @Test
    void aMissingOrMalformedPropertyIsNoMark() throws Exception {
        String[] values = {
            "\"entry:1\"",
            "{\"workspace_id\":42,\"entry_ids\":[1]}",
            "{\"key\":\"entry:1\",\"entry_ids\":[1]}",
            "{\"key\":\"entry:1\",\"workspace_id\":\"42\",\"entry_ids\":[1]}",
            "{\"key\":\"entry:1\",\"workspace_id\":42}",
            "{\"key\":\"entry:1\",\"workspace_id\":42,\"entry_ids\":[]}",
            "{\"key\":\"entry:1\",\"workspace_id\":42,\"entry_ids\":[1.5]}",
            "{\"key\":\"entry:1\",\"workspace_id\":42,\"entry_ids\":[-1]}",
            "{\"key\":\"entry:x\",\"workspace_id\":42,\"entry_ids\":[1]}",
            "{\"key\":\"\",\"workspace_id\":42,\"entry_ids\":[1]}",
            "{\"key\":\"entry:1\",\"workspace_id\":0,\"entry_ids\":[1]}",
        };
        for (String value : values) {
            assertThat(JiraWorklogJson.mark(json("[{\"key\":\"toggl-task-sync\",\"value\":" + value + "}]"))).as(value).isNull();
        }
        assertThat(JiraWorklogJson.mark(json("[]"))).isNull();
        assertThat(JiraWorklogJson.mark(null)).isNull();
    }

    @Test
    void aWorklogIsReadWithItsStartTimeCommentAndMark() throws Exception {
        JiraWorklog worklog = JiraWorklogJson.worklog("ABC-12", json("{\"id\":\"10001\",\"started\":\"2026-12-07T09:15:00.000+0000\","
                + "\"timeSpentSeconds\":1800,\"comment\":\"hi\",\"properties\":[{\"key\":\"toggl-task-sync\","
                + "\"value\":{\"key\":\"entry:123\",\"workspace_id\":42,\"entry_ids\":[123]}}]}"));

        assertThat(worklog).isEqualTo(new JiraWorklog("10001", "ABC-12", Instant.parse("2026-12-07T09:15:00Z"), 1800, "hi", MARK));
    }

    @Test
    void aWorklogWithoutAReadableIdOrStartEndsTheRead() {
        assertThatThrownBy(() -> JiraWorklogJson.worklog("ABC-12", json("{\"id\":\"10001\",\"started\":\"yesterday\"}")))
                .isInstanceOf(SourceException.class);
        assertThatThrownBy(() -> JiraWorklogJson.worklog("ABC-12", json("{\"started\":\"2026-12-07T09:15:00.000+0000\"}")))
                .isInstanceOf(SourceException.class);
    }

    @Test
    void theBodyOnCloudHasAnAdfCommentAndTheProperty() throws Exception {
        WorklogContent content = new WorklogContent(Instant.parse("2026-12-07T09:15:00Z"), 1800, "Ada: fix login", MARK);

        assertThat(json(JiraWorklogJson.body(content, true))).isEqualTo(json("{\"started\":\"2026-12-07T09:15:00.000+0000\","
                + "\"timeSpentSeconds\":1800,\"comment\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Ada: fix login\"}]}]},\"properties\":[{\"key\":\"toggl-task-sync\","
                + "\"value\":{\"key\":\"entry:123\",\"workspace_id\":42,\"entry_ids\":[123]}}]}"));
    }

    @Test
    void theBodyOnDataCenterHasATextComment() throws Exception {
        WorklogContent content = new WorklogContent(Instant.parse("2026-12-07T09:15:00Z"), 60, "Ada: fix login", MARK);

        JsonNode body = json(JiraWorklogJson.body(content, false));

        assertThat(body.get("comment").asText()).isEqualTo("Ada: fix login");
        assertThat(body.get("timeSpentSeconds").asLong()).isEqualTo(60);
        assertThat(body.at("/properties/0/value/entry_ids/0").asLong()).isEqualTo(123);
    }

    @Test
    void contentIsWholeMinutesOfAtLeastOne() {
        Instant at = Instant.parse("2026-12-07T09:15:00Z");
        assertThatThrownBy(() -> new WorklogContent(at, 90, null, MARK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorklogContent(at, 0, null, MARK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyOurWorklogsCanBeUpdatedOrDeletedAndKeysReachNoOtherPath() {
        JiraWorklog persons = new JiraWorklog("7", "ABC-1", Instant.EPOCH, 60, null, null);
        WorklogContent content = new WorklogContent(Instant.EPOCH, 60, null, MARK);
        assertThatThrownBy(() -> new WorklogWrite.Delete(persons, "auto")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorklogWrite.Update(persons, content, "auto")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorklogWrite.Create("../../myself", content, "auto")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorklogWrite.Create("ABC-1", content, "manual")).isInstanceOf(IllegalArgumentException.class);
        JiraWorklog oddId = new JiraWorklog("1/../2", "ABC-1", Instant.EPOCH, 60, null, MARK);
        assertThatThrownBy(() -> new WorklogWrite.Delete(oddId, "auto")).isInstanceOf(IllegalArgumentException.class);
    }
}
