package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toggltasksync.source.github.GithubDelivery.IssueChanged;
import io.toggltasksync.support.HubSignature;
import io.toggltasksync.testing.GithubFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GitHub delivery checked and read: signature over the raw body, JSON only, the event and the issue to read again. */
class GithubDeliveryTest {

    static final String SECRET = GithubFixture.WEBHOOK_SECRET;
    static final List<GithubRepo> REPOS = List.of(new GithubRepo("Octo", "api"));
    static final String ISSUE_EVENT = "{\"action\":\"closed\",\"issue\":{\"id\":9007199254740993,\"number\":42,\"title\":\"ignored\","
            + "\"updated_at\":\"2026-12-07T10:00:00Z\"},"
            + "\"repository\":{\"full_name\":\"octo/API\"}}";

    private static GithubDelivery read(String body, String signature, String contentType, String event) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return GithubDelivery.read(SECRET, REPOS, bytes, signature, contentType, event, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    private static String signed(String body) {
        return HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private static GithubDeliveryRefused refused(String body, String signature, String contentType, String event) {
        return catchThrowableOfType(() -> read(body, signature, contentType, event), GithubDeliveryRefused.class);
    }

    @Test
    void aSignedIssuesEventNamesTheIssueToReadAgainInTheConfiguredRepository() {
        GithubDelivery delivery = read(ISSUE_EVENT, signed(ISSUE_EVENT), "application/json", "issues");

        assertThat(delivery).isEqualTo(new IssueChanged("72d3162e-cc78-11e3-81ab-4c9367dc0958", REPOS.get(0), 42, 9007199254740993L, "closed",
                java.time.Instant.parse("2026-12-07T10:00:00Z").toEpochMilli()));
    }

    @Test
    void aSignatureMadeWithGithubsKnownExampleMatches() {
        // GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!"
        assertThat(HubSignature.matches("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8),
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).isTrue();
    }

    @Test
    void aForgedDeliveryIsRefusedBeforeItsBodyIsRead() {
        String other = HubSignature.header("another-secret-0123456789", ISSUE_EVENT.getBytes(StandardCharsets.UTF_8));
        for (String signature : new String[] {null, "", other, signed(ISSUE_EVENT + " "), "sha1=" + signed(ISSUE_EVENT).substring(7),
                "sha256=zz" + signed(ISSUE_EVENT).substring(9), signed(ISSUE_EVENT).substring(0, 40)}) {
            GithubDeliveryRefused refusal = refused(ISSUE_EVENT, signature, "application/json", "issues");
            assertThat(refusal).as(String.valueOf(signature)).isNotNull();
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal).hasMessage("missing or wrong X-Hub-Signature-256");
        }
        // an altered body under the original signature
        assertThat(refused(ISSUE_EVENT.replace("closed", "opened"), signed(ISSUE_EVENT), "application/json", "issues").status()).isEqualTo(401);
    }

    @Test
    void aFormEncodedDeliveryIsRefusedSayingToPickJson() {
        String form = "payload=" + java.net.URLEncoder.encode(ISSUE_EVENT, StandardCharsets.UTF_8);

        GithubDeliveryRefused refusal = refused(form, signed(form), "application/x-www-form-urlencoded", "issues");

        assertThat(refusal.status()).isEqualTo(415);
        assertThat(refusal).hasMessageContaining("set the webhook's Content type to application/json");
        assertThat(read(ISSUE_EVENT, signed(ISSUE_EVENT), "application/json; charset=utf-8", "issues")).isInstanceOf(IssueChanged.class);
    }

    @Test
    void pingIsAnsweredOtherEventsAndRepositoriesIgnored() {
        String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        assertThat(read(ping, signed(ping), "application/json", "ping")).isInstanceOf(GithubDelivery.Ping.class);
        assertThat(read(ping, signed(ping), "application/json", "push")).isEqualTo(
                new GithubDelivery.Ignored("72d3162e-cc78-11e3-81ab-4c9367dc0958", "a push event (only issues events are used)"));
        String elsewhere = ISSUE_EVENT.replace("octo/API", "octo/web");
        assertThat(read(elsewhere, signed(elsewhere), "application/json", "issues")).isInstanceOf(GithubDelivery.Ignored.class);
    }

    @Test
    void aSignedDeliveryGithubWouldNotSendIsRefused() {
        String noIssue = "{\"action\":\"closed\",\"repository\":{\"full_name\":\"octo/api\"}}";
        assertThat(refused(noIssue, signed(noIssue), "application/json", "issues").status()).isEqualTo(400);
        assertThat(refused("[1]", signed("[1]"), "application/json", "issues").status()).isEqualTo(400);
        assertThat(refused("{", signed("{"), "application/json", "issues")).hasMessage("not a JSON object");
        assertThat(refused(ISSUE_EVENT, signed(ISSUE_EVENT), "application/json", null)).hasMessage("without an X-GitHub-Event");
        byte[] bytes = ISSUE_EVENT.getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(() -> GithubDelivery.read(SECRET, REPOS, bytes, signed(ISSUE_EVENT), "application/json", "issues", " "),
                GithubDeliveryRefused.class)).hasMessage("without a X-GitHub-Delivery");
    }
}
