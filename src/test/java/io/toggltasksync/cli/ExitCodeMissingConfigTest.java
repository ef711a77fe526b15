package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class ExitCodeMissingConfigTest {

    @Test
    @Launch(value = {}, exitCode = 2)
    void missingTokenExits2WithOneClearLine(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("configuration error: toggl.api-token (TOGGL_API_TOKEN) is required");
        assertThat(result.getErrorOutput()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
