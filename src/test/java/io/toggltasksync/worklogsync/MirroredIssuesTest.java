package io.toggltasksync.worklogsync;

import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.Provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.TogglTask;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Toggl tasks are which Jira issue for the worklogs: the task planner's rule, Jira's tasks only. */
class MirroredIssuesTest {

    private static TogglTask task(long id, String name, boolean active, String provider, String extId) {
        return new TogglTask(id, 42L, 1001, name, null, active, provider, provider == null ? null : "issue", extId);
    }

    @Test
    void jiraTasksByTheirIntegrationFieldsAndAdoptedByTheirLeadingKey() {
        MirroredIssues issues = MirroredIssues.of(List.of(
                task(1, "ABC-12 Login", true, "jira", "ABC-12"),
                // closed in Jira: its time is still its issue's
                task(2, "ABC-13 Signup", false, "jira", "ABC-13"),
                // Toggl lost the fields: known by the key of a Jira project of the run that leads its name
                task(3, "ABC-14 Logout", true, null, null),
                // a key of a project this run does not mirror
                task(4, "XYZ-1 Elsewhere", true, null, null),
                // another provider's task, even with a key in its name
                task(5, "ABC-15 Row", true, "csv", "row-15"),
                // a person's task
                task(6, "Meetings", true, null, null)), IdentityRule.leadingKeys(Provider.JIRA, Set.of("ABC")));

        assertThat(issues.issueOfTask()).isEqualTo(Map.of(1L, "ABC-12", 2L, "ABC-13", 3L, "ABC-14"));
        assertThat(issues.keys()).containsExactly("ABC-12", "ABC-13", "ABC-14");
    }

    @Test
    void twoTasksOfOneIssueShareItsKey() {
        MirroredIssues issues = MirroredIssues.of(List.of(task(1, "ABC-12 Login", true, "jira", "ABC-12"),
                task(2, "ABC-12 Login (copy)", true, null, null)), IdentityRule.leadingKeys(Provider.JIRA, Set.of("ABC")));

        assertThat(issues.issueOfTask()).isEqualTo(Map.of(1L, "ABC-12", 2L, "ABC-12"));
        assertThat(issues.keys()).containsExactly("ABC-12");
    }

    @Test
    void noTasksNoIssues() {
        MirroredIssues issues = MirroredIssues.of(List.of(), IdentityRule.leadingKeys(Provider.JIRA, Set.of("ABC")));

        assertThat(issues.issueOfTask()).isEmpty();
        assertThat(issues.keys()).isEmpty();
    }
}
