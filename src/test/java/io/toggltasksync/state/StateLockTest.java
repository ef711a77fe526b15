package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toggltasksync.testing.StateLockHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer of a sync state at a time: another process (a JVM of its own) or another run in this one. */
class StateLockTest {

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("sub").resolve("sync-state.json");
    }

    @Test
    void theLockFileIsBesideTheStateAndNamesItsHolderWhileHeld() throws IOException {
        try (StateLock lock = StateLock.acquire(state(), Duration.ZERO)) {
            assertThat(lock.file()).isEqualTo(state().toAbsolutePath().resolveSibling("sync-state.json.lock"));
            assertThat(StateLock.holder(state())).startsWith("held by ").contains("pid " + ProcessHandle.current().pid());
        }
        assertThat(StateLock.lockFile(state())).as("kept: deleting it would let two processes lock two files").exists();
        assertThat(StateLock.holder(state())).isEmpty();
    }

    @Test
    void aSecondRunInThisProcessWaitsForTheFirst() throws IOException {
        StateLock first = StateLock.acquire(state(), Duration.ZERO);
        assertThat(first).isNotNull();
        assertThat(StateLock.acquire(state(), Duration.ofMillis(150))).isNull();
        first.close();
        try (StateLock again = StateLock.acquire(state(), Duration.ZERO)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anotherProcessHoldingTheLockKeepsItUntilItLetsGo() throws Exception {
        Files.createDirectories(state().getParent());
        try (StateLockHolder holder = StateLockHolder.hold(StateLock.lockFile(state()))) {
            assertThat(StateLock.acquire(state(), Duration.ZERO)).isNull();
            assertThat(StateLock.acquire(state(), Duration.ofMillis(200))).isNull();
            assertThat(StateLock.holder(state())).startsWith("held by the test's lock holder pid ");

            CompletableFuture<StateLock> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return StateLock.acquire(state(), Duration.ofSeconds(20));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            holder.release();

            try (StateLock lock = waiting.get(20, TimeUnit.SECONDS)) {
                assertThat(lock).as("taken once the other process let go").isNotNull();
            }
        }
    }
}
