package io.toggltasksync.webhook;

import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The receiver in long-running mode: the settings it was opened with, whose source it serves (a process runs one
 * source: {@code sync.source}), and the deliveries it already accepted (by the source's delivery identifier), so
 * that a repeat costs nothing.
 */
@ApplicationScoped
public class OpenReceiver {

    /** Deliveries remembered (Jira Cloud retries a delivery for about 30 minutes; GitHub redelivers only by hand). */
    static final int REMEMBERED = 10_000;

    @Inject
    ConfigLookup config;

    private volatile SyncSettings settings;
    private volatile String source;
    private final Set<String> accepted = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    void open(SyncSettings opened) {
        this.source = opened.source();
        this.settings = opened;
    }

    /** The settings, null while the receiver is off (no secret, or the app is still starting). */
    SyncSettings settings() {
        return settings;
    }

    /** The settings when the receiver is open for {@code source}'s deliveries, else null. */
    SyncSettings settings(String of) {
        SyncSettings open = settings;
        return open != null && of.equals(source) ? open : null;
    }

    /** The receiver's own settings (size, coalescing, queue) when open for {@code source}, else null. */
    WebhookSettings webhook(String of) {
        SyncSettings open = settings(of);
        return open == null ? null : open.webhook();
    }

    /** Whether a secret turns a receiver on: before it is open, deliveries then wait (503), else there is none (404). */
    boolean configured() {
        return configured("jira") || configured("github");
    }

    /** Whether {@code <source>.webhook-secret} turns {@code source}'s receiver on. */
    boolean configured(String of) {
        return config.apply(of + ".webhook-secret").filter(v -> !v.isBlank()).isPresent();
    }

    /** Remembers a delivery; false when it was accepted before. */
    synchronized boolean firstTime(String deliveryId) {
        return accepted.add(deliveryId);
    }
}
