package io.toggltasksync.webhook;

import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.config.SyncSettings;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The receiver in long-running mode: the settings it was opened with, and the deliveries it
 * already accepted (by {@code X-Atlassian-Webhook-Identifier}), so that a repeat costs nothing.
 */
@ApplicationScoped
public class Receiver {

    /** Deliveries remembered (Jira Cloud retries a delivery for about 30 minutes). */
    static final int REMEMBERED = 10_000;

    @Inject
    ConfigLookup config;

    private volatile SyncSettings settings;
    private final Set<String> accepted = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    void open(SyncSettings opened) {
        this.settings = opened;
    }

    /** The settings, null while the receiver is off (no secret, or the app is still starting). */
    SyncSettings settings() {
        return settings;
    }

    /** Whether a secret turns the receiver on: before it is open, deliveries then wait (503), else there is none (404). */
    boolean configured() {
        return config.apply("jira.webhook-secret").filter(v -> !v.isBlank()).isPresent();
    }

    /** Remembers a delivery; false when it was accepted before. */
    synchronized boolean firstTime(String deliveryId) {
        return accepted.add(deliveryId);
    }
}
