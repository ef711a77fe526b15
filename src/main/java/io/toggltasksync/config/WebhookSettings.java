package io.toggltasksync.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A source's webhook receiver (Jira's: {@code POST /webhooks/jira}, from {@code jira.webhook-*}).
 *
 * @param secret the shared secret the source signs each delivery with (HMAC-SHA256 of the raw body)
 * @param maxBytes larger deliveries are refused (413) unread
 * @param coalesce events for one issue within this time are applied once
 * @param maxPending issue events accepted and not yet applied; a delivery beyond them is refused (503)
 */
public record WebhookSettings(String secret, int maxBytes, Duration coalesce, int maxPending) {
    /** Shorter secrets are refused: the signature is only as strong as the secret. */
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int DEFAULT_MAX_PENDING = 1_000;
    /**
     * The most {@code maxPending} may be: the queue of the coalescing aggregator's one thread (Camel's default
     * thread pool profile). Past it the aggregator's timeout checker would run an event itself, holding the
     * aggregator's lock that every delivery needs, for as long as a run holds the sync lock.
     */
    public static final int MAX_PENDING = 1_000;

    /**
     * A source's receiver settings under its prefix ({@code <prefix>.webhook-secret}, {@code -max-bytes},
     * {@code -coalesce}, {@code -max-pending}), null when no secret turns it on.
     */
    public static WebhookSettings read(SettingsReader r, String prefix) {
        Optional<String> secret = r.string(prefix + ".webhook-secret");
        if (secret.isEmpty()) {
            return null;
        }
        if (secret.get().length() < MIN_SECRET_LENGTH) {
            // the value itself is never shown
            throw r.invalid(prefix + ".webhook-secret", "must be at least " + MIN_SECRET_LENGTH
                    + " characters (Jira's \"Generate secret\" makes one; for GitHub or any: openssl rand -hex 32)");
        }
        long maxBytes = r.positiveLong(prefix + ".webhook-max-bytes").orElse(1_048_576L);
        if (maxBytes > Integer.MAX_VALUE) {
            throw r.invalid(prefix + ".webhook-max-bytes", "must be at most " + Integer.MAX_VALUE);
        }
        long maxPending = r.positiveLong(prefix + ".webhook-max-pending").orElse((long) DEFAULT_MAX_PENDING);
        if (maxPending > MAX_PENDING) {
            throw r.invalid(prefix + ".webhook-max-pending", "must be at most " + MAX_PENDING);
        }
        return new WebhookSettings(secret.get(), (int) maxBytes, r.duration(prefix + ".webhook-coalesce", Duration.ofMillis(500)), (int) maxPending);
    }

    @Override
    public String toString() {
        return "WebhookSettings[secret=****, maxBytes=" + maxBytes + ", coalesce=" + coalesce + ", maxPending=" + maxPending + "]";
    }
}
