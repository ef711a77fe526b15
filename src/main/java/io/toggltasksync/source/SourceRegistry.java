package io.toggltasksync.source;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.TreeSet;

/** The sources the app knows: every {@link TaskSource} bean, by name. Adding a source adds a bean, nothing here. */
@ApplicationScoped
public class SourceRegistry {

    @Inject
    @Any
    Instance<TaskSource> sources;

    /** The source {@code sync.source} names; another name is a configuration mistake, worded as the settings word one. */
    public TaskSource named(String name) {
        for (TaskSource source : sources) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        TreeSet<String> names = new TreeSet<>();
        sources.forEach(s -> names.add(s.name()));
        throw new ConfigException("sync.source (" + SyncSettings.envName("sync.source") + ") must be " + SyncSettings.alternatives(names)
                + ", got '" + name + "'");
    }
}
