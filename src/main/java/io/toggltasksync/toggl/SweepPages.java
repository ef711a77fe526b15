package io.toggltasksync.toggl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run reads for the full sweep spread over runs: the pages asked per project, and what
 * they gave. Part of the run's {@link TaskSnapshot}.
 */
public final class SweepPages {

    /** Pages {@code from} to {@code from + count - 1} of a project. */
    public record Range(long projectId, int from, int count) {
    }

    /**
     * What a project's sweep pages gave in this run.
     *
     * @param lastPage the highest page read
     * @param lastId the last task of the last page that held any, null when none did
     * @param end the listing ended within the pages read
     */
    public record Read(long projectId, int lastPage, Long lastId, boolean end) {
    }

    private final List<Range> ranges = new ArrayList<>();
    private final Map<Long, Read> reads = new LinkedHashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private final Set<Long> readWhole = new HashSet<>();
    private long reserve;
    private long pagesRead;

    /** @param keep the calls the run keeps for its writes: the sweep's pages stop where Toggl's quota headers leave only these */
    synchronized void plan(List<Range> planned, long keep) {
        ranges.clear();
        ranges.addAll(planned);
        reserve = keep;
    }

    /** The calls the run keeps for its writes. */
    public synchronized long reserve() {
        return reserve;
    }

    public synchronized List<Range> ranges() {
        return List.copyOf(ranges);
    }

    /** A sweep page's tasks; {@code end}: the listing has nothing after them. */
    synchronized void page(long projectId, int page, List<Long> ids, boolean end) {
        pagesRead++;
        seen.addAll(ids);
        Read before = reads.get(projectId);
        Long lastId = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        if (before == null || page > before.lastPage()) {
            reads.put(projectId, new Read(projectId, page, lastId != null ? lastId : before == null ? null : before.lastId(),
                    end || (before != null && before.end())));
        } else if (end) {
            reads.put(projectId, new Read(projectId, before.lastPage(), before.lastId(), true));
        }
    }

    /** Tasks of a project this run read whole for its own sake (one the state did not know): the sweep needs it no more. */
    synchronized void readWhole(long projectId, List<Long> taskIds) {
        readWhole.add(projectId);
        seen.addAll(taskIds);
    }

    public synchronized Map<Long, Read> reads() {
        return Map.copyOf(reads);
    }

    /** The tasks the sweep's pages (and the whole reads) gave in this run. */
    public synchronized Set<Long> seen() {
        return Set.copyOf(seen);
    }

    /** Projects read whole in this run (all their pages, as a full sweep reads them). */
    public synchronized Set<Long> readWhole() {
        return Set.copyOf(readWhole);
    }

    /** Pages read for the sweep in this run. */
    public synchronized long pagesRead() {
        return pagesRead;
    }
}
