package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraSettings;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.source.jira.JiraRequest;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TogglQuotaException;
import io.toggltasksync.toggl.TogglRequest;
import io.toggltasksync.toggl.TogglTransientException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The worklog lines of the checklist, when {@code worklog.sync} is on: Jira's time tracking and the permissions a
 * worklog write needs, the Toggl Reports search the entries come from, and whether the token sees other users'
 * entries (a workspace admin).
 */
final class WorklogLines {

    static final String AREA = "Worklogs";
    /** The permissions a worklog write needs, with what each allows. */
    static final Map<String, String> PERMISSIONS = permissions();

    private WorklogLines() {
    }

    private static Map<String, String> permissions() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("WORK_ON_ISSUES", "log work");
        p.put("EDIT_OWN_WORKLOGS", "edit its own worklogs");
        p.put("DELETE_OWN_WORKLOGS", "delete its own worklogs");
        return p;
    }

    /**
     * The reads of the worklog lines. {@code /configuration/timetracking} would say more, but needs Jira admin
     * rights; {@code /configuration} says whether time tracking is on to anyone.
     */
    static void queue(CheckRun run) {
        WorklogSettings worklogs = run.worklogs();
        if (worklogs == null) {
            return;
        }
        String api = "/rest/api/" + (JiraSettings.of(run.settings()).cloud() ? "3" : "2");
        run.queue(CheckCall.jira(Kind.WORKLOG_TIME_TRACKING, new JiraRequest("GET", api + "/configuration", null)));
        run.queue(CheckCall.jira(Kind.WORKLOG_PERMISSIONS, new JiraRequest("GET", api + "/mypermissions",
                Map.of("permissions", String.join(",", PERMISSIONS.keySet())))));
        run.queue(CheckCall.toggl(Kind.WORKLOG_REPORTS, reportsSearch(worklogs.reportsUrl(), run.settings().toggl().workspaceId(),
                LocalDate.now(ZoneOffset.UTC)), null));
    }

    /** The smallest detailed search: one row of one day's entries. */
    static TogglRequest reportsSearch(String reportsUrl, long workspaceId, LocalDate day) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_date", day.minusDays(1).toString());
        body.put("end_date", day.toString());
        body.put("page_size", 1);
        return new TogglRequest("POST", "/workspace/" + workspaceId + "/search/time_entries", null, body, reportsUrl);
    }

    static void answered(CheckRun run, CheckCall call, JsonNode answer) {
        switch (call.kind()) {
            case WORKLOG_TIME_TRACKING -> {
                JsonNode on = answer.path("timeTrackingEnabled");
                if (!on.isBoolean()) {
                    run.add(CheckLine.warning(AREA, "Jira time tracking", "Jira's /configuration did not say whether time tracking is on",
                            "make sure it is (Jira settings > Issues > Time tracking): with it off, Jira refuses every worklog"));
                } else if (on.booleanValue()) {
                    run.add(CheckLine.passed(AREA, "Jira time tracking", "on"));
                } else {
                    run.add(CheckLine.failed(AREA, "Jira time tracking", "off: Jira refuses every worklog",
                            "a Jira admin turns it on (Jira settings > Issues > Time tracking), or set worklog.sync=false (WORKLOG_SYNC)"));
                }
            }
            case WORKLOG_PERMISSIONS -> {
                JsonNode granted = answer.path("permissions");
                List<String> missing = PERMISSIONS.entrySet().stream()
                        .filter(p -> !granted.path(p.getKey()).path("havePermission").asBoolean(false))
                        .map(p -> p.getKey() + " (" + p.getValue() + ")").collect(Collectors.toList());
                if (missing.isEmpty()) {
                    run.add(CheckLine.passed(AREA, "Jira permissions", "the token's user may log work and edit and delete its own "
                            + "worklogs (in at least one project: a project that refuses it dead-letters its worklogs)"));
                } else {
                    run.add(CheckLine.failed(AREA, "Jira permissions", "the token's user lacks " + String.join(", ", missing),
                            "grant them in the permission scheme of the mirrored projects (Work on issues, Edit own worklogs, Delete own "
                                    + "worklogs): every worklog is written as this user"));
                }
            }
            case WORKLOG_REPORTS -> run.add(CheckLine.passed(AREA, "Toggl reports search",
                    "readable: " + run.worklogs().reportsUrl() + " answered a day's detailed search"));
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    static void failed(CheckRun run, CheckCall call, Throwable e) {
        if (call.isJira()) {
            if (!(e instanceof SourceException)) {
                // unreachable: the same for every Jira read, said once
                JiraLines.failed(run, call, e);
                return;
            }
            String subject = call.kind() == Kind.WORKLOG_TIME_TRACKING ? "Jira time tracking" : "Jira permissions";
            run.add(CheckLine.failed(AREA, subject, "Jira would not say: " + e.getMessage(),
                    "check that the token's user may browse the mirrored projects; see the Jira lines"));
            return;
        }
        if (!(e instanceof TogglException) || e instanceof TogglTransientException || e instanceof TogglQuotaException) {
            run.add(CheckLine.failed(AREA, "Toggl reports search", "not answered: " + TogglLines.describe(e),
                    e instanceof TogglQuotaException ? "wait for the quota's reset and check again"
                            : "check toggl.reports-url (TOGGL_REPORTS_URL; derived from toggl.api-url unless set) and the network"));
            return;
        }
        int status = ((TogglException) e).status();
        String why = switch (status) {
            case 402 -> "Toggl answered 402: the workspace's plan does not give the Reports API";
            case 401, 403 -> "Toggl answered " + status + ": the detailed report of the workspace is not open to this token "
                    + "(other users' entries need a workspace admin)";
            case 404 -> "Toggl answered 404: no reports search at " + run.worklogs().reportsUrl();
            default -> "refused: " + e.getMessage();
        };
        String fix = status == 404 ? "set toggl.reports-url (TOGGL_REPORTS_URL) to the Reports API v3 base, e.g. "
                + "https://api.track.toggl.com/reports/api/v3"
                : "use the API token of a workspace admin on a plan with reports, or set worklog.sync=false (WORKLOG_SYNC)";
        run.add(CheckLine.failed(AREA, "Toggl reports search", why, fix));
    }

    /** After the reads: whether the token sees every user's entries, from what the workspace's answer said. */
    static void finish(CheckRun run) {
        if (run.worklogs() == null || !run.workspaceReached) {
            return;
        }
        if (Boolean.TRUE.equals(run.workspaceAdmin)) {
            run.add(CheckLine.passed(AREA, "whose entries", "every user's: the token's user is an admin of workspace "
                    + run.settings().toggl().workspaceId()));
            return;
        }
        String said = run.workspaceAdmin == null ? "Toggl did not say whether the token's user is a workspace admin"
                : "the token's user is not an admin of workspace " + run.settings().toggl().workspaceId();
        run.add(CheckLine.warning(AREA, "whose entries", said + ": only your own entries are synced; deletions are never made "
                + "from an unseen entry", "use the API token of a workspace admin to sync every user's time"));
    }
}
