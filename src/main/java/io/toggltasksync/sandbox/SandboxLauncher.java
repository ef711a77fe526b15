package io.toggltasksync.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SandboxSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starts the in-memory Toggl sandbox when {@code sandbox.enabled=true} and points the run at it.
 * With {@code sandbox.state-file} its tasks survive between runs, so a second run can show that
 * nothing changes. With {@code sandbox.hourly-quota} it imitates Toggl's hourly quota (headers and
 * 402), a fresh hour for each process, so a big first import can be tried run by run as it would
 * finish against Toggl.
 */
@ApplicationScoped
public class SandboxLauncher {

    private static final Logger LOG = Logger.getLogger(SandboxLauncher.class);

    private TogglSandbox sandbox;
    private Path stateFile;

    /** Starts the sandbox when the settings ask for it; answers its API base URL, which the run then uses. */
    public Optional<String> startIfEnabled(SyncSettings settings) {
        SandboxSettings wanted = settings.sandbox();
        if (!wanted.enabled()) {
            return Optional.empty();
        }
        stateFile = wanted.stateFile();
        sandbox = new TogglSandbox(settings.toggl().apiToken()).start(wanted.port());
        sandbox.setAutoCreateProjects(true);
        for (long projectId : settings.projects().configuredProjects()) {
            sandbox.addProject(settings.toggl().workspaceId(), projectId, "Project " + projectId);
        }
        // named: so that matching finds them (the demo runs without toggl.project-map)
        wanted.projects().forEach((id, name) -> sandbox.addProject(settings.toggl().workspaceId(), id, name));
        if (stateFile != null && Files.isRegularFile(stateFile)) {
            load(stateFile);
        }
        if (wanted.hourlyQuota() != null) {
            sandbox.setQuota(wanted.hourlyQuota(), 3600);
            LOG.infof("Sandbox: hourly quota of %d request(s), starting full", wanted.hourlyQuota());
        }
        LOG.infof("Sandbox: an in-memory Toggl API at %s (workspace %d; projects are created on first use); "
                + "nothing reaches the real Toggl", sandbox.baseUrl(), settings.toggl().workspaceId());
        return Optional.of(sandbox.baseUrl());
    }

    public void stop() {
        if (sandbox == null) {
            return;
        }
        if (stateFile != null) {
            save(stateFile);
        }
        sandbox.close();
        sandbox = null;
    }

    private void load(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            SavedSandbox saved = root.isArray()
                    ? new SavedSandbox(null, Json.MAPPER.convertValue(root, new TypeReference<List<TogglTask>>() { }), null)
                    : Json.MAPPER.treeToValue(root, SavedSandbox.class);
            sandbox.restore(saved);
            LOG.infof("Sandbox: loaded %d task(s)%s from %s", saved.tasks() == null ? 0 : saved.tasks().size(),
                    saved.projects() == null ? "" : " in " + saved.projects().size() + " project(s)", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox.state-file " + file + ": " + e.getMessage(), e);
        }
    }

    private void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), sandbox.saved());
        } catch (IOException e) {
            LOG.errorf("Sandbox: cannot save its state to %s: %s", file, e.getMessage());
        }
    }
}
