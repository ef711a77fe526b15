package io.toggltasksync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Jira's webhook signature: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>}, keyed
 * with the webhook's secret. Checked over the bytes as received (never a re-encoded body), in
 * constant time.
 */
public final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature";
    private static final String PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {
    }

    /** Whether {@code header} is the signature of {@code body} with {@code secret}; false when absent or malformed. */
    public static boolean matches(String secret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // isEqual takes the same time whatever the first differing byte is
        return MessageDigest.isEqual(sign(secret, body), given);
    }

    /** The signature Jira sends for {@code body}: {@code sha256=<hex>}. */
    public static String header(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(secret, body));
    }

    private static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
