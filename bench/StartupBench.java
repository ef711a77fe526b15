import io.toggltasksync.sandbox.TogglSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The start-up table of the benchmark: time to the first request under three JVM set-ups, interleaved. */
final class StartupBench {

    private StartupBench() {
    }

    static final int STARTUP_ROUNDS = 7;

    /**
     * Process start to the first request the sandbox receives, for a 100-row CSV whose tasks are
     * already in Toggl (the first request is the snapshot GET; the run makes 1 call). Three JVM
     * set-ups, run in turn STARTUP_ROUNDS times so that the machine's drift hits all of them alike:
     * the JVM's defaults, C1 only (-XX:TieredStopAtLevel=1, as the container image runs it), and
     * C1 with an AppCDS archive recorded by one training run of the same sync.
     */
    static String startup(Path jar, Path work) throws Exception {
        Path csv = BenchData.writeCsv(work.resolve("startup.csv"), BenchData.generate(100));
        Path archive = work.resolve("app-cds.jsa");
        Files.deleteIfExists(archive);
        List<String> heap = List.of("-Xmx256m");
        List<String> c1 = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
        List<String> cds = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archive);
        Map<String, List<String>> setups = new LinkedHashMap<>();
        setups.put("JVM defaults", heap);
        setups.put("C1 only (`-XX:TieredStopAtLevel=1`)", c1);
        setups.put("C1 + AppCDS archive (`-XX:SharedArchiveFile`)", cds);
        Map<String, List<Long>> firstRequestMs = new LinkedHashMap<>();
        Map<String, List<Long>> wallMs = new LinkedHashMap<>();
        try (TogglSandbox sandbox = Bench.newSandbox()) {
            Bench.AppRun importRun = Bench.runJar(jar, work, sandbox, csv, heap, "startup-import");   // the tasks now exist
            if (importRun.exit() != 0) {
                throw new IllegalStateException("start-up: the import run exited " + importRun.exit());
            }
            List<String> training = new ArrayList<>(c1);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            Bench.runJar(jar, work, sandbox, csv, training, "startup-training");
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("start-up: the training run wrote no " + archive);
            }
            for (int round = 0; round < STARTUP_ROUNDS; round++) {
                for (Map.Entry<String, List<String>> setup : setups.entrySet()) {
                    System.err.printf(Locale.ROOT, "bench: start-up round %d, %s ...", round + 1, setup.getKey());
                    Bench.AppRun t = Bench.runJar(jar, work, sandbox, csv, setup.getValue(), "startup");
                    if (t.exit() != 0 || t.firstRequestMs() < 0) {
                        throw new IllegalStateException("start-up: run exited " + t.exit() + " (see " + work.resolve("startup.log") + ")");
                    }
                    firstRequestMs.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(t.firstRequestMs());
                    wallMs.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(t.wallMs());
                    System.err.printf(Locale.ROOT, " first request %s, exit %s%n", BenchReport.seconds(t.firstRequestMs()), BenchReport.seconds(t.wallMs()));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Start-up to the first request: a 100-row CSV already in Toggl (1 call), ").append(STARTUP_ROUNDS)
                .append(" runs of each set-up, interleaved; median (fastest to slowest).\n\n");
        sb.append("| JVM set-up | start-up to 1st request | whole run |\n| --- | ---: | ---: |\n");
        for (String key : setups.keySet()) {
            sb.append("| ").append(key).append(" | ").append(spread(firstRequestMs.get(key)))
                    .append(" | ").append(spread(wallMs.get(key))).append(" |\n");
        }
        return sb.toString();
    }

    static String spread(List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return BenchReport.seconds(sorted.get(sorted.size() / 2)) + " (" + BenchReport.seconds(sorted.get(0)) + " to " + BenchReport.seconds(sorted.get(sorted.size() - 1)) + ")";
    }

}
