package io.toggltasksync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.k8s.PromqlNames.Selector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metric-name extractor MonitoringTest and ExportedMetricsTest rely on. */
class PromqlNamesTest {

    @Test
    void aBareSelectorAndOneWithMatchersAreNames() {
        assertThat(PromqlNames.of("up")).containsExactly("up");
        assertThat(PromqlNames.of("sync_runs_total{outcome=\"in_sync\", job=~\"toggl-.*\"}")).containsExactly("sync_runs_total");
    }

    @Test
    void functionsAggregationsGroupingLabelsAndDurationsAreNot() {
        String expr = "sum by (namespace, job, outcome) (increase(sync_records_total{outcome=~\"failed|rejected\"}[1h] offset 5m)) > 0";
        assertThat(PromqlNames.of(expr)).containsExactly("sync_records_total");
        assertThat(PromqlNames.of("max(rate(a_total[5m])) without (instance, pod)")).containsExactly("a_total");
        assertThat(PromqlNames.of("histogram_quantile(0.95, sum by (le) (rate(lag_seconds_bucket[$__rate_interval])))"))
                .containsExactly("lag_seconds_bucket");
        assertThat(PromqlNames.of("max_over_time(x[1h:5m]) @ end()")).containsExactly("x");
    }

    @Test
    void binaryOperatorsAndVectorMatchingKeepBothSidesNames() {
        String expr = """
                a > 0
                  and on (namespace, job) group_left(outcome)
                time() - b < 3600
                or c unless d == bool 1 and e atan2 f
                """;
        assertThat(PromqlNames.of(expr)).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(PromqlNames.of("x / ignoring(le) y * on() group_right() z")).containsExactly("x", "y", "z");
    }

    @Test
    void stringsNumbersVariablesAndCommentsAreNot() {
        assertThat(PromqlNames.of("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*) or (sum)\")")).containsExactly("up");
        assertThat(PromqlNames.of("x{job=~\"$job\", a='it''s'} * 1e3 + 0x1f - .5 + Inf + NaN # a trailing metric_name comment"))
                .containsExactly("x");
        assertThat(PromqlNames.of("topk($n, y{job=\"${job}\"})")).containsExactly("y");
    }

    @Test
    void aNameGivenAsALabelMatcherIsOne() {
        assertThat(PromqlNames.of("{__name__=\"sync_runs_total\", outcome=\"aborted\"}")).containsExactly("sync_runs_total");
        assertThat(PromqlNames.of("{__name__=~\"sync_.*\"}")).as("a pattern names no one metric").isEmpty();
    }

    @Test
    void keywordsAreCaseInsensitiveAndColonsBelongToNames() {
        assertThat(PromqlNames.of("SUM BY (job) (job:sync_runs:rate1h) AND ON (job) other")).containsExactly("job:sync_runs:rate1h", "other");
    }

    @Test
    void selectorsKeepTheLabelValuesTheyMatchOnButNotPatternsOrVariables() {
        String expr = "sum by (outcome) (increase(sync_records_total{job=~\"$job\", outcome=~\"failed|rejected\"}[1h]))"
                + " / ignoring(outcome) group_left sync_runs_total {outcome != \"aborted\", job=~\"toggl-.*\"}"
                + " + max(jira_webhook_lag_seconds{quantile=\"0.95\"}) + up";
        assertThat(PromqlNames.selectors(expr)).containsExactly(
                new Selector("sync_records_total", Map.of("outcome", Set.of("failed", "rejected"))),
                new Selector("sync_runs_total", Map.of("outcome", Set.of("aborted"))),
                new Selector("jira_webhook_lag_seconds", Map.of("quantile", Set.of("0.95"))),
                new Selector("up", Map.of()));
        assertThat(PromqlNames.selectors("{__name__=\"sync_runs_total\", outcome=\"in_sync\"}"))
                .isEqualTo(List.of(new Selector("sync_runs_total", Map.of("outcome", Set.of("in_sync")))));
    }
}
