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
    }

    @Test
    void anUnknownNameIsAConfigurationMistakeNamingTheSetting() {
        assertThatThrownBy(() -> registry.named("trello")).isInstanceOf(ConfigException.class)
                .hasMessage("sync.source (SYNC_SOURCE) must be csv or jira, got 'trello'");
    }
}
