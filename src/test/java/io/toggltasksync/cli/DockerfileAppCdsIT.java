package io.toggltasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's AppCDS step, checked without a Docker engine: the Dockerfile's own {@code RUN}
 * command runs on a copy of the packaged app laid out as the image lays it out (with
 * {@code /deployments} pointing at the copy), and must record an archive; then the app, started
 * with the Dockerfile's {@code JAVA_OPTS_APPEND}, must map that archive (no CDS warning) and work.
 * What it cannot check: the image's JVM and user; the step is written to leave a working image
 * if it fails there.
 */
class DockerfileAppCdsIT {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @TempDir
    Path dir;

    @Test
    void theImageBuildRecordsAnArchiveThatItsRunsUse() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        Path deployments = dir.resolve("deployments");
        copyApp(Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")).getParent(), deployments);

        String training = runInstruction(dockerfile).replace("/deployments", deployments.toString());
        Result built = run(List.of("sh", "-c", training));
        Path archive = deployments.resolve("app-cds.jsa");
        assertThat(archive).as("archive after the training step; its output:\n%s", built.output).isRegularFile();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : javaOptsAppend(dockerfile).split("\\s+")) {
            cmd.add(option.replace("/deployments", deployments.toString()));
        }
        cmd.add("-Xlog:cds=info");
        cmd.addAll(List.of("-jar", deployments.resolve("quarkus-run.jar").toString(), "--help"));
        Result help = run(cmd);
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage:")
                .doesNotContain("Unable to use shared archive")
                .contains("Opened archive " + archive);   // -Xlog:cds=info names each archive it maps
    }

    /** The one RUN instruction, its continuation lines joined. */
    private static String runInstruction(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^RUN ((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
        assertThat(m.find()).as("a RUN instruction in " + DOCKERFILE).isTrue();
        String run = m.group(1).replace("\\\n", " ");
        assertThat(m.find()).as("only one RUN instruction").isFalse();
        return run;
    }

    private static String javaOptsAppend(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(m.find()).as("ENV JAVA_OPTS_APPEND in " + DOCKERFILE).isTrue();
        return m.group(1);
    }

    /** The four directories/files the Dockerfile copies from target/quarkus-app. */
    private static void copyApp(Path quarkusApp, Path deployments) throws IOException {
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            files.forEach(source -> {
                Path target = deployments.resolve(quarkusApp.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> cmd) throws Exception {
        Path log = Files.createTempFile(dir, "out", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
