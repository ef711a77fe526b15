package io.toggltasksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaForecastTest {

    @Test
    void nothingDeferredNeedsNoRun() {
        QuotaForecast f = QuotaForecast.of(0, 0, 240, 500, 1, 200);
        assertThat(f.runs()).isZero();
        assertThat(f.describe()).isEqualTo("nothing deferred");
    }

    @Test
    void eachRunWritesTheQuotaLeftAfterItsReads() {
        // 1,000 tasks, page 200: 5 reads a run leave 235 writes
        assertThat(QuotaForecast.of(235, 0, 240, 1000, 1, 200).runs()).isEqualTo(1);
        assertThat(QuotaForecast.of(236, 0, 240, 1000, 1, 200).runs()).isEqualTo(2);
        assertThat(QuotaForecast.of(236, 0, 240, 1000, 1, 200).readsNextRun()).isEqualTo(5);
    }

    @Test
    void readsGrowAsDeferredCreatesLand() {
        // docs/costs.md's table: 10,000 rows on Starter. The first run read 1 empty page and created 239.
        QuotaForecast starter = QuotaForecast.of(9_761, 9_761, 240, 239, 1, 200);
        assertThat(starter.runs()).isEqualTo(46); // 47 runs in all
        assertThat(starter.describe()).contains("about 46 more run(s)", "240 calls/hour", "(2 next run)");
        // without growth (only updates deferred) the same backlog fits in fewer runs
        assertThat(QuotaForecast.of(9_761, 0, 240, 239, 1, 200).runs()).isEqualTo(42);
        // Premium: first run created 599
        assertThat(QuotaForecast.of(9_401, 9_401, 600, 599, 1, 200).runs()).isEqualTo(17);
    }

    @Test
    void readsThatUseUpTheQuotaNeverFinish() {
        QuotaForecast f = QuotaForecast.of(10, 0, 240, 48_000, 1, 200);
        assertThat(f.finishes()).isFalse();
        assertThat(f.runs()).isEqualTo(-1);
        assertThat(f.describe()).contains("use up the hourly quota of 240");
    }

    @Test
    void readsAreOnePagePerProjectAtLeast() {
        assertThat(QuotaForecast.reads(0, 2, 200)).isEqualTo(2);
        assertThat(QuotaForecast.reads(200, 1, 200)).isEqualTo(1);
        assertThat(QuotaForecast.reads(201, 1, 200)).isEqualTo(2);
        assertThat(QuotaForecast.reads(100_000, 3, 200)).isEqualTo(500);
    }

    @Test
    void aSweepReadsEachProjectsPagesAndOnePageOfAnEmptyProject() {
        assertThat(QuotaForecast.sweepReads(java.util.List.of(0L, 300L, 200L), 200)).isEqualTo(1 + 2 + 1);
        assertThat(QuotaForecast.sweepReads(java.util.List.of(), 200)).isZero();
    }
}
