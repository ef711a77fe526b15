package io.toggltasksync.worklogsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.WorklogChangesQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file of the worklogs known from the last run: kept whole, and anything unusable in it costs a whole read, never an error. */
class WorklogStateFileTest {

    @TempDir
    Path dir;

    static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");

    static KnownWorklogs sample() {
        JiraWorklog w = new JiraWorklog("10001", "ABC-1", Instant.parse("2026-12-01T09:15:00Z"), 1800, "Ada: login\nform",
                new WorklogMark("entry:5", 42, List.of(5L)), 77L, Instant.parse("2026-12-07T08:00:00.123Z"));
        JiraWorklog noTimes = new JiraWorklog("10002", "ABC-1", Instant.parse("2026-12-02T09:15:00Z"), 600, null,
                new WorklogMark("day:9:2026-12-02", 42, List.of(6L, 7L)), null, null);
        return new KnownWorklogs(FROM, Set.of("ABC-1", "ABC-2"), Map.of(77L, "ABC-1"),
                new WorklogChangesQuery(Instant.parse("2026-12-07T08:01:00Z"), Instant.parse("2026-12-07T07:59:00Z")),
                Map.of("10001", w, "10002", noTimes));
    }

    @Test
    void itsNameFollowsTheSyncState() {
        assertThat(WorklogStateFile.of(Path.of("/data/sync-state.json"))).isEqualTo(Path.of("/data/sync-state.worklogs.json"));
        assertThat(WorklogStateFile.of(Path.of("/data/state"))).isEqualTo(Path.of("/data/state.worklogs.json"));
    }

    @Test
    void whatIsSavedIsLoaded() throws IOException {
        Path file = dir.resolve("s.worklogs.json");
        WorklogStateFile.save(file, "fp", sample());

        WorklogStateFile.Loaded loaded = WorklogStateFile.load(file, "fp");

        assertThat(loaded.unusable()).isNull();
        assertThat(loaded.known()).isEqualTo(sample());
    }

    @Test
    void anotherConfigurationsFileIsNotUsed() throws IOException {
        Path file = dir.resolve("s.worklogs.json");
        WorklogStateFile.save(file, "fp", sample());

        assertThat(WorklogStateFile.load(file, "other").known()).isNull();
    }

    @Test
    void noFileSaysSo() {
        WorklogStateFile.Loaded loaded = WorklogStateFile.load(dir.resolve("none.json"), "fp");
        assertThat(loaded.known()).isNull();
        assertThat(loaded.unusable()).contains("no worklogs known");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "[]", "null", "{\"version\":1}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[\"ABC-1\"],\"issue_ids\":{},\"worklogs\":[{\"id\":\"x\",\"issue\":\"ABC-1\","
                + "\"key\":\"entry:1\",\"workspace_id\":1,\"entry_ids\":[1]}]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[\"ABC-1\"],\"issue_ids\":{},\"worklogs\":[{\"id\":\"1\",\"issue\":\"ABC-9\","
                + "\"key\":\"entry:1\",\"workspace_id\":1,\"entry_ids\":[1]}]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[\"ABC-1\"],\"issue_ids\":{},\"worklogs\":[{\"id\":\"1\",\"issue\":\"ABC-1\","
                + "\"key\":\"entry:1\",\"workspace_id\":1,\"entry_ids\":[]}]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[\"ABC-1\"],\"issue_ids\":{},\"worklogs\":[{\"id\":\"1\",\"issue\":\"ABC-1\","
                + "\"key\":\"made-up\",\"workspace_id\":1,\"entry_ids\":[1]}]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[\"ABC-1\"],\"issue_ids\":{},\"worklogs\":[{\"id\":\"1\",\"issue\":\"ABC-1\","
                + "\"key\":\"entry:1\",\"workspace_id\":1,\"entry_ids\":[1]},{\"id\":\"1\",\"issue\":\"ABC-1\","
                + "\"key\":\"entry:2\",\"workspace_id\":1,\"entry_ids\":[2]}]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"covered_from\":-5,\"issues\":[],\"issue_ids\":{},\"worklogs\":[]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[null],\"issue_ids\":{},\"worklogs\":[]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[],\"issue_ids\":{\"0\":\"ABC-1\"},\"worklogs\":[]}",
        "{\"version\":1,\"fingerprint\":\"fp\",\"issues\":[],\"issue_ids\":{},\"worklogs\":[null]}",
        "{\"version\":2,\"fingerprint\":\"fp\",\"issues\":[],\"issue_ids\":{},\"worklogs\":[]}"
    })
    void anUnusableFileCostsAWholeReadWithAReasonThatQuotesNothingOfIt(String content) throws IOException {
        Path file = dir.resolve("s.worklogs.json");
        Files.writeString(file, content);

        WorklogStateFile.Loaded loaded = WorklogStateFile.load(file, "fp");

        assertThat(loaded.known()).isNull();
        assertThat(loaded.unusable()).startsWith("the worklogs known from the last run").doesNotContain("made-up", "\"x\"");
    }
}
