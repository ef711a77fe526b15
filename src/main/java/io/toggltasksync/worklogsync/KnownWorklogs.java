package io.toggltasksync.worklogsync;

import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.JiraWorklogs;
import io.toggltasksync.source.jira.WorklogChanges;
import io.toggltasksync.source.jira.WorklogChangesQuery;
import io.toggltasksync.source.jira.WorklogWriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Our worklogs as the last run left them in Jira, so that a run reads only what changed since: Jira's feeds of
 * changed and deleted worklogs from where the last read ended, instead of one read per mirrored issue. Pure and
 * immutable: each step returns the knowledge after it.
 *
 * <p>What it holds is complete for its {@code issues}, for worklogs that started at or after {@code coveredFrom}, as of
 * the feeds' places {@code since}: every worklog of ours there is in {@code worklogs}. A worklog of ours that changed
 * on an issue it cannot name (Jira's feed names the issue by id) makes it unusable: the run reads every issue
 * whole, which costs reads, never a duplicate or a missed deletion.
 *
 * @param coveredFrom the earliest start it holds every worklog of ours from (the lookback's start when it was made)
 * @param issues      the issues whose worklogs of ours it holds
 * @param issueIds    Jira's issue id to key, as learned from the worklogs read and written
 * @param since       where the next read of Jira's feeds starts
 * @param worklogs    our worklogs on {@code issues}, by worklog id
 */
public record KnownWorklogs(Instant coveredFrom, Set<String> issues, Map<Long, String> issueIds, WorklogChangesQuery since,
        Map<String, JiraWorklog> worklogs) {

    public KnownWorklogs {
        Objects.requireNonNull(coveredFrom, "coveredFrom");
        Objects.requireNonNull(since, "since");
        issues = Collections.unmodifiableSet(new TreeSet<>(issues));
        issueIds = Map.copyOf(issueIds);
        worklogs = Collections.unmodifiableMap(new LinkedHashMap<>(worklogs));
    }

    /** What a run reads of Jira's worklogs: the feeds from {@code changes} (null: none), and these issues whole. */
    public record Reads(WorklogChangesQuery changes, Set<String> wholeIssues, String why) {
        public Reads {
            wholeIssues = Collections.unmodifiableSet(new TreeSet<>(wholeIssues));
        }
    }

    /**
     * What to read, given what is known ({@code known} null: nothing usable, for {@code unusable}'s reason).
     *
     * @param sweep the run reads everything anew (the task sync's full sweep): so do the worklogs, which keeps any
     *              drift between this knowledge and Jira bounded by the sweep interval
     */
    public static Reads reads(KnownWorklogs known, String unusable, Set<String> mirrored, Instant windowStart, boolean sweep) {
        if (known == null) {
            return new Reads(null, mirrored, unusable);
        }
        if (sweep) {
            return new Reads(null, mirrored, "a full sweep reads every issue's worklogs");
        }
        if (windowStart.isBefore(known.coveredFrom())) {
            return new Reads(null, mirrored, "the lookback reaches further back than the worklogs known from the last run");
        }
        if (known.since().earliest().isBefore(windowStart)) {
            return new Reads(null, mirrored, "the last read of Jira's worklogs is older than the lookback");
        }
        Set<String> whole = new TreeSet<>(mirrored);
        whole.removeAll(known.issues());
        return new Reads(known.since(), whole, null);
    }

    /**
     * The worklogs of ours among {@code changes} to read again: those it does not hold, and those Jira changed after
     * what it holds (a person's edit; its own writes carry Jira's time of the write, so they are not read again).
     */
    public List<String> toRead(WorklogChanges changes, long workspaceId) {
        List<String> ids = new ArrayList<>();
        for (WorklogChanges.Change change : changes.updated()) {
            if (ours(change.mark(), workspaceId) && !changes.deleted().contains(change.id())) {
                JiraWorklog held = worklogs.get(change.id());
                if (held == null || held.updated() == null || !held.updated().equals(change.updated())) {
                    ids.add(change.id());
                }
            }
        }
        return ids;
    }

    /** The knowledge after the feeds' changes and the worklogs read by id, or why it cannot be used. */
    public record Folded(KnownWorklogs known, String unusable) {
    }

    /**
     * The feeds folded in: deleted worklogs gone, ours that Jira changed as they are now (listed), a worklog that
     * lost our mark gone (a person's now: never touched), ours that moved before the window gone (closed).
     *
     * @param listed the worklogs {@link #toRead} named, as {@code POST /worklog/list} gave them (issue by id)
     */
    public Folded fold(WorklogChanges changes, List<JiraWorklog> listed, long workspaceId, Instant windowStart) {
        return fold(changes, toRead(changes, workspaceId), listed, workspaceId, windowStart);
    }

    /** The same, where {@code asked} are the ids {@link #toRead} named and the list was asked for (worked out once, by the run). */
    public Folded fold(WorklogChanges changes, List<String> asked, List<JiraWorklog> listed, long workspaceId, Instant windowStart) {
        Map<String, JiraWorklog> now = new LinkedHashMap<>(worklogs);
        changes.deleted().forEach(now::remove);
        for (WorklogChanges.Change change : changes.updated()) {
            if (!ours(change.mark(), workspaceId)) {
                now.remove(change.id());
            }
        }
        Map<String, Instant> feedTime = new LinkedHashMap<>();
        changes.updated().forEach(c -> feedTime.put(c.id(), c.updated()));
        Set<String> unanswered = new TreeSet<>(asked);
        for (JiraWorklog read : listed) {
            unanswered.remove(read.id());
            JiraWorklog held = worklogs.get(read.id());
            String key = held != null ? held.issueKey() : read.issueId() == null ? null : issueIds.get(read.issueId());
            if (key == null) {
                return new Folded(null, "Jira's feed shows a worklog of ours (" + read.id() + ") on an issue the last run did not know"
                        + (read.issueId() == null ? "" : " (issue id " + read.issueId() + ")"));
            }
            if (!issues.contains(key) || !ours(read.mark(), workspaceId) || read.started().isBefore(windowStart)) {
                now.remove(read.id());
            } else {
                // the feed's time, which the next feed is compared with
                now.put(read.id(), withUpdated(read.onIssue(key), feedTime.getOrDefault(read.id(), read.updated())));
            }
        }
        // asked for but not answered: deleted since the feed was read, or out of the token's sight; gone either way
        unanswered.forEach(now::remove);
        return new Folded(new KnownWorklogs(coveredFrom, issues, issueIds, changes.reached(), now), null);
    }

    /** Nothing known yet, but where Jira's feeds are to be read from after a whole read that began at {@code readFrom}. */
    public static KnownWorklogs empty(Instant windowStart, Instant readFrom) {
        return new KnownWorklogs(windowStart, Set.of(), Map.of(), WorklogChangesQuery.since(readFrom), Map.of());
    }

    /**
     * The issues read whole put in: their worklogs of ours replace what was held of them, and they are covered from
     * now on. An issue Jira did not show is not covered.
     */
    public KnownWorklogs withWholeRead(Collection<String> readIssues, JiraWorklogs read, long workspaceId) {
        Set<String> covered = new TreeSet<>(issues);
        Map<String, JiraWorklog> now = new LinkedHashMap<>(worklogs);
        Map<Long, String> ids = new LinkedHashMap<>(issueIds);
        Set<String> readSet = new TreeSet<>(readIssues);
        for (String key : readSet) {
            if (!read.unreadable().containsKey(key)) {
                covered.add(key);
            }
        }
        now.values().removeIf(w -> readSet.contains(w.issueKey()));
        for (JiraWorklog w : read.worklogs()) {
            if (w.issueId() != null) {
                ids.put(w.issueId(), w.issueKey());
            }
            if (ours(w.mark(), workspaceId) && covered.contains(w.issueKey())) {
                now.put(w.id(), w);
            }
        }
        return new KnownWorklogs(coveredFrom, covered, ids, since, now);
    }

    /** The worklogs of ours on {@code keys}, for the planner. */
    public List<JiraWorklog> of(Set<String> keys) {
        return worklogs.values().stream().filter(w -> keys.contains(w.issueKey())).toList();
    }

    /** What this run's writes left in Jira put in: made and changed worklogs as Jira answered, deleted ones gone. */
    public KnownWorklogs withWrites(List<WorklogWriteResult> results) {
        Map<String, JiraWorklog> now = new LinkedHashMap<>(worklogs);
        Map<Long, String> ids = new LinkedHashMap<>(issueIds);
        for (WorklogWriteResult result : results) {
            JiraWorklog written = result instanceof WorklogWriteResult.Created c ? c.worklog()
                    : result instanceof WorklogWriteResult.Updated u ? u.worklog() : null;
            if (written != null) {
                now.put(written.id(), written);
                if (written.issueId() != null) {
                    ids.put(written.issueId(), written.issueKey());
                }
            } else if (result instanceof WorklogWriteResult.Deleted d) {
                now.remove(d.call().existing().id());
            }
            // a failed write: Jira's feeds say next run whether it happened after all
        }
        return new KnownWorklogs(coveredFrom, issues, ids, since, now);
    }

    /**
     * Kept for the next run: only the mirrored issues, only worklogs from the window's start on (older ones are
     * never touched), so it stays the size of the lookback's worklogs.
     */
    public KnownWorklogs retain(Set<String> mirrored, Instant windowStart) {
        Set<String> covered = new TreeSet<>(issues);
        covered.retainAll(mirrored);
        Map<String, JiraWorklog> now = new LinkedHashMap<>();
        worklogs.forEach((id, w) -> {
            if (covered.contains(w.issueKey()) && !w.started().isBefore(windowStart)) {
                now.put(id, w);
            }
        });
        Map<Long, String> ids = new LinkedHashMap<>();
        issueIds.forEach((id, key) -> {
            if (covered.contains(key)) {
                ids.put(id, key);
            }
        });
        Instant from = windowStart.isAfter(coveredFrom) ? windowStart : coveredFrom;
        return new KnownWorklogs(from, covered, ids, since, now);
    }

    private static boolean ours(WorklogMark mark, long workspaceId) {
        return mark != null && mark.workspaceId() == workspaceId;
    }

    private static JiraWorklog withUpdated(JiraWorklog w, Instant updated) {
        return new JiraWorklog(w.id(), w.issueKey(), w.started(), w.timeSpentSeconds(), w.comment(), w.mark(), w.issueId(), updated);
    }
}
