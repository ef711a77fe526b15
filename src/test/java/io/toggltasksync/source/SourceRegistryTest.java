package io.toggltasksync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.ConfigException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The run picks its source by name from the beans that implement the contract. */
@QuarkusTest
class SourceRegistryTest {

    @Inject
    SourceRegistry registry;

    @Test
    void picksEachSourceByItsNameWithItsRoute() {
        assertThat(registry.named("csv").route()).isEqualTo("direct:csv-source");
        assertThat(registry.named("jira").route()).isEqualTo("direct:jira-source");
        assertThat(registry.named("jira").eventRoute()).as("where the core sends a Jira event").isEqualTo("direct:jira-event");
        assertThat(registry.named("jira").title()).as("as log lines name it").isEqualTo("Jira");
    }

    @Test
    void aSourcesTransientFailureIsNotOneThatIsNeverRetried() {
        // the error handlers retry the first and never the second: a transient failure must not be taken for a refusal
        assertThat(SourceException.class.isAssignableFrom(SourceTransientException.class)).isFalse();
        assertThat(new io.toggltasksync.source.jira.JiraTransientException(503, "x")).isInstanceOf(SourceTransientException.class);
        assertThat(new io.toggltasksync.source.github.GithubTransientException(503, "x")).isInstanceOf(SourceTransientException.class);
        // a rate limit beyond its wait defers the run (exit 1), never aborts it as a refusal does (exit 2)
        assertThat(new io.toggltasksync.source.github.GithubRateLimited(3600, "x")).isInstanceOf(SourceDeferred.class);
    }

    @Test
    void anUnknownNameIsAConfigurationMistakeNamingTheSetting() {
        assertThatThrownBy(() -> registry.named("trello")).isInstanceOf(ConfigException.class)
                .hasMessage("sync.source (SYNC_SOURCE) must be csv, github or jira, got 'trello'");
    }
}
