package io.toggltasksync.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.toggl.TogglClientException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRequest;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.state.SyncState;
import io.toggltasksync.state.WorkspaceTraits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --check --probe}: one clearly named task created in the probe project, read back, given a bulk PATCH of its
 * estimate, deleted, and looked for afterwards; the lines say how this workspace answers what Toggl does not document
 * (whether it keeps the {@code integration_*} fields, whether a PATCH of {@code /estimated_seconds} is accepted,
 * whether {@code since} lists a deleted task). The delete is queued whatever happened before it, and the last read
 * proves the task gone.
 */
final class ProbeLines {

    static final String AREA = "Probe";
    static final String PROVIDER = "csv";
    static final String EXT_TYPE = "row";

    private ProbeLines() {
    }

    /** What the probe writes, said before it writes it. */
    static String announce(long projectId, String name) {
        return "--probe writes to Toggl: it creates the task '" + name + "' in project " + projectId
                + ", reads it back, changes its estimate with a bulk PATCH, deletes it, and checks that it is gone (about 7 calls)";
    }

    static String name(long epochSecond) {
        return "toggl-task-sync probe " + java.time.Instant.ofEpochSecond(epochSecond) + " (safe to delete)";
    }

    static void queueCreate(CheckRun run) {
        CheckRun.Probe p = run.probe;
        p.started = true;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", p.name);
        body.put("active", true);
        body.put("estimated_seconds", 60);
        body.put("integration_provider", PROVIDER);
        body.put("integration_ext_type", EXT_TYPE);
        body.put("integration_ext_id", p.extId);
        long ws = run.settings().toggl().workspaceId();
        run.queue(CheckCall.toggl(Kind.PROBE_CREATE, new TogglRequest("POST", TogglPaths.projectTasks(ws, p.projectId), null, body),
                p.projectId));
    }

    /** After the steps, whatever became of them: delete the task, or find it first when its id never came back. */
    static void queueCleanUp(CheckRun run) {
        CheckRun.Probe p = run.probe;
        if (p.taskId != null) {
            queueDelete(run);
        } else {
            queueFind(run, Kind.PROBE_FIND);
        }
    }

    private static void queueDelete(CheckRun run) {
        CheckRun.Probe p = run.probe;
        p.deletes++;
        long ws = run.settings().toggl().workspaceId();
        run.queue(CheckCall.toggl(Kind.PROBE_DELETE, new TogglRequest("DELETE", TogglPaths.task(ws, p.projectId, p.taskId), null, null),
                p.projectId));
    }

    private static void queueFind(CheckRun run, Kind kind) {
        CheckRun.Probe p = run.probe;
        long ws = run.settings().toggl().workspaceId();
        run.queue(CheckCall.toggl(kind, TogglRequest.get(TogglPaths.workspaceTasks(ws), TogglPaths.newestFirstQuery(p.projectId, 50)),
                p.projectId));
    }

