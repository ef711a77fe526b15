package io.toggltasksync.toggl;

import io.toggltasksync.model.TogglTask;
import io.toggltasksync.support.HttpRequests;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jboss.logging.Logger;

/**
 * The steps of the {@code toggl-snapshot} route: the tasks of the target projects, active and done,
 * page by page. The first page of a project tells how many there are; the remaining pages follow
 * from {@code total_count} and the page size the server actually granted.
 */
@ApplicationScoped
@Named("togglSnapshot")
public class TogglSnapshot {

    private static final Logger LOG = Logger.getLogger(TogglSnapshot.class);

    /** Page 1 of every target project. */
    public List<SnapshotPage> firstPages(@Body Collection<Long> projects, @ExchangeProperty(TogglSession.PROPERTY) TogglSession session,
            @ExchangeProperty(TaskSnapshot.PROPERTY) TaskSnapshot snapshot) {
        LOG.infof("Reading the Toggl tasks of project(s) %s", projects);
        return projects.stream().map(p -> SnapshotPage.of(session, p, 1, snapshot.sinceFor(p))).toList();
    }

    /** The pages this run reads for the full sweep spread over runs, after its own: in order, project after project. */
    public List<SnapshotPage> sweepPages(@ExchangeProperty(TogglSession.PROPERTY) TogglSession session,
            @ExchangeProperty(TaskSnapshot.PROPERTY) TaskSnapshot snapshot) {
        List<SnapshotPage> pages = new ArrayList<>();
        for (SweepPages.Range r : snapshot.sweep().ranges()) {
            for (int p = r.from(); p < r.from() + r.count(); p++) {
                pages.add(SnapshotPage.sweep(session, r.projectId(), p));
            }
        }
        // what Toggl's headers say is left now, after the run's own reads, bounds the plan made before them
        Long remaining = session.quota().remaining();
        if (remaining != null && pages.size() > remaining - snapshot.sweep().reserve()) {
            int fits = (int) Math.max(0, remaining - snapshot.sweep().reserve());
            LOG.infof("The hour's quota has %d call(s) left and the run keeps %d for its writes: %d of the sweep's %d page(s) now", remaining,
                    snapshot.sweep().reserve(), fits, pages.size());
            pages = new ArrayList<>(pages.subList(0, fits));
        }
        if (!pages.isEmpty()) {
            LOG.infof("Reading %d page(s) for the full sweep spread over runs", pages.size());
        }
        return pages;
    }

    /** The quota ran out in the sweep's pages: the run plans with what it read, the sweep goes on next run. */
    public void sweepStopped(@ExchangeProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT) Exception caught) {
        LOG.warnf("The full sweep's pages stopped: %s; the sweep goes on from there in the next run", caught.getMessage());
    }

    /**
     * Keeps a page's tasks of the right project and the time Toggl answered (its {@code Date}), and
     * answers the pages that follow page 1 (none after others).
     */
    public List<SnapshotPage> accept(@Body TaskPage page, @Header("Date") String date, @ExchangeProperty(SnapshotPage.PROPERTY) SnapshotPage ref,
            @ExchangeProperty(TaskSnapshot.PROPERTY) TaskSnapshot snapshot, @ExchangeProperty(TogglSession.PROPERTY) TogglSession session) {
        Long answered = HttpRequests.epochSecond(date);
        if (answered != null) {
            snapshot.answeredAt(answered);
        }
        List<TogglTask> tasks = page.tasks();
        // Defensive: only the target project's tasks count, whatever the filter did.
        tasks.stream().filter(t -> t.projectId() == ref.projectId()).forEach(snapshot::add);
        int granted = page.perPage() != null && page.perPage() > 0 ? page.perPage() : tasks.size();
        if (ref.sweep()) {
            boolean end = tasks.size() < granted || page.totalCount() == null || (long) ref.page() * granted >= page.totalCount();
            snapshot.sweep().page(ref.projectId(), ref.page(), tasks.stream().filter(t -> t.projectId() == ref.projectId())
                    .map(TogglTask::id).toList(), end);
            return List.of();
        }
        if (snapshot.sinceFor(ref.projectId()) == null) {
            snapshot.sweep().readWhole(ref.projectId(), tasks.stream().filter(t -> t.projectId() == ref.projectId()).map(TogglTask::id).toList());
        }
        List<SnapshotPage> more = new ArrayList<>();
        if (ref.page() == 1 && page.totalCount() != null && !tasks.isEmpty()) {
            long pages = (page.totalCount() + granted - 1) / granted;
            for (int p = 2; p <= pages; p++) {
                more.add(SnapshotPage.of(session, ref.projectId(), p, snapshot.sinceFor(ref.projectId())));
            }
        }
        return more;
    }
}
