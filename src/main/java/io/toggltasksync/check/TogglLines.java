package io.toggltasksync.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.toggl.TogglAuthException;
import io.toggltasksync.toggl.TogglClientException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TogglQuotaException;
import io.toggltasksync.toggl.TogglTransientException;

/**
 * The Toggl lines of the checklist, from the answers of the preflight's reads (or their failures): token,
 * workspace, each target project, tasks on the workspace's plan, quota. Reads only the fields it names: a
 * {@code /me} answer carries the account's API token, so an answer is never printed whole.
 */
final class TogglLines {

    static final String AREA = "Toggl";
    private static final String TOKEN_FIX = "set TOGGL_API_TOKEN to the API token of your Toggl profile (Profile settings > API Token)";

    private TogglLines() {
    }

    static void answered(CheckRun run, CheckCall call, JsonNode answer) {
        long workspace = run.settings().toggl().workspaceId();
        switch (call.kind()) {
            case TOGGL_ME -> run.add(CheckLine.passed(AREA, "token", "valid: the account of " + text(answer, "fullname", "(no name)")
                    + " <" + text(answer, "email", "no email shown") + ">, time zone " + text(answer, "timezone", "not shown")));
            case TOGGL_WORKSPACE -> {
                run.workspaceReached = true;
                if (answer.path("admin").isBoolean()) {
                    run.workspaceAdmin = answer.path("admin").booleanValue();
                }
                if (answer.path("premium").isBoolean()) {
                    run.workspacePremium = answer.path("premium").booleanValue();
                }
                run.add(CheckLine.passed(AREA, "workspace " + workspace, "'" + text(answer, "name", "?") + "' is reachable"));
            }
            case TOGGL_PROJECT -> project(run, call.projectId(), answer);
            case TOGGL_TASKS -> {
                JsonNode total = answer.path("total_count");
                long tasks = total.canConvertToLong() ? total.longValue() : answer.path("data").size();
                run.togglTasks.put(call.projectId(), tasks);
            }
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    private static void project(CheckRun run, long projectId, JsonNode answer) {
        String name = "'" + text(answer, "name", "?") + "'";
        boolean archived = answer.path("active").isBoolean() && !answer.path("active").booleanValue()
                || "archived".equalsIgnoreCase(answer.path("status").asText(""));
        if (archived) {
            run.unusableProjects.add(projectId);
            run.skip(c -> c.kind() == Kind.TOGGL_TASKS && projectId == c.projectId());
            run.add(CheckLine.failed(AREA, "project " + projectId, name + " is archived: Toggl takes no new tasks in it",
                    "restore it in Toggl (Projects > Archived), or point toggl.project-id / toggl.project-map at an active project"));
            return;
        }
        run.add(CheckLine.passed(AREA, "project " + projectId, name + " found, active"));
    }

    static void failed(CheckRun run, CheckCall call, Throwable e) {
        long workspace = run.settings().toggl().workspaceId();
        String why = e.getMessage();
        if (e instanceof TogglQuotaException) {
            run.skip(c -> !c.isJira());
            run.add(CheckLine.warning(AREA, "quota", why + ": the other Toggl checks were skipped",
                    "wait for the reset and check again; a sync now would defer everything to its next run"));
            return;
        }
        if (!(e instanceof TogglException) || e instanceof TogglTransientException) {
            run.skip(c -> !c.isJira());
            run.add(CheckLine.failed(AREA, "API", "unreachable: " + describe(e), "check toggl.api-url (TOGGL_API_URL) and the network"));
            return;
        }
        int status = ((TogglException) e).status();
        switch (call.kind()) {
            case TOGGL_ME -> {
                if (e instanceof TogglAuthException) {
                    // every other Toggl read would be refused the same way
                    run.skip(c -> !c.isJira());
                }
                run.add(CheckLine.failed(AREA, "token", "refused: " + why, TOKEN_FIX));
            }
            case TOGGL_WORKSPACE -> {
                run.skip(c -> c.kind() == Kind.TOGGL_PROJECT || c.kind() == Kind.TOGGL_TASKS);
                run.add(CheckLine.failed(AREA, "workspace " + workspace, "not reachable with this token: " + why,
                        "check TOGGL_WORKSPACE_ID (the number in the address of Toggl's workspace settings) and that the token's "
                                + "account is a member of that workspace"));
            }
            case TOGGL_PROJECT -> {
                run.unusableProjects.add(call.projectId());
                run.skip(c -> c.kind() == Kind.TOGGL_TASKS && call.projectId().equals(c.projectId()));
                run.add(CheckLine.failed(AREA, "project " + call.projectId(), "not found in workspace " + workspace + ": " + why,
                        "check toggl.project-id / toggl.project-map (TOGGL_PROJECT_ID / TOGGL_PROJECT_MAP) and the project ids the "
                                + "records name"));
            }
            case TOGGL_TASKS -> {
                if (status == 402 && e instanceof TogglClientException) {
                    run.tasksRefused = true;
                    run.skip(c -> c.kind() == Kind.TOGGL_TASKS);
                    String plan = Boolean.FALSE.equals(run.workspacePremium) ? "; the workspace says it is on the free plan" : "";
                    run.add(CheckLine.failed(AREA, "tasks on this plan", "Toggl refused the task list (" + why + ")" + plan,
                            "tasks need a paid Toggl plan (Starter or up): upgrade workspace " + workspace + " or sync into a paid one"));
                } else {
                    run.add(CheckLine.failed(AREA, "tasks of project " + call.projectId(), "cannot be listed: " + why,
                            "check that the token's account may see this project's tasks (a private project needs membership)"));
                }
            }
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    /** After the reads: whether the plan has tasks (when the task lists were read), and the quota line. */
    static void finish(CheckRun run, long steadyRunCalls) {
        if (!run.togglTasks.isEmpty() && !run.tasksRefused) {
            long tasks = run.togglTasks.values().stream().mapToLong(Long::longValue).sum();
            run.add(CheckLine.passed(AREA, "tasks on this plan", "available: " + tasks + " task(s) in the target project(s) "
                    + run.togglTasks.keySet()));
        }
        quota(run, steadyRunCalls);
    }

    private static void quota(CheckRun run, long steadyRunCalls) {
        Long remaining = run.toggl().quota().remaining();
        if (remaining == null) {
            if (run.toggl().calls().total() > 0) {
                run.add(CheckLine.passed(AREA, "quota", "Toggl sent no quota headers: no hourly quota to report"));
            }
            return;
        }
        int hourly = run.settings().toggl().hourlyQuota();
        long resetsIn = run.toggl().quota().resetsIn() == null ? -1 : run.toggl().quota().resetsIn();
        String detail = remaining + " call(s) left this hour, resets in " + (resetsIn < 0 ? "?" : resetsIn + " s")
                + "; spent so far this hour: " + Math.max(0, hourly - remaining) + " of " + hourly + " (toggl.hourly-quota)";
        long others = run.firstQuotaRemaining == null ? 0
                : run.firstQuotaRemaining - remaining - (run.toggl().calls().total() - run.callsAtFirstQuota);
        if (others > 0) {
            detail += "; " + others + " call(s) by other clients of this account while the check ran";
        }
        boolean nearlySpent = remaining < Math.max(steadyRunCalls, (hourly + 9) / 10);
        if (nearlySpent) {
            run.add(CheckLine.warning(AREA, "quota", "nearly spent: " + detail,
                    "another tool (or an earlier run) is spending this account's quota: a sync now would defer most of its "
                            + "work; wait for the reset, or give the sync an account of its own"));
        } else {
            run.add(CheckLine.passed(AREA, "quota", detail));
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : fallback;
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
