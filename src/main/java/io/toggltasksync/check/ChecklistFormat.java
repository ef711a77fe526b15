package io.toggltasksync.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checklist as a person reads it (text) and as a machine does ({@code --report}: JSON). Pure. */
public final class ChecklistFormat {

    private ChecklistFormat() {
    }

    public static String text(Checklist checklist) {
        boolean probe = checklist.lines().stream().anyMatch(l -> l.area().equals(ProbeLines.AREA));
        StringBuilder sb = new StringBuilder(probe ? "toggl-task-sync --check --probe: reads, and writes only the probe task (deleted again)\n"
                : "toggl-task-sync --check: reads only, writes nothing\n");
        String area = null;
        for (CheckLine line : checklist.lines()) {
            if (!line.area().equals(area)) {
                area = line.area();
                sb.append(area).append('\n');
            }
            sb.append(String.format("  [%-4s] %s: %s%n", line.status().mark(), line.subject(), line.detail()));
            if (line.fix() != null) {
                sb.append("           fix: ").append(line.fix()).append('\n');
            }
        }
        return sb.append("Result: ").append(checklist.verdict()).append('\n').toString();
    }

    /** The JSON report: the exit code, the counts and every line with its status. */
    public static Map<String, Object> json(Checklist checklist) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("check", true);
        report.put("exit_code", checklist.exitCode());
        report.put("result", checklist.verdict());
        for (CheckStatus status : CheckStatus.values()) {
            report.put(status.label(), checklist.count(status));
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (CheckLine line : checklist.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("area", line.area());
            l.put("subject", line.subject());
            l.put("status", line.status().label());
            l.put("detail", line.detail());
            if (line.fix() != null) {
                l.put("fix", line.fix());
            }
            lines.add(l);
        }
        report.put("lines", lines);
        return report;
    }
}
