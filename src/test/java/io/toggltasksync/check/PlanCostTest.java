package io.toggltasksync.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the first sync and the steady runs cost against the hourly quota, worked out from counts alone. */
class PlanCostTest {

    private static List<CheckLine> cost(long records, Map<Long, Long> tasks, int quota, Integer runsPerHour) {
        return new PlanCost(records, false, tasks, 200, quota, runsPerHour, 0).lines();
    }

    @Test
    void aSmallImportFitsInOneRun() {
        List<CheckLine> lines = cost(100, Map.of(1001L, 0L), 240, null);

        assertThat(lines.get(0).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(lines.get(0).detail()).contains("1 read(s) + at most 100 create(s) = 101 Toggl call(s)").contains("fits in one run");
    }

    @Test
    void aBigImportTakesHourlyRunsAndSaysSo() {
        // docs/costs.md's table: 1,000 rows on Starter take 5 hourly runs
        CheckLine first = cost(1000, Map.of(1001L, 0L), 240, null).get(0);

        assertThat(first.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(first.detail()).contains("about 5 hourly runs");
        assertThat(first.fix()).contains("run it hourly");
    }

    @Test
    void readsThatAloneSpendTheQuotaFail() {
        CheckLine first = cost(10, Map.of(1001L, 100_000L), 240, null).get(0);

        assertThat(first.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(first.fix()).contains("split the import by project");
    }

    @Test
    void withoutAScheduleItSaysHowManyRunsAnHourFit() {
        CheckLine steady = cost(1000, Map.of(1001L, 0L), 240, null).get(1);

        // a sweep reads 5 pages, a quiet run 1: 5 + (n - 1) <= 240
        assertThat(steady.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(steady.detail()).contains("the daily full sweep about 5").contains("up to 236 run(s) an hour fit");
    }

    @Test
    void aScheduleTooFrequentForTheQuotaIsAWarning() {
        CheckLine steady = cost(1000, Map.of(1001L, 0L, 1002L, 0L), 30, 60).get(1);

        assertThat(steady.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(steady.fix()).isEqualTo("run at most 13 time(s) an hour");
    }

    @Test
    void theScheduleIsReadAsTheSchedulerReadsIt() {
        assertThat(PreflightChecks.runsPerHour("0 */15 * * * ?")).isEqualTo(4);
        assertThat(PreflightChecks.runsPerHour("0 0 3 * * ?")).isEqualTo(1);
        assertThat(PreflightChecks.runsPerHour(null)).isNull();
        assertThat(PreflightChecks.runsPerHour("not a cron")).isNull();
    }
}
