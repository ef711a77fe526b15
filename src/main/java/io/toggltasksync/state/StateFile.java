package io.toggltasksync.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.toggltasksync.support.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

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

    /**
     * What a load read: the state (its journal folded in) or why not, and what identifies what was
     * read, so that a process keeping it (the long-running one, between events) can tell whether
     * another writer has changed it since ({@link StateCache}).
     *
     * @param digest the digest of the state file's bytes, which the journal's entries name as their base; null when unread
     * @param identity the state file as it was read (file key, size, modification time); null when there was none
     * @param journalLength where the journal's lines folded in end
     */
    public record Read(Loaded loaded, String digest, Identity identity, long journalLength) {
    }

    /** A file as the file system tells it apart: a write by rename makes another file key, an append another size. */
    public record Identity(Object fileKey, long size, FileTime modified) {
        static Identity of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Identity(a.fileKey(), a.size(), a.lastModifiedTime());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** The state of {@code file} with its journal folded in, or why it cannot be used (a reason, never an error). */
    public static Loaded load(Path file, String fingerprint) {
        return read(file, fingerprint, maxBytes()).loaded();
    }

    static Loaded load(Path file, String fingerprint, long maxBytes) {
        return read(file, fingerprint, maxBytes).loaded();
    }

    /** Read whole into the heap, a state takes about twice its size there: a larger one would end the process. */
    static long maxBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    static Read read(Path file, String fingerprint, long maxBytes) {
        Identity identity = Identity.of(file);
        MessageDigest sha = sha256();
        Loaded parsed = parse(file, fingerprint, maxBytes, sha);
        if (!parsed.usable()) {
            return new Read(parsed, null, identity, 0);
        }
        String digest = hex(sha);
        StateJournal.Folded folded = StateJournal.fold(file, parsed.state(), digest, 0, maxBytes);
        Loaded loaded = folded.state() != null ? new Loaded(folded.state(), null) : new Loaded(null, folded.unusable());
        return new Read(loaded, digest, identity, folded.length());
    }

    private static Loaded parse(Path file, String fingerprint, long maxBytes, MessageDigest sha) {
        SyncState state;
        try (InputStream raw = Files.newInputStream(file); DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha)) {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new Loaded(null, "the sync state " + file + " is too large to read (" + size / 1_048_576 + " MB, more than half the "
                        + "heap: " + maxBytes / 1_048_576 + " MB); give the process more memory if the workspace is this large");
            }
            state = Json.MAPPER.readValue(unclosed(in), SyncState.class);
            // the digest is of every byte, whatever the parser left unread after the value
            in.transferTo(OutputStream.nullOutputStream());
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

    /** The parser closes what it reads at the end of the value: the rest is still to be digested. */
    private static InputStream unclosed(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // closed by the caller
            }
        };
    }

    /** A parser's message as one short line: it may quote the file, which is no one's to put lines in the log. */
    private static String oneLine(String message) {
        String text = String.valueOf(message).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").replaceAll("\\p{Cf}", "?").strip();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    /**
     * Writes {@code state} to a temporary file with a name of its own (two writers never share one),
     * forces it to disk, renames it over {@code file} atomically, then forces the directory where the
     * platform allows, then removes the journal ({@link StateJournal}), whose entries {@code state}
     * holds since it was loaded. Who may write is {@link StateLock}'s business, not this method's.
     *
     * @return the state as a load would read it now (its digest, the file's identity, no journal)
     */
    public static Read save(Path file, SyncState state) throws IOException {
        String digest = write(file, state);
        // the state written folded the journal (every load does): its entries are in it now
        StateJournal.remove(file);
        // as a load of it would read it: what the long-running process may keep for its next event
        String problem = state.version() != SyncState.VERSION ? "of another version" : StateContent.problem(state);
        Loaded loaded = problem == null ? new Loaded(state, null) : new Loaded(null, "the sync state " + file + " cannot be used (" + problem + ")");
        return new Read(loaded, digest, Identity.of(file), 0);
    }

    /**
     * Writes {@code value} as JSON to {@code file} the way {@link #save} writes a state: whole or not at all.
     *
     * @return the digest of the bytes written, as {@link Read#digest} names a state's
     */
    public static String write(Path file, Object value) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        MessageDigest sha = sha256();
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), sha);
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
        return hex(sha);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The first 128 bits: enough to tell two states apart, half the length in every journal line. */
    private static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
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
