package io.toggltasksync.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checklist alone: the exit code its worst line gives, and the text and JSON it prints as. */
class ChecklistFormatTest {

    static final CheckLine TOKEN = CheckLine.passed("Toggl", "token", "valid: the account of Ada");
    static final CheckLine QUOTA = CheckLine.warning("Toggl", "quota", "nearly spent: 3 left", "wait for the reset");
    static final CheckLine CSV = CheckLine.failed("CSV", "file", "cannot be read: line 4: unterminated quote", "fix the file");

    @Test
    void allPassedExits0() {
        assertThat(new Checklist(List.of(TOKEN)).exitCode()).isZero();
    }

    @Test
    void aWarningExits1() {
        assertThat(new Checklist(List.of(TOKEN, QUOTA)).exitCode()).isEqualTo(1);
    }

    @Test
    void aFailureExits2WhateverElseIsThere() {
        assertThat(new Checklist(List.of(TOKEN, QUOTA, CSV)).exitCode()).isEqualTo(2);
    }

    @Test
    void textGroupsByAreaMarksEachLineAndGivesTheFix() {
        String text = ChecklistFormat.text(new Checklist(List.of(TOKEN, QUOTA, CSV)));

        assertThat(text).startsWith("toggl-task-sync --check: reads only, writes nothing\nToggl\n")
                .contains("  [ok  ] token: valid: the account of Ada\n")
                .contains("  [warn] quota: nearly spent: 3 left\n           fix: wait for the reset\n")
                .contains("CSV\n  [FAIL] file: cannot be read: line 4: unterminated quote\n")
                .endsWith("Result: 1 failure(s), 1 warning(s): a sync would not run as configured (exit 2)\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheExitCodeTheCountsAndEveryLine() {
        Map<String, Object> json = ChecklistFormat.json(new Checklist(List.of(TOKEN, QUOTA)));

        assertThat(json).containsEntry("exit_code", 1).containsEntry("passed", 1L).containsEntry("warning", 1L)
                .containsEntry("failed", 0L);
        assertThat((List<Object>) json.get("lines")).containsExactly(
                Map.of("area", "Toggl", "subject", "token", "status", "passed", "detail", "valid: the account of Ada"),
                Map.of("area", "Toggl", "subject", "quota", "status", "warning", "detail", "nearly spent: 3 left",
                        "fix", "wait for the reset"));
    }
}
