package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.TogglTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The sweep spread over runs, run by run, as pure steps: the pages left, the pages a run reads, what they leave, the tasks gone. */
class SweepPlanTest {

    private static final long NOW = 1_800_000_000L;
    private static final int PAGE = 200;

    private static SweepProgress fresh() {
        return SweepProgress.begin(NOW, NOW + 86_400, NOW - 100, false, 0);
    }

    private static SweepProgress with(SweepProgress s, long project, int pagesRead, Long lastId, boolean done, Long... seen) {
        Map<Long, SweepProgress.ProjectSweep> projects = new TreeMap<>(s.projects());
        projects.put(project, new SweepProgress.ProjectSweep(pagesRead, lastId, done));
        Set<Long> all = new TreeSet<>(s.seen());
        all.addAll(List.of(seen));
        return new SweepProgress(s.started(), s.due(), s.coveredSince(), s.hurry(), projects, all, s.lastRun(), s.lastRunWrites());
    }

    private static TogglTask task(long id, long project, long at) {
        return new TogglTask(id, 42L, project, "t" + id, null, true, null, null, null, Instant.ofEpochSecond(at).toString());
    }

    @Test
    void pagesLeftCountTheKnownTasksAndTheLastPageReadAgain() {
        Map<Long, Long> tasks = Map.of(1L, 1000L, 2L, 0L, 3L, 201L);
        assertThat(SweepPlan.pagesLeft(fresh(), List.of(1L, 2L, 3L), tasks, PAGE)).as("5 + 1 (an empty project) + 2").isEqualTo(8);
        SweepProgress s = with(fresh(), 1, 3, 600L, false);
        assertThat(SweepPlan.pagesLeft(s, List.of(1L), tasks, PAGE)).as("pages 3 (again), 4, 5").isEqualTo(3);
        assertThat(SweepPlan.pagesLeft(with(fresh(), 1, 5, 1000L, false), List.of(1L), tasks, PAGE))
                .as("all read but not seen to end: the last again and one more").isEqualTo(2);
        assertThat(SweepPlan.pagesLeft(with(fresh(), 1, 5, 1000L, true), List.of(1L), tasks, PAGE)).isZero();
    }

    @Test
    void aRunsPagesGoProjectAfterProjectAndAResumedOneNeedsRoomToMove() {
        Map<Long, Long> tasks = Map.of(1L, 1000L, 2L, 400L, 3L, 10L);
        List<SweepPlan.Pages> pages = SweepPlan.pages(fresh(), List.of(3L, 1L, 2L), Set.of(), tasks, PAGE, 6);
        assertThat(pages).containsExactly(new SweepPlan.Pages(1, 1, 5), new SweepPlan.Pages(2, 1, 1));
        SweepProgress resumed = with(fresh(), 1, 3, 600L, false);
        assertThat(SweepPlan.pages(resumed, List.of(1L), Set.of(), tasks, PAGE, 1)).as("page 3 again alone would not move").isEmpty();
        assertThat(SweepPlan.pages(resumed, List.of(1L, 2L), Set.of(), tasks, PAGE, 10))
                .containsExactly(new SweepPlan.Pages(1, 3, 3), new SweepPlan.Pages(2, 1, 2));
        assertThat(SweepPlan.pages(fresh(), List.of(1L, 2L), Set.of(1L), tasks, PAGE, 10)).as("read whole anyway")
                .containsExactly(new SweepPlan.Pages(2, 1, 2));
        assertThat(SweepPlan.pages(fresh(), List.of(1L), Set.of(), tasks, PAGE, 0)).isEmpty();
    }

