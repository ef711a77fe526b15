package io.toggltasksync.source.jira;

import static org.assertj.core.api.Assertions.assertThat;

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
}
