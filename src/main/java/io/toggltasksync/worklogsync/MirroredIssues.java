package io.toggltasksync.worklogsync;

import io.toggltasksync.model.Identity;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.Planner;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Jira issues the task sync mirrors, as the worklog planner needs them: each managed Toggl task's issue key,
 * and the set of keys (for the entries whose description names one). A task is a Jira issue's by the same rule
 * the task planner uses ({@link Planner#managedIdentity}): its integration fields say {@code jira} with the key as
 * external id, or, without them, the key of one of the run's Jira projects leads its name. Pure.
 *
 * @param issueOfTask Toggl task id → issue key
 * @param keys        every mirrored issue key, sorted
 */
public record MirroredIssues(Map<Long, String> issueOfTask, Set<String> keys) {

    private static final String JIRA = Identity.of(Provider.JIRA, "");

    public MirroredIssues {
        issueOfTask = Collections.unmodifiableMap(new LinkedHashMap<>(issueOfTask));
        keys = Collections.unmodifiableSet(new TreeSet<>(keys));
    }

    /** The Jira tasks among {@code tasks} (a run's snapshot), active or not: time tracked on a closed issue is still its time. */
    public static MirroredIssues of(Collection<TogglTask> tasks, IdentityRule identityRule) {
        Map<Long, String> issueOfTask = new LinkedHashMap<>();
        for (TogglTask task : tasks) {
            String identity = Planner.managedIdentity(task, identityRule);
            if (identity != null && identity.startsWith(JIRA) && identity.length() > JIRA.length()) {
                issueOfTask.put(task.id(), identity.substring(JIRA.length()));
            }
        }
        return new MirroredIssues(issueOfTask, new TreeSet<>(issueOfTask.values()));
    }
}
