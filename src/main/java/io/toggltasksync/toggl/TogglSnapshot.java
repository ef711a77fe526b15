package io.toggltasksync.toggl;

import io.toggltasksync.model.TogglTask;
import io.toggltasksync.sync.RunContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.jboss.logging.Logger;

/**
 * Reads the tasks of the target projects, active and done, page by page. The first page of a
 * project tells how many there are; the remaining pages are queued from {@code total_count} and
 * the page size the server actually granted.
 */
@ApplicationScoped
@Named("togglSnapshot")
public class TogglSnapshot {

    private static final Logger LOG = Logger.getLogger(TogglSnapshot.class);

    /** Queues page 1 of every target project and answers the queue to split over. */
    public void firstPages(@ExchangeProperty("run") RunContext run) {
        for (long projectId : run.targetProjects()) {
            run.enqueue(pageCall(run, projectId, 1));
        }
        LOG.infof("Reading the Toggl tasks of project(s) %s", run.targetProjects());
    }

    public void acceptPage(Exchange exchange) {
        RunContext run = exchange.getProperty("run", RunContext.class);
        TogglCall call = exchange.getProperty("togglCall", TogglCall.class);
        accept(run, call, exchange.getMessage().getBody(String.class), run::addToSnapshot);
    }

    /** Parses a listing page, hands its tasks of the right project on, and queues the remaining pages. */
    static void accept(RunContext run, TogglCall call, String body, Consumer<TogglTask> sink) {
        PageRef ref = (PageRef) call.subject();
        TaskPage page;
        try {
            page = Json.MAPPER.readValue(body, TaskPage.class);
        } catch (Exception e) {
            throw new TogglClientException(200, "unexpected task listing from Toggl: " + ErrorText.summarize(body));
        }
        List<TogglTask> tasks = page.tasks();
        // Defensive: only the target project's tasks count, whatever the filter did.
        tasks.stream().filter(t -> t.projectId() == ref.projectId()).forEach(sink);
        if (ref.page() == 1 && page.totalCount() != null && !tasks.isEmpty()) {
            int granted = page.perPage() != null && page.perPage() > 0 ? page.perPage() : tasks.size();
            long pages = (page.totalCount() + granted - 1) / granted;
            for (int p = 2; p <= pages; p++) {
                run.enqueue(pageCall(run, ref.projectId(), p));
            }
        }
    }

    static TogglCall pageCall(RunContext run, long projectId, int page) {
        return new TogglCall(TogglCall.Kind.SNAPSHOT_PAGE, "GET", "/workspaces/" + run.settings().workspaceId() + "/tasks",
                TogglApi.listQuery(projectId, page, run.settings().pageSize()), null, new PageRef(projectId, page));
    }
}
