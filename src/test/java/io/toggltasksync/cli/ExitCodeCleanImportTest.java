package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@TestProfile(SandboxProfiles.CleanSample.class)
class ExitCodeCleanImportTest {

    @Test
    @Launch(value = {}, exitCode = 0)
    void cleanImportIntoTheSandboxExits0(LaunchResult result) {
        assertThat(result.getOutput()).contains("Summary: in sync (exit 0)").contains("created 12");
        assertThat(Path.of("target/exit-code-test/clean-sync-state.json")).as("the sandbox starts afresh: no state to keep").doesNotExist();
    }
}
