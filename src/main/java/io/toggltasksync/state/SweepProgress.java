package io.toggltasksync.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A full sweep spread over runs, as far as it got (the state's {@code sweep}): each run reads a few
 * more pages of each target project (oldest first, {@code sort_field=created_at}, so tasks made
 * meanwhile only add pages at the end), and only the run that reads the last page decides what is
 * missing, from the whole of it.
 *
 * @param started when it began (UNIX seconds, this machine's clock): every task it reads is at least this fresh
 * @param due when it must be complete ({@code started + sync.full-sweep-interval}, or earlier for a state that had none)
 * @param coveredSince Toggl's time from which the incremental reads of its runs see every change (the cursor when it
 *        began); a task it did not read that changed after this was made or changed meanwhile, never gone. Null: unknown
 * @param hurry asked for ({@code --full-sweep}): as fast as the quota allows, not paced to {@code due}
 * @param projects how far each project was read
 * @param seen the tasks its pages gave
 * @param lastRun when the last run that read for it ended (UNIX seconds): with the next run's start, the cadence
 * @param lastRunWrites the write calls of that run: what the next run keeps back for its own writes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SweepProgress(
        @JsonProperty("started") long started,
        @JsonProperty("due") long due,
        @JsonProperty("covered_since") Long coveredSince,
        @JsonProperty("hurry") boolean hurry,
        @JsonProperty("projects") Map<Long, ProjectSweep> projects,
        @JsonProperty("seen") Set<Long> seen,
        @JsonProperty("last_run") Long lastRun,
        @JsonProperty("last_run_writes") long lastRunWrites) {

    /**
     * One project's part.
     *
     * @param pagesRead the pages read so far, in order (page size {@code toggl.page-size})
     * @param lastId the last task of the last page read: the next run reads that page again and must find it, else
     *        tasks deleted before it moved a task past the pages read, and the project is read again from page 1
     * @param done every page read
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProjectSweep(@JsonProperty("pages_read") int pagesRead, @JsonProperty("last_id") Long lastId,
            @JsonProperty("done") boolean done) {
    }

    /** A sweep that begins now. */
    public static SweepProgress begin(long now, long due, Long coveredSince, boolean hurry, long lastRunWrites) {
        return new SweepProgress(now, due, coveredSince, hurry, new TreeMap<>(), new TreeSet<>(), now, lastRunWrites);
    }

    /** Whether it is past due. */
    public boolean late(long now) {
        return now > due;
    }

    /** When it should be complete to leave a quarter of its time spare (a spent quota, runs that failed). */
    public long target() {
        return started + (due - started) * 3 / 4;
    }

    public ProjectSweep project(long id) {
        return projects.getOrDefault(id, new ProjectSweep(0, null, false));
    }
}
