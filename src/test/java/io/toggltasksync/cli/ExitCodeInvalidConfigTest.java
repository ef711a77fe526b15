package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@TestProfile(SandboxProfiles.InvalidWorkspace.class)
class ExitCodeInvalidConfigTest {

    @Test
    @Launch(value = {}, exitCode = 2)
    void invalidNumberNamesTheSetting(LaunchResult result) {
        assertThat(result.getErrorOutput())
                .contains("toggl.workspace-id (TOGGL_WORKSPACE_ID) must be a positive whole number, got 'abc'");
    }
}
