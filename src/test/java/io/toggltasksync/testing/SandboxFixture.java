package io.toggltasksync.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sandbox with two projects, a directory of its own, and the settings that point a run at them. Made
 * fresh for each test and closed after it by {@link SandboxExtension}, which sets it into the test's fields
 * (before its {@code @BeforeEach} methods) or injects it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(SandboxExtension.class)
 * class SomeTest {
 *     SandboxFixture t;   // or a test method's parameter
 * }
 * }</pre>
 */
public final class SandboxFixture implements AutoCloseable {

    public static final String TOKEN = TestSettings.TOKEN;
    public static final long WS = TestSettings.WS;
    public static final long P1 = TestSettings.P1;
    public static final long P2 = TestSettings.P2;

    public final TogglSandbox sandbox;
    /** This test's directory: the CSVs written here, the run's report.json and dead-letter.jsonl; deleted on close. */
    public final Path dir;

    SandboxFixture() {
        try {
            this.dir = Files.createTempDirectory("sandbox-fixture-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, P1, "Alpha");
        sandbox.addProject(WS, P2, "Beta");
    }

    /** The base settings for a run of {@code csv} against this sandbox (project map ALPHA=P1,BETA=P2), to change further. */
    public TestSettings testSettings(Path csv) {
        return testSettings().csv(csv);
    }

    /** {@link #testSettings(Path)} with {@code name=value} overrides, loaded. */
    public SyncSettings settings(Path csv, String... overrides) {
        return testSettings(csv).overrides(overrides).load();
    }

    /** The base settings without a CSV, for a run of another source (the overrides name it: {@code sync.source=jira}). */
    public TestSettings testSettings() {
        return TestSettings.run(sandbox.baseUrl(), dir).with("toggl.project-map", "ALPHA=" + P1 + ",BETA=" + P2);
    }

    /** {@link #testSettings()} with {@code name=value} overrides (the source's among them), loaded. */
    public SyncSettings settings(String... overrides) {
        return testSettings().overrides(overrides).load();
    }

    /** Writes a generic CSV (header included) and answers its path. */
    public Path csv(String name, String... rows) {
        StringBuilder sb = new StringBuilder("external_id,name,project_id,estimated_seconds,active\n");
        for (String row : rows) {
            sb.append(row).append('\n');
        }
        return write(name, sb.toString());
    }

    public Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> report() {
        try {
            return Json.MAPPER.readValue(dir.resolve("report.json").toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Map<String, Object>> deadLetters() {
        try {
            return Files.readAllLines(dir.resolve("dead-letter.jsonl")).stream()
                    .map(l -> {
                        try {
                            return Json.MAPPER.readValue(l, new TypeReference<Map<String, Object>>() { });
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public TogglTask task(long projectId, String name) {
        return sandbox.tasks(projectId).stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task '" + name + "' in project " + projectId + ": " + sandbox.tasks(projectId)));
    }

    public long writes() {
        return sandbox.requestCount("POST") + sandbox.requestCount("PUT") + sandbox.requestCount("PATCH")
                + sandbox.requestCount("DELETE");
    }

    /** Stops the sandbox and deletes {@link #dir}. */
    @Override
    public void close() throws IOException {
        try {
            sandbox.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
