package io.toggltasksync.check;

import io.toggltasksync.plan.QuotaForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the first sync and a steady run will cost in Toggl calls against the hourly quota, from the counts the
 * preflight read: the records the source gives and the tasks Toggl has. The first sync is forecast as a dry run
 * forecasts a deferred backlog ({@link QuotaForecast}): every record a create at most. Pure.
 *
 * @param records      valid records of the source (CSV rows, or the issues the JQL selects)
 * @param tasks        tasks per target project in Toggl now
 * @param runsPerHour  how often {@code sync.schedule} runs a sync, null when the schedule is outside (a CronJob)
 * @param jiraPageSize issues per Jira search call, 0 for a CSV source
 */
record PlanCost(long records, boolean approximate, Map<Long, Long> tasks, int pageSize, int hourlyQuota, Integer runsPerHour,
        int jiraPageSize) {

    static final String AREA = "Plan cost";

    List<CheckLine> lines() {
        List<CheckLine> lines = new ArrayList<>();
        int projects = tasks.size();
        long existing = tasks.values().stream().mapToLong(Long::longValue).sum();
        long reads = QuotaForecast.sweepReads(tasks.values(), pageSize);
        QuotaForecast first = QuotaForecast.of(records, records, hourlyQuota, existing, projects, pageSize);
        String about = approximate ? "about " : "";
        String jira = jiraPageSize == 0 || records == 0 ? ""
                : "; plus " + about + (records + jiraPageSize - 1) / jiraPageSize + " Jira search call(s), which count against Jira's limits";
        String cost = reads + " read(s) + at most " + about + records + " create(s) = " + about + (reads + records)
                + " Toggl call(s) (records Toggl already has cost no write)" + jira;
        String quota = " at " + hourlyQuota + " calls an hour (toggl.hourly-quota)";
        if (!first.finishes()) {
            lines.add(CheckLine.failed(AREA, "first sync", cost + ": the reads of one run alone use up the quota of" + quota,
                    "raise toggl.hourly-quota if your plan allows more (Premium: 600), or split the import by project"));
        } else if (first.runs() > 1) {
            lines.add(CheckLine.warning(AREA, "first sync", cost + ": about " + first.runs() + " hourly runs" + quota,
                    "expected for a big import: run it hourly (the CronJob, or sync.schedule); each run exits 1 with the rest "
                            + "deferred until the last exits 0, nothing is written twice"));
        } else {
            lines.add(CheckLine.passed(AREA, "first sync", cost + ": fits in one run" + quota));
        }
        lines.add(steady(projects, existing));
        return lines;
    }

    /** A quiet run reads one page per project (the sync state); once a day a full sweep reads every page. */
    private CheckLine steady(int projects, long existing) {
        long sweep = QuotaForecast.of(0, 0, hourlyQuota, existing + records, projects, pageSize).readsNextRun();
        String cost = "a quiet run reads " + projects + " page(s), the daily full sweep about " + sweep + ", writes come on top (one "
                + "per change)";
        if (sweep > hourlyQuota) {
            return CheckLine.warning(AREA, "steady runs", cost + ": the sweep alone needs more than the hourly quota of " + hourlyQuota,
                    "split the mirror over several workspaces or accounts, or raise toggl.hourly-quota if your plan allows more");
        }
        long fit = (hourlyQuota - sweep) / projects + 1;
        if (runsPerHour == null) {
            return CheckLine.passed(AREA, "steady runs", cost + ": up to " + fit + " run(s) an hour fit (every "
                    + Math.max(1, (60 + fit - 1) / fit) + " min or less often)");
        }
        long busiest = sweep + (runsPerHour - 1L) * projects;
        if (busiest > hourlyQuota) {
            return CheckLine.warning(AREA, "steady runs", cost + ": at " + runsPerHour + " run(s) an hour (sync.schedule) the sweep's "
                    + "hour needs " + busiest + " calls, more than " + hourlyQuota, "run at most " + fit + " time(s) an hour");
        }
        return CheckLine.passed(AREA, "steady runs", cost + ": at " + runsPerHour + " run(s) an hour (sync.schedule) the busiest "
                + "hour needs " + busiest + " of " + hourlyQuota + " calls");
    }
}
