package io.toggltasksync.k8s;

import static io.toggltasksync.k8s.KustomizeRenderTest.JIRA_CRONJOB;
import static io.toggltasksync.k8s.KustomizeRenderTest.SCHEDULED;
import static io.toggltasksync.k8s.KustomizeRenderTest.effectiveEnv;
import static io.toggltasksync.k8s.KustomizeRenderTest.one;
import static io.toggltasksync.k8s.KustomizeRenderTest.scheduleIntervalSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The monitoring overlay k8s/monitoring: what it renders, the ServiceMonitor against the app's
 * Service, the PrometheusRule's shape and its numbers against the workloads' schedules and deadline,
 * a runbook per alert, and a dashboard Grafana imports as is. That every metric the queries read is
 * one the app exports: {@link ExportedMetricsTest}. Needs {@code kubectl} on the PATH, as
 * {@link KustomizeRenderTest} does.
 */
class MonitoringTest {

    static final String NO_SUCCESS = "TogglTaskSyncNoSuccessfulSync";
    static final String METRICS_MISSING = "TogglTaskSyncMetricsMissing";
    static final String NEAR_DEADLINE = "TogglTaskSyncRunNearDeadline";
    /** The alerts the issue asks for (and one for no data at all). */
    static final List<String> ALERTS = List.of(NO_SUCCESS, METRICS_MISSING, "TogglTaskSyncRecordsFailed", "TogglTaskSyncGuardTripped",
            "TogglTaskSyncQuotaLow", NEAR_DEADLINE, "TogglTaskSyncWebhookSignaturesRejected",
            "TogglTaskSyncWebhookContentTypeRefused", "TogglTaskSyncWebhookQueueFull", "TogglTaskSyncSweepOverdue");
    /** A run that took this share of the CronJob's deadline is near it. */
    static final double NEAR_DEADLINE_SHARE = 0.8;
    static final int CADENCES_WITHOUT_SUCCESS = 3;
    static final Set<String> RULE_FIELDS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    static final Path K8S_README = KustomizeRenderTest.K8S.resolve("README.md");
    static final String DATASOURCE = "${datasource}";

    // ---------------------------------------------------------------- what the overlay renders

    @Test
    void theOverlayRendersTheServiceMonitorTheRulesAndTheDashboardForThePrometheusOperator() {
        assertThat(MonitoringManifests.rendered()).extracting(d -> d.path("kind").asText())
                .containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule", "ConfigMap");
        for (String kind : List.of("ServiceMonitor", "PrometheusRule")) {
            JsonNode doc = MonitoringManifests.one(kind);
            assertThat(doc.path("apiVersion").asText()).as(kind).isEqualTo("monitoring.coreos.com/v1");
            // kube-prometheus-stack's Prometheus selects both by its Helm release name
            assertThat(doc.path("metadata").path("labels").path("release").asText()).as("%s label release", kind).isNotBlank();
            assertThat(doc.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo("toggl-task-sync");
        }
        JsonNode configMap = MonitoringManifests.one("ConfigMap");
        assertThat(configMap.path("metadata").path("name").asText()).as("a fixed name: no hash suffix, no second copy in Grafana")
                .isEqualTo(MonitoringManifests.DASHBOARD_CONFIGMAP);
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).as("the Grafana sidecar's label")
                .isEqualTo("1");
    }

