package io.toggltasksync.source.csv;

import io.toggltasksync.source.RecordRejected;
import io.toggltasksync.source.TaskValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Estimates as spreadsheets and trackers write them: the units people use, read to whole seconds. */
class DurationCellsTest {

    private static Long hours(String cell) {
        return TaskValues.duration(cell, 3600, "Hours");
    }

    @Test
    void bareNumbersAreInTheColumnsUnit() {
        assertThat(hours("2")).isEqualTo(7200L);
        assertThat(hours("1.5")).isEqualTo(5400L);
        assertThat(hours("1,5")).isEqualTo(5400L);
        assertThat(hours("0,75")).isEqualTo(2700L);
        assertThat(TaskValues.duration("90", 60, "Minutes")).isEqualTo(5400L);
        assertThat(TaskValues.duration("0.5", 60, "Minutes")).isEqualTo(30L);
    }

    @Test
    void cellsMayNameTheirUnitOrBeAClock() {
        assertThat(hours("1.5h")).isEqualTo(5400L);
        assertThat(hours("90m")).isEqualTo(5400L);
        assertThat(hours("90 min")).isEqualTo(5400L);
        assertThat(hours("1h 30m")).isEqualTo(5400L);
        assertThat(hours("1h30m")).isEqualTo(5400L);
        assertThat(hours("2 Std")).isEqualTo(7200L);
        assertThat(hours("45s")).isEqualTo(45L);
        assertThat(hours("1:30")).isEqualTo(5400L);
        assertThat(hours("0:45:30")).isEqualTo(2730L);
        assertThat(hours("  ")).isNull();
    }

    @Test
    void fractionsOfASecondAreRounded() {
        assertThat(hours("0.0001")).isEqualTo(0L);
        assertThat(TaskValues.duration("0.01", 60, "m")).isEqualTo(1L);
    }

    @Test
    void anythingElseIsRejectedNamingTheColumnAndTheUnit() {
        for (String bad : new String[] {"viel", "-1", "1.5d", "1:75", "1 30", "1h 30", "h", "1..5", "1e3"}) {
            assertThatThrownBy(() -> hours(bad)).as(bad).isInstanceOf(RecordRejected.class)
                    .hasMessage("Hours must be a duration such as 1.5, 1.5h, 90m or 1:30 (a bare number is hours), got '" + bad + "'");
        }
        assertThatThrownBy(() -> TaskValues.duration("x", 60, "Min")).hasMessageEndingWith("(a bare number is minutes), got 'x'");
    }
}