    static void answered(CheckRun run, CheckCall call, JsonNode answer) {
        CheckRun.Probe p = run.probe;
        long ws = run.settings().toggl().workspaceId();
        switch (call.kind()) {
            case PROBE_CREATE -> {
                p.taskId = answer.path("id").asLong();
                run.add(CheckLine.passed(AREA, "create", "task " + p.taskId + " '" + p.name + "' created in project " + p.projectId));
                run.queue(CheckCall.toggl(Kind.PROBE_READ, TogglRequest.get(TogglPaths.task(ws, p.projectId, p.taskId), null), p.projectId));
                run.queue(CheckCall.toggl(Kind.PROBE_PATCH, new TogglRequest("PATCH", TogglPaths.tasks(ws, p.projectId, List.of(p.taskId)),
                        null, List.of(Map.of("op", "replace", "path", "/estimated_seconds", "value", 120))), p.projectId));
            }
            case PROBE_READ -> {
                boolean kept = PROVIDER.equals(answer.path("integration_provider").asText(null))
                        && p.extId.equals(answer.path("integration_ext_id").asText(null));
                p.keepsIntegrationFields = kept;
                run.add(CheckLine.passed(AREA, "integration fields", kept
                        ? "kept: Toggl stores integration_provider/_ext_type/_ext_id, so runs know their tasks by them"
                        : "dropped: Toggl does not keep integration_*; runs know their tasks by the issue key leading the name "
                                + "(Jira) or the exact name (generic CSV)"));
            }
            case PROBE_PATCH -> {
                boolean ok = false;
                for (JsonNode id : answer.path("success")) {
                    ok |= id.asLong() == p.taskId;
                }
                p.patchesEstimates = ok;
                run.add(CheckLine.passed(AREA, "PATCH /estimated_seconds", ok
                        ? "accepted: re-estimates to one value share bulk PATCH calls"
                        : "answered without applying it (" + answer.path("failure") + "): re-estimates go one PUT each"));
            }
            case PROBE_DELETE -> {
                queueFind(run, Kind.PROBE_GONE);
                run.queue(CheckCall.toggl(Kind.PROBE_SINCE, TogglRequest.get(TogglPaths.workspaceTasks(ws),
                        TogglPaths.listQuery(p.projectId, 1, 50, p.createdAt - 1)), p.projectId));
            }
            case PROBE_FIND -> {
                Long id = find(answer, p.name);
                if (id != null) {
                    p.taskId = id;
                    queueDelete(run);
                } else {
                    run.add(CheckLine.passed(AREA, "clean-up", "no probe task was created, nothing to delete"));
                }
            }
            case PROBE_GONE -> {
                Long id = find(answer, p.name);
                if (id == null) {
                    run.add(CheckLine.passed(AREA, "clean-up", "the probe task is deleted: nothing left behind"));
                } else if (p.deletes < 2) {
                    p.taskId = id;
                    queueDelete(run);
                } else {
                    leftBehind(run, id);
                }
            }
            case PROBE_SINCE -> {
                boolean listed = false;
                for (JsonNode task : answer.path("data")) {
                    listed |= task.path("id").asLong() == p.taskId;
                }
                p.sinceListsDeleted = listed;
                run.add(CheckLine.passed(AREA, "since and deleted tasks", listed
                        ? "a task deleted since then is listed: an incremental run can see deletions"
                        : "a deleted task is not listed: an incremental run cannot see a task deleted by hand (the full sweep does)"));
            }
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    static void failed(CheckRun run, CheckCall call, Throwable e) {
        CheckRun.Probe p = run.probe;
        String why = e instanceof TogglException ? e.getMessage() : TogglLines.describe(e);
        switch (call.kind()) {
            case PROBE_CREATE -> run.add(CheckLine.failed(AREA, "create", "Toggl refused the probe task in project " + p.projectId + ": " + why,
                    "the token's account must be allowed to add tasks to that project (a project member, or a workspace admin)"));
            case PROBE_READ -> run.add(CheckLine.warning(AREA, "integration fields", "the probe task could not be read back: " + why,
                    "check again later; runs cope either way"));
            case PROBE_PATCH -> {
                boolean refused = e instanceof TogglClientException && ((TogglClientException) e).status() == 400;
                if (refused) {
                    p.patchesEstimates = false;
                }
                run.add(refused
                    ? CheckLine.passed(AREA, "PATCH /estimated_seconds", "refused (" + why + "): re-estimates go one PUT each; "
                            + "toggl.patch-estimates=false (TOGGL_PATCH_ESTIMATES) saves the refused call")
                    : CheckLine.warning(AREA, "PATCH /estimated_seconds", "could not be tried: " + TogglLines.describe(e),
                            "check again later; runs cope either way"));
            }
            case PROBE_DELETE -> queueFind(run, Kind.PROBE_GONE);
            case PROBE_FIND, PROBE_GONE -> leftBehind(run, p.taskId);
            case PROBE_SINCE -> run.add(CheckLine.warning(AREA, "since and deleted tasks", "could not be read: " + why,
                    "check again later; runs cope either way"));
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    /**
     * What the probe found out goes into the sync state, so that runs take the cheaper path where
     * this workspace allows it (a refused estimate PATCH is not tried again). A state of another
     * configuration, or one that cannot be read, is left alone.
     */
    static void remember(CheckRun run, long nowEpochSecond) {
        CheckRun.Probe p = run.probe;
        WorkspaceTraits found = new WorkspaceTraits(p.keepsIntegrationFields, p.patchesEstimates, p.sinceListsDeleted);
        if (found.equals(WorkspaceTraits.UNKNOWN)) {
            return;
        }
        Path file = run.settings().state().stateFile();
        // read and written under the state's lock, as a run does: never between another process's read and write
        try (StateLock lock = StateLock.acquire(file, run.settings().state().stateLockWait())) {
            if (lock == null) {
                run.add(CheckLine.warning(AREA, "remembered", "not saved in " + file + ": in use by another process (lock "
                        + StateLock.lockFile(file) + ")", "run --check --probe again once that run has ended"));
                return;
            }
            remember(run, file, found, nowEpochSecond);
        } catch (IOException | RuntimeException e) {
            run.add(CheckLine.warning(AREA, "remembered", "not saved in " + file + ": " + e.getMessage(),
                    "give sync.state-file (SYNC_STATE_FILE) a writable place"));
        }
    }

    private static void remember(CheckRun run, Path file, WorkspaceTraits found, long nowEpochSecond) {
        String fingerprint = run.settings().stateFingerprint();
        StateFile.Loaded loaded = StateFile.load(file, fingerprint);
        if (!loaded.usable() && Files.exists(file)) {
            run.add(CheckLine.warning(AREA, "remembered", "not saved in " + file + ": " + loaded.unusable(),
                    "the next sweep writes a new state; run --check --probe again after it"));
            return;
        }
        SyncState next = loaded.usable() ? loaded.state().withWorkspace(found) : SyncState.probed(fingerprint, found, nowEpochSecond);
        try {
            StateFile.save(file, next);
            run.add(CheckLine.passed(AREA, "remembered", "saved in " + file + ": runs use it"
                    + (found.estimatesRefused() ? " (re-estimates go one PUT each, without trying the PATCH)" : "")));
        } catch (IOException | RuntimeException e) {
            run.add(CheckLine.warning(AREA, "remembered", "not saved in " + file + ": " + e.getMessage(),
                    "give sync.state-file (SYNC_STATE_FILE) a writable place"));
        }
    }

    private static void leftBehind(CheckRun run, Long id) {
        CheckRun.Probe p = run.probe;
        run.add(CheckLine.failed(AREA, "clean-up", "the probe task '" + p.name + "'" + (id == null ? "" : " (" + id + ")")
                + " may still be in project " + p.projectId, "delete it in Toggl by hand"));
    }

    private static Long find(JsonNode page, String name) {
        for (JsonNode task : page.path("data")) {
            if (name.equals(task.path("name").asText())) {
                return task.path("id").asLong();
            }
        }
        return null;
    }
}
