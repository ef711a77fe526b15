package io.toggltasksync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as Jib builds it (quarkus-container-image-jib with the settings of
 * application.properties), read from the tarball that {@code verify} writes with no Docker engine
 * (pom.xml, execution {@code container-image-it}). Its base is the empty {@code scratch}, so every
 * layer here is the app's own: the config (entrypoint, user, working directory, port, JVM options
 * against Dockerfile.jvm's), the layers against the packaged app, and a sync run from the layers as
 * the image lays them out.
 */
class ContainerImageIT {

    private static final Path TARBALL = Path.of(System.getProperty("container-image.tarball",
            "target/container-image-it/image.tar"));
    /** The app the image was built from: that execution packages it beside the tarball. */
    private static final Path QUARKUS_APP = TARBALL.getParent();
    /** The SBOM that {@code package} writes beside target/quarkus-app (quarkus-cyclonedx). */
    private static final Path SBOM = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"))
            .getParent().resolveSibling("quarkus-run-cyclonedx.json");
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the layers are unpacked, in order, as a container's root file system. */
    @TempDir
    static Path root;

    private static JsonNode manifest;
    private static JsonNode config;
    /** Per layer, its history comment (Jib names the layer) and the paths it holds. */
    private static final List<Layer> layers = new ArrayList<>();
    /** The last entry for each path, as the container sees it. */
    private static final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private record Layer(String name, String diffId, Set<String> paths) {
    }

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TARBALL).as("the image tarball (run `./mvnw verify`: execution container-image-it writes it)")
                .isRegularFile();
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(TARBALL))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                files.put(e.getName(), tar.readAllBytes());
            }
        }
        JsonNode manifests = JSON.readTree(files.get("manifest.json"));
        assertThat(manifests).as("one image in manifest.json").hasSize(1);
        manifest = manifests.get(0);
        config = JSON.readTree(files.get(manifest.get("Config").asText()));
        JsonNode layerFiles = manifest.get("Layers");
        JsonNode diffIds = config.at("/rootfs/diff_ids");
        JsonNode history = config.get("history");
        assertThat(diffIds).hasSize(layerFiles.size());
        for (int i = 0; i < layerFiles.size(); i++) {
            layers.add(unpackLayer(files.get(layerFiles.get(i).asText()), history.get(i).path("comment").asText(),
                    diffIds.get(i).asText()));
        }
    }

    private static Layer unpackLayer(byte[] gzipped, String name, String diffId) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Set<String> paths = new TreeSet<>();
        try (DigestInputStream raw = new DigestInputStream(new GZIPInputStream(new ByteArrayInputStream(gzipped)), sha256);
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String path = "/" + e.getName().replaceAll("/$", "");
                paths.add(path);
                entries.put(path, e);
                Path target = root.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            raw.transferTo(OutputStream.nullOutputStream());   // the tar's end blocks count too
        }
        return new Layer(name, "sha256:" + HexFormat.of().formatHex(sha256.digest()), paths);
    }

    @Test
    void itRunsTheBaseImagesRunJavaAsUid185FromTheAppDirectory() {
        JsonNode c = config.get("config");
        assertThat(texts(c.get("Entrypoint"))).containsExactly("/opt/jboss/container/java/run/run-java.sh");
        assertThat(c.has("Cmd") && !c.get("Cmd").isNull()).as("no Cmd: run-java.sh passes the container's args on").isFalse();
        assertThat(c.get("User").asText()).as("non-root, the base image's jboss user").isEqualTo("185");
        assertThat(c.get("WorkingDir").asText()).isEqualTo("/home/jboss");
        assertThat(fieldNames(c.get("ExposedPorts"))).containsExactly("8080/tcp");
        Map<String, String> env = env();
        assertThat(env).containsEntry("JAVA_APP_DIR", "/home/jboss")
                .containsEntry("JAVA_APP_JAR", "/home/jboss/quarkus-run.jar")
                .containsEntry("LANGUAGE", "en_US:en");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void itsJvmOptionsAreTheDockerfilesLessAppCds() throws IOException {
        List<String> image = List.of(env().get("JAVA_OPTS_APPEND").split("\\s+"));
        List<String> dockerfile = List.of(dockerfileJavaOptsAppend().split("\\s+"));
        // Jib cannot RUN the Dockerfile's training step, so there is no archive to map (docs/operations.md "Container image")
        assertThat(image).containsAll(dockerfile.stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).toList())
                .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile="))
                .contains("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(env()).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void itsLayersHoldThePackagedAppAndNothingElse() throws IOException {
        Set<String> packaged;
        try (Stream<Path> walk = Files.walk(QUARKUS_APP)) {
            packaged = walk.filter(Files::isRegularFile)
                    .map(p -> QUARKUS_APP.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.equals("quarkus-run.jar") || p.startsWith("lib/") || p.startsWith("app/")
                            || p.startsWith("quarkus/"))
                    .map(p -> workDir() + "/" + p)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> inImage = entries.values().stream().filter(e -> !e.isDirectory())
                .map(e -> "/" + e.getName()).collect(Collectors.toCollection(TreeSet::new));
        String dir = workDir();
        assertThat(inImage).isEqualTo(packaged)
                .contains(dir + "/quarkus-run.jar", dir + "/quarkus/quarkus-application.dat")
                .anyMatch(p -> p.matches(dir + "/app/toggl-task-sync-.*\\.jar"))
                .anyMatch(p -> p.startsWith(dir + "/lib/boot/"))
                .anyMatch(p -> p.matches(dir + "/lib/main/org\\.apache\\.camel\\.camel-core-engine-.*\\.jar"));
        for (String file : inImage) {
            assertThat(Files.mismatch(root.resolve(file.substring(1)),
                    QUARKUS_APP.resolve(file.substring(workDir().length() + 1)))).as(file).isEqualTo(-1L);
        }

        // libraries first, the app's own code after them: a code change rebuilds and pushes only the small layers
        List<String> names = layers.stream().map(Layer::name).toList();
        assertThat(names).startsWith("fast-jar-lib");
        assertThat(layerOf(dir + "/app")).isGreaterThan(layerOf(dir + "/lib/main"));
        for (Layer layer : layers) {
            assertThat(layer.diffId()).as("diff_id of layer %s", layer.name())
                    .isEqualTo(config.at("/rootfs/diff_ids").get(layers.indexOf(layer)).asText());
        }
    }

    /** Every file the image ships is in the SBOM, by its path in the app; the libraries with their SHA-256. */
    @Test
    void theSbomListsEveryFileOfTheImage() throws Exception {
        assertThat(SBOM).as("the SBOM (quarkus-cyclonedx, written by package)").isRegularFile();
        JsonNode sbom = JSON.readTree(SBOM.toFile());
        assertThat(sbom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        Map<String, String> sha256ByLocation = new HashMap<>();
        for (JsonNode component : sbom.get("components")) {
            String sha256 = "";
            for (JsonNode hash : component.path("hashes")) {
                if (hash.get("alg").asText().equals("SHA-256")) {
                    sha256 = hash.get("content").asText();
                }
            }
            for (JsonNode occurrence : component.at("/evidence/occurrences")) {
                sha256ByLocation.put(occurrence.get("location").asText(), sha256);
            }
        }
        String prefix = workDir() + "/";
        List<String> files = entries.values().stream().filter(e -> !e.isDirectory()).map(e -> "/" + e.getName()).toList();
        assertThat(files).hasSizeGreaterThan(100);
        for (String file : files) {
            String location = file.substring(prefix.length());
            assertThat(sha256ByLocation).as("SBOM component at " + location).containsKey(location);
            if (location.startsWith("lib/")) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(root.resolve(file.substring(1))));
                assertThat(sha256ByLocation.get(location)).as("SHA-256 of " + location)
                        .isEqualTo(HexFormat.of().formatHex(digest));
            }
        }
    }

    @Test
    void uid185CanReadTheAppAndWriteItsWorkingDirectory() {
        for (TarArchiveEntry e : entries.values()) {
            int others = e.getMode() & 0007;
            assertThat(others & 04).as("%s readable by uid 185 (mode %o)", e.getName(), e.getMode()).isNotZero();
            if (e.isDirectory()) {
                assertThat(others & 01).as("%s searchable", e.getName()).isNotZero();
            }
        }
        // Jib writes each directory it adds as root's (0755): that must not be the working directory
        String dir = workDir();
        TarArchiveEntry workDir = entries.get(dir);
        assertThat(workDir).as("an entry for the working directory " + dir).isNotNull();
        assertThat(workDir.getLongUserId()).as("owner of the working directory " + dir).isEqualTo(185L);
        assertThat(workDir.getMode() & 0200).as("owner may write").isNotZero();
    }

    /** The name the image is tagged with is the one the workloads in k8s/components name (kustomize sets registry and tag). */
    @Test
    void itIsTheImageTheKubernetesManifestsName() throws IOException {
        List<String> tags = texts(manifest.get("RepoTags"));
        assertThat(tags).hasSize(1);
        String name = tags.get(0).replaceFirst(":[^:/]+$", "");
        assertThat(name).isEqualTo("toggl-task-sync");
        List<String> named = new ArrayList<>();
        try (Stream<Path> yamls = Files.walk(Path.of("k8s/components"))) {
            for (Path yaml : yamls.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher m = Pattern.compile("(?m)^\\s+image:\\s*(\\S+)\\s*$").matcher(Files.readString(yaml));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).as("image: in k8s/components").hasSizeGreaterThanOrEqualTo(4).containsOnly(name);
    }

    /**
     * This image is built on {@code scratch}; the one that ships on the base of application.properties,
     * which must be the Dockerfile's (pinned by digest in both, or in neither).
     */
    @Test
    void theShippedBaseIsTheDockerfiles() throws IOException {
        Properties build = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            build.load(in);
        }
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)\\s*$").matcher(Files.readString(DOCKERFILE, StandardCharsets.UTF_8));
        assertThat(from.find()).as("FROM in " + DOCKERFILE).isTrue();
        assertThat(build.getProperty("quarkus.jib.base-jvm-image")).isEqualTo(from.group(1))
                .startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
    }

    /** What the image would run, minus the base (JDK, run-java.sh): its JVM options, its jar, its working directory. */
    @Test
    void itsLayersRunASyncWithTheImagesJvmOptions() throws Exception {
        Path workDir = root.resolve(workDir().substring(1));
        Path csv = Files.writeString(root.resolve("tasks.csv"),
                "external_id,name,project_id,estimated_seconds,active\nimg-1,Image task,1001,3600,true\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Arrays.asList(env().get("JAVA_OPTS_APPEND").split("\\s+")));
        cmd.addAll(List.of("-jar", root.resolve(env().get("JAVA_APP_JAR").substring(1)).toString(),
                "--sandbox", "--workspace", "1", "--project", "1001", "--csv", csv.toString(), "--rate-limit", "0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("run.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("CSV_")
                || k.startsWith("JIRA_") || k.startsWith("QUARKUS_") || k.startsWith("METRICS_"));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run did not end in 120 s");
        }
        String log = Files.readString(root.resolve("run.log"));
        assertThat(p.exitValue()).as(log).isZero();
        // the default report path is relative: it lands in the working directory uid 185 may write
        JsonNode report = JSON.readTree(workDir.resolve("sync-report.json").toFile());
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
    }

    private static int layerOf(String dir) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).paths().stream().anyMatch(p -> p.startsWith(dir + "/"))) {
                return i;
            }
        }
        throw new AssertionError("no layer holds " + dir);
    }

    private static String workDir() {
        return config.at("/config/WorkingDir").asText();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String kv : texts(config.at("/config/Env"))) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    private static String dockerfileJavaOptsAppend() throws IOException {
        Matcher m = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"")
                .matcher(Files.readString(DOCKERFILE, StandardCharsets.UTF_8));
        assertThat(m.find()).as("ENV JAVA_OPTS_APPEND in " + DOCKERFILE).isTrue();
        return m.group(1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
