package io.toggltasksync.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns the app's HTTP server on in long-running mode ({@code sync.schedule} or
 * {@code jira.webhook-secret} set): health, metrics and the webhook receiver then answer without
 * an extra switch, while a one-off run opens no port. The server starts before the app reads its
 * settings, so this is decided from the configuration itself. An explicit
 * {@code quarkus.http.host-enabled} (environment or system property) still wins: this source sits
 * above application.properties and below those.
 */
public final class HttpServerSwitch implements ConfigSourceFactory {

    static final String HOST_ENABLED = "quarkus.http.host-enabled";
    /** Above application.properties (250) and a config/application.properties (260); below environment (300). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isSet(context.getValue("sync.schedule")) && !isSet(context.getValue("jira.webhook-secret"))) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("toggl-task-sync long-running mode", Map.of(HOST_ENABLED, "true"), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
