package io.toggltasksync.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook body's signature as Jira ({@code X-Hub-Signature}) and GitHub ({@code X-Hub-Signature-256}) send it:
 * {@code sha256=<hex HMAC-SHA256 of the raw body>}, keyed with the webhook's secret. Checked over the bytes as received
 * (never a re-encoded body), in constant time.
 */
public final class HubSignature {

    private static final String PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";
    private static final int HMAC_BYTES = 32;

    private HubSignature() {
    }

    /** Whether {@code header} is the signature of {@code body} with {@code secret}; false when absent or malformed. */
    public static boolean matches(String secret, byte[] body, String header) {
        byte[] given = parse(header);
        // isEqual takes the same time whatever the first differing byte is
        return given != null && MessageDigest.isEqual(mac(secret).doFinal(body), given);
    }

    /**
     * The HMAC bytes {@code header} carries, or null when it is absent or not {@code sha256=} and 64 hex digits: such a
     * delivery can be refused before its body is read.
     */
    public static byte[] parse(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String hex = header.substring(PREFIX.length()).trim();
        if (hex.length() != 2 * HMAC_BYTES) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An HMAC keyed with {@code secret}, to be fed a body as it arrives; {@link #matches(Mac, byte[])} then checks it. */
    public static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether the body fed to {@code mac} has the signature {@code given} (from {@link #parse}). */
    public static boolean matches(Mac mac, byte[] given) {
        return MessageDigest.isEqual(mac.doFinal(), given);
    }

    /** The signature a sender puts on {@code body}: {@code sha256=<hex>}. */
    public static String header(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret).doFinal(body));
    }
}
