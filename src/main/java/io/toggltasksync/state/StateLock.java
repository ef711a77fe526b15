package io.toggltasksync.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one writer of a sync state: an exclusive lock on the file beside it ({@code <state file>.lock}),
 * held by a run from reading the state to writing it, so that two processes on one volume (a
 * Deployment and a Job made from the CronJob) never interleave their reads and writes. The lock file
 * stays when released (deleting it would let a third process lock a new file while a second waits
 * on the old); while held it names its holder.
 *
 * <p>A file lock belongs to the process, not the thread, and closing any channel to the file may drop
 * it. So within one process the lock file is opened once at a time ({@link #HELD}): a second acquire
 * waits as another process's would, and never opens the file to find out.
 */
public final class StateLock implements AutoCloseable {

    /** The lock files this process holds (or is opening right now). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final long POLL_MILLIS = 100;
    private static final int MAX_HOLDER = 200;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code stateFile}: beside it, its name and {@code .lock}. */
    public static Path lockFile(Path stateFile) {
        return stateFile.toAbsolutePath().normalize().resolveSibling(stateFile.getFileName() + ".lock");
    }

    /**
     * Takes the lock, waiting up to {@code wait} for its holder to release it.
     *
     * @return the lock, null when it stayed held for all of {@code wait} (or the wait was interrupted)
     * @throws IOException when the lock file cannot be made or opened
     */
    public static StateLock acquire(Path stateFile, Duration wait) throws IOException {
        Path file = lockFile(stateFile);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (HELD.add(file)) {
                StateLock taken = null;
                try {
                    taken = tryOnce(file);
                } finally {
                    if (taken == null) {
                        HELD.remove(file);
                    }
                }
                if (taken != null) {
                    return taken;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static StateLock tryOnce(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held in this process by a channel not opened here: held all the same
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
        if (lock == null) {
            return null;
        }
        // who holds it, for the one refused: a pod's name, the process, since when
        String holder = "held by " + (System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") + " " : "") + "pid "
                + ProcessHandle.current().pid() + " since " + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        return new StateLock(file, channel, lock);
    }

    /**
     * Who holds the lock of {@code stateFile}, as its holder wrote it ("held by &lt;host&gt; pid &lt;n&gt;
     * since &lt;time&gt;"), one line; empty when unknown.
     */
    public static String holder(Path stateFile) {
        try (InputStream in = Files.newInputStream(lockFile(stateFile))) {
            String text = new String(in.readNBytes(MAX_HOLDER), StandardCharsets.UTF_8);
            // the file is anyone's on the volume: one line of printable text, no more
            return text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\p{Cf}]+", " ").strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(file);
            }
        }
    }
}
