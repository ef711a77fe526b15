package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** A person running a one-off migration by hand: flags, --help, errors. */
@QuarkusMainTest
class CommandLineLaunchTest {

    @Test
    @Launch({"--help"})
    void helpListsTheFlagsAndExits0(LaunchResult result) {
        assertThat(result.getOutput()).contains("Usage:").contains("--csv FILE").contains("--dry-run").contains("--project ID");
    }

    @Test
    @Launch({"--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv", "--dry-run",
            "--report", "target/cli-test/report.json", "--dead-letter", "target/cli-test/dead-letter.jsonl"})
    void flagsConfigureAOneOffDryRun(LaunchResult result) {
        assertThat(result.getOutput()).contains("8 to create").contains("Dry run: nothing was written")
                .contains("Summary: dry-run (exit 0)");
    }

    @Test
    @Launch(value = {"--csv"}, exitCode = 2)
    void aFlagWithoutItsValueIsAConfigurationError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("configuration error: --csv needs a value: --csv FILE");
    }

    @Test
    @Launch(value = {"--token", "x"}, exitCode = 2)
    void unknownFlagsAreRefused(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("unknown option '--token' (see --help)");
    }
}
