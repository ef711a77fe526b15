package io.toggltasksync.config;

import java.util.Set;

/**
 * A source's own settings (its prefix, e.g. {@code jira.*}), read and checked in the source's package, carried by
 * {@link SyncSettings#sourceSettings()} without the run knowing their type: it asks only what every source answers.
 */
public interface SourceSettings {

    /**
     * What of them makes a sync state another configuration's (joined to the state fingerprint): where and what it reads;
     * empty: nothing beyond the source's name.
     */
    String stateKey();

    /** Its secrets, for masking. */
    Set<String> secrets();

    /** Its events' receiver (a webhook), null when it is off. */
    WebhookSettings receiver();

    /**
     * Reads a source's settings: one per source that has settings, registered by a line naming it in
     * {@code META-INF/services/io.toggltasksync.config.SourceSettings$Reader} (the JDK's ServiceLoader: the settings
     * are read before any bean exists, and this package knows no source).
     */
    interface Reader {

        /** The source's name, as {@code sync.source} says it. */
        String source();

        /** Reads and checks the source's settings; a mistake is a {@link ConfigException} naming the setting. */
        SourceSettings read(SettingsReader r);

        /** Settings of this source given while another source is configured: a mistake to refuse (null: none). */
        default ConfigException unused(SettingsReader r) {
            return null;
        }
    }
}
