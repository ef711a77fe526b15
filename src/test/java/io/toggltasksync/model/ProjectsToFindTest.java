package io.toggltasksync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a source hands on about its projects: each key once (with the first name given), and which records wait. */
class ProjectsToFindTest {

    private static SourceTask task(String id, long projectId) {
        return new SourceTask(Provider.JIRA, id, id + " x", projectId, null, true, 1);
    }

    @Test
    void eachKeyOnceWithTheFirstNameGivenAndOnlyWaitingRecordsListed() {
        ProjectsToFind.Builder b = new ProjectsToFind.Builder();
        b.task(task("A-1", SourceTask.PROJECT_TO_FIND), new SourceProject("A", ""));
        b.task(task("A-2", SourceTask.PROJECT_TO_FIND), new SourceProject(" A ", "Alpha"));
        b.task(task("B-1", 1001), new SourceProject("B", "Beta"));
        b.task(task("C-1", 1001), null);

        ProjectsToFind found = b.build();

        assertThat(found.seen()).containsExactly(new SourceProject("A", "Alpha"), new SourceProject("B", "Beta"));
        assertThat(found.keyOf()).isEqualTo(Map.of("jira:A-1", "A", "jira:A-2", "A"));
        assertThat(found.waiting()).isTrue();
    }

    @Test
    void aBatchWithoutProjectsHasNone() {
        assertThat(new ProjectsToFind.Builder().build()).isSameAs(ProjectsToFind.NONE);
        assertThat(new SourceBatch("x", List.of(), List.of(), IdentityRule.NONE).projects().waiting()).isFalse();
    }
}
