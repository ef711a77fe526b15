package io.toggltasksync.sync;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static io.toggltasksync.testing.SandboxFixture.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sandbox.TogglSandbox.Fault;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole sync, routes and all, against the in-memory Toggl sandbox; asserts on Toggl's resulting state. */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class SyncEndToEndTest {

    @Inject
    SyncService service;

    SandboxFixture t;

    private Path threeRows() {
        return t.csv("tasks.csv",
                "R1,Write the spec,,3600,true",
                "R2,Build it,1002,,true",
                "R3,Ship it,,7200,false");
    }

    @Test
    void firstImportCreatesEveryTaskWithIntegrationFields() {
        SyncRun run = service.runOnce(t.settings(threeRows()));

        assertThat(run.exitCode()).isZero();
        TogglTask spec = t.task(P1, "Write the spec");
        assertThat(spec.estimatedSeconds()).isEqualTo(3600L);
        assertThat(spec.active()).isTrue();
        assertThat(spec.integrationProvider()).isEqualTo("csv");
        assertThat(spec.integrationExtType()).isEqualTo("row");
        assertThat(spec.integrationExtId()).isEqualTo("R1");
        assertThat(t.task(P2, "Build it").active()).isTrue();
        assertThat(t.task(P1, "Ship it").active()).isFalse();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(3);
        Map<String, Object> report = t.report();
        assertThat(report).containsEntry("read", 3).containsEntry("created", 3).containsEntry("failed", 0);
        assertThat(t.deadLetters()).isEmpty();
    }

    @Test
    void rerunWithNoChangesWritesNothing() {
        Path csv = threeRows();
        service.runOnce(t.settings(csv));
        t.sandbox.resetCounters();

        SyncRun second = service.runOnce(t.settings(csv));

        assertThat(second.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.requestCount("GET")).isEqualTo(2); // one listing page per project
        assertThat(t.report()).containsEntry("unchanged", 3).containsEntry("created", 0);
    }

    @Test
    void editsAreReconciledRenameReestimateFinishVanishAndReturn() {
        service.runOnce(t.settings(t.csv("v1.csv",
                "R1,Write the spec,,3600,true",
                "R2,Build it,,,true",
                "R3,Ship it,,,true",
                "R4,Party,,,false",
                "R5,Keep me,,,true")));
        long specId = t.task(P1, "Write the spec").id();

        SyncRun run = service.runOnce(t.settings(t.csv("v2.csv",
                "R1,Write the whole spec,,5400,true", // renamed and re-estimated
                "R2,Build it,,,false",                // finished
                // R3 vanished
                "R4,Party,,,true",                     // came back
                "R5,Keep me,,,true")));

        assertThat(run.exitCode()).isZero();
        TogglTask spec = t.task(P1, "Write the whole spec");
        assertThat(spec.id()).isEqualTo(specId);
        assertThat(spec.estimatedSeconds()).isEqualTo(5400L);
        assertThat(t.task(P1, "Build it").active()).isFalse();
        assertThat(t.task(P1, "Ship it").active()).isFalse();
        assertThat(t.task(P1, "Party").active()).isTrue();
        assertThat(t.sandbox.allTasks()).hasSize(5);
        assertThat(t.report()).containsEntry("updated", 1).containsEntry("deactivated", 2).containsEntry("activated", 1)
                .containsEntry("unchanged", 1);
        // the flips of one project and value share one bulk PATCH
        assertThat(t.sandbox.requestCount("PATCH")).isEqualTo(2);
    }

    @Test
    void reEstimatesToOneValueGoInOnePatchAndALoneOneInAPut() {
        service.runOnce(t.settings(t.csv("v1.csv", "R1,One,,600,true", "R2,Two,,600,true", "R3,Three,,600,true", "R4,Four,,600,true")));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.csv("v2.csv",
                "R1,One,,7200,true", "R2,Two,,7200,true", "R3,Three,,7200,false", "R4,Four,,1800,true")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.task(P1, "One").estimatedSeconds()).isEqualTo(7200L);
        assertThat(t.task(P1, "Two").estimatedSeconds()).isEqualTo(7200L);
        assertThat(t.task(P1, "Three").estimatedSeconds()).isEqualTo(7200L);
        assertThat(t.task(P1, "Three").active()).isFalse();
        assertThat(t.task(P1, "Four").estimatedSeconds()).isEqualTo(1800L);
        // One and Two share a PATCH; Three also finishes, so it is alone in its group: a PUT, as is Four
        assertThat(t.sandbox.requestCount("PATCH")).isEqualTo(1);
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(2);
        assertThat(t.sandbox.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("/estimated_seconds").contains("7200"));
        assertThat(t.report()).containsEntry("updated", 4).containsEntry("failed", 0);
        assertThat(t.deadLetters()).isEmpty();
    }

    @Test
    void aTogglThatRefusesToPatchEstimatesGetsOnePutPerTaskAndNothingFails() {
        service.runOnce(t.settings(t.csv("v1.csv", "R1,One,,600,true", "R2,Two,,600,true", "R3,Three,,600,true")));
        t.sandbox.setPatchPaths(java.util.Set.of("/active"));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.csv("v2.csv", "R1,One,,900,true", "R2,Two,,900,true", "R3,Three,,900,true")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::estimatedSeconds).containsOnly(900L);
        assertThat(t.sandbox.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(3);
        assertThat(t.report()).containsEntry("updated", 3).containsEntry("failed", 0);
        assertThat(t.deadLetters()).isEmpty();

        t.sandbox.resetCounters();
        SyncRun off = service.runOnce(t.settings(t.csv("v3.csv", "R1,One,,60,true", "R2,Two,,60,true", "R3,Three,,900,true"), "toggl.patch-estimates=false"));
        assertThat(off.exitCode()).isZero();
        assertThat(t.sandbox.requestCount("PATCH")).isZero();
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(2);
    }

    @Test
    void handMadeTasksAreNeverTouched() {
        TogglTask handMade = t.sandbox.putTask(WS, P1, "Coffee with the team", 600L, true, null, null, null);
        TogglTask otherIntegration = t.sandbox.putTask(WS, P1, "Asana thing", null, true, "asana", "task", "99");
        Path csv = t.csv("tasks.csv", "R1,Write the spec,,,true", "R2,Build it,,,true");
        service.runOnce(t.settings(csv));
        service.runOnce(t.settings(t.csv("less.csv", "R1,Write the spec,,,true"), "sync.missing=delete", "sync.max-missing-ratio=1"));

        assertThat(t.sandbox.task(handMade.id())).isEqualTo(handMade);
        assertThat(t.sandbox.task(otherIntegration.id())).isEqualTo(otherIntegration);
        assertThat(t.sandbox.requests()).noneMatch(r -> r.path().contains("/" + handMade.id()) || r.path().contains("/" + otherIntegration.id()));
    }

    @Test
    void guardRefusesToDeactivateOnAnEmptyFile() {
        service.runOnce(t.settings(threeRows()));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.write("empty.csv", "external_id,name\n")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.writes()).isZero();
        assertThat(t.task(P1, "Write the spec").active()).isTrue();
        assertThat(t.task(P2, "Build it").active()).isTrue();
        assertThat((Map<String, Object>) t.report().get("guard")).containsEntry("tripped", true);
    }

    @Test
    void zeroByteFileIsAlsoStoppedByTheGuard() {
        service.runOnce(t.settings(threeRows()));
        SyncRun run = service.runOnce(t.settings(t.write("zero.csv", "")));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.task(P1, "Write the spec").active()).isTrue();
    }

    @Test
    void deleteModeDeletesVanishedTasks() {
        service.runOnce(t.settings(threeRows()));

        SyncRun run = service.runOnce(t.settings(t.csv("two.csv", "R1,Write the spec,,3600,true", "R2,Build it,1002,,true"),
                "sync.missing=delete"));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).containsExactly("Write the spec");
        assertThat(t.report()).containsEntry("deleted", 1);
    }

    @Test
    void keepModeLeavesVanishedTasksAlone() {
        service.runOnce(t.settings(threeRows()));
        service.runOnce(t.settings(t.csv("one.csv", "R1,Write the spec,,3600,true"), "sync.missing=keep"));
        assertThat(t.sandbox.allTasks()).hasSize(3).allMatch(task -> task.name().equals("Ship it") || task.active());
    }

    @Test
    void dryRunWritesNothingButReportsThePlan() {
        SyncRun run = service.runOnce(t.settings(threeRows(), "sync.dry-run=true"));

        assertThat(run.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).isEmpty();
        assertThat(t.report()).containsEntry("dry_run", true).containsEntry("created", 3);
        assertThat((Map<String, Object>) t.report().get("plan")).containsEntry("create", 3);
    }

    @Test
    void badRowsAreDeadLetteredWithReasonsAndTheRestImported() {
        Path csv = t.csv("bad.csv",
                "R1,Good one,,,true",
                "R2,,,,true",
                "R3,Bad estimate,,1.5h,true",
                "R4,Bad active,,,maybe",
                "R1,Duplicate id,,,true",
                "R6,Too few");

        SyncRun run = service.runOnce(t.settings(csv));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.sandbox.allTasks()).extracting(TogglTask::name).containsExactly("Good one");
        List<Map<String, Object>> dead = t.deadLetters();
        assertThat(dead).hasSize(5).allSatisfy(d -> assertThat(d).containsEntry("kind", "rejected").containsKey("reason").containsKey("line"));
        assertThat(dead).extracting(d -> d.get("line")).containsExactly(3, 4, 5, 6, 7);
        assertThat(t.report()).containsEntry("rejected", 5).containsEntry("created", 1);
    }

    @Test
    void withoutIntegrationFieldsGenericRowsMatchByExactName() {
        t.sandbox.setStoreIntegrationFields(false);
        Path csv = threeRows();
        service.runOnce(t.settings(csv));
        t.sandbox.resetCounters();

        SyncRun rerun = service.runOnce(t.settings(csv));

        assertThat(rerun.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    @Test
    void withoutIntegrationFieldsJiraTasksMatchByIssueKeyAndVanishedOnesAreDeactivated() {
        t.sandbox.setStoreIntegrationFields(false);
        String header = "Summary,Issue key,Status,Status Category,Project key,Resolution,Original Estimate\n";
        service.runOnce(t.settings(t.write("jira1.csv", header
                + "Login page,ALPHA-1,To Do,To Do,ALPHA,,3600\n"
                + "Signup page,ALPHA-2,To Do,To Do,ALPHA,,\n"
                + "Logout,ALPHA-3,To Do,To Do,ALPHA,,\n")));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.write("jira2.csv", header
                + "Login page (new),ALPHA-1,To Do,To Do,ALPHA,,3600\n"
                + "Signup page,ALPHA-2,Done,Done,ALPHA,Done,\n")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(t.task(P1, "ALPHA-1 Login page (new)").active()).isTrue();
        assertThat(t.task(P1, "ALPHA-2 Signup page").active()).isFalse();
        assertThat(t.task(P1, "ALPHA-3 Logout").active()).isFalse();
        assertThat(t.sandbox.requestCount("POST")).isZero();
    }

    @Test
    void transientFaultsAreRetriedAndEndInTheExactState() {
        t.sandbox.injectFault(Fault.serverError("POST", ".*").times(2));
        t.sandbox.injectFault(Fault.tooManyRequests("GET", ".*"));
        t.sandbox.injectFault(Fault.tooManyRequests("POST", ".*"));

        SyncRun run = service.runOnce(t.settings(threeRows()));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(run.retries()).isEqualTo(4);
        assertThat(t.deadLetters()).isEmpty();
    }

    @Test
    void lostAnswerOnCreateDoesNotDuplicate() {
        t.sandbox.injectFault(Fault.loseAnswer("POST", ".*"));

        SyncRun run = service.runOnce(t.settings(threeRows()));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
        assertThat(t.report()).containsEntry("created", 3).containsEntry("failed", 0);
        t.sandbox.resetCounters();
        service.runOnce(t.settings(threeRows()));
        assertThat(t.writes()).isZero();
    }

    @Test
    void lostAnswersOnUpdatePatchAndDeleteEndInTheExactState() {
        service.runOnce(t.settings(t.csv("v1.csv", "R1,Write the spec,,3600,true", "R2,Build it,,,true", "R3,Ship it,,,true",
                "R4,Party,,,true")));
        t.sandbox.injectFault(Fault.loseAnswer("PUT", ".*"));
        t.sandbox.injectFault(Fault.loseAnswer("PATCH", ".*"));
        t.sandbox.injectFault(Fault.loseAnswer("DELETE", ".*"));

        SyncRun run = service.runOnce(t.settings(t.csv("v2.csv", "R1,Write the whole spec,,3600,true", "R2,Build it,,,false",
                "R3,Ship it,,,true"), "sync.missing=delete"));

        assertThat(run.exitCode()).isZero();
        assertThat(t.task(P1, "Write the whole spec").active()).isTrue();
        assertThat(t.task(P1, "Build it").active()).isFalse();
        assertThat(t.sandbox.tasks(P1)).extracting(TogglTask::name).doesNotContain("Party");
        assertThat(t.report()).containsEntry("updated", 1).containsEntry("deactivated", 1).containsEntry("deleted", 1)
                .containsEntry("failed", 0);
    }

    @Test
    void lostAnswerWithoutIntegrationFieldsIsResolvedByName() {
        t.sandbox.setStoreIntegrationFields(false);
        t.sandbox.injectFault(Fault.loseAnswer("POST", ".*"));
        SyncRun run = service.runOnce(t.settings(threeRows()));
        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    @Test
    void retriesExhaustedDeadLettersTheRecordAndTheRestGoesOn() {
        t.sandbox.injectFault(Fault.serverError("POST", ".*").times(5)); // 1 try + 4 retries

        SyncRun run = service.runOnce(t.settings(threeRows()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.sandbox.allTasks()).hasSize(2);
        assertThat(t.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("kind", "failed").containsEntry("external_id", "R1").containsEntry("status", 500);
            assertThat((String) d.get("reason")).contains("Internal Server Error");
        });
    }

    @Test
    void clientErrorIsDeadLetteredAtOnceWithTogglsPlainTextMessage() {
        t.sandbox.injectFault(Fault.status("PUT", ".*", 400, "\"Invalid estimated_seconds\""));
        service.runOnce(t.settings(threeRows()));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.csv("v2.csv", "R1,Write the spec,,60,true", "R2,Build it,1002,,true",
                "R3,Ship it,,7200,false")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.sandbox.requestCount("PUT")).isEqualTo(1);
        assertThat(t.deadLetters()).singleElement().satisfies(d ->
                assertThat((String) d.get("reason")).isEqualTo("400 Invalid estimated_seconds"));
    }

    @Test
    void quotaSpentStopsAtOnceDefersTheRestAndTheNextRunCarriesOn() {
        t.sandbox.injectFault(Fault.quotaExhausted("POST", ".*", 3000));
        Path csv = threeRows();

        SyncRun run = service.runOnce(t.settings(csv));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(1); // never loops on 402
        assertThat(t.sandbox.allTasks()).isEmpty();
        assertThat(t.report()).containsEntry("deferred", 3).containsEntry("failed", 0);

        SyncRun next = service.runOnce(t.settings(csv));
        assertThat(next.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    @Test
    void importLargerThanTheQuotaWritesWhatFitsDefersTheRestAndFinishesOverHourlyRuns() {
        // 30 new rows, 12 requests an hour: the runs an hour apart write what fits, never earning a 402
        java.util.concurrent.atomic.AtomicReference<java.time.Duration> later = new java.util.concurrent.atomic.AtomicReference<>(java.time.Duration.ZERO);
        java.time.Clock base = java.time.Clock.systemUTC();
        t.sandbox.setClock(new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return base.getZone();
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return base.instant().plus(later.get());
            }
        });
        t.sandbox.setQuota(12, 3600);
        String[] rows = new String[30];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "M" + i + ",Migrate item " + i + ",,60,true";
        }
        Path csv = t.csv("big.csv", rows);

        SyncRun first = service.runOnce(t.settings(csv, "toggl.hourly-quota=12"));

        assertThat(first.exitCode()).isEqualTo(1);
        long reads = t.sandbox.requestCount("GET");
        assertThat(t.sandbox.totalRequests()).isEqualTo(12);
        assertThat(t.sandbox.requests()).noneMatch(r -> r.status() == 402);
        assertThat(t.sandbox.allTasks()).hasSize((int) (12 - reads));
        Map<String, Object> report = t.report();
        long deferred = 30 - (12 - reads);
        assertThat(report).containsEntry("created", (int) (12 - reads)).containsEntry("deferred", (int) deferred)
                .containsEntry("failed", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> quota = (Map<String, Object>) report.get("quota");
        assertThat(quota).containsEntry("remaining", 0).containsEntry("deferred_calls", (int) deferred)
                .containsEntry("hourly_limit", 12)
                // each later run reads the 2 projects first, leaving 10 writes an hour
                .containsEntry("reads_next_run", 2)
                .containsEntry("estimated_runs_left", (int) ((deferred + 9) / 10));

        int runs = 1;
        SyncRun run = first;
        while (run.exitCode() != 0 && runs < 10) {
            later.set(later.get().plusHours(1));
            run = service.runOnce(t.settings(csv, "toggl.hourly-quota=12"));
            runs++;
        }

        assertThat(run.exitCode()).isZero();
        assertThat(runs).isEqualTo(1 + (int) ((deferred + 9) / 10));
        assertThat(t.sandbox.allTasks()).hasSize(30).extracting(TogglTask::name).doesNotHaveDuplicates();
        assertThat(t.sandbox.requestCount("POST")).isEqualTo(30);
        assertThat(t.sandbox.requests()).noneMatch(r -> r.status() == 402);
    }

    @Test
    void dryRunForecastsTheRunsABigImportNeeds() {
        t.sandbox.setQuota(12, 3600);
        String[] rows = new String[30];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "M" + i + ",Migrate item " + i + ",,60,true";
        }

        SyncRun run = service.runOnce(t.settings(t.csv("big.csv", rows), "toggl.hourly-quota=12", "sync.dry-run=true"));

        assertThat(run.exitCode()).isZero();
        assertThat(t.writes()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> quota = (Map<String, Object>) t.report().get("quota");
        // 2 reads leave 10 of 12: 20 calls would be deferred, 10 a run after that
        assertThat(quota).containsEntry("remaining", 10).containsEntry("deferred_calls", 20).containsEntry("estimated_runs_left", 2);
    }

    @Test
    void dryRunForecastCountsSharedReEstimatesAsOneCallBeforeTheCreates() {
        String[] old = new String[12];
        for (int i = 0; i < old.length; i++) {
            old[i] = "E" + i + ",Existing " + i + ",,60,true";
        }
        service.runOnce(t.settings(t.csv("old.csv", old), "toggl.page-size=5"));
        t.sandbox.setQuota(12, 3600);
        String[] rows = new String[32];
        for (int i = 0; i < 12; i++) {
            rows[i] = "E" + i + ",Existing " + i + ",,120,true";   // 12 re-estimates to one value: 1 PATCH
        }
        for (int i = 12; i < rows.length; i++) {
            rows[i] = "N" + i + ",New " + i + ",,60,true";           // 20 creates
        }

        SyncRun run = service.runOnce(t.settings(t.csv("big.csv", rows), "toggl.page-size=5", "toggl.hourly-quota=12",
                "sync.dry-run=true"));

        assertThat(run.exitCode()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> quota = (Map<String, Object>) t.report().get("quota");
        // 4 reads (3 pages of project 1, 1 of project 2) leave 8: the PATCH, then 7 of the 20 creates;
        // the forecast's next run reads the 19 tasks there are then: 4 pages of 5 (counting 12
        // re-estimate PUTs before the creates would leave 12 tasks and 3 pages)
        assertThat(quota).containsEntry("remaining", 8).containsEntry("deferred_calls", 13).containsEntry("reads_next_run", 4);
    }

    @Test
    void quotaThatResetsSoonIsWaitedFor() {
        t.sandbox.injectFault(Fault.quotaExhausted("POST", ".*", 1));
        SyncRun run = service.runOnce(t.settings(threeRows()));
        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.allTasks()).hasSize(3);
    }

    @Test
    void patchRefusedForSizeIsSplit() {
        t.sandbox.setPatchLimit(2);
        Path csv = t.csv("five.csv", "A,a,,,true", "B,b,,,true", "C,c,,,true", "D,d,,,true", "E,e,,,true");
        service.runOnce(t.settings(csv));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.csv("done.csv", "A,a,,,false", "B,b,,,false", "C,c,,,false",
                "D,d,,,false", "E,e,,,false")));

        assertThat(run.exitCode()).isZero();
        assertThat(t.sandbox.tasks(P1)).noneMatch(TogglTask::active);
        // one refused PATCH of 5, then 3 of at most 2
        assertThat(t.sandbox.requestCount("PATCH")).isEqualTo(4);
    }

    @Test
    void pagingFollowsTheGrantedPageSize() {
        t.sandbox.setMaxPerPage(2);
        Path csv = t.csv("five.csv", "A,a,,,true", "B,b,,,true", "C,c,,,true", "D,d,,,true", "E,e,,,true");
        service.runOnce(t.settings(csv));
        t.sandbox.resetCounters();

        service.runOnce(t.settings(csv));

        assertThat(t.writes()).isZero();
        assertThat(t.sandbox.requestCount("GET")).isEqualTo(3 + 1); // 5 tasks in P1 at 2 a page, and P2
    }

    @Test
    void aListingThatIsNotJsonAbortsAtOnceAndWritesNothing() {
        t.sandbox.injectFault(Fault.status("GET", ".*/tasks", 200, "<html><body>Maintenance</body></html>"));

        SyncRun run = service.runOnce(t.settings(threeRows()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.retries()).as("the same answer would come again").isZero();
        assertThat(t.writes()).isZero();
        assertThat((String) t.report().get("error"))
                .startsWith("failed while reading the Toggl tasks: unexpected answer from Toggl (not the JSON expected): ");
    }

    @Test
    void refusedTokenAbortsWithExit2AndWritesNothing() {
        service.runOnce(t.settings(threeRows()));
        t.sandbox.resetCounters();

        SyncRun run = service.runOnce(t.settings(t.write("empty.csv", "external_id,name\n"), "toggl.api-token=wrong-token-1234"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(t.writes()).isZero();
        assertThat((String) t.report().get("error"))
                .isEqualTo("failed while reading the Toggl tasks: 403 Incorrect username and/or password (check toggl.api-token and access to workspace 42)");
    }

    @Test
    void unreachableTogglAbortsWithExit2AfterRetries() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SyncRun run = service.runOnce(t.settings(threeRows(), "toggl.api-url=http://127.0.0.1:" + closedPort + "/api/v9"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.retries()).isEqualTo(4);
        assertThat((String) t.report().get("error")).startsWith("failed while reading the Toggl tasks: HttpHostConnectException");
        assertThat(t.report()).containsEntry("deferred", 3);
    }

    @Test
    void secretsNeverReachReportOrDeadLetters() throws Exception {
        t.sandbox.injectFault(Fault.status("POST", ".*", 400, "token " + SandboxFixture.TOKEN + " is odd"));
        service.runOnce(t.settings(threeRows()));

        assertThat(Files.readString(t.dir.resolve("report.json"))).doesNotContain(SandboxFixture.TOKEN);
        assertThat(Files.readString(t.dir.resolve("dead-letter.jsonl"))).isNotEmpty().doesNotContain(SandboxFixture.TOKEN);
    }
}
