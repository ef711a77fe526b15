package io.toggltasksync.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The sync state as the long-running process last read it, so that an event or a run reads only the journal
 * lines written since (its own, about 1 KB) rather than the whole state (37 MB at 100,000 tasks).
 * Used under the state's lock ({@link StateLock}), the only time the files hold still. What is kept
 * is used only while the state file is the one read (same file key, size and modification time: a
 * run, here or in another process, writes a new file by rename) and the journal has only grown;
 * anything else is read again whole. A run of this process starts from it too, takes it (dropped here
 * while the run holds it, so the heap holds one at a time), and gives back the state it left: the one it
 * wrote, or this copy with its own journal line folded in ({@link StateJournal#appendRun}).
 */
public final class StateCache {

    private StateFile.Read kept;
    private Path keptFile;
    private String keptFingerprint;

    /** The state of {@code file} with its journal folded in, or why it cannot be used; and the digest an event's entry names. */
    public synchronized StateFile.Read current(Path file, String fingerprint) {
        if (kept != null && file.equals(keptFile) && fingerprint.equals(keptFingerprint) && kept.identity() != null
                && kept.identity().equals(StateFile.Identity.of(file))) {
            long journal = journalLength(file);
            if (journal == kept.journalLength()) {
                return kept;
            }
            if (journal > kept.journalLength() && kept.loaded().usable()) {
                StateJournal.Folded folded = StateJournal.fold(file, kept.loaded().state(), kept.digest(), kept.journalLength(),
                        StateFile.maxBytes());
                StateFile.Loaded loaded = folded.state() != null ? new StateFile.Loaded(folded.state(), null)
                        : new StateFile.Loaded(null, folded.unusable());
                kept = new StateFile.Read(loaded, kept.digest(), kept.identity(), folded.length());
                return kept;
            }
        }
        kept = StateFile.read(file, fingerprint, StateFile.maxBytes());
        keptFile = file;
        keptFingerprint = fingerprint;
        return kept;
    }

    /** Keeps the state a run of this process wrote (null: it wrote none, nothing is kept), as a load of it would read it. */
    public synchronized void keep(Path file, String fingerprint, StateFile.Read saved) {
        kept = saved;
        keptFile = file;
        keptFingerprint = fingerprint;
    }

    /** Forgets what was read: a run of this process reads (and writes) the state itself. */
    public synchronized void forget() {
        kept = null;
    }

    /** The journal's length, 0 when there is none, -1 when it cannot be told (then the state is read again). */
    private static long journalLength(Path file) {
        try {
            return Files.size(StateJournal.file(file));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
