package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.model.ProjectsToFind;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.toggl.TogglQuotaException;
import io.toggltasksync.toggl.TogglTransientException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes of projects.camel.yaml with Toggl mocked: the project list read page by page until a short page,
 * a failed page retried then failing the run, a refusal before any create, a create never retried, and a spent
 * quota stopping the read. The pattern: see {@code TogglCallRouteTest}.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
class ProjectsRouteTest extends RouteTest {

    MockEndpoint toggl;

    @BeforeEach
    void advise() throws Exception {
        toggl = mockToggl();
    }

    /** A run whose one record of Jira project {@code key} waits for its Toggl project. */
    private SyncRun waitingRun(String key, String... overrides) {
        SyncRun run = newRun(overrides);
        SourceTask task = new SourceTask(Provider.JIRA, key + "-1", key + "-1 Do it", SourceTask.PROJECT_TO_FIND, null, true, 2);
        run.batch(new SourceBatch("test", List.of(task), List.of(), io.toggltasksync.model.IdentityRule.leadingKeys(Provider.JIRA, java.util.Set.of(key)),
                new ProjectsToFind(List.of(new SourceProject(key, key + " Team")), Map.of(task.identity(), key))));
        return run;
    }

    private static String projects(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "{\"id\":" + (5000 + i) + ",\"name\":\"P" + i + "\",\"active\":true}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private List<String> sent() {
        return toggl.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class) + " "
                + e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class)).toList();
    }

    @Test
    void theListIsReadUntilAShortPageAndTheRecordGetsItsProject() {
        SyncRun run = waitingRun("P3");
        toggl.whenExchangeReceived(1, answer(200, projects(0, 200)));
        toggl.whenExchangeReceived(2, answer(200, projects(200, 1)));

        Exchange exchange = template.send("direct:resolve-projects", exchange(run, null));

        assertThat(exchange.getException()).isNull();
        assertThat(sent()).containsExactly("GET active=both&page=1&per_page=200", "GET active=both&page=2&per_page=200");
        assertThat(run.projects().projects()).hasSize(201);
        assertThat(run.batch().tasks()).extracting(SourceTask::projectId).containsExactly(5003L);
    }

    @Test
    void aServerErrorOnAListPageIsRetriedThenFailsTheRun() {
        SyncRun run = waitingRun("P3");
        toggl.whenAnyExchangeReceived(answer(503, "Service Unavailable"));

        Exchange exchange = template.send("direct:resolve-projects", exchange(run, null));

        assertThat(exchange.getException()).isInstanceOf(TogglTransientException.class);
        assertThat(toggl.getReceivedCounter()).isEqualTo(1 + maxRetries());
        assertThat(run.projects().isResolved()).isFalse();
    }

    @Test
    void anAmbiguousNameStopsTheRunBeforeAnyCreate() {
        SyncRun run = waitingRun("P3", "toggl.create-projects=true");
        toggl.whenExchangeReceived(1, answer(200, "[{\"id\":1,\"name\":\"P3\",\"active\":true},{\"id\":2,\"name\":\"p3\",\"active\":false}]"));

        Exchange exchange = template.send("direct:resolve-projects", exchange(run, null));

        assertThat(exchange.getException(ConfigException.class)).hasMessageContaining("'P3' (id 1)").hasMessageContaining("'p3' (id 2, archived)");
        assertThat(sent()).containsExactly("GET active=both&page=1&per_page=200");
    }

    @Test
    void aCreateIsNeverRetried() {
        SyncRun run = waitingRun("NEW", "toggl.create-projects=true");
        toggl.whenExchangeReceived(1, answer(200, "[]"));
        toggl.whenExchangeReceived(2, answer(503, "Service Unavailable"));

        Exchange exchange = template.send("direct:resolve-projects", exchange(run, null));

        assertThat(exchange.getException(TogglTransientException.class)).isNotNull();
        assertThat(sent()).containsExactly("GET active=both&page=1&per_page=200", "POST null");
        assertThat(redeliveries.count()).isZero();
    }

    @Test
    void aMadeProjectGivesTheRecordItsId() {
        SyncRun run = waitingRun("NEW", "toggl.create-projects=true");
        toggl.whenExchangeReceived(1, answer(200, "[]"));
        toggl.whenExchangeReceived(2, answer(200, "{\"id\":777,\"name\":\"NEW Team (NEW)\",\"active\":true}"));

        template.send("direct:resolve-projects", exchange(run, null));

        assertThat(toggl.getReceivedExchanges().get(1).getMessage().getBody(String.class))
                .isEqualTo("{\"name\":\"NEW Team (NEW)\",\"active\":true}");
        assertThat(run.batch().tasks()).extracting(SourceTask::projectId).containsExactly(777L);
    }

    @Test
    void aSpentQuotaStopsTheListRead() {
        SyncRun run = waitingRun("P3", "toggl.quota-max-wait=0");
        toggl.whenAnyExchangeReceived(quotaSpent());

        Exchange exchange = template.send("direct:resolve-projects", exchange(run, null));

        assertThat(exchange.getException(TogglQuotaException.class)).isNotNull();
        assertThat(toggl.getReceivedCounter()).isEqualTo(1);
    }
}
