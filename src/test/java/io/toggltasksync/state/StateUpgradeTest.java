package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.source.jira.JiraClock;
import io.toggltasksync.source.jira.JiraSource;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync state written before sources kept their cursors under their names ({@code jira_cursor} and {@code jira_time}
 * at the top; the fixture was written by that version's {@code StateFile.save}) loads into today's shape: the upgrade
 * costs no sweep and keeps the Jira cursor.
 */
class StateUpgradeTest {

    static final long NOW = 1_800_000_000L;

    @TempDir
    Path dir;

    private Path before() throws IOException {
        Path file = dir.resolve("sync-state.json");
        try (InputStream in = getClass().getResourceAsStream("/state/sync-state-before-sources.json")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void theJiraCursorMovesUnderTheSourcesName() throws IOException {
        StateFile.Loaded loaded = StateFile.load(before(), "fp");

        assertThat(loaded.unusable()).isNull();
        JsonNode cursor = loaded.state().cursor("jira");
        assertThat(cursor.get("cursor").asLong()).isEqualTo(NOW - 650);
        assertThat(cursor.get("time").asLong()).isEqualTo(NOW - 640);
        assertThat(loaded.state().records()).extracting(r -> r.externalId()).containsExactly("ALPHA-1", "ALPHA-2");
        assertThat(loaded.state().sweep()).isNotNull();
    }

    @Test
    void theRunAfterTheUpgradeIsIncrementalFromTheCursorItHad() throws IOException {
        StateFile.Loaded loaded = StateFile.load(before(), "fp");
        JiraSource jira = new JiraSource();

        RunMode mode = RunMode.decide(loaded, Duration.ofHours(24), false, NOW, s -> jira.cursorUnusable(s.cursor("jira"), NOW));
        SourceRead read = jira.read(loaded.state().cursor("jira"), NOW);

        assertThat(mode.incremental()).as(mode.reason()).isTrue();
        assertThat(read.whole()).isFalse();
        assertThat(((JiraClock) read).window().minutes()).as("650 s since the last search began: 11 min + 10 of overlap").isEqualTo(21);
    }

    @Test
    void savedAgainItKeepsTheCursorUnderSourcesOnly() throws IOException {
        Path file = before();
        StateFile.save(file, StateFile.load(file, "fp").state());

        JsonNode saved = Json.MAPPER.readTree(file.toFile());
        assertThat(saved.has("jira_cursor")).isFalse();
        assertThat(saved.has("jira_time")).isFalse();
        assertThat(saved.at("/sources/jira/cursor").asLong()).isEqualTo(NOW - 650);
        assertThat(StateFile.load(file, "fp").state().cursor("jira")).isEqualTo(StateFile.load(before(), "fp").state().cursor("jira"));
    }

    @Test
    void aStateOfASourceThatKeepsNoCursorHasNone() throws IOException {
        Path file = dir.resolve("csv-state.json");
        JsonNode old = Json.MAPPER.readTree(getClass().getResourceAsStream("/state/sync-state-before-sources.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) old).putNull("jira_cursor").putNull("jira_time");
        Files.write(file, Json.MAPPER.writeValueAsBytes(old));

        assertThat(StateFile.load(file, "fp").state().sources()).isEmpty();
    }
}
