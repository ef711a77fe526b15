package io.toggltasksync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkPatchesTest {

    private static Plan.Flip flip(long id, long projectId, boolean active) {
        return new Plan.Flip(new TogglTask(id, 1L, projectId, "t" + id, null, !active, "jira", "issue", "ABC-" + id),
                active, null);
    }

    private static List<Long> ids(BulkPatch batch) {
        return batch.taskIds();
    }

    @Test
    void noFlipsMakeNoBatches() {
        assertThat(BulkPatches.of(List.of(), 10)).isEmpty();
        assertThat(BulkPatches.count(List.of(), 10)).isZero();
    }

    @Test
    void flipsOfOneProjectAndValueShareOneBatch() {
        List<BulkPatch> batches = BulkPatches.of(List.of(flip(1, 7, false), flip(2, 7, false), flip(3, 7, false)), 10);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).projectId()).isEqualTo(7);
        assertThat(batches.get(0).active()).isFalse();
        assertThat(ids(batches.get(0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void differentProjectsGoToDifferentBatches() {
        List<BulkPatch> batches = BulkPatches.of(List.of(flip(1, 7, false), flip(2, 8, false), flip(3, 7, false)), 10);

        assertThat(batches).extracting(BulkPatch::projectId).containsExactly(7L, 8L);
        assertThat(ids(batches.get(0))).containsExactly(1L, 3L);
        assertThat(ids(batches.get(1))).containsExactly(2L);
    }

    @Test
    void activationsAndDeactivationsGoToDifferentBatches() {
        List<BulkPatch> batches = BulkPatches.of(List.of(flip(1, 7, true), flip(2, 7, false), flip(3, 7, true)), 10);

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).active()).isTrue();
        assertThat(ids(batches.get(0))).containsExactly(1L, 3L);
        assertThat(batches.get(1).active()).isFalse();
        assertThat(ids(batches.get(1))).containsExactly(2L);
    }

    @Test
    void everyBatchHoldsOneProjectAndOneValue() {
        List<Plan.Flip> flips = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            flips.add(flip(i, i % 3, i % 2 == 0));
        }
        for (BulkPatch batch : BulkPatches.of(flips, 4)) {
            assertThat(batch.flips()).allSatisfy(f -> {
                assertThat(f.existing().projectId()).isEqualTo(batch.projectId());
                assertThat(f.active()).isEqualTo(batch.active());
            });
            assertThat(batch.flips()).hasSizeBetween(1, 4);
        }
        assertThat(BulkPatches.of(flips, 4).stream().mapToInt(b -> b.flips().size()).sum()).isEqualTo(40);
    }

    @Test
    void aGroupIsChunkedAtTheBatchSize() {
        List<Plan.Flip> flips = List.of(flip(1, 7, false), flip(2, 7, false), flip(3, 7, false), flip(4, 7, false), flip(5, 7, false));

        List<BulkPatch> batches = BulkPatches.of(flips, 2);

        assertThat(batches).extracting(BulkPatchesTest::ids)
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.projectId()).isEqualTo(7);
            assertThat(b.active()).isFalse();
        });
        assertThat(BulkPatches.count(flips, 2)).isEqualTo(3);
    }

    @Test
    void anExactMultipleOfTheBatchSizeLeavesNoEmptyBatch() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true), flip(2, 7, true), flip(3, 7, true), flip(4, 7, true));

        assertThat(BulkPatches.of(flips, 2)).extracting(BulkPatchesTest::ids)
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L));
        assertThat(BulkPatches.of(flips, 4)).hasSize(1);
    }

    @Test
    void batchSizeOfOneMakesOneCallPerFlip() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true), flip(2, 7, true), flip(3, 8, false));

        assertThat(BulkPatches.of(flips, 1)).extracting(BulkPatchesTest::ids)
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void orderIsKeptWithinAndAcrossBatches() {
        // groups in order of first appearance, flips in input order inside a group and across its chunks
        List<Plan.Flip> flips = List.of(flip(9, 8, false), flip(3, 7, true), flip(5, 8, false), flip(1, 7, true),
                flip(7, 8, false), flip(2, 8, true));

        List<BulkPatch> batches = BulkPatches.of(flips, 2);

        assertThat(batches).extracting(BulkPatchesTest::ids)
                .containsExactly(List.of(9L, 5L), List.of(7L), List.of(3L, 1L), List.of(2L));
        assertThat(batches).extracting(BulkPatch::projectId).containsExactly(8L, 8L, 7L, 8L);
        assertThat(batches).extracting(BulkPatch::active).containsExactly(false, false, true, true);
    }

    @Test
    void batchesKeepTheFlipsThemselves() {
        SourceTask record = new SourceTask(io.toggltasksync.model.Provider.JIRA, "ABC-1", "ABC-1 x", 7, null, true, 1);
        Plan.Flip withRecord = new Plan.Flip(flip(1, 7, true).existing(), true, record);

        assertThat(BulkPatches.of(List.of(withRecord), 5).get(0).flips()).containsExactly(withRecord);
    }

    @Test
    void batchSizeBelowOneIsRefused() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true));
        assertThatThrownBy(() -> BulkPatches.of(flips, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkPatches.of(flips, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkPatches.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkPatches.count(flips, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeCallsNeededCountsOneCallPerPatchBatch() {
        SourceTask create = new SourceTask(io.toggltasksync.model.Provider.CSV, "r1", "New", 7, null, true, 1);
        TogglTask existing = new TogglTask(50, 1L, 7, "Old", null, true, "csv", "row", "r2");
        SourceTask renamed = new SourceTask(io.toggltasksync.model.Provider.CSV, "r2", "Renamed", 7, null, true, 2);
        TogglTask gone = new TogglTask(60, 1L, 7, "Gone", null, true, "csv", "row", "r3");
        Plan plan = new Plan(List.of(create), List.of(new Plan.Update(existing, renamed)),
                List.of(flip(1, 7, false), flip(2, 7, false), flip(3, 7, false), flip(4, 8, true)),
                List.of(gone), List.of(), List.of(), List.of(), List.of(), new Plan.Guard(false, 5, 1, 0.5));

        // 1 create + 1 update + 1 deletion + batches {1,2} {3} {4}
        assertThat(plan.writeCallsNeeded(2, true)).isEqualTo(6);
        assertThat(plan.writeCallsNeeded(100, true)).isEqualTo(5);
        assertThat(plan.activations()).extracting(f -> f.existing().id()).containsExactly(4L);
        assertThat(plan.deactivations()).extracting(f -> f.existing().id()).containsExactly(1L, 2L, 3L);
        assertThat(plan.writesNothing()).isFalse();
    }

    // ---- re-estimates to a shared value ----

    /** Task {@code id} in {@code project}, estimate 600, re-estimated to {@code estimate}; name kept unless {@code newName}. */
    private static Plan.Update reestimate(long id, long project, Long estimate, boolean wasActive, boolean active, String newName) {
        TogglTask existing = new TogglTask(id, 1L, project, "t" + id, 600L, wasActive, "csv", "row", "r" + id);
        SourceTask desired = new SourceTask(io.toggltasksync.model.Provider.CSV, "r" + id, newName == null ? "t" + id : newName,
                project, estimate, active, (int) id);
        return new Plan.Update(existing, desired);
    }

    private static Plan.Update reestimate(long id, long project, Long estimate) {
        return reestimate(id, project, estimate, true, true, null);
    }

    @Test
    void reEstimatesToOneValueInOneProjectShareAPatchThatSetsThatValue() {
        BulkPatches.Updates split = BulkPatches.updates(
                List.of(reestimate(1, 7, 3600L), reestimate(2, 7, 3600L), reestimate(3, 7, 3600L)), 100, true);

        assertThat(split.puts()).isEmpty();
        assertThat(split.patches()).hasSize(1);
        BulkPatch batch = split.patches().get(0);
        assertThat(batch.projectId()).isEqualTo(7L);
        assertThat(ids(batch)).containsExactly(1L, 2L, 3L);
        assertThat(batch.operations()).containsExactly(java.util.Map.of("op", "replace", "path", "/estimated_seconds", "value", 3600L));
        assertThat(split.calls()).isEqualTo(1);
    }

    @Test
    void renamesLoneReEstimatesAndOtherProjectsOrValuesStayPuts() {
        Plan.Update rename = reestimate(1, 7, 3600L, true, true, "renamed");
        Plan.Update lone = reestimate(2, 7, 1800L);
        Plan.Update otherProject = reestimate(3, 8, 3600L);
        Plan.Update shared1 = reestimate(4, 7, 3600L);
        Plan.Update shared2 = reestimate(5, 7, 3600L);

        BulkPatches.Updates split = BulkPatches.updates(List.of(rename, lone, otherProject, shared1, shared2), 100, true);

        assertThat(split.puts()).containsExactlyInAnyOrder(rename, lone, otherProject);
        assertThat(split.patches()).singleElement().satisfies(b -> assertThat(b.updates()).containsExactly(shared1, shared2));
        assertThat(split.calls()).isEqualTo(4);
    }

    @Test
    void anActiveChangeGoesInTheSamePatchOnlyWithTasksThatMakeTheSameChange() {
        Plan.Update finished1 = reestimate(1, 7, 3600L, true, false, null);
        Plan.Update finished2 = reestimate(2, 7, 3600L, true, false, null);
        Plan.Update stillOpen1 = reestimate(3, 7, 3600L);
        Plan.Update stillOpen2 = reestimate(4, 7, 3600L);

        BulkPatches.Updates split = BulkPatches.updates(List.of(finished1, stillOpen1, finished2, stillOpen2), 100, true);

        assertThat(split.patches()).hasSize(2);
        assertThat(split.patches().get(0).updates()).containsExactly(finished1, finished2);
        assertThat(split.patches().get(0).operations()).containsExactly(
                java.util.Map.of("op", "replace", "path", "/estimated_seconds", "value", 3600L),
                java.util.Map.of("op", "replace", "path", "/active", "value", false));
        assertThat(split.patches().get(1).updates()).containsExactly(stillOpen1, stillOpen2);
        assertThat(split.patches().get(1).operations()).hasSize(1);
    }

    @Test
    void noEstimateAndZeroAreOneValueAsInThePutBody() {
        BulkPatches.Updates split = BulkPatches.updates(List.of(reestimate(1, 7, null), reestimate(2, 7, 0L)), 100, true);

        assertThat(split.patches()).singleElement().satisfies(b -> assertThat(b.estimatedSeconds()).isZero());
    }

    @Test
    void sharedReEstimatesAreChunkedByTheEntryLimitAndSplitKeepsTheOperations() {
        List<Plan.Update> updates = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            updates.add(reestimate(i, 7, 900L));
        }
        List<BulkPatch> batches = BulkPatches.updates(updates, 2, true).patches();
        assertThat(batches).extracting(BulkPatchesTest::ids).containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));

        List<BulkPatch> whole = BulkPatches.updates(updates, 100, true).patches();
        List<BulkPatch> parts = whole.get(0).split(3);
        assertThat(parts).extracting(BulkPatchesTest::ids).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L));
        assertThat(parts).allSatisfy(b -> assertThat(b.operations()).isEqualTo(whole.get(0).operations()));
    }

    @Test
    void withPatchEstimatesOffEveryUpdateIsAPut() {
        List<Plan.Update> updates = List.of(reestimate(1, 7, 3600L), reestimate(2, 7, 3600L));
        BulkPatches.Updates split = BulkPatches.updates(updates, 100, false);

        assertThat(split.puts()).isEqualTo(updates);
        assertThat(split.patches()).isEmpty();
        Plan plan = new Plan(List.of(), updates, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Plan.Guard(false, 2, 0, 0.5));
        assertThat(plan.writeCallsNeeded(100, false)).isEqualTo(2);
        assertThat(plan.writeCallsNeeded(100, true)).isEqualTo(1);
    }
}
