package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraSettings;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.source.github.GithubCall;
import io.toggltasksync.source.github.GithubSettings;
import io.toggltasksync.source.jira.JiraRequest;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Json;
import io.toggltasksync.sync.RunLifecycle;
import io.toggltasksync.toggl.TogglApi;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The steps of the {@code check-run} route: which read comes next, and the lines each answer or failure adds. Stateless. */
@ApplicationScoped
@Named("preflightChecks")
public class PreflightChecks {

    @jakarta.inject.Inject
    io.toggltasksync.source.SourceRegistry sources;

    /** Exchange property: the read in progress ({@link CheckCall}). */
    public static final String CALL = "checkCall";
    private static final int REJECTIONS_SHOWN = 3;

    public boolean readsCsv(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        return "csv".equals(run.settings().source());
    }

    /** The file was read to its end: what it holds, and the first rejected rows with their reasons. */
    public void csvRead(@Body SourceBatch batch, @ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        run.csv = batch;
        run.records = (long) batch.tasks().size();
        String found = batch.description() + ": " + batch.read() + " record(s), " + batch.tasks().size() + " valid";
        if (batch.rejections().isEmpty()) {
            run.add(CheckLine.passed("CSV", "file", found));
            return;
        }
        String first = batch.rejections().stream().limit(REJECTIONS_SHOWN).map(PreflightChecks::describe).collect(Collectors.joining("; "));
        run.add(CheckLine.warning("CSV", "file", found + ", " + batch.rejections().size() + " rejected, first: " + first,
                "fix those rows, or leave them: the rest syncs (a sync lists every rejected row in its dead letter file)"));
    }

    private static String describe(SourceRejection r) {
        return "line " + r.line() + (r.externalId() == null ? "" : " (" + r.externalId() + ")") + ": " + r.reason();
    }

    public void csvFailed(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = RunLifecycle.meaningfulCause(caught);
        run.add(CheckLine.failed("CSV", "file", "cannot be read: " + e.getMessage(),
                "if it is not UTF-8, set csv.charset; if its header is not recognised, name the format (csv.format) or describe its columns "
                        + "(csv.columns) (docs/csv.md); a sync of it stops with exit 2"));
    }

    /** Queues the reads: Toggl's account, workspace, each target project and its task count; Jira's sign-in and search. */
    public void queueCalls(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        long workspace = run.settings().toggl().workspaceId();
        run.queue(CheckCall.toggl(Kind.TOGGL_ME, TogglRequest.get(TogglPaths.me(), null), null));
        run.queue(CheckCall.toggl(Kind.TOGGL_WORKSPACE, TogglRequest.get(TogglPaths.workspace(workspace), null), null));
        for (long project : run.targetProjects()) {
            run.queue(CheckCall.toggl(Kind.TOGGL_PROJECT, TogglRequest.get(TogglPaths.project(workspace, project), null), project));
            run.queue(CheckCall.toggl(Kind.TOGGL_TASKS,
                    TogglRequest.get(TogglPaths.workspaceTasks(workspace), TogglPaths.countQuery(project)), project));
        }
        if (JiraSettings.of(run.settings()) != null) {
            JiraLines.queue(run);
            WorklogLines.queue(run);
        } else if (GithubSettings.of(run.settings()) != null) {
            GithubLines.queue(run);
        } else if (run.csv != null && run.csv.projects().waiting()) {
            ProjectLines.found(run, "CSV", run.csv.projects().seen(), "");
        }
    }

    public boolean hasNextCall(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        return run.hasNextCall();
    }

    /** The next read as the call routes expect it: togglRequest (with a fresh attempt count) or jiraRequest. */
    public void nextCall(Exchange exchange, @ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        CheckCall call = run.nextCall();
        exchange.setProperty(CALL, call);
        exchange.removeProperty(TogglApi.ATTEMPTS);
        exchange.removeProperty(TogglRequest.PROPERTY);
        exchange.removeProperty(JiraRequest.PROPERTY);
        exchange.removeProperty(GithubCall.PROPERTY);
        if (call.isJira()) {
            exchange.setProperty(JiraRequest.PROPERTY, call.jira());
        } else if (call.isGithub()) {
            exchange.setProperty(GithubCall.PROPERTY, call.github());
        } else {
            exchange.setProperty(TogglRequest.PROPERTY, call.toggl());
        }
        exchange.getMessage().setBody(null);
    }

    public boolean isJiraCall(@ExchangeProperty(CALL) CheckCall call) {
        return call.isJira();
    }

    public boolean isGithubCall(@ExchangeProperty(CALL) CheckCall call) {
        return call.isGithub();
    }

