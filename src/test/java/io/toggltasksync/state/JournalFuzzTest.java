package io.toggltasksync.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal is input as the state file is: whatever it holds, {@link StateFile#load} answers a
 * usable state or why not, and never throws. Bytes mutated without the checksum's knowledge (a
 * torn write, a bad disk) are refused unless what is left is a shorter journal of whole lines; an
 * entry altered and checksummed again (a hostile writer on the volume) leaves a state every run
 * can use, or is refused. The journal holds events' lines and a run's.
 */
class JournalFuzzTest {

    private static final String FP = "fingerprint-1";
    private static final long NOW = 1_800_000_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;
    Path file;
    Path journal;
    byte[] valid;
    List<String> lines;
    int usable;
    int unusable;

    @BeforeEach
    void aStateAndThreeEventsAndARun() throws IOException {
        file = dir.resolve("sync-state.json");
        journal = StateJournal.file(file);
        SyncState state = new SyncState(SyncState.VERSION, FP, NOW - 600, NOW - 3600, Set.of(1001L), NOW - 700, false,
                List.of(task(11, "PROJ-1 Write the spec"), task(12, "PROJ-2 Build it")), io.toggltasksync.testing.Cursors.jira(NOW - 650, NOW - 640),
                List.of(record("PROJ-1", "PROJ-1 Write the spec"), record("PROJ-2", "PROJ-2 Build it")), null);
        state = state.withSweep(new SweepProgress(NOW - 900, NOW + 86_400, NOW - 1000, false,
                java.util.Map.of(1001L, new SweepProgress.ProjectSweep(1, 11L, false)), Set.of(11L), NOW - 600, 2), state.lastFullSweep());
        StateFile.save(file, state);
        String base = StateFile.read(file, FP, StateFile.maxBytes()).digest();
        StateJournal.append(file, new StateJournal.Entry(FP, base, NOW, List.of(task(11, "PROJ-1 Renamed")), Set.of(),
                record("PROJ-1", "PROJ-1 Renamed"), null, false));
        StateJournal.append(file, new StateJournal.Entry(FP, base, NOW + 1, List.of(task(13, "PROJ-3 New")), Set.of(12L),
                record("PROJ-3", "PROJ-3 New"), "PROJ-2", false));
        // a run's line: a task renamed and one gone, records alike, its cursors, the sweep's pages it read
        StateFile.Read read = new StateCache().current(file, FP);
        SyncState s = read.loaded().state();
        SyncState byTheRun = new SyncState(SyncState.VERSION, FP, NOW + 2, s.lastFullSweep(), s.projects(), NOW - 100, false,
                List.of(task(13, "PROJ-3 Renamed")), io.toggltasksync.testing.Cursors.jira(NOW - 90, NOW - 80), List.of(record("PROJ-3", "PROJ-3 Renamed")),
                new WorkspaceTraits(null, true, null), List.of(new io.toggltasksync.model.TogglProject(1001, "Project", true)),
                new SweepProgress(NOW - 900, NOW + 86_400, NOW - 1000, false, java.util.Map.of(1001L, new SweepProgress.ProjectSweep(2, 13L, false)),
                        Set.of(11L, 13L), NOW + 2, 3));
        assertThat(StateJournal.appendRun(file, read, byTheRun)).isNotNull();
        StateJournal.append(file, new StateJournal.Entry(FP, base, NOW + 3, List.of(), Set.of(), null, null, true));
        valid = Files.readAllBytes(journal);
        lines = Files.readAllLines(journal);
        assertThat(StateFile.load(file, FP).usable()).as("the journal to mutate").isTrue();
    }

    private static TogglTask task(long id, String name) {
        return new TogglTask(id, 42L, 1001, name, 3600L, true, "jira", "issue", name.substring(0, 6), null);
    }

    private static SourceTask record(String key, String name) {
        return new SourceTask(Provider.JIRA, key, name, 1001, 3600L, true, 1);
    }

