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
        List<SnapshotPage> more = new ArrayList<>();
        if (ref.page() == 1 && page.totalCount() != null && !tasks.isEmpty()) {
            int granted = page.perPage() != null && page.perPage() > 0 ? page.perPage() : tasks.size();
            long pages = (page.totalCount() + granted - 1) / granted;
            for (int p = 2; p <= pages; p++) {
                more.add(SnapshotPage.of(session, ref.projectId(), p, snapshot.sinceFor(ref.projectId())));
            }
        }
        return more;
    }
}
