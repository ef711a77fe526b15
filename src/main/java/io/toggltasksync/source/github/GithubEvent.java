package io.toggltasksync.source.github;

import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A change GitHub announced for one issue (an {@code issues} delivery, or a burst of them for the same issue). Only
 * the repository, number and id are taken from the signed body: the issue's values, and whether it is gone, are read
 * again from the API when the event is applied ({@code direct:github-event}).
 *
 * @param repo       the configured repository the delivery named
 * @param number     the issue's number there (what the API reads it by)
 * @param id         the issue's numeric id: its task's identity
 * @param deleted    a delivery said {@code deleted} or {@code transferred} (confirmed only when the API answers 404, 410 or 301)
 * @param received   when the first of its deliveries arrived
 * @param deliveries how many deliveries it stands for
 */
public record GithubEvent(GithubRepo repo, long number, long id, boolean deleted, Instant received, int deliveries) implements SourceEvent {

    public GithubEvent {
        Objects.requireNonNull(repo);
        Objects.requireNonNull(received);
        if (number <= 0 || id <= 0) {
            throw new IllegalArgumentException("a GitHub issue has a positive number and id");
        }
    }

    /** The event of one accepted delivery. */
    public static GithubEvent of(GithubDelivery.IssueChanged delivery, Instant received) {
        boolean gone = delivery.action().equals("deleted") || delivery.action().equals("transferred");
        return new GithubEvent(delivery.repo(), delivery.number(), delivery.id(), gone, received, 1);
    }

    @Override
    public String source() {
        return "github";
    }

    @Override
    public Provider provider() {
        return Provider.GITHUB;
    }

    @Override
    public String externalId() {
        return Long.toString(id);
    }

    /** The issue as the API reads it again. */
    public GithubIssueRef ref() {
        return new GithubIssueRef(repo, number);
    }

    @Override
    public SourceEvent and(SourceEvent later) {
        GithubEvent next = (GithubEvent) later;
        Instant first = received.isBefore(next.received) ? received : next.received;
        return new GithubEvent(repo, number, id, deleted || next.deleted, first, deliveries + next.deliveries);
    }

    @Override
    public String toString() {
        return repo.key() + "#" + number;
    }
}
