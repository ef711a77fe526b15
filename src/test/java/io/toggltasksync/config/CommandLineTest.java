package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void flagsBecomePropertyOverrides() {
        CommandLine.Parsed p = CommandLine.parse("--csv", "t.csv", "--project=12", "--workspace", "3", "--dry-run", "--missing", "keep");
        assertThat(p.help()).isFalse();
        assertThat(p.overrides()).containsExactlyInAnyOrderEntriesOf(Map.of("csv.path", "t.csv", "sync.source", "csv",
                "toggl.project-id", "12", "toggl.workspace-id", "3", "sync.dry-run", "true", "sync.missing", "keep"));
    }

    @Test
    void csvMigrationFlagsSetTheCsvProperties() {
        CommandLine.Parsed p = CommandLine.parse("--csv", "t.csv", "--format", "asana", "--columns", "external_id=Key,name=Title",
                "--delimiter=;", "--charset", "windows-1252");
        assertThat(p.overrides()).containsEntry("csv.format", "asana").containsEntry("csv.columns", "external_id=Key,name=Title")
                .containsEntry("csv.delimiter", ";").containsEntry("csv.charset", "windows-1252");
        assertThat(CommandLine.usage()).contains("--columns FIELD=COLUMN,...").contains("(csv.charset)");
    }

    @Test
    void worklogsIsASwitch() {
        assertThat(CommandLine.parse("--source", "jira", "--worklogs").overrides()).containsEntry("worklog.sync", "true");
        assertThat(CommandLine.usage()).contains("--worklogs").contains("(worklog.sync)");
    }

    @Test
    void explicitSourceWinsOverTheCsvDefault() {
        assertThat(CommandLine.parse("--source", "jira", "--csv", "t.csv").overrides()).containsEntry("sync.source", "jira");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(CommandLine.parse("--csv", "t.csv", "-h").help()).isTrue();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> CommandLine.parse("--project")).hasMessage("--project needs a value: --project ID");
        assertThatThrownBy(() -> CommandLine.parse("--dry-run=yes")).hasMessage("--dry-run takes no value");
        assertThatThrownBy(() -> CommandLine.parse("tasks.csv")).hasMessage("unknown option 'tasks.csv' (see --help)");
    }

    @Test
    void checkWithReportWritesTheChecklistThere() {
        assertThat(CommandLine.parse("--check", "--report", "check.json").overrides())
                .containsEntry("sync.check", "true").containsEntry("sync.check-report-file", "check.json")
                // the sync's report (and the state file beside it by default) stay where the check looks for them
                .doesNotContainKey("sync.report-file");
        assertThat(CommandLine.parse("--report", "r.json").overrides()).doesNotContainKey("sync.check-report-file");
    }

    @Test
    void probeIsACheckThatWritesOneTask() {
        assertThat(CommandLine.parse("--probe", "--probe-project", "77").overrides())
                .containsEntry("sync.check", "true").containsEntry("sync.check-probe", "true").containsEntry("sync.probe-project", "77");
    }

    @Test
    void noFlagCarriesASecret() {
        assertThat(CommandLine.usage()).doesNotContain("--token").doesNotContain("api-token");
    }
}
