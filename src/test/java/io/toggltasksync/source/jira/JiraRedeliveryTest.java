package io.toggltasksync.source.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.junit.jupiter.api.Test;

/** Jira's error handlers retry on Jira's own policy, with the values the runs had before it had one (the toggl.* retry settings). */
@QuarkusTest
class JiraRedeliveryTest {

    @Inject
    @Named("jiraRedelivery")
    RedeliveryPolicy retried;

    @Inject
    @Named("togglRedelivery")
    RedeliveryPolicy toggl;

    @Inject
    @Named("jiraNoRedelivery")
    RedeliveryPolicy notRetried;

    @Test
    void itsValuesAreTodaysAndItsBeanIsItsOwn() {
        assertThat(retried).isNotSameAs(toggl);
        assertThat(retried.getMaximumRedeliveries()).isEqualTo(toggl.getMaximumRedeliveries()).isEqualTo(4);
        assertThat(retried.getRedeliveryDelay()).isEqualTo(toggl.getRedeliveryDelay()).as("%test.toggl.retry-delay-ms").isEqualTo(5);
        assertThat(retried.getMaximumRedeliveryDelay()).isEqualTo(toggl.getMaximumRedeliveryDelay()).isEqualTo(20);
        assertThat(retried.isUseExponentialBackOff()).isTrue();
        assertThat(notRetried.getMaximumRedeliveries()).isZero();
    }
}
