package io.toggltasksync.sync;

import io.toggltasksync.account.Ledger;
import io.toggltasksync.account.Outcome;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.plan.QuotaForecast;
import io.toggltasksync.support.Json;
import io.toggltasksync.toggl.ApiCalls;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import io.toggltasksync.config.SyncSettings;
import org.jboss.logging.Logger;

/** Writes {@code sync.report-file} and logs the one-line summary of a run. */
@ApplicationScoped
public class RunReport {

    private static final Logger LOG = Logger.getLogger(RunReport.class);

    public Map<String, Object> build(SyncRun run) {
        Ledger l = run.ledger();
        Instant now = Instant.now();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("started_at", run.started().toString());
        r.put("finished_at", now.toString());
        r.put("duration_ms", Duration.between(run.started(), now).toMillis());
        r.put("source", run.batch() == null ? run.settings().source() : run.batch().description());
        r.put("dry_run", run.settings().run().dryRun());
        r.put("exit_code", run.exitCode());
        r.put("status", status(run));
        if (run.abortReason() != null) {
            r.put("error", run.abortReason());
        }
        if (run.stop().isStopped()) {
            r.put("stopped", run.stop().reason());
        }
        r.put("mode", run.mode().label());
        r.put("mode_reason", run.mode().reason());
        r.put("read", run.batch() == null ? 0 : run.batch().read());
        r.put("names_cleaned", run.namesCleaned());
        for (Outcome o : Outcome.values()) {
            r.put(key(o), l.total(o));
        }
        Map<String, Object> records = new LinkedHashMap<>();
        l.recordCounts().forEach((o, n) -> records.put(key(o), n));
        r.put("records", records);
        Map<String, Object> missing = new LinkedHashMap<>();
        l.missingCounts().forEach((o, n) -> missing.put(key(o), n));
        r.put("missing", missing);
        Plan plan = run.plan();
        if (plan != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("create", plan.creates().size());
            p.put("update", plan.updates().size());
            p.put("activate", plan.activations().size());
            p.put("deactivate", plan.deactivations().size());
            p.put("delete", plan.deletions().size());
            p.put("unchanged", plan.unchanged().size());
            p.put("conflicts", plan.conflicts().size());
            p.put("write_calls", plan.writeCallsNeeded(run.settings().toggl().patchBatchSize(), run.writes().patchEstimates()));
            p.put("planning_ms", run.planWallMs());
            p.put("planning_cpu_ms", run.planCpuMs());
            r.put("plan", p);
            Map<String, Object> guard = new LinkedHashMap<>();
            guard.put("tripped", plan.guard().tripped());
            guard.put("missing", plan.guard().missing());
            guard.put("managed", plan.guard().managed());
            guard.put("max_missing_ratio", plan.guard().maxRatio());
            r.put("guard", guard);
            r.put("duplicates", plan.duplicates().stream().map(t -> Map.of("task_id", t.id(), "name", t.name())).toList());
        }
        if (run.projects().listSource() != null || run.projects().matched() != null) {
            r.put("projects", ProjectFinder.report(run));
        }
        ApiCalls toggl = run.toggl().calls();
        Map<String, Object> calls = new LinkedHashMap<>(toggl.byMethod());
        calls.put("total", toggl.total());
        r.put("api_calls", calls);
        r.put("api_statuses", toggl.byStatus());
        // the source's calls, under its name (a file makes none)
        if (run.sourceRead() != null) {
            run.sourceRead().calls().ifPresent(n -> r.put(run.source().name() + "_calls", n));
        }
        r.put("retries", run.retries());
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("remaining", run.toggl().quota().remaining());
        quota.put("resets_in_secs", run.toggl().quota().resetsIn());
        quota.put("hourly_limit", run.settings().toggl().hourlyQuota());
        forecast(run).ifPresent(f -> {
            quota.put("deferred_calls", f.deferredCalls());
            quota.put("reads_next_run", f.readsNextRun());
            quota.put("estimated_runs_left", f.finishes() ? f.runs() : null);
            quota.put("estimate", f.describe());
        });
        r.put("quota", quota);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("file", run.settings().state().stateFile().toString());
        state.put("toggl_tasks_read", run.snapshot().read());
        state.put("toggl_tasks_known", run.snapshot().size());
        if (run.snapshot().since() != null) {
            state.put("toggl_since", run.snapshot().since());
            // what a full sweep would have read: the pages of each target project, one at least
            Map<Long, Long> perProject = run.snapshot().tasks().stream().collect(Collectors.groupingBy(TogglTask::projectId, Collectors.counting()));
            long fullReads = QuotaForecast.sweepReads(run.targetProjects().stream().map(p -> perProject.getOrDefault(p, 0L)).toList(),
                    run.settings().toggl().pageSize());
            state.put("toggl_reads_saved", Math.max(0, fullReads - toggl.byMethod().getOrDefault("GET", 0L)));
        }
        if (run.sourceRead() != null) {
            run.sourceRead().reportState().forEach((key, value) -> state.put(run.source().name() + "_" + key, value));
        }
        r.put("sync_state", state);
        if (run.sweep() != null) {
            r.put("sweep", run.sweep().report(java.time.Instant.now().getEpochSecond(), run.targetProjects(), run.settings().toggl().pageSize(),
                    run.snapshot().sweep().pagesRead()));
        } else if (run.plan() != null && run.event() == null && !run.mode().incremental()) {
            r.put("sweep", Map.of("spread", false, "complete", true, "progress", 1.0, "late", false));
        }
        r.put("dead_letter_file", run.settings().run().deadLetterFile().toString());
        // the flows after the task sync (the worklogs'), which this package does not know
        r.putAll(run.reportSections());
        return r;
    }