    @Test
    void bytesChangedBehindTheChecksumAreRefusedUnlessWholeLinesAreLeft() {
        Random random = new Random(25);
        String noise = "0123456789abcdef {}[]\",:\n\u0000";
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = valid.clone();
            switch (i % 5) {
                case 0 -> {
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 2 -> bytes[random.nextInt(bytes.length)] = (byte) noise.charAt(random.nextInt(noise.length()));
                case 3 -> {
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    bytes = concat(Arrays.copyOf(bytes, random.nextInt(bytes.length)), garbage);
                }
                default -> random.nextBytes(bytes = new byte[random.nextInt(2 * valid.length)]);
            }
            StateFile.Loaded loaded = load(bytes);
            if (loaded.usable()) {
                assertThat(wholeLinesOfTheValid(bytes)).as("usable only as a shorter journal of whole lines").isTrue();
            }
        }
        assertThat(unusable).isGreaterThan(1300);
    }

    @Test
    void entriesAlteredAndChecksummedAgainLeaveAUsableStateOrAReason() throws IOException {
        List<JsonNode> wrong = List.of(NODES.nullNode(), NODES.textNode("x"), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1.5e300), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(),
                NODES.arrayNode().addNull(), NODES.textNode("\u0000\n\u202e"));
        int mutants = 0;
        for (int l = 0; l < lines.size(); l++) {
            JsonNode entry = Json.MAPPER.readTree(lines.get(l).substring(9));
            for (List<Object> path : paths(entry, List.of())) {
                for (JsonNode value : wrong) {
                    JsonNode copy = entry.deepCopy();
                    JsonNode parent = at(copy, path.subList(0, path.size() - 1));
                    Object last = path.get(path.size() - 1);
                    if (parent instanceof ObjectNode o) {
                        o.set((String) last, value);
                    } else {
                        ((ArrayNode) parent).set((Integer) last, value);
                    }
                    loadWithLine(l, copy);
                    mutants++;
                }
            }
        }
        // a line repeated (an append replayed) or the lines reordered: each line still follows the state
        load(concat(valid, (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8)));
        load(String.join("\n", lines.get(2), lines.get(1), lines.get(0), "").getBytes(StandardCharsets.UTF_8));
        assertThat(mutants).isGreaterThan(300);
        assertThat(unusable).as("most refused").isGreaterThan(mutants / 3);
        assertThat(usable).as("some usable (a null record, a time of 0)").isPositive();
    }

    private void loadWithLine(int index, JsonNode entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int l = 0; l < lines.size(); l++) {
            String line = l == index ? checksummed(entry.toString()) : lines.get(l);
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        load(out.toByteArray());
    }

    private static String checksummed(String json) {
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue()) + " " + json;
    }

    /** Loads the state with {@code bytes} as its journal: a usable state, or a one-line reason naming the journal; never an exception. */
    private StateFile.Loaded load(byte[] bytes) {
        try {
            Files.write(journal, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StateFile.Loaded loaded = StateFile.load(file, FP);
        if (loaded.usable()) {
            StateFileFuzzTest.use(loaded.state());
            usable++;
        } else {
            assertThat(loaded.unusable()).contains(journal.toString()).doesNotContain("\n", "\r", "\u0000", "\u202e");
            unusable++;
        }
        return loaded;
    }

    private boolean wholeLinesOfTheValid(byte[] bytes) {
        if (bytes.length == 0) {
            return true;
        }
        return bytes[bytes.length - 1] == '\n' && bytes.length <= valid.length
                && Arrays.equals(bytes, Arrays.copyOf(valid, bytes.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<List<Object>> paths(JsonNode node, List<Object> at) {
        List<List<Object>> all = new java.util.ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                List<Object> p = new java.util.ArrayList<>(at);
                p.add(name);
                all.add(p);
                all.addAll(paths(node.get(name), p));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> p = new java.util.ArrayList<>(at);
                p.add(i);
                all.add(p);
                all.addAll(paths(node.get(i), p));
            }
        }
        return all;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            n = step instanceof String name ? n.get(name) : n.get((Integer) step);
        }
        return n;
    }
}
