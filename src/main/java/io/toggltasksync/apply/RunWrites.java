package io.toggltasksync.apply;

import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.TogglSettings;
import io.toggltasksync.model.TogglTask;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's apply phase (exchange property {@value #PROPERTY}): where its calls go, what it learned
 * of Toggl's PATCH, its progress, its lost creates, and where every record is accounted.
 */
public final class RunWrites {

    public static final String PROPERTY = "writes";

    private final long workspaceId;
    private final int pageSize;
    private final boolean patchEstimates;
    private final Set<String> secrets;
    private final Ledger ledger;
    private final StopSignal stop;
    final WriteQueue queue = new WriteQueue();
    final PatchLimits patchLimits;
    final LostCreates lostCreates = new LostCreates();
    private final WriteProgress progress = new WriteProgress();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    private final Map<Long, TogglTask> written = new ConcurrentHashMap<>();
    private volatile boolean stateDoubted;
    private volatile boolean estimatesAccepted;

    /** {@code secrets}: every secret of the run, masked in what a failed write records. */
    public RunWrites(TogglSettings toggl, Set<String> secrets, Ledger ledger, StopSignal stop) {
        this.workspaceId = toggl.workspaceId();
        this.pageSize = toggl.pageSize();
        this.patchEstimates = toggl.patchEstimates();
        this.secrets = secrets;
        this.patchLimits = new PatchLimits(toggl.patchBatchSize());
        this.ledger = ledger;
        this.stop = stop;
    }

    long workspaceId() {
        return workspaceId;
    }

    int pageSize() {
        return pageSize;
    }

    /** Whether re-estimates to one value share bulk PATCH calls: asked for, and not known or found refused here. */
    public boolean patchEstimates() {
        return patchEstimates && !patchLimits.estimatesRefused();
    }

    Set<String> secrets() {
        return secrets;
    }

    Ledger ledger() {
        return ledger;
    }

    StopSignal stop() {
        return stop;
    }

    /** Toggl is known (from the sync state) to refuse a bulk PATCH of estimates here: send PUTs from the start. */
    public void estimatesKnownRefused() {
        patchLimits.refuseEstimates();
    }

    /** Whether this run sends re-estimates as PUTs because Toggl refuses the bulk PATCH of estimates (known, or met). */
    public boolean estimatesRefused() {
        return patchLimits.estimatesRefused();
    }

    /** Whether Toggl applied a bulk PATCH of estimates in this run. */
    public boolean estimatesAccepted() {
        return estimatesAccepted;
    }

    void estimatesAccepted(boolean accepted) {
        estimatesAccepted |= accepted;
    }

    public WriteProgress progress() {
        return progress;
    }

    /** Toggl answered in a way the sync state did not foresee (a task gone, a name taken): the next run sweeps. */
    void doubtState() {
        stateDoubted = true;
    }

    public boolean stateDoubted() {
        return stateDoubted;
    }

    void deleted(long taskId) {
        deleted.add(taskId);
        written.remove(taskId);
    }

    /** A task as a confirmed write of this run left it. */
    void wrote(TogglTask task) {
        written.put(task.id(), task);
    }

    /**
     * The tasks this run created or changed, as its confirmed writes left them: the sync state keeps
     * them, so the next run knows them even before it reads what changed.
     */
    public Collection<TogglTask> writtenTasks() {
        return List.copyOf(written.values());
    }

    /** The tasks this run deleted (the sync state forgets them). */
    public Set<Long> deletedTaskIds() {
        return Set.copyOf(deleted);
    }
}
