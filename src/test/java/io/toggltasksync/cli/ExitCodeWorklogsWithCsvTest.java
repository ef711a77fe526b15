package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code --worklogs} with a CSV source: worklogs go to Jira issues, so it is a configuration error (exit 2), before any read. */
@QuarkusMainTest
class ExitCodeWorklogsWithCsvTest {

    static final String MESSAGE = "worklog.sync (WORKLOG_SYNC) writes Toggl's time entries to Jira issues as worklogs, which needs "
            + "sync.source=jira (SYNC_SOURCE=jira); the source is csv";

    @Test
    @Launch(value = {"--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv", "--worklogs"}, exitCode = 2)
    void aSyncStopsWithOneLine(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("toggl-task-sync: configuration error: " + MESSAGE);
        assertThat(result.getErrorOutput().lines().filter(l -> l.contains("configuration error"))).hasSize(1);
        assertThat(result.getOutput()).doesNotContain("created");
    }

    @Test
    @Launch(value = {"--check", "--sandbox", "--workspace", "1", "--project", "1001", "--csv", "samples/generic.csv", "--worklogs"},
            exitCode = 2)
    void theCheckSaysItAsAFailedLine(LaunchResult result) {
        assertThat(result.getOutput()).contains("[FAIL] settings: " + MESSAGE);
    }
}
