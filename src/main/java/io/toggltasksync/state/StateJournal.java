package io.toggltasksync.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * What source events changed since the sync state was written, one line per event appended beside it
 * ({@code <state file>.journal}), so that an event writes what it changed (about 1 KB) instead of
 * the whole state (37 MB at 100,000 tasks). Every reader of the state folds the journal in
 * ({@link StateFile#load}); every writer of the state has folded it, so {@link StateFile#save}
 * removes it once the new state is in place. Written under {@link StateLock}, as the state is.
 *
 * <p>A line is {@code <CRC-32C of the JSON, 8 hex> <JSON of an Entry>\n}. Each entry names the state
 * it follows (its {@code base}: the digest of the state file's bytes), so an entry is never folded
 * into a state it did not follow: a run that died between writing the state and removing the journal
 * leaves entries it folded already, which the next load finds of another base. Any line that is
 * torn, altered, of another configuration or of another base makes the state unusable: one full
 * sweep, never a task forgotten (a duplicate) or a record stale (a wrong write).
 */
public final class StateJournal {

    /**
     * One event's change of the state, as {@link NextState#afterEvent} applies it.
     *
     * @param fingerprint the configuration of the state it follows
     * @param base the digest of the state file it follows ({@link StateFile.Read#digest})
     * @param at when the event was applied (UNIX seconds, this machine's clock)
     * @param written the tasks its confirmed writes created or changed, as they left them
     * @param deleted the tasks it deleted
     * @param record its record as the source has it now, null to leave the records as they are
     * @param removed the external id of the record that goes (the source confirmed it deleted), null for none
     * @param sweepNext whether the event found the state wrong (the next run sweeps)
     * @param records a run's records put (changed or new), by external id; null or empty: none. An event's is {@code record}
     * @param removedRecords the external ids of a run's records that went; null or empty: none
     * @param run what else a run changed (cursors, the sweep's progress...); null for an event, and in lines of before runs wrote any
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("base") String base,
            @JsonProperty("at") long at,
            @JsonProperty("written") List<TogglTask> written,
            @JsonProperty("deleted") Set<Long> deleted,
            @JsonProperty("record") SourceTask record,
            @JsonProperty("removed") String removed,
            @JsonProperty("sweep_next") boolean sweepNext,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("records") List<SourceTask> records,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("removed_records") Set<String> removedRecords,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("run") RunFields run) {

        /** An event's entry. */
        public Entry(String fingerprint, String base, long at, List<TogglTask> written, Set<Long> deleted, SourceTask record, String removed,
                boolean sweepNext) {
            this(fingerprint, base, at, written, deleted, record, removed, sweepNext, null, null, null);
        }

        /** The records it puts: a run's, and an event's one. */
        List<SourceTask> recordsPut() {
            List<SourceTask> put = records == null ? List.of() : records;
            if (record == null) {
                return put;
            }
            List<SourceTask> all = new ArrayList<>(put);
            all.add(record);
            return all;
        }

        /** The external ids of the records it removes: a run's, and an event's one. */
        Set<String> recordsRemoved() {
            Set<String> gone = removedRecords == null ? Set.of() : removedRecords;
            if (removed == null) {
                return gone;
            }
            Set<String> all = new java.util.HashSet<>(gone);
            all.add(removed);
            return all;
        }
    }

    /**
     * What a run changed of the state besides its tasks and records: each replaces the state's, but the sweep's
     * {@code seen}, which holds only the tasks this run's pages added to those of the same sweep (its {@code started}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunFields(
            @JsonProperty("last_full_sweep") long lastFullSweep,
            @JsonProperty("projects") Set<Long> projects,
            @JsonProperty("toggl_cursor") Long togglCursor,
            @JsonProperty("sources") java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> sources,
            @JsonProperty("workspace") WorkspaceTraits workspace,
            @JsonProperty("toggl_projects") List<io.toggltasksync.model.TogglProject> togglProjects,
            @JsonProperty("sweep") SweepProgress sweep) {
    }

    /**
     * A state with journal lines folded in.
     *
     * @param state the state after the lines, null when a line made it unusable
     * @param length where the lines read end (bytes from the journal's start)
     * @param unusable why the state cannot be used, null when it can
     */
    record Folded(SyncState state, long length, String unusable) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private StateJournal() {
    }

    /** The journal of {@code stateFile}: beside it, its name and {@code .journal}. */
    public static Path file(Path stateFile) {
        return stateFile.toAbsolutePath().normalize().resolveSibling(stateFile.getFileName() + ".journal");
    }

    /**
     * Appends one entry and forces it to disk before returning: the event's writes are then known
     * to the next run. The caller holds the state's lock.
     *
     * @return the journal's length after the entry
     */
    public static long append(Path stateFile, Entry entry) throws IOException {
        return write(stateFile, line(entry));
    }

    /**
     * A run's journal, at most this share of the state file (or {@link #RUN_FLOOR}, for a small state): past it
     * the run writes the state whole, so a reader without the long-running process's copy (a CronJob,
     * {@code --check}) reads at most a quarter more than the state.
     */
    static final int RUN_SHARE = 4;
    static final long RUN_FLOOR = 64 * 1024;

    /**
     * Appends what an incremental run changed, as one line, instead of writing the state whole: when the
     * state file and its journal are still as the run read them ({@code from}), one entry can say the change
     * ({@link NextState#runEntry}) and the journal stays within {@link #RUN_SHARE} of the state. The caller
     * holds the state's lock.
     *
     * @return the state as a load would read it now (for the long-running process's next event or run); null
     *         when nothing was appended: the caller writes the state whole
     */
    public static StateFile.Read appendRun(Path stateFile, StateFile.Read from, SyncState next) throws IOException {
        if (from == null || !from.loaded().usable() || from.digest() == null || from.identity() == null
                || !from.identity().equals(StateFile.Identity.of(stateFile))) {
            return null;
        }
        Entry entry = NextState.runEntry(from.loaded().state(), next, from.digest());
        if (entry == null) {
            return null;
        }
        long journal;
        try {
            journal = Files.size(file(stateFile));
        } catch (java.nio.file.NoSuchFileException e) {
            journal = 0;
        }
        byte[] line = line(entry);
        if (journal != from.journalLength() || journal + line.length > Math.max(RUN_FLOOR, from.identity().size() / RUN_SHARE)) {
            return null;
        }
        long length = write(stateFile, line);
        SyncState folded = NextState.afterEvents(from.loaded().state(), List.of(entry));
        return new StateFile.Read(new StateFile.Loaded(folded, null), from.digest(), from.identity(), length);
    }

    /** {@code <CRC-32C, 8 hex> <JSON>\n}. */
    private static byte[] line(Entry entry) throws IOException {
        byte[] json = Json.MAPPER.writeValueAsBytes(entry);
        CRC32C crc = new CRC32C();
        crc.update(json);
        byte[] sum = (HEX.toHexDigits((int) crc.getValue()) + " ").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(sum.length + json.length + 1).put(sum).put(json).put((byte) '\n').array();
    }

    private static long write(Path stateFile, byte[] bytes) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(bytes);
        Path journal = file(stateFile);
        Files.createDirectories(journal.getParent());
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            return channel.size();
        }
    }

    /** Removes the journal, once a state that folded it is in place. */
    static void remove(Path stateFile) throws IOException {
        Files.deleteIfExists(file(stateFile));
    }

    /**
     * Folds the lines of the journal from byte {@code from} into {@code state} (the state file's
     * content, of digest {@code digest}, with the lines before {@code from} folded already), reading
     * at most {@code maxBytes}.
     */
    static Folded fold(Path stateFile, SyncState state, String digest, long from, long maxBytes) {
        Path journal = file(stateFile);
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < from) {
                return new Folded(null, size, "the sync state's journal " + journal + " is shorter than when it was read");
            }
            if (size - from > Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
                // read whole into the heap, as the state is: a file on the volume must not end the process
                return new Folded(null, size, "the sync state's journal " + journal + " is too large to read (" + (size - from) / 1_048_576
                        + " MB)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                // read on until the end seen above
            }
            bytes = buffer.array();
        } catch (java.nio.file.NoSuchFileException e) {
            return from == 0 ? new Folded(state, 0, null)
                    : new Folded(null, 0, "the sync state's journal " + journal + " went away without the state being written");
        } catch (IOException | RuntimeException e) {
            return new Folded(null, from, "the sync state's journal " + journal + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            String at = "the sync state's journal " + journal + " (line " + lineNumber + " after byte " + from + ")";
            if (end < 0) {
                return new Folded(null, from + bytes.length, at + " ends in a torn line");
            }
            String problem = problem(bytes, start, end, state.fingerprint(), digest, entries);
            if (problem != null) {
                return new Folded(null, from + end + 1, at + " " + problem);
            }
            start = end + 1;
        }
        if (entries.isEmpty()) {
            return new Folded(state, from + bytes.length, null);
        }
        return new Folded(NextState.afterEvents(state, entries), from + bytes.length, null);
    }

    /** What is wrong with the line {@code [start, end)}, null when nothing is; a good line's entry joins {@code entries}. */
    private static String problem(byte[] bytes, int start, int end, String fingerprint, String digest, List<Entry> entries) {
        if (end - start < 10 || bytes[start + 8] != ' ') {
            return "is not a journal line";
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, start + 9, end - start - 9);
        String sum = new String(bytes, start, 8, StandardCharsets.US_ASCII);
        if (!HEX.toHexDigits((int) crc.getValue()).equals(sum)) {
            return "does not match its checksum (torn or altered)";
        }
        Entry entry;
        try {
            entry = Json.MAPPER.readValue(bytes, start + 9, end - start - 9, Entry.class);
        } catch (IOException | RuntimeException e) {
            return "cannot be read";
        }
        if (entry == null || entry.written() == null || entry.written().contains(null) || entry.deleted() == null
                || entry.deleted().contains(null) || entry.recordsPut().stream().anyMatch(java.util.Objects::isNull)
                || entry.recordsRemoved().stream().anyMatch(java.util.Objects::isNull)) {
            return "is incomplete";
        }
        if (!fingerprint.equals(entry.fingerprint())) {
            return "belongs to another configuration (workspace, API or source)";
        }
        if (!digest.equals(entry.base())) {
            // a run that died after writing the state, before removing the journal, leaves entries it folded already
            return "follows another sync state than the one beside it";
        }
        if (entry.at() < 0 || entry.at() > StateContent.LATEST_EPOCH_SECOND) {
            return "has no time a clock gave";
        }
        // what the entry brings, checked as the state's own tasks and records are (the fold keeps ids and keys unique)
        List<SourceTask> records = entry.recordsPut();
        RunFields run = entry.run();
        String content = StateContent.problem(run == null
                ? new SyncState(SyncState.VERSION, fingerprint, entry.at(), 0, Set.of(), null, false, entry.written(), java.util.Map.of(),
                        records, null)
                : new SyncState(SyncState.VERSION, fingerprint, entry.at(), run.lastFullSweep(), run.projects(), run.togglCursor(), false,
                        entry.written(), run.sources(), records, run.workspace(), run.togglProjects(), run.sweep()));
        if (content != null) {
            return "cannot be used (" + content + ")";
        }
        entries.add(entry);
        return null;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
