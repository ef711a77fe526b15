package io.toggltasksync.source.github;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.source.SourceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The GitHub steps of {@code direct:github-event}: the issue an event names read again ({@code direct:github-issue}),
 * and what that read means for the event. Only the API's 404, 410 or 301 ({@code GONE}) leaves the batch empty, which
 * confirms a delivery's {@code deleted} or {@code transferred}; a pull request, or an issue without the labels of
 * {@code github.labels}, is one the selection leaves out: never taken for gone, whatever the delivery said.
 */
@ApplicationScoped
@Named("githubEventRead")
public class GithubEventRead {

    /** What {@code direct:github-issue} reads: the event's issue, with the run's GitHub settings. */
    public void begin(Exchange exchange, @ExchangeProperty(SourceEvent.PROPERTY) GithubEvent event,
            @ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        GithubSettings github = GithubSettings.of(settings);
        if (github == null) {
            throw new SourceException("a GitHub event needs sync.source=github");
        }
        exchange.setProperty(GithubSettings.PROPERTY, github);
        exchange.setProperty(GithubIssueRef.PROPERTY, event.ref());
    }

    /** The batch the event plans from: the read's, or a rejection for an issue GitHub has but the selection leaves out. */
    public SourceBatch read(@Body SourceBatch batch, @ExchangeProperty(GithubIssueRead.PROPERTY) GithubIssueRead read,
            @ExchangeProperty(SourceEvent.PROPERTY) GithubEvent event) {
        if (read.found() == GithubIssueRead.Found.GONE || !batch.tasks().isEmpty() || !batch.rejections().isEmpty()) {
            return batch;
        }
        String why = read.found() == GithubIssueRead.Found.PULL_REQUEST ? "a pull request, not an issue"
                : "not every label of github.labels: left out as the list leaves it out (the next full sweep decides about its task)";
        return new SourceBatch(batch.description(), List.of(), List.of(new SourceRejection(0, event.externalId(), event + ": " + why)),
                IdentityRule.NONE);
    }
}
