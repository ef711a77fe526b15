package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A first import bigger than the hourly quota, as a user tries it with the sandbox: each run (a new
 * process, so a fresh hour) writes what fits, defers the rest with an estimate, and the next run
 * continues until everything is in Toggl once.
 */
@QuarkusMainTest
@TestProfile(SandboxProfiles.SmallQuota.class)
class QuotaMigrationRunByRunTest {

    static final Path STATE_FILE = Path.of("target/exit-code-test/quota-sandbox.json");
    private static final Path REPORT = Path.of("target/exit-code-test/quota-report.json");

    @Test
    void aBigFirstImportFinishesOverSeveralRunsWithoutDuplicates(QuarkusMainLauncher launcher) throws Exception {
        Files.deleteIfExists(STATE_FILE);
        List<Integer> createdPerRun = new ArrayList<>();
        int exitCode = -1;
        for (int run = 1; run <= 6 && exitCode != 0; run++) {
            LaunchResult result = launcher.launch();
            exitCode = result.exitCode();
            JsonNode report = Json.MAPPER.readTree(REPORT.toFile());
            int created = report.path("records").path("created").asInt();
            int deferred = report.path("records").path("deferred").asInt();
            createdPerRun.add(created);
            if (run == 1) {
                assertThat(exitCode).as("the first run cannot fit 12 creates into 6 calls").isEqualTo(1);
                assertThat(deferred).isPositive();
                assertThat(created).isPositive();
                assertThat(report.path("quota").path("estimated_runs_left").asInt()).isPositive();
                assertThat(result.getOutput()).contains("Deferred:");
            }
            if (exitCode == 1) {
                assertThat(deferred).as("run %d defers the rest instead of failing it", run).isPositive();
                assertThat(report.path("records").path("failed").asInt()).isZero();
            }
        }
        assertThat(exitCode).as("the migration completes within 6 runs; created per run: %s", createdPerRun).isZero();
        assertThat(createdPerRun).allSatisfy(c -> assertThat(c).isPositive());
        assertThat(createdPerRun.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);

        JsonNode tasks = Json.MAPPER.readTree(STATE_FILE.toFile()).path("tasks");
        Set<String> names = new HashSet<>();
        tasks.forEach(t -> names.add(t.path("project_id").asLong() + "/" + t.path("name").asText()));
        assertThat(tasks.size()).isEqualTo(12);
        assertThat(names).hasSize(12);
    }
}
