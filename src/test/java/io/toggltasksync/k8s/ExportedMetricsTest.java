package io.toggltasksync.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import io.toggltasksync.webhook.GithubWebhook;
import io.toggltasksync.webhook.JiraWebhook;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric name the alerts and the dashboard read (k8s/monitoring) is one the app exports on
 * {@code /q/metrics}, read after a Jira run against the sandbox with the webhook receivers open (GitHub's, then
 * Jira's), as in the scheduled Deployment of either source: a renamed metric, a missing {@code _total} or {@code _seconds}, or a
 * typo fails here instead of leaving an alert that can never fire or an empty panel. So does a
 * label value matched on ({@code outcome="rejected_signature"}) that the metric never has.
 * The default test profile, like JiraWebhookTest and LongRunningModeTest: no app restart of its own.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class ExportedMetricsTest {

    static final String JQL = "project = ALPHA";
    /** Labels Prometheus adds to a target's samples (scraped, or the Pushgateway's), not the app. */
    static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "instance", "pod", "service", "endpoint", "container");
    static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Inject
    SyncService service;

    @Inject
    JiraWebhook webhook;

    @Inject
    GithubWebhook githubWebhook;

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** /q/metrics after a Jira run, with the webhook receiver open as in the scheduled Deployment. */
    private String metricsAfterARun(SandboxFixture t) {
        jira.stubFor(get(urlPathEqualTo(JiraFixture.CLOUD)).withQueryParam("jql", equalTo(JQL))
                .willReturn(okJson(JiraFixture.page(JiraFixture.issue("ALPHA-1", "Login page", "indeterminate", null, 3600L)))));
        SyncSettings settings = t.settings(t.write("unused.csv", "external_id,name\n"), JiraFixture.concat(
                JiraFixture.cloudSettings(jira.baseUrl(), JQL, 100), "jira.webhook-secret=webhook-secret-0123456789abcdef"));
        assertThat(service.runOnce(settings).exitCode()).isZero();
        // a receiver registers its series (at 0) when it opens, as the Deployment's does at start; a pod serves one source,
        // so a GitHub Deployment exports github_webhook_* instead: opened here first, then Jira's, as the other tests expect it
        githubWebhook.open(t.settings(t.write("unused-github.csv", "external_id,name\n"), "sync.source=github",
                "github.api-url=http://127.0.0.1:9", "github.token=" + GithubFixture.TOKEN, "github.repos=octo/api",
                "github.webhook-secret=" + GithubFixture.WEBHOOK_SECRET));
        webhook.open(settings);
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExported(SandboxFixture t) {
        Set<String> exported = exportedNames(metricsAfterARun(t));

        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Set<String> read = new TreeSet<>();
        MonitoringManifests.metricNames().forEach((where, names) -> {
            assertThat(names).as("%s reads a metric", where).isNotEmpty();
            read.addAll(names);
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(exported);
            missing.removeAll(MonitoringManifests.NOT_THE_APPS.keySet());
            if (!missing.isEmpty()) {
                unknown.put(where, missing);
            }
        });
        assertThat(unknown).as("metric names not on /q/metrics (exported: %s)", exported).isEmpty();
        assertThat(read).as("an allow-listed name that nothing reads any more").containsAll(MonitoringManifests.NOT_THE_APPS.keySet());
        // the webhook's and the last run's metrics are among those read, so the run above had to produce them
        assertThat(read).contains("jira_webhook_lag_seconds_bucket", "github_webhook_lag_seconds_bucket", "sync_last_run_records",
                "toggl_quota_hourly_limit");
    }

    @Test
    void everyLabelValueTheyMatchOnIsOneTheMetricHas(SandboxFixture t) {
        Map<String, Map<String, Set<String>>> labels = exportedLabels(metricsAfterARun(t));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> e : MonitoringManifests.expressions().entrySet()) {
            for (PromqlNames.Selector selector : PromqlNames.selectors(e.getValue())) {
                Map<String, Set<String>> has = labels.getOrDefault(selector.metric(), Map.of());
                for (Map.Entry<String, Set<String>> matcher : selector.values().entrySet()) {
                    if (TARGET_LABELS.contains(matcher.getKey())) {
                        continue;
                    }
                    for (String value : matcher.getValue()) {
                        checked++;
                        if (!has.getOrDefault(matcher.getKey(), Set.of()).contains(value)) {
                            wrong.add(e.getKey() + ": " + selector.metric() + "{" + matcher.getKey() + "=\"" + value + "\"} (exported: "
                                    + has + ")");
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("label values no exported sample has").isEmpty();
        assertThat(checked).as("label values checked (outcome=~\"failed|rejected\", quantile=\"0.95\", ...)").isGreaterThan(5);
    }

    /** Metric -> label -> the values its samples have. */
    static Map<String, Map<String, Set<String>>> exportedLabels(String exposition) {
        Map<String, Map<String, Set<String>>> labels = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            int brace = line.indexOf('{');
            if (line.startsWith("#") || brace < 0) {
                continue;
            }
            Map<String, Set<String>> of = labels.computeIfAbsent(line.substring(0, brace), k -> new TreeMap<>());
            Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
            while (m.find()) {
                of.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return labels;
    }

    /** The sample names of a Prometheus text exposition: {@code name{labels} value} or {@code name value}. */
    static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