    public void write(SyncRun run) {
        Map<String, Object> report = build(run);
        Path path = run.settings().run().reportFile();
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // write then rename, so a reader never sees half a report
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.errorf("Cannot write the report file %s: %s", path, e.getMessage());
        }
        LOG.info(summary(report));
        forecast(run).ifPresent(f -> LOG.info((run.settings().run().dryRun() ? "Quota (if run for real): " : "Deferred: ") + f.describe()));
    }

    /**
     * What the write calls this run deferred will take, when it deferred any. A dry run forecasts
     * its whole plan: what fits in the quota left now, and the runs the rest would need.
     */
    static java.util.Optional<QuotaForecast> forecast(SyncRun run) {
        SyncSettings settings = run.settings();
        long deferred = run.writes().progress().deferredCalls();
        long deferredCreates = run.writes().progress().deferredCreates();
        int snapshotSize = run.snapshot().size();
        long tasks = snapshotSize + run.ledger().total(Outcome.CREATED);
        Plan plan = run.plan();
        if (settings.run().dryRun() && plan != null) {
            // the projects a real run would make come first, one POST each
            long projectCalls = run.projects().creations().size();
            long calls = plan.writeCallsNeeded(settings.toggl().patchBatchSize(), run.writes().patchEstimates()) + projectCalls;
            Long remaining = run.toggl().quota().remaining();
            long fits = remaining != null ? remaining : Math.max(0, settings.toggl().hourlyQuota() - run.toggl().calls().total());
            deferred = Math.max(0, calls - fits);
            // sent in order: deletions, updates (PUTs and shared-estimate PATCHes), creates, flip PATCHes
            long updateCalls = plan.updateCallsNeeded(settings.toggl().patchBatchSize(), run.writes().patchEstimates());
            long createsSent = Math.min(plan.creates().size(), Math.max(0, fits - projectCalls - plan.deletions().size() - updateCalls));
            deferredCreates = plan.creates().size() - createsSent;
            tasks = snapshotSize + createsSent;
        }
        if (deferred == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(QuotaForecast.of(deferred, deferredCreates, settings.toggl().hourlyQuota(), tasks,
                run.targetProjects().size(), settings.toggl().pageSize()));
    }

    static String summary(Map<String, Object> r) {
        return String.format(Locale.ROOT,
                "Summary: %s (exit %s): read %s, created %s, updated %s, activated %s, deactivated %s, deleted %s, unchanged %s, "
                        + "rejected %s, failed %s, deferred %s; %s API call(s) %s in %d ms",
                r.get("status"), r.get("exit_code"), r.get("read"), r.get("created"), r.get("updated"), r.get("activated"),
                r.get("deactivated"), r.get("deleted"), r.get("unchanged"), r.get("rejected"), r.get("failed"), r.get("deferred"),
                ((Map<?, ?>) r.get("api_calls")).get("total"), r.get("api_calls"), (Long) r.get("duration_ms"));
    }

    private static String status(SyncRun run) {
        RunStatus status = run.status();
        if (run.settings().run().dryRun() && status != RunStatus.ABORTED) {
            return status == RunStatus.IN_SYNC ? "dry-run" : "dry-run with problems";
        }
        return status.text();
    }

    private static String key(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }
}
