package io.toggltasksync.check;

import io.toggltasksync.sync.ExitCode;
import java.util.List;

/** The answer of {@code --check}: its lines in the order they were checked, and the exit code they add up to. */
public record Checklist(List<CheckLine> lines) {

    public Checklist {
        lines = List.copyOf(lines);
    }

    public long count(CheckStatus status) {
        return lines.stream().filter(l -> l.status() == status).count();
    }

    /** 0 all passed, 1 a warning, 2 a failure that would stop a sync. */
    public int exitCode() {
        if (count(CheckStatus.FAILED) > 0) {
            return ExitCode.CANNOT_RUN;
        }
        return count(CheckStatus.WARNING) > 0 ? ExitCode.INCOMPLETE : ExitCode.IN_SYNC;
    }

    /** One sentence: what the lines add up to. */
    public String verdict() {
        long failed = count(CheckStatus.FAILED);
        long warnings = count(CheckStatus.WARNING);
        if (failed > 0) {
            return failed + " failure(s), " + warnings + " warning(s): a sync would not run as configured (exit 2)";
        }
        if (warnings > 0) {
            return warnings + " warning(s): a sync would run, but see the lines marked warn (exit 1)";
        }
        return "all " + lines.size() + " checks passed (exit 0)";
    }
}
