package io.toggltasksync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) as the
 * integration tests launch it: its own process, a clean environment (only what the test sets), its
 * log in {@code <dir>/<name>.log}; every process ended on {@link #close()}.
 */
public final class PackagedApp implements AutoCloseable {

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    public PackagedApp(Path dir) {
        this.dir = dir;
    }

    /** Starts the app with exactly {@code env} of the app's settings (none inherited from this JVM's environment). */
    public Process launch(String name, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged app (run `./mvnw verify`, which packages before the ITs)").exists();
        // C1 only: the same jar starts about a third faster, which is most of these tests' time
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("CSV_")
                || k.startsWith("JIRA_") || k.startsWith("SANDBOX_") || k.startsWith("QUARKUS_") || k.startsWith("METRICS_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** What the process launched as {@code name} has logged so far. */
    public String log(String name) {
        try {
            Path file = dir.resolve(name + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
