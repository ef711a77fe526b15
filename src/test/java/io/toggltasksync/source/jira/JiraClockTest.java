package io.toggltasksync.source.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental window against Jira's clock: widened once when Jira says more time passed. */
class JiraClockTest {

    static final long LAST = 1_796_025_600L;

    @Test
    void aWindowThatCoversTheTimeSinceTheLastSearchStays() {
        JiraClock clock = new JiraClock(new JiraWindow(25), LAST);

        assertThat(clock.firstAnswer(LAST + 15 * 60)).isNull();
        assertThat(clock.window().minutes()).isEqualTo(25);
        assertThat(clock.searchJiraTime()).isEqualTo(LAST + 15 * 60);
    }

    @Test
    void whenJiraSaysMoreTimePassedTheWindowWidensOnceToCoverItWithTheOverlap() {
        JiraClock clock = new JiraClock(new JiraWindow(25), LAST);

        JiraWindow wider = clock.firstAnswer(LAST + 2 * 3600 + 1);

        assertThat(wider.minutes()).isEqualTo(121 + JiraWindow.OVERLAP_MINUTES);
        assertThat(clock.window()).isEqualTo(wider);
        assertThat(clock.firstAnswer(LAST + 2 * 3600 + 5)).as("the search that starts again is not widened again").isNull();
        assertThat(clock.searchJiraTime()).isEqualTo(LAST + 2 * 3600 + 5);
    }

    @Test
    void aFullSearchOrAnUnknownLastTimeOnlyRecordsJirasTime() {
        JiraClock full = new JiraClock(null, LAST);
        JiraClock unknown = new JiraClock(new JiraWindow(25), null);

        assertThat(full.firstAnswer(LAST + 86_400)).isNull();
        assertThat(unknown.firstAnswer(LAST + 86_400)).isNull();
        assertThat(full.searchJiraTime()).isEqualTo(LAST + 86_400);
        assertThat(unknown.window().minutes()).isEqualTo(25);
    }

    @Test
    void afterAnIncrementalSearchTheChangedIssuesGoOnTopAndTheRuleClaimsEveryKnownProject() {
        JiraClock clock = new JiraClock(new JiraWindow(25), LAST);
        SourceTask one = new SourceTask(Provider.JIRA, "ABC-1", "ABC-1 Old", 7L, null, true, 1);
        SourceTask two = new SourceTask(Provider.JIRA, "ABC-2", "ABC-2 Two", 7L, null, true, 2);
        SourceTask other = new SourceTask(Provider.JIRA, "XYZ-3", "XYZ-3 Three", 8L, null, true, 3);
        SourceTask renamed = new SourceTask(Provider.JIRA, "ABC-1", "ABC-1 New", 7L, null, false, 1);
        SourceBatch changed = new SourceBatch("Jira issues", List.of(renamed), List.of(new SourceRejection(2, "ABC-2", "no summary")),
                IdentityRule.leadingKeys(Provider.JIRA, List.of("ABC")));

        SourceBatch desired = clock.desiredSet(changed, List.of(one, two, other));

        assertThat(desired.tasks()).containsExactly(renamed, other);
        assertThat(desired.rejections()).isEqualTo(changed.rejections());
        assertThat(desired.identityRule()).isEqualTo(IdentityRule.leadingKeys(Provider.JIRA, List.of("ABC", "XYZ")));
        assertThat(desired.description()).isEqualTo("Jira issues on top of the 3 issue(s) the sync state knows");
        assertThat(new JiraClock(null, LAST).desiredSet(changed, List.of(one, two, other))).as("a full search is the desired set")
                .isSameAs(changed);
    }
}
