package io.toggltasksync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.apply.FailureRecovery.AlreadyDeleted;
import io.toggltasksync.apply.FailureRecovery.Fail;
import io.toggltasksync.apply.FailureRecovery.LookUpCreate;
import io.toggltasksync.apply.FailureRecovery.PutsInstead;
import io.toggltasksync.apply.FailureRecovery.SplitPatch;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.BulkPatches;
import io.toggltasksync.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a refused write becomes: one rule a test, and the near misses that must stay failures. */
class FailureRecoveryTest {

    private static final long WS = 1;

    private static SourceTask record(String id) {
        return new SourceTask(Provider.CSV, id, "name " + id, 10, null, true, 2);
    }

    private static TogglTask task(long id, boolean active) {
        return new TogglTask(id, WS, 10, "task " + id, null, active, "csv", "row", "X" + id);
    }

    private static WriteCall create() {
        return WriteCall.Create.of(WS, record("A"));
    }

    private static WriteCall delete() {
        return WriteCall.Delete.of(WS, task(5, true));
    }

    private static WriteCall.Patch flips(int n) {
        List<Plan.Flip> flips = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            flips.add(new Plan.Flip(task(i, true), false, null));
        }
        return WriteCall.Patch.of(WS, BulkPatches.of(flips, 100).get(0));
    }

    private static WriteCall.Patch reestimates(int n) {
        List<Plan.Update> updates = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            TogglTask t = task(i, true);
            updates.add(new Plan.Update(t, new SourceTask(Provider.CSV, "X" + i, t.name(), 10, 3600L, true, i)));
        }
        return WriteCall.Patch.of(WS, BulkPatches.updates(updates, 100, true).patches().get(0));
    }

    @Test
    void aCreateRefusedForATakenNameIsLookedUp() {
        assertThat(FailureRecovery.decide(create(), true, 400, "400 Name already exists", false)).isInstanceOf(LookUpCreate.class);
        assertThat(FailureRecovery.decide(create(), true, 400, "400 this name is taken", false)).isInstanceOf(LookUpCreate.class);
    }

    @Test
    void aCreateRefusedForAnotherReasonFails() {
        assertThat(FailureRecovery.decide(create(), true, 400, "400 estimated_seconds must be positive", false)).isInstanceOf(Fail.class);
        assertThat(FailureRecovery.decide(create(), true, 409, "409 already exists", false)).as("only a 400 says the name").isInstanceOf(Fail.class);
    }

    @Test
    void aRetriedDeleteOfAGoneTaskCountsAsDeleted() {
        assertThat(FailureRecovery.decide(delete(), true, 404, "404 Not Found", true)).isInstanceOf(AlreadyDeleted.class);
        assertThat(FailureRecovery.decide(delete(), true, 400, "400 Task not found", true)).isInstanceOf(AlreadyDeleted.class);
    }

    @Test
    void aFirstDeleteThatFindsNoTaskFails() {
        // without a lost first attempt, a 404 means the task was never there: worth reporting
        assertThat(FailureRecovery.decide(delete(), true, 404, "404 Not Found", false)).isInstanceOf(Fail.class);
    }

    @Test
    void aPatchOverTheNamedEntryLimitIsSplitToThatLimit() {
        assertThat(FailureRecovery.decide(flips(5), true, 400, "400 PATCH is limited to 2 entries", false)).isEqualTo(new SplitPatch(2));
    }

    @Test
    void aPatchRefusedForAnUnnamedLimitIsHalved() {
        assertThat(FailureRecovery.decide(flips(6), true, 400, "400 too many ids (limit exceeded)", false)).isEqualTo(new SplitPatch(3));
    }

    @Test
    void aSingleEntryPatchIsNotSplitFurther() {
        assertThat(FailureRecovery.decide(flips(1), true, 400, "400 limited to 1", false)).isInstanceOf(Fail.class);
    }

    @Test
    void aRefusedReestimatePatchBecomesPuts() {
        assertThat(FailureRecovery.decide(reestimates(2), true, 400, "400 path /estimated_seconds is not supported", false))
                .isInstanceOf(PutsInstead.class);
    }

    @Test
    void aRefusedFlipPatchFails() {
        assertThat(FailureRecovery.decide(flips(2), true, 400, "400 path /active is not supported", false)).isInstanceOf(Fail.class);
    }

    @Test
    void transientFailuresAndAnswersWithoutStatusFail() {
        assertThat(FailureRecovery.decide(create(), false, 503, "503 already exists", false)).isInstanceOf(Fail.class);
        assertThat(FailureRecovery.decide(delete(), true, null, "IOException", true)).isInstanceOf(Fail.class);
    }
}