    @Test
    void theServiceMonitorScrapesTheDeploymentsServiceOnItsMetricsPath() {
        JsonNode spec = MonitoringManifests.one("ServiceMonitor").path("spec");
        Map<String, String> selector = new LinkedHashMap<>();
        spec.path("selector").path("matchLabels").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
        assertThat(selector).as("a selector that names the app's Service only").containsKey("app.kubernetes.io/component");
        JsonNode endpoint = spec.path("endpoints").get(0);
        assertThat(spec.path("endpoints")).hasSize(1);
        for (String overlay : SCHEDULED) {
            Service service = one(overlay, Service.class);
            assertThat(service.getMetadata().getLabels()).as("%s: the Service carries the ServiceMonitor's selector", overlay)
                    .containsAllEntriesOf(selector);
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).as(overlay).contains(endpoint.path("port").asText());
            assertThat(endpoint.path("path").asText()).as("the path the Service announces")
                    .isEqualTo(service.getMetadata().getAnnotations().get("prometheus.io/path")).isEqualTo("/q/metrics");
        }
        // the job label of scraped samples is the Service's name: the rules select the mirror by it
        assertThat(spec.has("jobLabel")).isFalse();
        assertThat(one(SCHEDULED.get(0), Service.class).getMetadata().getName()).isEqualTo("toggl-task-sync");
    }

    // ---------------------------------------------------------------- the rules

    @Test
    void theRulesHaveThePrometheusRuleShapeAndEveryAlertItsRunbook() throws IOException {
        JsonNode spec = MonitoringManifests.one("PrometheusRule").path("spec");
        assertThat(fieldNames(spec)).containsExactly("groups");
        assertThat(spec.path("groups")).isNotEmpty();
        for (JsonNode group : spec.path("groups")) {
            assertThat(fieldNames(group)).as("a rule group").containsExactlyInAnyOrder("name", "rules");
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(RULE_FIELDS).as("fields of %s", alert).containsAll(fieldNames(rule));
                assertThat(alert).as("an alerting rule").matches("TogglTaskSync[A-Z][A-Za-z]+");
                assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
                if (rule.has("for")) {
                    assertThat(seconds(rule.path("for").asText())).as("%s for", alert).isPositive();
                }
                assertThat(rule.path("labels").path("severity").asText()).as("%s severity", alert).isIn(SEVERITIES);
                assertThat(fieldNames(rule.path("annotations"))).as("%s annotations", alert)
                        .contains("summary", "description", "runbook_url");
                assertThat(rule.path("annotations").path("runbook_url").asText()).as("%s runbook_url", alert)
                        .isEqualTo(MonitoringManifests.RUNBOOK_PREFIX + alert.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(MonitoringManifests.alerts().keySet()).containsExactlyInAnyOrderElementsOf(ALERTS);
        // each alert's runbook is the heading "### <alert>" in k8s/README.md (GitHub's anchor: the name in lower case),
        // and no runbook is left for an alert that is gone
        Set<String> headings = Files.readAllLines(K8S_README).stream().filter(l -> l.startsWith("### TogglTaskSync"))
                .map(l -> l.substring(4).trim()).collect(Collectors.toSet());
        assertThat(headings).as("runbook headings in k8s/README.md").containsExactlyInAnyOrderElementsOf(ALERTS);
    }

    /**
     * 45 min without a success is 3 runs of the 15-minute schedule, of the CronJob and of the
     * Deployment alike; "near the deadline" is 80% of the CronJob's activeDeadlineSeconds. Change
     * either in the manifests and this says the rules must follow.
     */
    @Test
    void theRulesNumbersFollowTheWorkloadsScheduleAndDeadline() {
        CronJob cronJob = one(JIRA_CRONJOB, CronJob.class);
        long cadence = scheduleIntervalSeconds(cronJob.getSpec().getSchedule());
        for (String overlay : SCHEDULED) {
            String quartz = effectiveEnv(overlay, one(overlay, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0))
                    .get("SYNC_SCHEDULE");
            assertThat(cadenceOfQuarkusCron(quartz)).as("%s: SYNC_SCHEDULE %s runs as often as the CronJob (one rule serves both)", overlay, quartz)
                    .isEqualTo(cadence);
        }
        JsonNode noSuccess = MonitoringManifests.alerts().get(NO_SUCCESS);
        long staleAfter = lastComparison(noSuccess.path("expr").asText());
        assertThat(staleAfter).as("%s: %d runs of the %d-s schedule", NO_SUCCESS, CADENCES_WITHOUT_SUCCESS, cadence)
                .isEqualTo(CADENCES_WITHOUT_SUCCESS * cadence);
        assertThat(ranges(noSuccess.path("expr").asText())).as("%s: its windows must hold the last success", NO_SUCCESS)
                .isNotEmpty().allSatisfy(r -> assertThat(r).isGreaterThan(staleAfter));
        assertThat(seconds(MonitoringManifests.alerts().get(METRICS_MISSING).path("for").asText())).as(METRICS_MISSING)
                .isEqualTo(CADENCES_WITHOUT_SUCCESS * cadence);

        long deadline = cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds();
        long near = lastComparison(MonitoringManifests.alerts().get(NEAR_DEADLINE).path("expr").asText());
        assertThat(near).as("%s: %.0f%% of the CronJob's activeDeadlineSeconds %d", NEAR_DEADLINE, NEAR_DEADLINE_SHARE * 100, deadline)
                .isEqualTo(Math.round(NEAR_DEADLINE_SHARE * deadline));
    }

    /**
     * A pod serves one source, and each receiver counts under its own names ({@code jira_webhook_*},
     * {@code github_webhook_*}): an alert or a panel that reads one receiver's series reads the other's too, so a GitHub
     * Deployment is watched as a Jira one is.
     */
    @Test
    void everyWebhookAlertAndPanelWatchesBothReceivers() {
        List<String> oneSided = new ArrayList<>();
        MonitoringManifests.metricNames().forEach((where, names) -> names.stream().filter(n -> n.startsWith("jira_webhook_"))
                .filter(n -> !names.contains("github_" + n.substring("jira_".length()))).forEach(n -> oneSided.add(where + ": " + n)));
        assertThat(oneSided).as("webhook series read for Jira's receiver without GitHub's").isEmpty();
    }

    // ---------------------------------------------------------------- the dashboard

    @Test
    void theDashboardImportsAsIsWithADatasourceVariableAndNoFixedDatasource() {
        JsonNode dashboard = MonitoringManifests.dashboard();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.has("id") && !dashboard.path("id").isNull()).as("no instance-specific id").isFalse();
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables).containsKeys("datasource", "job");
        assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");

        // every Prometheus datasource reference is the variable, never a uid of one Grafana
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        MonitoringManifests.walk(dashboard, "$", nodes);
        List<String> fixed = new ArrayList<>();
        nodes.forEach((path, node) -> {
            if (path.endsWith(".datasource") && !node.path("type").asText().equals("grafana")) {
                String uid = node.isObject() ? node.path("uid").asText() : node.asText();
                if (!uid.equals(DATASOURCE)) {
                    fixed.add(path + " = " + node);
                }
            }
        });
        assertThat(fixed).as("datasources not taken from the variable").isEmpty();
        assertThat(dashboard.has("__inputs")).as("no import-time inputs: the variable does their job").isFalse();

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : MonitoringManifests.panels()) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", title).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("description").asText()).as("%s says which data it needs", title).containsAnyOf("scraped", "pushed");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("%s %s", title, target.path("refId").asText()).contains("job=~\"$job\"");
            }
        }
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() {
        Set<String> read = new HashSet<>();
        MonitoringManifests.metricNames().forEach((where, names) -> {
            if (where.startsWith("panel ")) {
                read.addAll(names);
            }
        });
        assertThat(read).contains("sync_runs_total", "sync_records_total", "toggl_api_calls_total", "toggl_api_responses_total",
                "toggl_quota_remaining", "toggl_quota_hourly_limit", "sync_last_success_timestamp_seconds", "sync_run_duration_seconds_sum",
                "sync_run_mode_total", "jira_webhook_deliveries_total", "jira_webhook_events_total", "jira_webhook_lag_seconds_bucket",
                "jira_webhook_events_pending", "github_webhook_deliveries_total", "github_webhook_events_total",
                "github_webhook_lag_seconds_bucket", "github_webhook_events_pending",
                "sync_last_run_timestamp_seconds", "sync_last_run_duration_seconds", "sync_last_run_exit_code",
                "sync_last_run_guard_tripped", "sync_last_run_records");
    }

    // ---------------------------------------------------------------- helpers

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** "0 *&#47;15 * * * ?" (Quarkus cron, seconds first) -> 900. */
    static long cadenceOfQuarkusCron(String cron) {
        String[] fields = cron.trim().split("\\s+");
        assertThat(fields).as("a six-field Quarkus cron: %s", cron).hasSize(6);
        assertThat(fields[0]).as("at second 0: %s", cron).isEqualTo("0");
        return scheduleIntervalSeconds(String.join(" ", fields[1], fields[2], fields[3], fields[4], fields[5].replace("?", "*")));
    }

    /** The number of the expression's last "> N": the rules' thresholds are written there. */
    static long lastComparison(String expr) {
        Matcher m = Pattern.compile(">\\s*([0-9]+)\\b").matcher(expr);
        Long last = null;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertThat(last).as("a threshold \"> N\" in %s", expr).isNotNull();
        return last;
    }

    /** Every range selector's duration ([2h], [15m]), in seconds. */
    static List<Long> ranges(String expr) {
        Matcher m = Pattern.compile("\\[([0-9]+[smhdw])\\]").matcher(expr);
        List<Long> ranges = new ArrayList<>();
        while (m.find()) {
            ranges.add(seconds(m.group(1)));
        }
        return ranges;
    }

    /** A Prometheus duration of one unit: 30s, 45m, 2h, 1d, 1w. */
    static long seconds(String duration) {
        Matcher m = Pattern.compile("([0-9]+)([smhdw])").matcher(duration.trim());
        assertThat(m.matches()).as("a duration: %s", duration).isTrue();
        long n = Long.parseLong(m.group(1));
        return n * switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 604800;
        };
    }
}
