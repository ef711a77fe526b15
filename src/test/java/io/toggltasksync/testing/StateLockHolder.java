package io.toggltasksync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a sync state's lock file, as a second pod on the same volume would: a
 * small JVM of its own (this class's {@link #main}, JDK classes only) that locks the file, says so,
 * and lets go when told (or when the test's JVM goes: its stdin closes). File locks belong to the
 * process, so only another process shows what the lock keeps out.
 */
public final class StateLockHolder implements AutoCloseable {

    private final Process process;
    private Instant released;

    private StateLockHolder(Process process) {
        this.process = process;
    }

    /** Starts the process and returns once it holds the lock on {@code lockFile}. */
    public static StateLockHolder hold(Path lockFile) throws IOException {
        Path classes = Path.of("target/test-classes");
        assertThat(classes.resolve("io/toggltasksync/testing/StateLockHolder.class")).as("the compiled test classes").exists();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", classes.toString(), StateLockHolder.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        StateLockHolder holder = new StateLockHolder(p);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"locked".equals(line)) {
            holder.close();
            throw new IllegalStateException("the lock holder did not lock " + lockFile + ": " + line);
        }
        return holder;
    }

    /** Tells the process to let go, and answers when it was told (it releases the lock after that). */
    public Instant release() throws IOException {
        released = Instant.now();
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
        return released;
    }

    @Override
    public void close() {
        try {
            if (released != null && process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    /** The other process: locks {@code args[0]}, prints "locked", holds it until a line (or the end) comes on stdin. */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            channel.write(ByteBuffer.wrap(("held by the test's lock holder pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }
}
