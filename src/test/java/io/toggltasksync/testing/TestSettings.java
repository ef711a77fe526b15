package io.toggltasksync.testing;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way tests build {@link SyncSettings}: a base set of values, what the test changes, then
 * {@link #load()} (or {@link #lookup()} for the raw function {@code SyncSettings.load} reads).
 *
 * <pre>{@code
 * TestSettings.minimal().csv(csv).with("toggl.page-size", "500").load();
 * TestSettings.run(server.baseUrl() + "/api/v9", dir).csv(csv).load();
 * }</pre>
 *
 * The builder is mutable ({@code with} and {@code without} change it and answer it); {@link #lookup()} and
 * {@link #load()} see the values as they are when called.
 */
public final class TestSettings {

    /** The API token every test uses (the sandbox fixture's sandbox accepts this one). */
    public static final String TOKEN = "test-secret-token-0123456789";
    public static final long WS = 42;
    public static final long P1 = 1001;
    public static final long P2 = 1002;

    private final Map<String, String> values = new LinkedHashMap<>();

    private TestSettings() {
    }

    /** What a run needs and nothing more, every other setting at its default: the token and the workspace. */
    public static TestSettings minimal() {
        return new TestSettings()
                .with("toggl.api-token", TOKEN)
                .with("toggl.workspace-id", WS);
    }

    /**
     * {@link #minimal()} plus what a test run against a local Toggl (the sandbox or WireMock) wants: its API
     * URL, default project {@link #P1}, no rate limit, and the dead letter file and the report in {@code dir}
     * ({@code dead-letter.jsonl}, {@code report.json}).
     */
    public static TestSettings run(String apiUrl, Path dir) {
        return minimal()
                .with("toggl.api-url", apiUrl)
                .with("toggl.project-id", P1)
                .with("toggl.rate-limit", 0)
                .with("sync.dead-letter-file", dir.resolve("dead-letter.jsonl"))
                .with("sync.report-file", dir.resolve("report.json"));
    }

    /** Sets one setting (by property name, e.g. {@code "toggl.page-size"}) to {@code String.valueOf(value)}. */
    public TestSettings with(String name, Object value) {
        values.put(name, String.valueOf(value));
        return this;
    }

    /** Sets {@code csv.path}. */
    public TestSettings csv(Path csv) {
        return with("csv.path", csv);
    }

    /** Sets settings given as {@code name=value} (the value may be empty: {@code "toggl.project-id="}). */
    public TestSettings overrides(String... nameEqualsValue) {
        for (String o : nameEqualsValue) {
            int eq = o.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got '" + o + "'");
            }
            with(o.substring(0, eq), o.substring(eq + 1));
        }
        return this;
    }

    /** Leaves a setting unset (as if neither the property nor its environment variable were given). */
    public TestSettings without(String name) {
        values.remove(name);
        return this;
    }

    /** The lookup {@code SyncSettings.load} reads, over a copy of the values as they are now. */
    public Function<String, Optional<String>> lookup() {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /** {@code SyncSettings.load(lookup())}: throws {@code ConfigException} as a real run would. */
    public SyncSettings load() {
        return SyncSettings.load(lookup());
    }

    /** {@code WorklogSettings.load(lookup(), load())}: throws {@code ConfigException} as a real run would. */
    public WorklogSettings worklogs() {
        return WorklogSettings.load(lookup(), load());
    }

    @Override
    public String toString() {
        return "TestSettings" + values;
    }
}
