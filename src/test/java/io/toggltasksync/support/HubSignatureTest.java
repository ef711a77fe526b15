package io.toggltasksync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The {@code sha256=<hex>} signature of Jira's {@code X-Hub-Signature} (and GitHub's {@code X-Hub-Signature-256}), against
 * a vector computed outside Java:
 * {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'It is a secret to everybody'}.
 */
class HubSignatureTest {

    static final String SECRET = "It is a secret to everybody";
    static final byte[] BODY = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"ABC-1\"}}".getBytes(StandardCharsets.UTF_8);
    static final String HEX = "a943d4d312b47b7420e9848bf17aa938faa10f93979944fb16b398bec9ec1be6";
    /** The same secret over no bytes at all. */
    static final String EMPTY_BODY_HEX = "30cfed1421a427d8b8f9eb21599d1c294761075c842c859c8021d05827359ccf";

    @Test
    void theSignatureIsTheHexHmacSha256OfTheRawBody() {
        assertThat(HubSignature.header(SECRET, BODY)).isEqualTo("sha256=" + HEX);
        assertThat(HubSignature.header(SECRET, new byte[0])).isEqualTo("sha256=" + EMPTY_BODY_HEX);
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=" + HEX)).isTrue();
        assertThat(HubSignature.matches(SECRET, new byte[0], "sha256=" + EMPTY_BODY_HEX)).isTrue();
    }

    @Test
    void upperCaseHexAndPrefixAreAccepted() {
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=" + HEX.toUpperCase())).isTrue();
        assertThat(HubSignature.matches(SECRET, BODY, "SHA256=" + HEX)).isTrue();
    }

    @Test
    void aBodyFedInPiecesAsItArrivesHasTheSameSignature() {
        javax.crypto.Mac mac = HubSignature.mac(SECRET);
        mac.update(BODY, 0, 10);
        mac.update(BODY, 10, BODY.length - 10);

        assertThat(HubSignature.matches(mac, HubSignature.parse("sha256=" + HEX))).isTrue();
        assertThat(HubSignature.parse("sha256=" + HEX.substring(2))).as("not 32 bytes: refused before any body").isNull();
    }

    @Test
    void anythingElseIsNoMatch() {
        assertThat(HubSignature.matches(SECRET, BODY, null)).as("no header").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "")).as("empty").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=")).as("prefix only").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, HEX)).as("no prefix").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "sha1=" + HEX)).as("another algorithm").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=" + HEX.substring(1))).as("odd length").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=zz" + HEX.substring(2))).as("not hex").isFalse();
        assertThat(HubSignature.matches(SECRET, BODY, "sha256=" + HEX.substring(0, 32))).as("a prefix of it").isFalse();
        assertThat(HubSignature.matches(SECRET + "!", BODY, "sha256=" + HEX)).as("another secret").isFalse();
        byte[] other = BODY.clone();
        other[other.length - 2] = ' ';
        assertThat(HubSignature.matches(SECRET, other, "sha256=" + HEX)).as("another body").isFalse();
    }
}
