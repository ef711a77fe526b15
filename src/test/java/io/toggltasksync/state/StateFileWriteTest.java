package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.model.TogglTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the state: a temporary file of its own per write, renamed over the old; nothing left behind. */
class StateFileWriteTest {

    @TempDir
    Path dir;

    private static SyncState state(long tasks) {
        List<TogglTask> list = LongStream.rangeClosed(1, tasks).mapToObj(i -> new TogglTask(i, 42L, 1001, "task " + i, null, true,
                "csv", "row", "R" + i)).toList();
        return new SyncState(SyncState.VERSION, "fp", 1_800_000_000L, 1_800_000_000L, Set.of(1001L), 1_800_000_000L, false, list, java.util.Map.of(),
                List.of(), null);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void twoWritersAtOnceNeverShareATemporaryFile() throws Exception {
        Path file = dir.resolve("sync-state.json");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writes = new ArrayList<>();
                for (long size : new long[] {300, 700}) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        StateFile.save(file, state(size));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : writes) {
                    w.get();
                }
                StateFile.Loaded loaded = StateFile.load(file, "fp");
                assertThat(loaded.usable()).as(loaded.unusable()).isTrue();
                assertThat(loaded.state().tasks().size()).as("one writer's state, whole").isIn(300, 700);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTemporaryFileAWriterLeftLongAgoIsRemovedAndARecentOneKept() throws IOException {
        Path file = dir.resolve("sync-state.json");
        Path abandoned = Files.writeString(dir.resolve("sync-state.json.123.tmp"), "{\"half");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path live = Files.writeString(dir.resolve("sync-state.json.456.tmp"), "{\"being written");
        Path other = Files.writeString(dir.resolve("other.json.789.tmp"), "not ours");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        StateFile.save(file, state(3));

        assertThat(leftovers()).containsExactlyInAnyOrder(live, other);
        assertThat(StateFile.load(file, "fp").usable()).isTrue();
    }
}
