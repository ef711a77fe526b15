package io.toggltasksync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.IssueEvent;
import io.toggltasksync.support.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a signed delivery asks for: only the issue events the mirror uses, only a real issue key. */
class DeliveryTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static IssueEvent parse(String json) throws Exception {
        return Delivery.parse(Json.MAPPER.readTree(json), AT);
    }

    private static String delivery(String type, String key) {
        return "{\"webhookEvent\":\"" + type + "\",\"issue\":{\"key\":" + (key == null ? "null" : "\"" + key + "\"") + ",\"fields\":{}}}";
    }

    @Test
    void createdUpdatedAndDeletedAreEventsOfTheirIssue() throws Exception {
        assertThat(parse(delivery("jira:issue_created", "ABC-1"))).isEqualTo(new IssueEvent("ABC-1", false, AT, 1));
        assertThat(parse(delivery("jira:issue_updated", "ABC-12"))).isEqualTo(new IssueEvent("ABC-12", false, AT, 1));
        assertThat(parse(delivery("jira:issue_deleted", "AB_2-7"))).isEqualTo(new IssueEvent("AB_2-7", true, AT, 1));
    }

    @Test
    void aTypeTheMirrorDoesNotUseIsNothing() throws Exception {
        assertThat(parse(delivery("jira:worklog_updated", "ABC-1"))).isNull();
        assertThat(parse(delivery("comment_created", "ABC-1"))).isNull();
        assertThat(parse("{\"issue\":{\"key\":\"ABC-1\"}}")).as("no type").isNull();
    }

    @Test
    void anythingButAnIssueKeyIsRefusedWith400() {
        for (String key : new String[] {null, "", "abc-1", "ABC", "ABC-0", "ABC-01", "1ABC-1", "ABC-1 OR project = X", "ABC-1\\\"", " ABC-1", "ABC-1\\n"}) {
            assertThatThrownBy(() -> parse(delivery("jira:issue_updated", key))).as(String.valueOf(key))
                    .isInstanceOfSatisfying(WebhookRefused.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> parse("{\"webhookEvent\":\"jira:issue_updated\"}")).as("no issue").isInstanceOf(WebhookRefused.class);
        assertThatThrownBy(() -> parse("{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":12}}")).as("a number")
                .isInstanceOf(WebhookRefused.class);
    }

    @Test
    void theTimestampIsWhenJiraSentIt() throws Exception {
        assertThat(Delivery.timestamp(Json.MAPPER.readTree("{\"timestamp\":1764600000000,\"webhookEvent\":\"jira:issue_deleted\"}")))
                .isEqualTo(1764600000000L);
        assertThat(Delivery.timestamp(Json.MAPPER.readTree("{\"webhookEvent\":\"jira:issue_deleted\"}"))).as("none").isNull();
        assertThat(Delivery.timestamp(Json.MAPPER.readTree("{\"timestamp\":\"yesterday\"}"))).as("not a number").isNull();
        assertThat(Delivery.timestamp(Json.MAPPER.readTree("{\"timestamp\":1.5}"))).as("not whole").isNull();
    }

    @Test
    void aDeliverySentBeforeTheNewestAcceptedForItsIssueIsOutOfOrder() {
        DeliveryOrder order = new DeliveryOrder();

        assertThat(order.inOrder("ABC-1", 2_000L)).isTrue();
        assertThat(order.inOrder("ABC-1", 1_000L)).as("older").isFalse();
        assertThat(order.inOrder("ABC-1", 2_000L)).as("as old: a retry, its repeat is the identifier's business").isTrue();
        assertThat(order.inOrder("ABC-1", 3_000L)).isTrue();
        assertThat(order.inOrder("ABC-1", 2_500L)).isFalse();
        assertThat(order.inOrder("ABC-2", 1_000L)).as("per issue").isTrue();
        assertThat(order.inOrder("ABC-1", null)).as("no timestamp: nothing to order by").isTrue();
        order.clear();
        assertThat(order.inOrder("ABC-1", 1_000L)).isTrue();
    }

    @Test
    void theOrderRemembersABoundedNumberOfIssues() {
        DeliveryOrder order = new DeliveryOrder();
        order.inOrder("ABC-1", 5_000L);
        for (int i = 2; i <= DeliveryOrder.REMEMBERED + 1; i++) {
            order.inOrder("ABC-" + i, 5_000L);
        }

        assertThat(order.inOrder("ABC-1", 1_000L)).as("the least recently seen issue was forgotten").isTrue();
        assertThat(order.inOrder("ABC-" + (DeliveryOrder.REMEMBERED + 1), 1_000L)).isFalse();
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedWith400() {
        for (String json : new String[] {"[]", "\"jira:issue_updated\"", "null", "42"}) {
            assertThatThrownBy(() -> parse(json)).as(json)
                    .isInstanceOfSatisfying(WebhookRefused.class, e -> assertThat(e.outcome()).isEqualTo("rejected_invalid"));
        }
        assertThatThrownBy(() -> Delivery.parse((JsonNode) null, AT)).isInstanceOf(WebhookRefused.class);
    }
}
