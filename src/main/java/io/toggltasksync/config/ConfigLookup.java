package io.toggltasksync.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one way the app reads its configuration: a {@code --flag} given on the command line, else
 * MicroProfile Config (environment, {@code application.properties}). {@link SyncSettings} checks
 * what it reads.
 */
@ApplicationScoped
public class ConfigLookup implements Function<String, Optional<String>> {

    private volatile Map<String, String> flags = Map.of();

    /** The property values the command line's flags set; they win over everything else. */
    public void flags(Map<String, String> overrides) {
        this.flags = Map.copyOf(overrides);
    }

    @Override
    public Optional<String> apply(String name) {
        String flag = flags.get(name);
        return flag != null ? Optional.of(flag) : ConfigProvider.getConfig().getOptionalValue(name, String.class);
    }

    /** This lookup with one property set to {@code value} (e.g. the API URL of the embedded sandbox). */
    public Function<String, Optional<String>> with(String property, String value) {
        return name -> name.equals(property) ? Optional.of(value) : apply(name);
    }
}
