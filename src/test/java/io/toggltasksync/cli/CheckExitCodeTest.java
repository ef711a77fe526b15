package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --check} as a person (or a Kubernetes Job) runs it: the checklist, its JSON, and the exit codes 0, 1 and 2. */
@QuarkusMainTest
class CheckExitCodeTest {

    static final String REPORT = "target/check-test/check.json";

    @Test
    @Launch({"--check", "--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv", "--report", REPORT})
    void allPassedExits0AndTheReportSaysSo(LaunchResult result) throws IOException {
        assertThat(result.getOutput()).contains("toggl-task-sync --check: reads only, writes nothing")
                .contains("[ok  ] token: valid").contains("Result: all").doesNotContain("Summary:");
        // the sandbox's token, which its GET /me answers with, as Toggl's does
        assertThat(result.getOutput()).doesNotContain("sandbox-token");
        assertThat(Files.readString(Path.of(REPORT))).doesNotContain("sandbox-token");
        Map<?, ?> report = Json.MAPPER.readValue(Path.of(REPORT).toFile(), Map.class);
        assertThat(report.get("exit_code")).isEqualTo(0);
        assertThat(report.get("failed")).isEqualTo(0);
    }

    @Test
    @Launch(value = {"--check", "--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/bad-rows.csv"}, exitCode = 1)
    void warningsExit1(LaunchResult result) {
        assertThat(result.getOutput()).contains("[warn] file:").contains("rejected");
    }

    @Test
    @Launch(value = {"--check", "--sandbox", "--workspace", "1", "--project", "1001", "--csv", "src/test/resources/check/unreadable.csv"},
            exitCode = 2)
    void aFailureThatWouldStopASyncExits2(LaunchResult result) {
        assertThat(result.getOutput()).contains("[FAIL] file: cannot be read");
    }

    @Test
    @Launch({"--probe", "--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv"})
    void probeSaysWhatItWritesBeforeItWrites(LaunchResult result) {
        String out = result.getOutput();
        assertThat(out).contains("[ok  ] clean-up: the probe task is deleted: nothing left behind");
        assertThat(out.indexOf("--probe writes to Toggl: it creates the task 'toggl-task-sync probe ")).isNotNegative()
                .isLessThan(out.indexOf("toggl-task-sync --check --probe: reads, and writes only the probe task"));
    }

    @Test
    @Launch(value = {"--check", "--workspace", "abc"}, exitCode = 2)
    void aConfigurationErrorIsAFailedLine(LaunchResult result) {
        assertThat(result.getOutput()).contains("Configuration").contains("[FAIL] settings: toggl.api-token");
    }
}
