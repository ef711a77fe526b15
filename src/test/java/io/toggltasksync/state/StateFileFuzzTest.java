package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.MissingPolicy;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglProject;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.Planner;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file is input: whatever it holds, {@link StateFile#load} answers a state every run can use
 * as it is, or why not, and never throws. A valid file is mutated every way (each field and element
 * set to null, to a wrong type, to absurd values, removed; null and repeated elements; random byte
 * flips, truncations and garbage with a fixed seed), and each usable answer is put through what a run
 * does with a state.
 */
class StateFileFuzzTest {

    private static final String FP = "fingerprint-1";
    private static final long NOW = 1_800_000_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NOISE = "0123456789-.,:[]{}\"en \u0000";

    @TempDir
    Path dir;
    Path file;
    SyncState state;
    byte[] valid;
    int usable;
    int unusable;

    @BeforeEach
    void validFile() throws IOException {
        file = dir.resolve("sync-state.json");
        List<TogglTask> tasks = List.of(
                new TogglTask(11, 42L, 1001, "PROJ-1 Write the spec", 3600L, true, "jira", "issue", "PROJ-1", "2027-01-15T10:00:00Z"),
                new TogglTask(12, 42L, 1001, "Build it", null, false, null, null, null, null),
                new TogglTask(13, null, 1002, "Ship it", 0L, true, "csv", "row", "R3", "not a time"));
        List<SourceTask> records = List.of(new SourceTask(Provider.JIRA, "PROJ-1", "PROJ-1 Write the spec", 1001, 3600L, true, 1),
                new SourceTask(Provider.JIRA, "PROJ-2", "PROJ-2 Wait for it", 0, null, false, 2));
        state = new SyncState(SyncState.VERSION, FP, NOW - 600, NOW - 3600, Set.of(1001L, 1002L), NOW - 700, false, tasks,
                io.toggltasksync.testing.Cursors.jira(NOW - 650, NOW - 640), records, new WorkspaceTraits(true, false, null),
                List.of(new TogglProject(1001, "Alpha", true), new TogglProject(1002, "Beta", false)),
                new SweepProgress(NOW - 3000, NOW + 80_000, NOW - 3100, false,
                        new java.util.TreeMap<>(Map.of(1001L, new SweepProgress.ProjectSweep(2, 12L, false),
                                1002L, new SweepProgress.ProjectSweep(1, null, true))),
                        new TreeSet<>(Set.of(11L, 12L)), NOW - 600, 3));
        StateFile.save(file, state);
        valid = Files.readAllBytes(file);
        assertThat(StateFile.load(file, FP).usable()).as("the file to mutate").isTrue();
    }

    @Test
    void everyFieldAndElementNullMissingOfAWrongTypeOrAbsurd() throws IOException {
        JsonNode root = Json.MAPPER.readTree(valid);
        List<JsonNode> wrong = List.of(NODES.nullNode(), NODES.textNode("x"), NODES.textNode(""), NODES.numberNode(-1),
                NODES.numberNode(0), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
                NODES.numberNode(new BigInteger("123456789012345678901234567890")), NODES.numberNode(1.5e300), NODES.booleanNode(true),
                NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().addNull(), NODES.textNode("\u0000\n\u202e"));
        int mutants = 0;
        for (List<Object> path : paths(root, new ArrayList<>())) {
            for (JsonNode value : wrong) {
                loadEach(atParent(root, path, parent -> set(parent, last(path), value)));
                mutants++;
            }
            loadEach(atParent(root, path, parent -> remove(parent, last(path))));
            mutants++;
        }
        for (List<Object> path : arrays(root, new ArrayList<>())) {
            loadEach(atNode(root, path, node -> ((ArrayNode) node).addNull()));
            loadEach(atNode(root, path, node -> ((ArrayNode) node).insertNull(0)));
            loadEach(atNode(root, path, node -> {
                ArrayNode a = (ArrayNode) node;
                if (!a.isEmpty()) {
                    a.add(a.get(0).deepCopy());
                }
            }));
            mutants += 3;
        }
        for (String whole : List.of("null", "[]", "[" + new String(valid, StandardCharsets.UTF_8) + "]", "\"state\"", "42", "{}", "",
                "{\"version\":2}", "[".repeat(100_000), "{\"a\":".repeat(100_000))) {
            load(whole.getBytes(StandardCharsets.UTF_8));
            mutants++;
        }
        assertThat(mutants).isGreaterThan(1000);
        assertThat(unusable).as("most of them are refused").isGreaterThan(mutants / 2);
        assertThat(usable).as("some leave a state that can be used (a null cursor, an unknown trait)").isPositive();
    }

    @Test
    void randomFlipsTruncationsAndGarbageWithAFixedSeed() {
        Random random = new Random(26);
        for (int i = 0; i < 1200; i++) {
            byte[] bytes = valid.clone();
            switch (i % 4) {
                case 0 -> {
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 2 -> bytes[random.nextInt(bytes.length)] = (byte) NOISE.charAt(random.nextInt(NOISE.length()));
                default -> random.nextBytes(bytes = new byte[random.nextInt(2 * valid.length)]);
            }
            load(bytes);
        }
        assertThat(unusable).isGreaterThan(600);
    }

    @Test
    void whatTheIssueNamesIsRefusedWithItsReason() {
        ObjectNode root = (ObjectNode) Json.MAPPER.valueToTree(state);
        root.putArray("tasks").addNull();
        assertThat(loadEach(root).unusable()).isEqualTo("the sync state " + file + " cannot be used (tasks[0] is null)");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        root.putArray("projects").addNull();
        assertThat(loadEach(root).unusable()).contains("projects holds null");
        root.putArray("projects").add(-5);
        assertThat(loadEach(root).unusable()).contains("projects holds -5");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        ((ObjectNode) root.get("tasks").get(1)).put("id", 11);
        assertThat(loadEach(root).unusable()).contains("tasks[1] repeats task 11");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        root.put("toggl_cursor", Long.MAX_VALUE);
        assertThat(loadEach(root).unusable()).contains("toggl_cursor is not a time");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        ((ObjectNode) root.get("sweep")).putArray("seen").add(0);
        assertThat(loadEach(root).unusable()).contains("sweep.seen holds 0");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        ((ObjectNode) root.get("sweep").get("projects").get("1001")).put("pages_read", -1);
        assertThat(loadEach(root).unusable()).contains("sweep.projects.1001");
        root = (ObjectNode) Json.MAPPER.valueToTree(state);
        ((ObjectNode) root.get("sweep")).put("started", -5);
        assertThat(loadEach(root).unusable()).contains("sweep.started is not a time");
    }

    @Test
    void aStateFromBeforeSpreadSweepsStillLoadsAndBeginsOne() {
        ObjectNode root = (ObjectNode) Json.MAPPER.valueToTree(state);
        root.remove("sweep");
        StateFile.Loaded old = loadEach(root);
        assertThat(old.usable()).isTrue();
        assertThat(old.state().sweep()).isNull();
        assertThat(RunMode.decide(old, Duration.ofHours(24), false, NOW, RunMode.NO_CURSOR).incremental()).as("its last sweep an hour ago").isTrue();
        assertThat(RunMode.decide(old, Duration.ofMinutes(30), false, NOW, RunMode.NO_CURSOR).incremental())
                .as("its last sweep older than the interval: one sweep, as before").isFalse();
        assertThat(RunMode.decide(loadEach((ObjectNode) Json.MAPPER.valueToTree(state)), Duration.ofMinutes(30), false, NOW, RunMode.NO_CURSOR)
                .incremental()).as("with a sweep in progress a late one hurries, spread").isTrue();
    }

    @Test
    void aFileLargerThanHalfTheHeapIsNotReadAtAll() {
        StateFile.Loaded loaded = StateFile.load(file, FP, valid.length - 1);
        assertThat(loaded.usable()).isFalse();
        assertThat(loaded.unusable()).contains("too large to read", "more memory");
        assertThat(StateFile.load(file, FP, valid.length).usable()).isTrue();
    }

    @Test
    void aTogglTimeFarInTheFutureCostsASweepRatherThanReadingNothing() {
        ObjectNode root = (ObjectNode) Json.MAPPER.valueToTree(state);
        root.put("toggl_cursor", NOW + 2 * RunMode.CLOCKS_APART_SECONDS);
        RunMode mode = RunMode.decide(loadEach(root), Duration.ofHours(24), false, NOW, RunMode.NO_CURSOR);
        assertThat(mode.incremental()).isFalse();
        assertThat(mode.reason()).contains("in the future");
    }

    private StateFile.Loaded loadEach(JsonNode root) {
        return load(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Loads {@code bytes} as the state file: a usable state, or a one-line reason naming the file; never an exception. */
    private StateFile.Loaded load(byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StateFile.Loaded loaded = StateFile.load(file, FP);
        if (loaded.usable()) {
            assertThat(loaded.unusable()).isNull();
            use(loaded.state());
            usable++;
        } else {
            assertThat(loaded.unusable()).contains(file.toString()).doesNotContain("\n", "\r", "\u0000", "\u202e");
            unusable++;
        }
        return loaded;
    }

    /** What a run does with a usable state (RunStatePersistence, the planner, the next state): none of it may throw. */
    static void use(SyncState s) {
        io.toggltasksync.source.jira.JiraSource jira = new io.toggltasksync.source.jira.JiraSource();
        for (boolean incremental : new boolean[] {false, true}) {
            RunMode mode = RunMode.decide(new StateFile.Loaded(s, null), Duration.ofHours(24), false, NOW,
                    incremental ? state -> jira.cursorUnusable(state.cursor("jira"), NOW) : RunMode.NO_CURSOR);
            if (mode.incremental()) {
                assertThat(Instant.ofEpochSecond(s.togglCursor() - 120)).isNotNull();
                if (incremental) {
                    // the cursor the source found usable makes its read (a window of at least the overlap)
                    assertThat(jira.read(s.cursor("jira"), NOW).whole()).isFalse();
                }
            }
        }
        Set<Long> known = new TreeSet<>(s.projects());
        List<TogglTask> tasks = s.tasks().stream().filter(t -> known.contains(t.projectId())).toList();
        Set.copyOf(known);
        Map<String, SourceTask> byKey = new HashMap<>();
        s.records().forEach(r -> byKey.put(r.identity(), r));
        Planner.plan(List.copyOf(byKey.values()), tasks, new Planner.Options(MissingPolicy.parse("deactivate"), 0.5, io.toggltasksync.model.IdentityRule.leadingKeys(Provider.JIRA, Set.of("PROJ"))));
        SyncState next = NextState.of(s, FP, new TogglRead(true, Set.of(1001L), tasks, List.of(), NOW, null, Set.of(12L)), false, NOW,
                new SourceLeft("jira", jira.read(null, NOW).nextCursor(NOW), List.copyOf(byKey.values())), new WorkspaceTraits(null, true, null));
        NextState.afterEvent(next, List.of(), Set.of(13L), null, "PROJ-2", true, NOW);
        if (s.sweep() != null) {
            // what a run does with the sweep's progress
            Map<Long, Long> perProject = new HashMap<>();
            s.tasks().forEach(t -> perProject.merge(t.projectId(), 1L, Long::sum));
            SweepPlan.pagesLeft(s.sweep(), s.projects(), perProject, 200);
            List<SweepPlan.Pages> pages = SweepPlan.pages(s.sweep(), s.projects(), Set.of(), perProject, 200, 10);
            SweepPlan.Folded f = SweepPlan.fold(s.sweep(), pages, Map.of(), Set.of(11L), Set.of(), NOW, 0);
            SweepPlan.complete(f.progress(), s.projects());
            SweepPlan.gone(f.progress(), s.tasks(), s.projects(), 120);
            SweepPlan.progress(f.progress(), s.projects(), perProject, 200);
            s.sweep().late(NOW);
            s.sweep().target();
            next.withSweep(f.progress(), s.lastFullSweep());
        }
        next.withWorkspace(WorkspaceTraits.UNKNOWN).withTogglProjects(s.togglProjects());
    }

    // --- the tree's paths: object fields by name, array elements by index ---

    private static List<List<Object>> paths(JsonNode node, List<Object> at) {
        List<List<Object>> all = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                List<Object> p = with(at, name);
                all.add(p);
                all.addAll(paths(node.get(name), p));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> p = with(at, i);
                all.add(p);
                all.addAll(paths(node.get(i), p));
            }
        }
        return all;
    }

    private static List<List<Object>> arrays(JsonNode node, List<Object> at) {
        List<List<Object>> all = new ArrayList<>();
        if (node.isArray()) {
            all.add(at);
        }
        paths(node, at).stream().filter(p -> at(node, p.subList(at.size(), p.size())).isArray()).forEach(all::add);
        return all;
    }

    private static List<Object> with(List<Object> path, Object step) {
        List<Object> p = new ArrayList<>(path);
        p.add(step);
        return p;
    }

    private static Object last(List<Object> path) {
        return path.get(path.size() - 1);
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            n = step instanceof String name ? n.get(name) : n.get((Integer) step);
        }
        return n;
    }

    /** A copy of {@code root} with {@code change} done to the node that holds {@code path}'s last step. */
    private static JsonNode atParent(JsonNode root, List<Object> path, Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        change.accept(at(copy, path.subList(0, path.size() - 1)));
        return copy;
    }

    /** A copy of {@code root} with {@code change} done to the node at {@code path}. */
    private static JsonNode atNode(JsonNode root, List<Object> path, Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        change.accept(at(copy, path));
        return copy;
    }

    private static void set(JsonNode parent, Object step, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set((String) step, value);
        } else {
            ((ArrayNode) parent).set((Integer) step, value);
        }
    }

    private static void remove(JsonNode parent, Object step) {
        if (parent instanceof ObjectNode o) {
            o.remove((String) step);
        } else {
            ((ArrayNode) parent).remove((Integer) step);
        }
    }
}
