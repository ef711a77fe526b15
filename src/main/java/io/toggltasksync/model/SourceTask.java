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

    /** The {@code projectId} of a record whose Toggl project is found after the source was read ({@link ProjectsToFind}). */
    public static final long PROJECT_TO_FIND = 0L;

    /** This record in another Toggl project: the one found for it by name, or made for it. */
    public SourceTask withProject(long id) {
        return new SourceTask(provider, externalId, name, id, estimatedSeconds, active, line);
    }

    /** The identity that ties this record to its Toggl task across runs. */
    public String identity() {
        return Identity.of(provider, externalId);
    }
}
