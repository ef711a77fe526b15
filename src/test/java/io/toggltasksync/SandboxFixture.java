package io.toggltasksync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sandbox with two projects and the settings that point a run at it. */
public final class SandboxFixture implements AutoCloseable {

    public static final String TOKEN = "e2e-secret-token-0123456789";
    public static final long WS = 42;
    public static final long P1 = 1001;
    public static final long P2 = 1002;

    public final TogglSandbox sandbox;
    public final Path dir;

    public SandboxFixture(Path dir) {
        this.dir = dir;
        this.sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(WS, P1, "Alpha");
        sandbox.addProject(WS, P2, "Beta");
    }

    public SyncSettings settings(Path csv, String... overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("toggl.api-url", sandbox.baseUrl());
        values.put("toggl.api-token", TOKEN);
        values.put("toggl.workspace-id", Long.toString(WS));
        values.put("toggl.project-id", Long.toString(P1));
        values.put("toggl.project-map", "ALPHA=" + P1 + ",BETA=" + P2);
        values.put("toggl.rate-limit", "0");
        values.put("csv.path", csv.toString());
        values.put("sync.dead-letter-file", dir.resolve("dead-letter.jsonl").toString());
        values.put("sync.report-file", dir.resolve("report.json").toString());
        for (String o : overrides) {
            int eq = o.indexOf('=');
            values.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return SyncSettings.load(name -> Optional.ofNullable(values.get(name)));
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

    @Override
    public void close() {
        sandbox.close();
    }
}
