package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchBatchesTest {

    private static Plan.Flip flip(long id, long projectId, boolean active) {
        return new Plan.Flip(new TogglTask(id, 1L, projectId, "t" + id, null, !active, "jira", "issue", "ABC-" + id),
                active, null);
    }

    private static List<Long> ids(PatchBatches.Batch batch) {
        return batch.taskIds();
    }

    @Test
    void noFlipsMakeNoBatches() {
        assertThat(PatchBatches.of(List.of(), 10)).isEmpty();
        assertThat(PatchBatches.count(List.of(), 10)).isZero();
    }

    @Test
    void flipsOfOneProjectAndValueShareOneBatch() {
        List<PatchBatches.Batch> batches = PatchBatches.of(List.of(flip(1, 7, false), flip(2, 7, false), flip(3, 7, false)), 10);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).projectId()).isEqualTo(7);
        assertThat(batches.get(0).active()).isFalse();
        assertThat(ids(batches.get(0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void differentProjectsGoToDifferentBatches() {
        List<PatchBatches.Batch> batches = PatchBatches.of(List.of(flip(1, 7, false), flip(2, 8, false), flip(3, 7, false)), 10);

        assertThat(batches).extracting(PatchBatches.Batch::projectId).containsExactly(7L, 8L);
        assertThat(ids(batches.get(0))).containsExactly(1L, 3L);
        assertThat(ids(batches.get(1))).containsExactly(2L);
    }

    @Test
    void activationsAndDeactivationsGoToDifferentBatches() {
        List<PatchBatches.Batch> batches = PatchBatches.of(List.of(flip(1, 7, true), flip(2, 7, false), flip(3, 7, true)), 10);

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
        for (PatchBatches.Batch batch : PatchBatches.of(flips, 4)) {
            assertThat(batch.flips()).allSatisfy(f -> {
                assertThat(f.existing().projectId()).isEqualTo(batch.projectId());
                assertThat(f.active()).isEqualTo(batch.active());
            });
            assertThat(batch.flips()).hasSizeBetween(1, 4);
        }
        assertThat(PatchBatches.of(flips, 4).stream().mapToInt(b -> b.flips().size()).sum()).isEqualTo(40);
    }

    @Test
    void aGroupIsChunkedAtTheBatchSize() {
        List<Plan.Flip> flips = List.of(flip(1, 7, false), flip(2, 7, false), flip(3, 7, false), flip(4, 7, false), flip(5, 7, false));

        List<PatchBatches.Batch> batches = PatchBatches.of(flips, 2);

        assertThat(batches).extracting(PatchBatchesTest::ids)
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.projectId()).isEqualTo(7);
            assertThat(b.active()).isFalse();
        });
        assertThat(PatchBatches.count(flips, 2)).isEqualTo(3);
    }

    @Test
    void anExactMultipleOfTheBatchSizeLeavesNoEmptyBatch() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true), flip(2, 7, true), flip(3, 7, true), flip(4, 7, true));

        assertThat(PatchBatches.of(flips, 2)).extracting(PatchBatchesTest::ids)
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L));
        assertThat(PatchBatches.of(flips, 4)).hasSize(1);
    }

    @Test
    void batchSizeOfOneMakesOneCallPerFlip() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true), flip(2, 7, true), flip(3, 8, false));

        assertThat(PatchBatches.of(flips, 1)).extracting(PatchBatchesTest::ids)
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void orderIsKeptWithinAndAcrossBatches() {
        // groups in order of first appearance, flips in input order inside a group and across its chunks
        List<Plan.Flip> flips = List.of(flip(9, 8, false), flip(3, 7, true), flip(5, 8, false), flip(1, 7, true),
                flip(7, 8, false), flip(2, 8, true));

        List<PatchBatches.Batch> batches = PatchBatches.of(flips, 2);

        assertThat(batches).extracting(PatchBatchesTest::ids)
                .containsExactly(List.of(9L, 5L), List.of(7L), List.of(3L, 1L), List.of(2L));
        assertThat(batches).extracting(PatchBatches.Batch::projectId).containsExactly(8L, 8L, 7L, 8L);
        assertThat(batches).extracting(PatchBatches.Batch::active).containsExactly(false, false, true, true);
    }

    @Test
    void batchesKeepTheFlipsThemselves() {
        SourceTask record = new SourceTask(io.toggltasksync.model.Provider.JIRA, "ABC-1", "ABC-1 x", 7, null, true, 1);
        Plan.Flip withRecord = new Plan.Flip(flip(1, 7, true).existing(), true, record);

        assertThat(PatchBatches.of(List.of(withRecord), 5).get(0).flips()).containsExactly(withRecord);
    }

    @Test
    void batchSizeBelowOneIsRefused() {
        List<Plan.Flip> flips = List.of(flip(1, 7, true));
        assertThatThrownBy(() -> PatchBatches.of(flips, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatchBatches.of(flips, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatchBatches.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PatchBatches.count(flips, 0)).isInstanceOf(IllegalArgumentException.class);
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
        assertThat(plan.writeCallsNeeded(2)).isEqualTo(6);
        assertThat(plan.writeCallsNeeded(100)).isEqualTo(5);
        assertThat(plan.activations()).extracting(f -> f.existing().id()).containsExactly(4L);
        assertThat(plan.deactivations()).extracting(f -> f.existing().id()).containsExactly(1L, 2L, 3L);
        assertThat(plan.writesNothing()).isFalse();
    }
}
