package io.toggltasksync.model;

/** A source record that could not be turned into a task; {@code externalId} is null when unknown. */
public record SourceRejection(long line, String externalId, String reason) {
}