    public void answered(@Body String body, @ExchangeProperty(CheckRun.PROPERTY) CheckRun run, @ExchangeProperty(CALL) CheckCall call) {
        if (call.toggl() != null) {
            run.quotaSeen();
        }
        if (call.kind() == Kind.PROBE_DELETE) {
            // a delete answers with no body
            ProbeLines.answered(run, call, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            return;
        }
        JsonNode answer;
        try {
            answer = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isContainerNode()) {
            unexpected(run, call, ErrorText.summarize(body));
            return;
        }
        try {
            if (call.kind().probe()) {
                ProbeLines.answered(run, call, answer);
            } else if (call.kind().worklog()) {
                WorklogLines.answered(run, call, answer);
            } else if (call.kind() == Kind.TOGGL_PROJECT_LIST) {
                ProjectLines.answered(run, answer);
            } else if (call.isJira()) {
                JiraLines.answered(run, call, answer);
            } else if (call.isGithub()) {
                GithubLines.answered(run, call, answer);
            } else {
                TogglLines.answered(run, call, answer);
            }
        } catch (SourceException e) {
            unexpected(run, call, e.getMessage());
        }
    }

    public void failed(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run, @ExchangeProperty(CALL) CheckCall call,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        Throwable e = RunLifecycle.meaningfulCause(caught);
        if (call.kind().worklog()) {
            if (!call.isJira()) {
                run.quotaSeen();
            }
            WorklogLines.failed(run, call, e);
        } else if (call.isJira()) {
            JiraLines.failed(run, call, e);
        } else if (call.isGithub()) {
            GithubLines.failed(run, call, e);
        } else if (call.kind().probe()) {
            run.quotaSeen();
            ProbeLines.failed(run, call, e);
        } else if (call.kind() == Kind.TOGGL_PROJECT_LIST) {
            run.quotaSeen();
            ProjectLines.failed(run, e);
        } else {
            run.quotaSeen();
            TogglLines.failed(run, call, e);
        }
    }

    /** {@code --probe}: queues the probe's create when Toggl's answers so far allow it, else says why it did not run. */
    public void probeBegin(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        CheckRun.Probe probe = run.probe;
        if (probe == null) {
            return;
        }
        String why = !run.workspaceReached ? "Toggl's workspace was not reached (see the Toggl lines)"
                : run.tasksRefused ? "the workspace's plan has no tasks"
                : run.unusableProjects.contains(probe.projectId) ? "project " + probe.projectId + " cannot take tasks (see its line)"
                : null;
        if (why != null) {
            run.add(CheckLine.warning(ProbeLines.AREA, "create", "not run: " + why, "fix the lines above, then probe again"));
            return;
        }
        ProbeLines.queueCreate(run);
    }

    public boolean probing(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        return run.probe != null && run.probe.started;
    }

    /** Whatever happened to the probe's steps: its task is deleted (found by name first if its id never came back). */
    public void probeCleanUp(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        ProbeLines.queueCleanUp(run);
    }

    private static void unexpected(CheckRun run, CheckCall call, String what) {
        String area = call.kind().probe() ? ProbeLines.AREA : call.kind().worklog() ? WorklogLines.AREA : call.isJira() ? JiraLines.AREA
                : call.isGithub() ? GithubLines.AREA : TogglLines.AREA;
        String url = call.isJira() ? "jira.url (JIRA_URL)" : call.isGithub() ? "github.api-url (GITHUB_API_URL)" : "toggl.api-url (TOGGL_API_URL)";
        run.add(CheckLine.failed(area, call.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                "unexpected answer: " + what, "check " + url + ": it must be the API's base URL"));
    }

    /** After the reads: the tasks and quota lines, what the plan will cost, the webhook receiver, and the sync state. */
    public void finish(@ExchangeProperty(CheckRun.PROPERTY) CheckRun run) {
        SyncSettings settings = run.settings();
        int projects = Math.max(1, run.togglTasks.size());
        TogglLines.finish(run, projects);
        boolean toggl = !run.togglTasks.isEmpty() && run.togglTasks.size() == run.targetProjects().size() - run.unusableProjects.size();
        if (run.records != null && toggl) {
            int jiraPage = JiraSettings.of(settings) == null ? 0 : JiraSettings.of(settings).pageSize();
            new PlanCost(run.records, run.recordsApproximate, run.togglTasks, settings.toggl().pageSize(), settings.toggl().hourlyQuota(),
                    runsPerHour(settings.run().schedule()), jiraPage).lines().forEach(run::add);
        } else {
            // said as it is: a check where nothing failed must not send the reader looking for a failure
            boolean noTargets = run.records != null && run.targetProjects().isEmpty();
            run.add(CheckLine.warning(PlanCost.AREA, "first sync and steady runs",
                    "not worked out: it needs the source's record count and every target project's task count from Toggl"
                            + (noTargets ? "; no target project is configured (the source's projects are found by name when the sync runs)" : ""),
                    noTargets ? "set toggl.project-map (TOGGL_PROJECT_MAP) or toggl.project-id (TOGGL_PROJECT_ID) to have it worked out here"
                            : "fix the lines above that failed"));
        }
        CheckLine webhook = WebhookLine.of(settings);
        if (webhook != null) {
            run.add(webhook);
        }
        WorklogLines.finish(run);
        CheckLine push = MetricsPushLine.of(settings);
        if (push != null) {
            run.add(push);
        }
        run.add(StateLine.of(settings, sources.named(settings.source()), java.time.Instant.now().getEpochSecond()));
    }

    /**
     * The most runs {@code sync.schedule} (Quartz cron, seconds first) starts in any clock hour of the next day; null when
     * there is no schedule (the CronJob's is outside the app) or it cannot be read.
     */
    static Integer runsPerHour(String cron) {
        if (cron == null) {
            return null;
        }
        try {
            ExecutionTime times = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(cron));
            ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0);
            int[] perHour = new int[24];
            ZonedDateTime t = start;
            for (int n = 0; n < 24 * 3600; n++) {
                Optional<ZonedDateTime> next = times.nextExecution(t);
                if (next.isEmpty() || !next.get().isBefore(start.plusHours(24))) {
                    break;
                }
                t = next.get();
                perHour[(int) java.time.Duration.between(start, t).toHours()]++;
            }
            return Math.max(1, java.util.Arrays.stream(perHour).max().orElse(1));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
