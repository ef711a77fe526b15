package io.toggltasksync.sync;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Task names reach Toggl without control characters, terminal escape sequences or bidi overrides, whatever
 * the source held, and the report counts the names cleaned.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class NameCleaningTest {

    private static final String ESC = "\u001b";

    @Inject
    SyncService service;

    SandboxFixture t;

    @Test
    void csvNamesAreCleanedAndCounted() {
        SyncRun run = service.runOnce(t.settings(t.csv("names.csv",
                "R1,Fix\u0000 the" + ESC + "[31m login" + ESC + "[0m,,,true",
                "R2," + ESC + "]0;pwned\u0007Rename the title,,,true",
                "R3,Tabs\tand \u202Eevil\u202C bidi\u007f,,,true",
                "R4,Plain name,,,true",
                "R5,Only\ttab,,,true")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactlyInAnyOrder(
                "Fix the login", "Rename the title", "Tabs and evil bidi", "Plain name", "Only tab");
        assertThat(t.report()).containsEntry("names_cleaned", 3).containsEntry("created", 5);
    }

    @Test
    void jiraExportNamesAreCleanedKeyAndSummary() {
        SyncRun run = service.runOnce(t.settings(t.write("jira.csv",
                "Issue key,Summary,Status Category,Resolution,Project key,Original Estimate\n"
                        + "ALPHA-1," + ESC + "[1mBold" + ESC + "[22m claim\u0000,To Do,,ALPHA,\n"
                        + "ALPHA-2,Fine,To Do,,ALPHA,\n")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactlyInAnyOrder("ALPHA-1 Bold claim", "ALPHA-2 Fine");
        assertThat(t.report()).containsEntry("names_cleaned", 1);
    }
}
