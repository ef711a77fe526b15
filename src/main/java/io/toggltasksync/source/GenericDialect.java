package io.toggltasksync.source;

import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceTask;

/** The generic format {@code external_id,name[,project_id][,estimated_seconds][,active]}, columns in any order. */
final class GenericDialect implements CsvDialect {

    private static final String EXTERNAL_ID = "external_id";
    private static final String NAME = "name";
    private static final String PROJECT_ID = "project_id";
    private static final String ESTIMATED_SECONDS = "estimated_seconds";
    private static final String ACTIVE = "active";

    private final ProjectResolver projects;

    GenericDialect(ProjectResolver projects) {
        this.projects = projects;
    }

    @Override
    public boolean fits(CsvHeader header) {
        return header.has(EXTERNAL_ID) && header.has(NAME);
    }

    @Override
    public String expectedColumns() {
        return "'external_id' and 'name' columns (generic)";
    }

    @Override
    public String label() {
        return "generic CSV";
    }

    @Override
    public String idColumn() {
        return EXTERNAL_ID;
    }

    @Override
    public SourceTask task(CsvHeader.Cells cells, String externalId, long line) {
        if (externalId.isEmpty()) {
            throw new RecordRejected("empty external_id");
        }
        String name = TaskValues.oneLine(cells.get(NAME));
        if (name.isEmpty()) {
            throw new RecordRejected("empty name");
        }
        Long estimate = TaskValues.estimate(cells.get(ESTIMATED_SECONDS), ESTIMATED_SECONDS);
        boolean active = active(cells.get(ACTIVE));
        long projectId = project(cells.get(PROJECT_ID));
        return new SourceTask(Provider.CSV, externalId, name, projectId, estimate, active, line);
    }

    private static boolean active(String cell) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("true")) {
            return true;
        }
        if (cell.equalsIgnoreCase("false")) {
            return false;
        }
        throw new RecordRejected("active must be true or false, got '" + cell + "'");
    }

    private long project(String cell) {
        if (cell.isEmpty()) {
            return projects.resolve(null).orElseThrow(
                    () -> new RecordRejected("unknown project: no project_id and no default toggl.project-id"));
        }
        Long parsed;
        try {
            parsed = TaskValues.wholeNumber(cell);
        } catch (NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null || parsed <= 0) {
            throw new RecordRejected("project_id must be a positive whole number, got '" + cell + "'");
        }
        return parsed;
    }
}
