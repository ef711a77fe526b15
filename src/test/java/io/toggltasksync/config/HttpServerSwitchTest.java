package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Long-running mode turns the HTTP server on, as SmallRye reads the configuration: above
 * application.properties (its {@code quarkus.http.host-enabled=false}), below an explicit environment value.
 */
class HttpServerSwitchTest {

    /** application.properties' ordinal, as Quarkus gives it. */
    static final int APPLICATION_PROPERTIES = 250;
    static final int ENVIRONMENT = 300;

    private static Optional<Boolean> hostEnabled(Map<String, String> applicationProperties, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", APPLICATION_PROPERTIES))
                .withSources(new PropertiesConfigSource(environment, "environment", ENVIRONMENT))
                .withSources(new HttpServerSwitch())
                .build();
        return config.getOptionalValue(HttpServerSwitch.HOST_ENABLED, Boolean.class);
    }

    @Test
    void aScheduleTurnsTheServerOnOverApplicationProperties() {
        assertThat(hostEnabled(Map.of(HttpServerSwitch.HOST_ENABLED, "false"), Map.of("sync.schedule", "0 */15 * * * ?"))).contains(true);
        assertThat(hostEnabled(Map.of("sync.schedule", "0 */15 * * * ?"), Map.of())).as("the schedule in a properties file").contains(true);
    }

    @Test
    void aWebhookSecretTurnsTheServerOn() {
        assertThat(hostEnabled(Map.of(HttpServerSwitch.HOST_ENABLED, "false"), Map.of("jira.webhook-secret", "0123456789abcdef0123")))
                .contains(true);
    }

    @Test
    void aOneOffRunGetsNoValueFromIt() {
        assertThat(hostEnabled(Map.of(), Map.of())).isEmpty();
        assertThat(hostEnabled(Map.of(HttpServerSwitch.HOST_ENABLED, "false"), Map.of())).contains(false);
        assertThat(hostEnabled(Map.of(HttpServerSwitch.HOST_ENABLED, "false"), Map.of("sync.schedule", " "))).as("a blank schedule").contains(false);
    }

    @Test
    void anExplicitEnvironmentValueWins() {
        assertThat(hostEnabled(Map.of(), Map.of("sync.schedule", "0 */15 * * * ?", HttpServerSwitch.HOST_ENABLED, "false"))).contains(false);
    }
}
