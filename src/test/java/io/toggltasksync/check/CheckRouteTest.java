package io.toggltasksync.check;

import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code check-run}, {@code check-calls}, {@code check-toggl-call} and {@code check-jira-call} routes (check.camel.yaml) with Toggl
 * and Jira mocked: transient failures are retried as a sync's reads are, a failure that stays becomes a line (never
 * an abort of the check), and a refusal skips the reads that would be refused the same way. The pattern: see
 * {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class CheckRouteTest extends RouteTest {

    MockEndpoint toggl;
    MockEndpoint jira;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
        adviseOnce("jira-call",
                route -> route.interceptSendToEndpoint(JIRA_URL + "*").skipSendToOriginalEndpoint().to("mock:jira"));
        jira = mock("mock:jira");
    }

    private Checklist check(String... overrides) throws IOException {
        return check(null, overrides);
    }

    private Checklist check(Long probeProject, String... overrides) throws IOException {
        Path csv = Files.writeString(dir.resolve("tasks.csv"), "external_id,name\nr1,Write the spec\n");
        SyncSettings settings = TestSettings.run(TOGGL_URL, dir).csv(csv).overrides(overrides).load();
        CheckRun run = new CheckRun(settings, probeProject);
        Exchange exchange = ExchangeBuilder.anExchange(context).build();
        run.exchangeProperties().forEach(exchange::setProperty);
        template.send("direct:check", exchange);
        assertThat(exchange.getException()).isNull();
        return run.checklist();
    }


    @Test
    void everyAnswerOfTogglIsOneRead() throws IOException {
        toggl.whenAnyExchangeReceived(answer(200, "{\"name\":\"x\",\"active\":true,\"total_count\":3}"));

        Checklist checklist = check();

        // me, workspace, project 1001 and its task count
        assertThat(toggl.getReceivedCounter()).isEqualTo(4);
        assertThat(toggl.getReceivedExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET"));
        assertThat(line(checklist, "Toggl", "tasks on this plan").detail()).contains("3 task(s)");
    }

    @Test
    void aTogglFailureThatStaysAfterTheRetriesIsAFailedLineAndTheOtherReadsAreSkipped() throws IOException {
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Checklist checklist = check();

        assertThat(redeliveries.count()).isEqualTo(maxRetries());
        assertThat(toggl.getReceivedCounter()).isEqualTo(1 + maxRetries());
        CheckLine api = line(checklist, "Toggl", "API");
        assertThat(api.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(api.detail()).contains("503");
        // the CSV, the plan cost and the state are still checked
        assertThat(line(checklist, "CSV", "file").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void aCsvMappingNamingAColumnTheFileLacksIsTheCsvLineAndTheOtherReadsStillRun() throws IOException {
        toggl.whenAnyExchangeReceived(answer(200, "{\"name\":\"x\",\"active\":true,\"total_count\":3}"));

        // the file has external_id and name only: a sync of it stops with exit 2, as for any CSV it cannot read
        Checklist checklist = check("csv.format=asana");

        CheckLine csv = line(checklist, "CSV", "file");
        assertThat(csv.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(csv.detail()).contains("csv.format (CSV_FORMAT) asana needs column(s) 'Task ID', 'Completed At'");
        assertThat(checklist.lines()).noneMatch(l -> l.area().equals("Check"));
        assertThat(toggl.getReceivedCounter()).as("me, workspace, project 1001 and its task count").isEqualTo(4);
        assertThat(checklist.exitCode()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNotRetriedAndSkipsTheOtherTogglReads() throws IOException {
        toggl.whenAnyExchangeReceived(answer(403, "Incorrect username and/or password"));

        Checklist checklist = check();

        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
        assertThat(redeliveries.count()).isZero();
        assertThat(line(checklist, "Toggl", "token").status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void anAnswerThatIsNotJsonIsAFailedLineNotAnAbort() throws IOException {
        toggl.whenExchangeReceived(1, answer(200, "<html><body>Sign in</body></html>"));

        Checklist checklist = check();

        CheckLine me = line(checklist, "Toggl", "toggl me");
        assertThat(me.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(me.detail()).isEqualTo("unexpected answer: Sign in");
    }

    @Test
    void theProbesDeleteRunsAfterAStepThatFailsForGood() throws IOException {
        toggl.whenAnyExchangeReceived(exchange -> {
            Message m = exchange.getMessage();
            String method = m.getHeader(Exchange.HTTP_METHOD, String.class);
            String path = m.getHeader(Exchange.HTTP_PATH, String.class);
            String body = "{\"name\":\"x\",\"active\":true,\"total_count\":0,\"data\":[]}";
            int status = 200;
            if (method.equals("POST")) {
                body = "{\"id\":7}";
            } else if (method.equals("GET") && path.endsWith("/tasks/7")) {
                status = 503;
            } else if (method.equals("PATCH")) {
                status = 500;
            } else if (method.equals("DELETE")) {
                body = null;
            }
            answer(status, body).process(exchange);
        });

        Checklist checklist = check(1001L);

        assertThat(toggl.getReceivedExchanges()).filteredOn(e -> "DELETE".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD)))
                .singleElement().satisfies(e -> assertThat(e.getMessage().getHeader(Exchange.HTTP_PATH))
                        .isEqualTo("/workspaces/42/projects/1001/tasks/7"));
        assertThat(line(checklist, "Probe", "clean-up").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void jiraRateLimitingIsRetriedThenTheSignInPasses() throws IOException {
        toggl.whenAnyExchangeReceived(answer(200, "{\"name\":\"x\",\"active\":true,\"total_count\":0}"));
        jira.whenExchangeReceived(1, answer(429, "Too Many Requests"));
        jira.whenExchangeReceived(2, answer(200, "{\"displayName\":\"Ada\",\"timeZone\":\"UTC\"}"));
        jira.whenExchangeReceived(3, answer(200, "{\"issues\":[],\"isLast\":true}"));

        Checklist checklist = check("sync.source=jira", "jira.url=" + JIRA_URL, "jira.user=me@acme.test", "jira.token=jira-secret-token",
                "jira.jql=project = ALPHA");

        assertThat(jira.getReceivedCounter()).isEqualTo(3);
        assertThat(line(checklist, "Jira", "sign-in").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, "Jira", "JQL").status()).isEqualTo(CheckStatus.WARNING);
    }
}
