package io.toggltasksync.source;

import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.SourceTask;

import java.util.List;
import java.util.Optional;

/**
 * One kind of CSV file: the header it is known by and how one of its records becomes a task. What
 * every kind shares (line numbers, cell counts, duplicate ids, the batch) is {@link CsvReading}'s, so
 * another tool's export (Asana, Linear, GitHub Projects) is one more dialect in {@link #all}.
 */
interface CsvDialect {

    /** The dialects in the order they are tried: the first whose columns a header has wins. */
    static List<CsvDialect> all(ProjectResolver projects) {
        return List.of(new JiraExportDialect(projects), new GenericDialect(projects));
    }

    static Optional<CsvDialect> forHeader(CsvHeader header, ProjectResolver projects) {
        return all(projects).stream().filter(d -> d.fits(header)).findFirst();
    }

    boolean fits(CsvHeader header);

    /** The columns it needs, for the error on a header no dialect fits. */
    String expectedColumns();

    /** What the batch calls such a file, e.g. {@code Jira CSV export}. */
    String label();

    /** The column (lower case) that holds a record's external id. */
    String idColumn();

    /** The Jira project key a record names, kept even when the record is rejected; null when none. */
    default String projectKey(CsvHeader.Cells cells, String externalId) {
        return null;
    }

    /**
     * The task a record stands for.
     *
     * @param externalId the record's {@link #idColumn()} cell, trimmed ("" when empty)
     * @param line the physical line where the record starts
     * @throws RecordRejected with the reason when the record cannot become a task
     */
    SourceTask task(CsvHeader.Cells cells, String externalId, long line);
}
