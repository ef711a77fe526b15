package io.toggltasksync.webhook;

import io.toggltasksync.support.HubSignature;
import javax.crypto.Mac;

/**
 * Jira's webhook signature: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>}, keyed with the
 * webhook's secret, checked by {@link HubSignature} (GitHub signs the same way under another header).
 */
public final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature";

    private WebhookSignature() {
    }

    /** Whether {@code header} is the signature of {@code body} with {@code secret}; false when absent or malformed. */
    public static boolean matches(String secret, byte[] body, String header) {
        return HubSignature.matches(secret, body, header);
    }

    /** The HMAC bytes {@code header} carries, or null when it is malformed: such a delivery can be refused before its body is read. */
    static byte[] parse(String header) {
        return HubSignature.parse(header);
    }

    /** An HMAC keyed with {@code secret}, to be fed a body as it arrives; {@link #matches(Mac, byte[])} then checks it. */
    static Mac mac(String secret) {
        return HubSignature.mac(secret);
    }

    /** Whether the body fed to {@code mac} has the signature {@code given} (from {@link #parse}). */
    static boolean matches(Mac mac, byte[] given) {
        return HubSignature.matches(mac, given);
    }

    /** The signature Jira sends for {@code body}: {@code sha256=<hex>}. */
    public static String header(String secret, byte[] body) {
        return HubSignature.header(secret, body);
    }
}
