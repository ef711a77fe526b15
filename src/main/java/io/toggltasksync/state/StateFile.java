package io.toggltasksync.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.toggltasksync.support.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads and writes the sync state file. Writing goes to a temporary file of its own, forced to
 * disk, that then replaces the old one, so a reader (or a run killed mid-write, or a power cut) sees
 * the old state or the new, never half. A file that cannot be used is never an error, whatever it
 * holds: it costs one full sweep, and says why.
 */
public final class StateFile {

    /** A state that can be used, or why not. */
    public record Loaded(SyncState state, String unusable) {
        public boolean usable() {
            return state != null;
        }
    }

    /** A temporary file untouched this long was left by a writer that died: a live write touches it all along. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);
    private static final int MAX_REASON = 300;
    /** The caller's stream stays open: it is forced to disk before it is closed. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private StateFile() {
    }

    public static Loaded load(Path file, String fingerprint) {
        // read whole into the heap, a state takes about twice its size there: a larger one would end the process
        return load(file, fingerprint, Runtime.getRuntime().maxMemory() / 2);
    }

    static Loaded load(Path file, String fingerprint, long maxBytes) {
        SyncState state;
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new Loaded(null, "the sync state " + file + " is too large to read (" + size / 1_048_576 + " MB, more than half the "
                        + "heap: " + maxBytes / 1_048_576 + " MB); give the process more memory if the workspace is this large");
            }
            state = Json.MAPPER.readValue(in, SyncState.class);
        } catch (NoSuchFileException e) {
            return new Loaded(null, "no sync state yet (" + file + ")");
        } catch (JsonProcessingException e) {
            return new Loaded(null, "the sync state " + file + " cannot be read (" + oneLine(e.getOriginalMessage()) + ")");
        } catch (IOException | RuntimeException e) {
            // whatever the parser makes of this content is a reason to sweep, never the run's failure
            return new Loaded(null, "the sync state " + file + " cannot be read (" + oneLine(e.toString()) + ")");
        }
        if (state == null || state.version() != SyncState.VERSION) {
            return new Loaded(null, "the sync state " + file + " is incomplete or of another version");
        }
        if (!fingerprint.equals(state.fingerprint())) {
            return new Loaded(null, "the sync state " + file + " belongs to another configuration (workspace, API or source)");
        }
        String problem = StateContent.problem(state);
        if (problem != null) {
            return new Loaded(null, "the sync state " + file + " cannot be used (" + problem + ")");
        }
        return new Loaded(state, null);
    }

    /** A parser's message as one short line: it may quote the file, which is no one's to put lines in the log. */
    private static String oneLine(String message) {
        String text = String.valueOf(message).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").replaceAll("\\p{Cf}", "?").strip();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    /**
     * Writes {@code state} to a temporary file with a name of its own (two writers never share one),
     * forces it to disk, renames it over {@code file} atomically, then forces the directory where the
     * platform allows. Who may write is {@link StateLock}'s business, not this method's.
     */
    public static void save(Path file, SyncState state) throws IOException {
        write(file, state);
    }

    /** Writes {@code value} as JSON to {@code file} the way {@link #save} writes a state: whole or not at all. */
    public static void write(Path file, Object value) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                WRITER.writeValue(out, value);
                out.flush();
                // on disk before the rename makes it the state: else a power cut may leave an empty file in its place
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        forceDirectory(dir);
        removeAbandoned(dir, file.getFileName().toString());
    }

    /** The rename itself on disk. Best effort: not every platform opens a directory (Windows does not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // the state is written; only its surviving a power cut is left to the file system
        }
    }

    /** Temporary files of writers killed mid-write (each has a name of its own, so none is ever overwritten). */
    private static void removeAbandoned(Path dir, String name) {
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, globQuoted(name) + ".*.tmp")) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // litter, not harm: the next save tries again
        }
    }

    private static String globQuoted(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
