package io.toggltasksync.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** Test profiles: configuration as a user would give it through the environment. */
public final class SandboxProfiles {

    private SandboxProfiles() {
    }

    static Map<String, String> sandbox(String csv, String name) {
        return Map.of(
                "sandbox.enabled", "true",
                "toggl.workspace-id", "1",
                "toggl.project-id", "1001",
                "toggl.project-map", "ALPHA=1001,BETA=1002",
                "csv.path", csv,
                "sync.report-file", "target/exit-code-test/" + name + "-report.json",
                "sync.dead-letter-file", "target/exit-code-test/" + name + "-dead-letter.jsonl",
                "sync.state-file", "target/exit-code-test/" + name + "-sync-state.json");
    }

    /**
     * {@link #sandbox} for a run of another source: no CSV, the source's settings ({@code sync.source} among them) on top,
     * to change further.
     */
    static Map<String, String> sandbox(String name, Map<String, String> source) {
        Map<String, String> config = new HashMap<>(sandbox("unused", name));
        config.remove("csv.path");
        config.putAll(source);
        return config;
    }

    /** Settings given as {@code name=value} (as JiraFixture gives them), as a map. */
    static Map<String, String> values(String... nameEqualsValue) {
        Map<String, String> values = new HashMap<>();
        for (String setting : nameEqualsValue) {
            int eq = setting.indexOf('=');
            values.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return values;
    }

    /**
     * A test's WireMock (a static field of the test class), started by its profile's {@code getConfigOverrides}, the first
     * moment its port is needed; the test class stops it after all its tests.
     */
    static WireMockServer started(WireMockServer server) {
        if (!server.isRunning()) {
            server.start();
        }
        return server;
    }

    public static class InvalidWorkspace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toggl.api-token", "x-token", "toggl.workspace-id", "abc");
        }
    }

    public static class CleanSample implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sandbox("samples/jira-export.csv", "clean");
        }
    }

    public static class BadRows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sandbox("samples/bad-rows.csv", "bad");
        }
    }

    /** A clean sample run whose metrics go to a Pushgateway (the test sets metrics.push-url: its stand-in's port is only known then). */
    public static class MetricsPush implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sandbox("samples/jira-export.csv", "push");
        }
    }

    /** The sandbox imitating a small hourly quota, its tasks kept between runs: a migration run by run. */
    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(sandbox("samples/jira-export.csv", "quota"));
            config.put("sandbox.hourly-quota", "6");
            config.put("sandbox.state-file", QuotaMigrationRunByRunTest.STATE_FILE.toString());
            config.put("toggl.hourly-quota", "6");
            config.put("toggl.rate-limit", "0");
            return config;
        }
    }

    /** The sandbox kept in a file between runs, and Toggl projects made for the CSV's project names. */
    public static class MadeProjects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(sandbox(SandboxKeepsMadeProjectsTest.CSV.toString(), "made"));
            config.remove("toggl.project-id");
            config.remove("toggl.project-map");
            config.put("toggl.create-projects", "true");
            config.put("sandbox.state-file", SandboxKeepsMadeProjectsTest.STATE_FILE.toString());
            config.put("toggl.rate-limit", "0");
            return config;
        }
    }

    /** A run on the sandbox with the beans of {@link ErrorInjection}, which throw an Error on a marked record. */
    public static class Errors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return sandbox(RunDiesOfAnErrorTest.CSV.toString(), "error");
        }

        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(ErrorInjection.OutOfMemoryParse.class, ErrorInjection.OverflowingAccept.class);
        }
    }
}
