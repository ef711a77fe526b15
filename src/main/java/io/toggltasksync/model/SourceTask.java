package io.toggltasksync.model;

/**
 * One valid source record, already mapped to what its Toggl task should look like.
 *
 * @param line where the record starts in its source (CSV line number, or position in a Jira search)
 * @param estimatedSeconds null means "no estimate"
 */
public record SourceTask(
        Provider provider,
        String externalId,
        String name,
        long projectId,
        Long estimatedSeconds,
        boolean active,
        long line) {

    /** The identity that ties this record to its Toggl task across runs. */
    public String identity() {
        return Identity.of(provider, externalId);
    }
}
