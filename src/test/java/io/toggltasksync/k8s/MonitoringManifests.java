package io.toggltasksync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring overlay k8s/monitoring rendered with {@code kubectl kustomize} (through
 * {@link KustomizeRenderTest#kustomize}), read as plain JSON trees (the Prometheus Operator's
 * kinds are not in fabric8's Kubernetes model), and the PromQL in it: the alerts' expressions and
 * the dashboard's queries and template variables.
 */
final class MonitoringManifests {

    static final Path DIR = KustomizeRenderTest.K8S.resolve("monitoring");
    static final String DASHBOARD_CONFIGMAP = "toggl-task-sync-dashboard";
    static final String DASHBOARD_FILE = "toggl-task-sync-dashboard.json";
    /** The placeholder form of every alert's runbook_url: this prefix and the alert's name in lower case (GitHub's anchor of "### Name"). */
    static final String RUNBOOK_PREFIX = "https://github.com/example/toggl-task-sync/blob/main/k8s/README.md#";
    /**
     * Metric names the queries may use that the app does not export, with the reason. Empty: the
     * rules and the dashboard read the app's own metrics only (the Pushgateway's push_time_seconds
     * would go here).
     */
    static final Map<String, String> NOT_THE_APPS = Map.of();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static List<JsonNode> rendered;

    private MonitoringManifests() {
    }

    /** The overlay's output, rendered once per test run. */
    static synchronized List<JsonNode> rendered() {
        if (rendered == null) {
            String yaml = KustomizeRenderTest.kustomize(DIR);
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = KustomizeRenderTest.YAML.readerFor(JsonNode.class).readValues(yaml)) {
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node != null && !node.isEmpty()) {
                        docs.add(node);
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("kubectl kustomize " + DIR + " printed YAML that does not parse: " + e.getMessage(), e);
            }
            rendered = List.copyOf(docs);
        }
        return rendered;
    }

    static JsonNode one(String kind) {
        List<JsonNode> found = rendered().stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("k8s/monitoring renders one %s", kind).hasSize(1);
        return found.get(0);
    }

    static JsonNode dashboard() {
        String json = one("ConfigMap").path("data").path(DASHBOARD_FILE).asText();
        assertThat(json).as("the dashboard ConfigMap's key %s", DASHBOARD_FILE).isNotBlank();
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard is not JSON", e);
        }
    }

    /** Every rule of the PrometheusRule, across its groups. */
    static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        one("PrometheusRule").path("spec").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    /** Alert name -> its rule. */
    static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode rule : rules()) {
            alerts.put(rule.path("alert").asText(), rule);
        }
        return alerts;
    }

    /** Every panel, those inside rows too (collapsed rows keep theirs in "panels"). */
    static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        addPanels(dashboard().path("panels"), panels);
        return panels;
    }

    private static void addPanels(JsonNode list, List<JsonNode> out) {
        for (JsonNode panel : list) {
            out.add(panel);
            addPanels(panel.path("panels"), out);
        }
    }

    /** Where (alert, panel and refId, template variable) -> the PromQL found there. */
    static Map<String, String> expressions() {
        Map<String, String> exprs = new LinkedHashMap<>();
        alerts().forEach((name, rule) -> exprs.put("alert " + name, rule.path("expr").asText()));
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                exprs.put("variable " + variable.path("name").asText(), promqlOfVariable(text));
            }
        }
        return exprs;
    }

    /** Grafana's label_values(selector, label): the selector is PromQL, the label is not. */
    static String promqlOfVariable(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? m.group(1) : query;
    }

    /** Where -> the metric names its PromQL reads. */
    static Map<String, Set<String>> metricNames() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        expressions().forEach((where, expr) -> names.put(where, new TreeSet<>(PromqlNames.of(expr))));
        return names;
    }

    /** Every text value in the tree, with its JSON path. */
    static void walk(JsonNode node, String path, Map<String, JsonNode> out) {
        out.put(path, node);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
