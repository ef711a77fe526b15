package io.toggltasksync.sync;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One-off migrations end to end against the sandbox: each real-looking export imports exactly what it
 * should, its bad rows land in the dead letter file with their reasons, and a rerun writes nothing.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class MigrationEndToEndTest {

    private static final Path FIXTURES = Path.of("src/test/resources/migration");

    @Inject
    SyncService service;

    SandboxFixture t;

    /** Imports the file, then imports it again and checks that the second run wrote nothing. */
    private SyncRun importTwice(String fixture, String... overrides) {
        Path file = FIXTURES.resolve(fixture);
        SyncRun first = service.runOnce(t.settings(file, overrides));
        t.sandbox.resetCounters();
        SyncRun second = service.runOnce(t.settings(file, overrides));
        assertThat(second.exitCode()).as("rerun exit code").isEqualTo(first.exitCode());
        assertThat(t.writes()).as("writes of the rerun").isZero();
        return first;
    }

    private List<Object> deadLetterReasons() {
        return t.deadLetters().stream().map(d -> (Object) (d.get("line") + ": " + d.get("reason"))).toList();
    }

    @Test
    void excelFileWithSemicolonsAndHoursImportsItsGoodRowsAndRejectsTheRest() {
        SyncRun run = importTwice("excel-de-semicolon-windows1252.csv", "csv.charset=windows-1252",
                "csv.columns=external_id=Key, name=Title, estimate_hours=Hours, done=Status:Erledigt");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name, TogglTask::estimatedSeconds, TogglTask::active,
                TogglTask::integrationProvider, TogglTask::integrationExtId).containsExactlyInAnyOrder(
                        tuple("Übersetzung prüfen", 5400L, true, "csv", "WEB-1"),
                        tuple("Logo überarbeiten", 2700L, false, "csv", "WEB-2"),
                        tuple("Café-Menü anlegen", 9000L, true, "csv", "WEB-3"),
                        tuple("Straßennamen korrigieren", 5400L, true, "csv", "WEB-4"),
                        tuple("Preise in € prüfen", 0L, false, "csv", "WEB-7")); // no estimate: Toggl keeps 0
        assertThat(deadLetterReasons()).containsExactly(
                "6: empty Title",
                "7: Hours must be a duration such as 1.5, 1.5h, 90m or 1:30 (a bare number is hours), got 'viel'",
                "8: empty Key",
                "10: duplicate external id 'WEB-1', first seen on line 2");
        assertThat(t.report()).containsEntry("read", 9).containsEntry("unchanged", 5).containsEntry("rejected", 4);
    }

    @Test
    void asanaExportImportsAsItsOwnProviderNeverAsanas() {
        TogglTask fromTogglsAsanaIntegration = t.sandbox.putTask(SandboxFixture.WS, P1, "Book the venue (Asana)", null, true, "asana",
                "task", "1208845512344102");

        SyncRun run = importTwice("asana-export.csv", "toggl.project-map=Mobile app=" + P2);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name, TogglTask::projectId, TogglTask::active, TogglTask::integrationProvider)
                .containsExactlyInAnyOrder(
                        tuple("Draft the launch brief", P1, true, "csv-asana"),
                        tuple("Book the venue", P1, false, "csv-asana"),
                        tuple("Collect speaker bios", P1, true, "csv-asana"),
                        tuple("Order \"swag\" for the team", P2, true, "csv-asana"),
                        tuple("Book the venue (Asana)", P1, true, "asana"));
        assertThat(t.sandbox.task(fromTogglsAsanaIntegration.id())).isEqualTo(fromTogglsAsanaIntegration);
        assertThat(deadLetterReasons()).containsExactly("6: empty Name");
    }

    @Test
    void linearExportImportsWhenTogglKeepsNoIntegrationFields() {
        // Toggl may not keep the integration fields: the rerun then knows its tasks by their names
        t.sandbox.setStoreIntegrationFields(false);

        SyncRun run = importTwice("linear-export.csv", "toggl.project-map=Design=" + P2);

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name, TogglTask::projectId, TogglTask::active).containsExactlyInAnyOrder(
                tuple("ENG-101 Fix login on Safari", P1, true),
                tuple("ENG-102 Ship dark mode", P1, false),
                tuple("ENG-103 Drop IE11 polyfills", P1, false),
                tuple("DES-7 Onboarding illustrations", P2, true),
                tuple("ENG-104 Old spike on caching", P1, false));
        assertThat(deadLetterReasons()).containsExactly("7: empty Title");
        assertThat(t.report()).containsEntry("unchanged", 5).containsEntry("rejected", 1).containsEntry("created", 0);
    }

    @Test
    void gitHubProjectsViewImportsItsItemsAndRejectsTheDraft() {
        SyncRun run = importTwice("github-projects-view.tsv");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::integrationExtId, TogglTask::active, TogglTask::integrationExtType)
                .containsExactlyInAnyOrder(
                        tuple("https://github.com/acme/api/issues/41", true, "item"),
                        tuple("https://github.com/acme/api/issues/42", false, "item"),
                        tuple("https://github.com/acme/api/pull/43", false, "item"),
                        tuple("https://github.com/acme/cli/issues/7", true, "item"));
        assertThat(deadLetterReasons()).containsExactly("4: empty URL");
    }

    @Test
    void mappingThatNamesAMissingColumnStopsTheRunBeforeAnyTogglCall() {
        Path file = FIXTURES.resolve("excel-de-semicolon-windows1252.csv");

        SyncRun run = service.runOnce(t.settings(file, "csv.charset=windows-1252", "csv.columns=external_id=Key, name=Title, estimate_hours=Stunden"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_RUN);
        assertThat(t.sandbox.totalRequests()).isZero();
        assertThat((String) t.report().get("error")).isEqualTo("failed while reading the source: csv.columns (CSV_COLUMNS) needs column(s) "
                + "'Stunden' that " + file + " lacks; its columns: Key, Title, Hours, Status, Notiz");
    }

    @Test
    void dryRunOfAMappedFileWritesNothing() {
        SyncRun run = service.runOnce(t.settings(FIXTURES.resolve("asana-export.csv"), "sync.dry-run=true"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).isEmpty();
        Map<String, Object> report = t.report();
        assertThat(report).containsEntry("dry_run", true).containsEntry("created", 4).containsEntry("rejected", 1)
                .containsEntry("source", FIXTURES.resolve("asana-export.csv") + " (Asana export, delimiter ',', charset UTF-8)");
    }
}
