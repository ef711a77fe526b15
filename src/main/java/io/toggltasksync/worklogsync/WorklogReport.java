package io.toggltasksync.worklogsync;

import io.toggltasksync.sync.ExitCode;
import io.toggltasksync.worklog.SkipReason;
import io.toggltasksync.worklog.WorklogPlan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report's {@code worklogs} section and the exit code the worklog part asks for. Pure: from the
 * {@link WorklogRun} alone.
 */
public final class WorklogReport {

    /** The report key. */
    public static final String KEY = "worklogs";

    private WorklogReport() {
    }

    public static Map<String, Object> section(WorklogRun w, long togglCalls) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", w.status().name().toLowerCase(Locale.ROOT));
        if (w.reason() != null) {
            s.put("reason", w.reason());
        }
        s.put("window_start", w.windowStart().toString());
        s.put("grouping", w.settings().grouping().name().toLowerCase(Locale.ROOT));
        s.put("mirrored_issues", w.issues().keys().size());
        s.put("entries_read", w.entriesRead());
        if (w.workspace() != null) {
            s.put("sees_all_users", w.workspace().seesEveryonesEntries());
        }
        WorklogPlan plan = w.plan();
        s.put("created", w.created());
        s.put("updated", w.updated());
        s.put("deleted", w.deleted());
        s.put("unchanged", plan == null ? 0 : plan.unchanged().size());
        s.put("moved", plan == null ? 0 : plan.moved());
        s.put("failed", w.failed());
        s.put("not_sent", w.notSent());
        if (w.stoppedWrites() != null) {
            s.put("stopped", w.stoppedWrites());
        }
        s.put("read_back", w.readBack());
        s.put("withheld_deletions", plan == null ? 0 : plan.withheldDeletions().size());
        Map<String, Object> skipped = new LinkedHashMap<>();
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(key(reason), plan == null ? 0 : plan.skipped().getOrDefault(reason, 0));
        }
        s.put("skipped", skipped);
        if (w.worklogs() != null) {
            s.put("unreadable_issues", w.worklogs().unreadable().size());
        }
        if (plan != null) {
            Map<String, Object> guard = new LinkedHashMap<>();
            guard.put("tripped", plan.guard().tripped());
            guard.put("ours", plan.guard().ours());
            guard.put("deletions", plan.guard().deletions());
            guard.put("max_missing_ratio", plan.guard().maxRatio());
            s.put("guard", guard);
        }
        if (w.dryRun() && plan != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("create", plan.creates().size());
            p.put("update", plan.updates().size());
            p.put("delete", plan.deletes().size());
            s.put("plan", p);
        }
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("toggl", togglCalls);
        calls.put("jira", (w.worklogs() == null ? 0 : w.worklogs().calls()) + w.writeCalls());
        s.put("calls", calls);
        return s;
    }

    /**
     * 1 when the worklogs are not as Toggl says and a person should look: a part not done (a failed read,
     * the quota spent), a failed or unsent write, deletions withheld (the token sees only its own entries), the
     * guard tripped. Entries of issues Jira does not show are skipped, not failed: a deleted issue would
     * otherwise fail every run for its lookback.
     */
    public static int exitCode(WorklogRun w) {
        WorklogPlan plan = w.plan();
        boolean incomplete = w.status() != WorklogRun.Status.DONE || w.failed() > 0 || w.notSent() > 0
                || (plan != null && (!plan.withheldDeletions().isEmpty() || plan.guard().tripped()));
        return incomplete ? ExitCode.INCOMPLETE : ExitCode.IN_SYNC;
    }

    private static String key(SkipReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
