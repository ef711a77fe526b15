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
    @Launch(value = {"--sandbox", "--workspace", "1", "--project", "1001",
            "--csv", "src/test/resources/migration/excel-de-semicolon-windows1252.csv", "--charset", "windows-1252",
            "--columns", "external_id=Key, name=Title, estimate_hours=Hours, done=Status:Erledigt", "--dry-run",
            "--report", "target/cli-test/excel-report.json", "--dead-letter", "target/cli-test/excel-dead-letter.jsonl"}, exitCode = 1)
    void aMappedFileIsPreviewedInADryRun(LaunchResult result) {
        assertThat(result.getOutput())
                .contains("CSV described by its columns (csv.columns), delimiter ';' (detected), charset windows-1252 (csv.charset)")
                .contains("mapping: external_id=Key, name=Title, estimate_hours=Hours, done=Status:Erledigt")
                .contains("line 2 -> csv:WEB-1 ").contains("in project 1001, estimate 5400 s, active")
                .contains("line 6 -> rejected: empty Title")
                .contains("5 to create").contains("Summary: dry-run with problems (exit 1)");
    }

    @Test
    @Launch(value = {"--sandbox", "--workspace", "1", "--project", "1001", "--csv", "src/test/resources/migration/linear-export.csv",
            "--columns", "external_id=ID, name=Title, estimate_hours=Hours", "--dry-run",
            "--report", "target/cli-test/missing-report.json", "--dead-letter", "target/cli-test/missing-dead-letter.jsonl"}, exitCode = 2)
    void aMappingNamingAMissingColumnStopsTheRun(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput()).contains("csv.columns (CSV_COLUMNS) needs column(s) 'Hours' that")
                .contains("its columns: ID, Team, Title, Description, Status, Estimate,");
    }

    @Test
    @Launch(value = {"--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv", "--delimiter", "|"}, exitCode = 2)
    void anUnknownDelimiterIsAConfigurationError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("configuration error: csv.delimiter (CSV_DELIMITER) must be ',', ';' or 'tab', got '|'");
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
