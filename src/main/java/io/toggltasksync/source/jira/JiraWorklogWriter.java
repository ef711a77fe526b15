package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.support.ControlChars;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Json;
import io.toggltasksync.support.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.jboss.logging.Logger;

/**
 * The beans behind the {@code jira-worklog-write} and {@code jira-worklog-create} routes: each
 * {@link WorklogWrite}'s request, its answer as a {@link WorklogWriteResult}, and a POST whose answer was
 * lost read back by its mark before it is sent again (Jira has no key that would refuse a second copy).
 * Stateless: the write in progress is its exchange.
 */
@ApplicationScoped
@Named("jiraWorklogWriter")
public class JiraWorklogWriter {

    private static final Logger LOG = Logger.getLogger(JiraWorklogWriter.class);
    /** Exchange property: how many times this create's POST was sent. */
    static final String POSTS = "worklogPosts";
    /** The read-back starts this much before the worklog: Jira's {@code startedAfter} bound must not cut it off. */
    private static final Duration READ_BACK_MARGIN = Duration.ofHours(1);

    /** The app's redelivery policy: a lost POST is sent again at most as often as a transient failure is redelivered. */
    @Inject
    @Named("togglRedelivery")
    RedeliveryPolicy redelivery;

    public boolean isCreate(@ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write) {
        return write instanceof WorklogWrite.Create;
    }

    /** The write's request, for {@code jira-call}. */
    public void prepare(Exchange exchange, @ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        JiraRequest.next(exchange, write.request(JiraSettings.of(settings).cloud()));
        if (write instanceof WorklogWrite.Create) {
            exchange.setProperty(POSTS, exchange.getProperty(POSTS, 0, Integer.class) + 1);
        }
    }

    /** Jira's 2xx answer: the worklog written (its id from the answer), or the deletion. */
    public WorklogWriteResult written(@Body String answer, @ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write) {
        if (write instanceof WorklogWrite.Create create) {
            JsonNode node = answerOf(answer);
            return new WorklogWriteResult.Created(create, worklog(create.issueKey(), idOf(node, answer), create.content(), node), false);
        }
        if (write instanceof WorklogWrite.Update update) {
            return new WorklogWriteResult.Updated(update, worklog(update.issueKey(), update.existing().id(), update.content(), answerOf(answer)));
        }
        return new WorklogWriteResult.Deleted((WorklogWrite.Delete) write, false);
    }

    /** Until the create has its result: sent, found on a read-back, or failed (an exception). */
    public boolean createPending(@Body Object body) {
        return !(body instanceof WorklogWriteResult);
    }

    /**
     * The POST's answer was lost (a 5xx or an IO error, which may come after Jira wrote it): the query that reads
     * the issue's worklogs back. A 429 whose retries are spent is no lost answer (Jira wrote nothing): it fails.
     */
    public WorklogQuery readBackQuery(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception lost,
            @ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        if (lost instanceof JiraRateLimited rateLimited) {
            throw rateLimited;
        }
        WorklogWrite.Create create = (WorklogWrite.Create) write;
        LOG.warnf("The answer to the worklog POST on %s was lost (%s): reading its worklogs back before sending it again", create.issueKey(),
                ControlChars.escape(Secrets.mask(describe(lost), settings.secrets())));
        return WorklogQuery.of(List.of(create.issueKey()), create.content().started().minus(READ_BACK_MARGIN));
    }

    /**
     * The read-back: a worklog with the create's mark is the lost POST's (the plan saw none before it): created.
     * None: the POST is sent again (the body stays the write), unless it was sent as often as a retry may.
     */
    public Object readBack(@Body JiraWorklogs read, @ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write,
            @ExchangeProperty(POSTS) Integer posts) {
        WorklogWrite.Create create = (WorklogWrite.Create) write;
        WorklogMark mark = create.content().mark();
        Optional<JiraWorklog> found = read.worklogs().stream()
                .filter(w -> w.ours() && w.mark().key().equals(mark.key()) && w.mark().workspaceId() == mark.workspaceId())
                .findFirst();
        if (found.isPresent()) {
            LOG.infof("The lost POST on %s had written worklog %s: counted as created, not sent again", create.issueKey(), found.get().id());
            return new WorklogWriteResult.Created(create, found.get(), true);
        }
        String unreadable = read.unreadable().get(create.issueKey());
        if (unreadable != null) {
            throw new SourceException("its answer was lost, and reading " + create.issueKey() + "'s worklogs back failed: " + unreadable);
        }
        if (posts != null && posts > redelivery.getMaximumRedeliveries()) {
            throw new SourceException("its answer was lost " + posts + " time(s), and Jira has no such worklog: not sent again");
        }
        LOG.infof("Jira has no worklog of that POST on %s: sending it again", create.issueKey());
        return create;
    }

    /**
     * The write failed for good: Jira refused it (a 4xx, with Jira's reason), the retries were spent, or a lost
     * create could not be settled. A retried DELETE that finds no worklog is the exception: its first attempt's
     * answer was lost after Jira deleted it.
     */
    public WorklogWriteResult failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
            @ExchangeProperty(WorklogWrite.PROPERTY) WorklogWrite write, @ExchangeProperty(JiraRequest.PROPERTY) JiraRequest request,
            @ExchangeProperty(JiraRequest.ATTEMPTS) Integer attempts, @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        if (write instanceof WorklogWrite.Delete delete && error instanceof JiraRefused refused && refused.status() == 404
                && attempts != null && attempts > 1) {
            LOG.infof("Worklog %s of %s was already gone on the retry of its DELETE: counted as deleted", delete.existing().id(), delete.issueKey());
            return new WorklogWriteResult.Deleted(delete, true);
        }
        JiraRequest own = write.request(JiraSettings.of(settings).cloud());
        String call = own.method() + " " + own.path();
        if (request != null && !request.method().equals(own.method())) {
            call += " (read back by " + request.method() + " " + request.path() + ")";
        }
        String reason;
        Integer status = null;
        if (error instanceof JiraRefused refused) {
            status = refused.status();
            reason = JiraErrors.refusal(call, refused.status(), refused.detail());
        } else {
            if (error instanceof JiraTransientException transient_) {
                status = transient_.status();
            }
            reason = call + ": " + describe(error);
        }
        reason = Secrets.mask(reason, settings.secrets());
        LOG.warnf("Failed: %s", ControlChars.escape(reason));
        return new WorklogWriteResult.Failed(write, status, reason);
    }

    private static String describe(Exception error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof SourceException || error instanceof JiraTransientException) {
            return error.getMessage();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /** Jira's answer as JSON; an empty node when it is none (a PUT's answer is only read for its issue id and time). */
    private static JsonNode answerOf(String answer) {
        try {
            JsonNode node = Json.MAPPER.readTree(answer == null ? "" : answer);
            return node == null ? Json.MAPPER.missingNode() : node;
        } catch (Exception e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String idOf(JsonNode node, String answer) {
        String id = node.path("id").asText("");
        if (!JiraWorklogPaths.WORKLOG_ID.matcher(id).matches()) {
            throw new SourceException("Jira's answer names no worklog id: " + ErrorText.summarize(answer));
        }
        return id;
    }

    /** What was written, as Jira keeps it: the content sent, with Jira's issue id and time of the change from its answer. */
    private static JiraWorklog worklog(String issueKey, String id, WorklogContent content, JsonNode answer) {
        return new JiraWorklog(id, issueKey, content.started(), content.timeSpentSeconds(), content.comment(), content.mark(),
                JiraWorklogJson.issueId(answer), JiraWorklogJson.updated(answer));
    }
}
