package io.toggltasksync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A burst of deliveries for one issue as one event. */
class IssueEventTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static IssueEvent at(int second, boolean deleted) {
        return new IssueEvent("ABC-1", deleted, T0.plusSeconds(second), 1);
    }

    @Test
    void theBurstKeepsItsEarliestReceiptAndCountsEveryDelivery() {
        IssueEvent burst = at(5, false).and(at(1, false)).and(at(9, false));

        assertThat(burst.received()).isEqualTo(T0.plusSeconds(1));
        assertThat(burst.deliveries()).isEqualTo(3);
        assertThat(burst.deleted()).isFalse();
        assertThat(burst.issueKey()).isEqualTo("ABC-1");
        assertThat(new IssueEvent("ABC-1", false, T0, 2).and(new IssueEvent("ABC-1", false, T0, 3)).deliveries()).isEqualTo(5);
    }

    @Test
    void aDeletionSticksWhateverComesAfter() {
        assertThat(at(1, true).and(at(2, false)).deleted()).isTrue();
        assertThat(at(1, false).and(at(2, true)).and(at(3, false)).deleted()).isTrue();
    }

    @Test
    void onlyAnIssueKeyMakesAnEvent() {
        assertThat(new IssueEvent("ABC-1", false, T0, 1).identity()).isEqualTo(Identity.of(Provider.JIRA, "ABC-1"));
        assertThat(new IssueEvent("ABC-1", false, T0, 1).projectKey()).isEqualTo("ABC");
        assertThatThrownBy(() -> new IssueEvent("ABC-1 OR project = X", false, T0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssueEvent("ABC-1", false, null, 1)).isInstanceOf(NullPointerException.class);
    }
}
