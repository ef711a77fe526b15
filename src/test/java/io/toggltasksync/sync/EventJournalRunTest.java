package io.toggltasksync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.testing.SandboxFixture.P1;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateJournal;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event's journal line and the runs after it, through {@link SyncService} against the sandbox and
 * a WireMock Jira: the run folds the line in once and removes the journal; a torn line costs the
 * run a full sweep and never a duplicate.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class EventJournalRunTest {

    static final String JQL = "project in (ALPHA, BETA)";
    static final String RENAMED = "ALPHA-1 Login page, with SSO";

    @Inject
    SyncService service;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    SandboxFixture t;
    SyncSettings settings;
    Path journal;

    @BeforeEach
    void importedThenRenamedByAnEvent() throws Exception {
        // every search of the JQL (the import's, an incremental one's) and the event's one-issue search
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L), JiraFixture.issue("ALPHA-2", "Signup", "new", null, null)))));
        settings = t.settings(JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100));
        assertThat(service.runOnce(settings).exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).hasSize(2);
        journal = StateJournal.file(settings.state().stateFile());

        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).willReturn(okJson(JiraFixture.page(
                JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L),
                JiraFixture.issue("ALPHA-2", "Signup", "new", null, null)))));
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo("(" + JQL + ") AND issuekey = \"ALPHA-1\""))
                .willReturn(okJson(JiraFixture.page(JiraFixture.issue("ALPHA-1", "Login page, with SSO", "indeterminate", null, 3600L)))));
        byte[] state = Files.readAllBytes(settings.state().stateFile());
        assertThat(service.applyEvent(settings, new IssueEvent("ALPHA-1", false, Instant.now(), 1)).outcome()).isEqualTo(EventOutcome.APPLIED);
        assertThat(Files.readAllBytes(settings.state().stateFile())).as("the event wrote its line, not the state").isEqualTo(state);
        assertThat(Files.readAllLines(journal)).hasSize(1);
        t.sandbox.resetCounters();
    }

    @Test
    void theNextRunFoldsTheEventsLineOnceAndRemovesTheJournal() {
        SyncRun run = service.runOnce(settings);

        assertThat(run.exitCode()).isZero();
        assertThat(run.mode().incremental()).as(run.mode().reason()).isTrue();
        assertThat(run.state().tasks()).extracting(TogglTask::name).contains(RENAMED);
        assertThat(t.writes()).as("the event's rename known: nothing to write").isZero();
        assertThat(journal).doesNotExist();
        SyncState after = StateFile.load(settings.state().stateFile(), settings.stateFingerprint()).state();
        assertThat(after.tasks()).extracting(TogglTask::name).containsExactlyInAnyOrder(RENAMED, "ALPHA-2 Signup");
        assertThat(t.sandbox.tasks(P1)).hasSize(2);
    }

    @Test
    void aTornLineCostsTheNextRunAFullSweepNeverADuplicate() throws Exception {
        byte[] line = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(line, line.length - 1));

        SyncRun run = service.runOnce(settings);

        assertThat(run.exitCode()).isZero();
        assertThat(run.mode().incremental()).isFalse();
        assertThat(run.mode().reason()).contains("torn");
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactlyInAnyOrder(RENAMED, "ALPHA-2 Signup");
        assertThat(journal).doesNotExist();
        assertThat(StateFile.load(settings.state().stateFile(), settings.stateFingerprint()).usable()).isTrue();
    }
}
