package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run that dies of an {@link Error} (out of memory, stack overflow) still writes its report, saying why,
 * and exits 2, without waiting at shutdown for an exchange that can never end (Camel's graceful shutdown
 * waits 45 s for one still in flight). The Errors come from {@link ErrorInjection}'s beans: one in camel-csv's
 * parse, under the split's iterator (where a huge CSV field ran out of memory), one in a bean the split calls.
 */
@QuarkusMainTest
@TestProfile(SandboxProfiles.Errors.class)
class RunDiesOfAnErrorTest {

    static final Path CSV = Path.of("target/exit-code-test/error.csv");
    private static final Path REPORT = Path.of("target/exit-code-test/error-report.json");

    @ParameterizedTest
    @CsvSource({"oom, OutOfMemoryError: test", "overflow, StackOverflowError: test"})
    void theReportIsWrittenAndTheExitCodeIs2(String marker, String reason, QuarkusMainLauncher launcher) throws Exception {
        Files.createDirectories(CSV.getParent());
        Files.writeString(CSV, "external_id,name,project_id\nE-1,Fine,1001\n" + marker + ",Dies here,1001\nE-3,Never read,1001\n");
        Files.deleteIfExists(REPORT);

        long started = System.nanoTime();
        LaunchResult result = launcher.launch();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        JsonNode report = Json.MAPPER.readTree(REPORT.toFile());
        assertThat(report.path("status").asText()).isEqualTo("aborted");
        assertThat(report.path("exit_code").asInt()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(report.path("error").asText()).contains(reason);
        // the shutdown did not wait out Camel's 45 s for an exchange left in flight
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
}
