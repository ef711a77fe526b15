package io.toggltasksync.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.source.github.GithubDelivery;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.GithubFixture;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GitHub receiver turned on by its secret but not yet open (the app has not read its settings): a delivery is
 * answered 503 and counted as GitHub's, whose receiver it was sent to, never in Jira's series.
 */
@QuarkusTest
@TestProfile(WebhookStartingTest.GithubSecret.class)
class WebhookStartingTest {

    public static class GithubSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("github.webhook-secret", GithubFixture.WEBHOOK_SECRET);
        }
    }

    @Inject
    MeterRegistry registry;

    private double counted(String source) {
        Counter counter = registry.find(WebhookMetrics.name(source, WebhookMetrics.Kind.DELIVERIES)).tag("outcome", "not_ready").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDeliveryBeforeTheReceiverOpensIsRefused503AndCountedAsGithubs() {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        double github = counted("github");

        given().contentType("application/json").header(GithubDelivery.SIGNATURE, HubSignature.header(GithubFixture.WEBHOOK_SECRET,
                body.getBytes(StandardCharsets.UTF_8))).header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-1").body(body)
                .post("/webhooks/github").then().statusCode(503);

        assertThat(counted("github")).isEqualTo(github + 1);
        assertThat(counted("jira")).as("not in Jira's series").isZero();
    }
}
