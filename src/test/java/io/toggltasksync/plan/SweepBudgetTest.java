package io.toggltasksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pages one run reads for the sweep spread over runs: exact cases, then every combination of a grid against the rules. */
class SweepBudgetTest {

    private static final long SPAN = 18 * 3600;

    /** A fresh sweep of {@code total} pages, {@code elapsed} seconds after it began. */
    private static SweepBudget.Position fresh(long total, long elapsed) {
        return new SweepBudget.Position(total, 0, total, elapsed, SPAN);
    }

    @Test
    void starterEveryFiveMinutesSharesTheHourTwelveWays() {
        // 240 / 12 runs = 20 a run, less 1 incremental read and the 2 writes the last run made
        SweepBudget b = SweepBudget.of(240, 300, 1, 2, fresh(500, 0), true, false);
        assertThat(b.runsPerHour()).isEqualTo(12);
        assertThat(b.share()).isEqualTo(17);
        assertThat(b.pages()).isEqualTo(17);
        assertThat(b.runsFor(500)).isEqualTo(30);
    }

    @Test
    void onScheduleItReadsThePagesDueByNowAndNoMore() {
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(500, 0), false, false).pages()).as("nothing due yet").isZero();
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(500, 300), false, false).pages()).as("2 due (500 * 300 / 64800), and one to move past "
                + "a page read again").isEqualTo(3);
        // half way, 240 read: 10 due, and one more
        SweepBudget half = SweepBudget.of(240, 300, 1, 0, new SweepBudget.Position(261, 240, 500, SPAN / 2, SPAN), false, false);
        assertThat(half.paced()).isEqualTo(11);
        assertThat(half.pages()).isEqualTo(11);
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(1, SPAN - 1), false, false).pages()).as("a one-page sweep: read at its target")
                .isZero();
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(1, SPAN), false, false).completes(1)).isTrue();
    }

    @Test
    void pastItsTargetOrInAHurryItTakesTheWholeShare() {
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(500, SPAN), false, false).pages()).isEqualTo(19);
        assertThat(SweepBudget.of(240, 300, 1, 0, new SweepBudget.Position(500, 0, 500, 10, 0), false, false).pages()).isEqualTo(19);
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(500, 0), true, false).pages()).isEqualTo(19);
    }

    @Test
    void aFullSweepAskedForMayTakeTheWholeHourInOneRun() {
        SweepBudget whole = SweepBudget.of(240, 300, 1, 0, fresh(200, 0), true, true);
        assertThat(whole.runsPerHour()).isEqualTo(1);
        assertThat(whole.pages()).isEqualTo(200);
        assertThat(whole.completes(200)).isTrue();
        assertThat(SweepBudget.of(240, 300, 1, 0, fresh(500, 0), true, true).completes(500)).as("500 pages do not fit in 239").isFalse();
    }

    @Test
    void anUnknownCadenceCountsAsARunAMinuteAndOwnWorkBeyondTheShareLeavesNothing() {
        assertThat(SweepBudget.of(240, 0, 1, 0, fresh(500, 0), true, false).share()).isEqualTo(3); // 240/60 - 1
        assertThat(SweepBudget.of(240, 300, 5, 30, fresh(500, 0), true, false).pages()).isZero();
        assertThat(SweepBudget.of(240, 300, 5, 30, fresh(500, 0), true, false).runsFor(500)).isEqualTo(-1);
        assertThat(SweepBudget.of(240, 300, 1, 0, new SweepBudget.Position(0, 500, 500, SPAN, SPAN), false, false).pages()).isZero();
        assertThat(SweepBudget.of(240, 300, 1, 0, new SweepBudget.Position(0, 500, 500, SPAN, SPAN), false, false).completes(0))
                .as("nothing left: the run completes it (a Jira run still searching in full)").isTrue();
    }

    @Test
    void everyCombinationKeepsTheRules() {
        int cases = 0;
        for (int quota : new int[] {30, 240, 600, 5000}) {
            for (long gap : new long[] {-5, 0, 1, 60, 300, 900, 3600, 86_400}) {
                for (long own : new long[] {0, 1, 17, 239, 10_000}) {
                    for (long total : new long[] {0, 1, 2, 17, 500, 5_000}) {
                        for (long done : new long[] {0, 1, 16, 250, 4_999}) {
                            for (long elapsed : new long[] {-60, 0, 299, 3600, SPAN / 2, SPAN - 1, SPAN, 10 * SPAN}) {
                                for (long span : new long[] {-1, 0, SPAN}) {
                                    for (int flags = 0; flags < 4; flags++) {
                                        long d = Math.min(done, total);
                                        long left = total - d + (d > 0 && d < total ? 1 : 0);
                                        check(quota, gap, own, new SweepBudget.Position(left, d, total, elapsed, span), (flags & 1) != 0,
                                                (flags & 2) != 0);
                                        cases++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(4 * 8 * 5 * 6 * 5 * 8 * 3 * 4);
    }

    private static void check(int quota, long gap, long own, SweepBudget.Position at, boolean hurry, boolean whole) {
        SweepBudget b = SweepBudget.of(quota, gap, 1, own, at, hurry, whole);
        String where = quota + "/" + gap + "/" + own + "/" + at + "/" + hurry + "/" + whole;
        assertThat(b.pages()).as(where).isBetween(0L, at.pagesLeft());
        assertThat(b.pages()).as(where + ": never more than the quota leaves").isLessThanOrEqualTo(b.share());
        assertThat(b.runsPerHour()).as(where).isPositive();
        assertThat(b.pages() + 1 + own).as(where + ": the run stays within its share of the hour, unless its own work alone is over it")
                .isLessThanOrEqualTo(Math.max(quota / b.runsPerHour(), 1 + own));
        if (whole) {
            assertThat(b.runsPerHour()).as(where).isEqualTo(1);
        }
        boolean pastTarget = at.spanSeconds() <= 0 || at.elapsedSeconds() >= at.spanSeconds();
        if (hurry || pastTarget) {
            assertThat(b.pages()).as(where + ": all it may").isEqualTo(Math.min(at.pagesLeft(), b.share()));
        } else {
            long due = at.pagesTotal() * Math.max(0, at.elapsedSeconds()) / at.spanSeconds();
            assertThat(b.pages()).as(where + ": never ahead of schedule (but the page read again)")
                    .isLessThanOrEqualTo(Math.max(0, due - at.pagesDone() + 1));
            if (b.share() >= b.paced()) {
                assertThat(at.pagesDone() + b.pages()).as(where + ": back on schedule").isGreaterThanOrEqualTo(Math.min(due, at.pagesTotal()));
            }
        }
        assertThat(b.completes(at.pagesLeft())).as(where).isEqualTo(b.pages() >= at.pagesLeft());
        assertThat(SweepBudget.of(quota * 2, gap, 1, own, at, hurry, whole).pages()).as(where + ": more quota, never fewer pages")
                .isGreaterThanOrEqualTo(b.pages());
    }
}
