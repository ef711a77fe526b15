package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@TestProfile(SandboxProfiles.BadRows.class)
class ExitCodeRejectedRowsTest {

    @Test
    @Launch(value = {}, exitCode = 1)
    void rejectedRowsExit1(LaunchResult result) {
        assertThat(result.getOutput()).contains("Summary: incomplete (exit 1)");
    }
}
