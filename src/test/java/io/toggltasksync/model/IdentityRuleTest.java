package io.toggltasksync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A source's identity rule: the names it claims, and nothing else. */
class IdentityRuleTest {

    private final IdentityRule rule = IdentityRule.leadingKeys(Provider.JIRA, Set.of("ABC"));

    @Test
    void claimsANameLedByAKeyOfItsProjects() {
        assertThat(rule.identityOf("ABC-12 Login")).isEqualTo("jira:ABC-12");
        assertThat(rule.identityOf("ABC-12")).isEqualTo("jira:ABC-12");
    }

    @Test
    void leavesOtherNamesAlone() {
        assertThat(rule.identityOf("XYZ-12 Login")).as("another project").isNull();
        assertThat(rule.identityOf("ABC-12: Login")).as("not a key followed by a space").isNull();
        assertThat(rule.identityOf("Login ABC-12")).as("not leading").isNull();
        assertThat(rule.identityOf(null)).isNull();
        assertThat(IdentityRule.NONE.identityOf("ABC-12 Login")).isNull();
        assertThat(IdentityRule.leadingKeys(Provider.JIRA, Set.of())).isEqualTo(IdentityRule.NONE);
    }

    @Test
    void takesTheProjectKeysOfRecords() {
        IdentityRule wider = IdentityRule.NONE.andKeysOf(Provider.JIRA, List.of("XYZ-3", "MY_P2-40"));
        assertThat(wider.keys()).containsExactlyInAnyOrder("XYZ", "MY_P2");
        assertThat(wider.identityOf("MY_P2-40 Ship")).isEqualTo("jira:MY_P2-40");
        assertThat(rule.andKeysOf(Provider.JIRA, List.of()).keys()).containsExactly("ABC");
    }
}