    @Test
    void foldingKeepsThePlaceTheLastTaskAndTheEnd() {
        List<SweepPlan.Pages> planned = List.of(new SweepPlan.Pages(1, 1, 2), new SweepPlan.Pages(2, 1, 1));
        SweepPlan.Folded f = SweepPlan.fold(fresh(), planned, Map.of(1L, new SweepPlan.PagesRead(2, 400L, false),
                2L, new SweepPlan.PagesRead(1, 77L, true)), Set.of(1L, 400L, 77L), Set.of(3L), NOW + 60, 4);
        assertThat(f.progress().project(1)).isEqualTo(new SweepProgress.ProjectSweep(2, 400L, false));
        assertThat(f.progress().project(2).done()).isTrue();
        assertThat(f.progress().project(3).done()).as("read whole by the run").isTrue();
        assertThat(f.progress().seen()).containsExactly(1L, 77L, 400L);
        assertThat(f.progress().lastRun()).isEqualTo(NOW + 60);
        assertThat(f.restarted()).isEmpty();
        assertThat(SweepPlan.complete(f.progress(), List.of(2L, 3L))).isTrue();
        assertThat(SweepPlan.complete(f.progress(), List.of(1L, 2L))).isFalse();
    }

    @Test
    void aPageNotReadLeavesThePlaceAsItWas() {
        SweepProgress s = with(fresh(), 1, 3, 600L, false, 600L);
        SweepPlan.Folded f = SweepPlan.fold(s, List.of(new SweepPlan.Pages(1, 3, 3)), Map.of(), Set.of(), Set.of(), NOW, 0);
        assertThat(f.progress().project(1)).isEqualTo(s.project(1));
    }

    @Test
    void aResumedProjectThatNoLongerShowsItsLastTaskIsReadAgainFromPageOne() {
        // tasks deleted before task 600 moved it (and the task after it) up past page 3
        SweepProgress s = with(fresh(), 1, 3, 600L, false, 600L);
        SweepPlan.Folded f = SweepPlan.fold(s, List.of(new SweepPlan.Pages(1, 3, 2)), Map.of(1L, new SweepPlan.PagesRead(4, 800L, false)),
                Set.of(602L, 800L), Set.of(), NOW, 0);
        assertThat(f.restarted()).containsExactly(1L);
        assertThat(f.progress().project(1)).isEqualTo(new SweepProgress.ProjectSweep(0, null, false));
        assertThat(f.progress().seen()).as("what was read stays seen").contains(600L, 602L, 800L);
        SweepPlan.Folded ok = SweepPlan.fold(s, List.of(new SweepPlan.Pages(1, 3, 2)), Map.of(1L, new SweepPlan.PagesRead(4, 800L, true)),
                Set.of(600L, 800L), Set.of(), NOW, 0);
        assertThat(ok.restarted()).isEmpty();
        assertThat(ok.progress().project(1)).isEqualTo(new SweepProgress.ProjectSweep(4, 800L, true));
    }

    @Test
    void goneAreTheKnownTasksNoPageGaveThatDidNotChangeMeanwhile() {
        SweepProgress s = with(fresh(), 1, 1, 2L, true, 1L, 2L);
        long before = NOW - 100 - 3600;
        List<TogglTask> known = List.of(task(1, 1, before), task(2, 1, before), task(3, 1, before), task(4, 1, NOW), task(5, 1, NOW - 150),
                task(6, 9, before), new TogglTask(7, 42L, 1, "t7", null, true, null, null, null, null));
        assertThat(SweepPlan.gone(s, known, List.of(1L), 120)).as("3 unchanged and unseen, 7 of no known time; 4 and 5 changed meanwhile; "
                + "6 not in a target project").containsExactly(3L, 7L);
        SweepProgress noTime = new SweepProgress(s.started(), s.due(), null, false, s.projects(), s.seen(), null, 0);
        assertThat(SweepPlan.gone(noTime, known, List.of(1L), 120)).as("without Toggl's time nothing is called gone").isEmpty();
    }

    @Test
    void progressIsThePagesReadByTheTasksKnown() {
        Map<Long, Long> tasks = Map.of(1L, 1000L, 2L, 0L);
        assertThat(SweepPlan.progress(fresh(), List.of(1L, 2L), tasks, PAGE)).isZero();
        assertThat(SweepPlan.progress(with(fresh(), 1, 3, 600L, false), List.of(1L, 2L), tasks, PAGE)).isEqualTo(0.5);
        assertThat(SweepPlan.progress(with(with(fresh(), 1, 3, 600L, true), 2, 1, null, true), List.of(1L, 2L), tasks, PAGE)).isEqualTo(1.0);
        assertThat(SweepPlan.progress(fresh(), List.of(), tasks, PAGE)).isEqualTo(1.0);
    }
}
