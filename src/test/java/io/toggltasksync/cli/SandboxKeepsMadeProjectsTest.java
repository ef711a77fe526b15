package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With {@code sandbox.state-file}, the projects a run made in the sandbox are there in the next run
 * (a new process), as in Toggl: the rerun finds them and makes nothing, no project and no task twice.
 */
@QuarkusMainTest
@TestProfile(SandboxProfiles.MadeProjects.class)
class SandboxKeepsMadeProjectsTest {

    static final Path CSV = Path.of("target/exit-code-test/made-projects.csv");
    static final Path STATE_FILE = Path.of("target/exit-code-test/made-sandbox.json");
    private static final Path REPORT = Path.of("target/exit-code-test/made-report.json");

    @Test
    void aRerunFindsTheProjectsTheFirstRunMade(QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(CSV.getParent());
        Files.writeString(CSV, "external_id,name,project\nR-1,Write the brief,Website launch\nR-2,Book the venue,Website launch\n"
                + "R-3,App icon,Mobile app\n");
        Files.deleteIfExists(STATE_FILE);

        assertThat(launcher.launch().exitCode()).isZero();
        JsonNode first = Json.MAPPER.readTree(REPORT.toFile());
        assertThat(first.path("records").path("created").asInt()).isEqualTo(3);
        assertThat(first.path("projects").path("created_count").asInt()).isEqualTo(2);

        assertThat(launcher.launch().exitCode()).isZero();
        JsonNode second = Json.MAPPER.readTree(REPORT.toFile());
        assertThat(second.path("records").path("created").asInt()).isZero();
        assertThat(second.path("records").path("unchanged").asInt()).isEqualTo(3);
        assertThat(second.path("projects").path("created_count").asInt()).isZero();

        JsonNode saved = Json.MAPPER.readTree(STATE_FILE.toFile());
        assertThat(saved.path("tasks").size()).isEqualTo(3);
        assertThat(saved.path("projects").findValuesAsText("name")).contains("Website launch", "Mobile app")
                .filteredOn(n -> n.equals("Website launch")).hasSize(1);
    }
}
