package io.toggltasksync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the sync state file. Writing goes to a temporary file that then replaces the
 * old one, so a reader (or a run killed mid-write) sees the old state or the new, never half. A
 * file that cannot be used is never an error: it costs one full sweep, and says why.
 */
public final class StateFile {

    /** A state that can be used, or why not. */
    public record Loaded(SyncState state, String unusable) {
        public boolean usable() {
            return state != null;
        }
    }

    private StateFile() {
    }

    public static Loaded load(Path file, String fingerprint) {
        SyncState state;
        try {
            state = Json.MAPPER.readValue(file.toFile(), SyncState.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return new Loaded(null, "no sync state yet (" + file + ")");
        } catch (JsonProcessingException e) {
            return new Loaded(null, "the sync state " + file + " cannot be read (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Loaded(null, "the sync state " + file + " cannot be read (" + e + ")");
        }
        if (state == null || state.version() != SyncState.VERSION || state.tasks() == null || state.projects() == null
                || state.records() == null) {
            return new Loaded(null, "the sync state " + file + " is incomplete or of another version");
        }
        if (!fingerprint.equals(state.fingerprint())) {
            return new Loaded(null, "the sync state " + file + " belongs to another configuration (workspace, API or source)");
        }
        return new Loaded(state, null);
    }

    public static void save(Path file, SyncState state) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            Json.MAPPER.writeValue(out, state);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
