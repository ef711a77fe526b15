package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service keeps only what readiness shows of the last run: the run itself (desired set, snapshot,
 * plan, state) is garbage once its caller drops it, so a 100,000-task mirror does not peak at twice
 * its working set in the next run.
 */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class SyncServiceLastRunTest {

    @Inject
    SyncService service;

    @Inject
    @org.eclipse.microprofile.health.Readiness
    SyncHealth health;

    @Test
    void theLastRunIsCollectableAfterItAndHealthStillShowsIt(SandboxFixture t) {
        Instant before = Instant.now();
        WeakReference<SyncRun> ref = runAndDrop(t);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        assertThat(service.lastRun().exitCode()).isZero();
        assertThat(service.lastRun().started()).isBetween(before, Instant.now());
        assertThat(health.call().getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("last_run_exit_code", 0L));
    }

    /** In a method of its own: no local of the caller's frame keeps the run reachable. */
    private WeakReference<SyncRun> runAndDrop(SandboxFixture t) {
        SyncRun run = service.runOnce(t.settings(t.csv("tasks.csv", "R1,Write the spec,,3600,true")));
        assertThat(run.exitCode()).isZero();
        return new WeakReference<>(run);
    }
}
