package io.toggltasksync.source.csv;

import io.toggltasksync.source.RecordRejected;
import io.toggltasksync.source.TaskValues;

import io.toggltasksync.source.csv.CsvMapping.Entry;
import io.toggltasksync.source.csv.CsvMapping.Field;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV file read through a mapping ({@link CsvMapping}): the generic format, another tracker's export
 * (a {@link CsvPreset}) or a file described by {@code csv.columns}. Rejection reasons name the
 * columns as the mapping spells them ({@code empty external_id}, {@code empty Task ID}).
 */
final class MappedDialect implements CsvDialect {

    /** Cells that do not mean done in a column read by {@code done=Column} alone (Excel writes its booleans in the locale's words). */
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "0", "falsch", "nein", "faux", "non");
    /**
     * A long number a spreadsheet rounded on saving ({@code 1.20885E+15}, {@code 1,20885E+15}): Asana's
     * 16-digit task ids come back so from Excel, and many would collapse into one identity.
     */
    private static final Pattern ROUNDED_NUMBER = Pattern.compile("\\d[.,]\\d+E\\+\\d+", Pattern.CASE_INSENSITIVE);

    private final CsvPreset preset;
    private final CsvMapping mapping;
    private final ProjectResolver projects;
    private final Entry id;
    private final Entry name;
    private final Entry namePrefix;
    private final Entry estimate;
    private final Entry active;
    private final List<Entry> done;
    private final Entry projectId;
    /** Tasks made whose name was cleaned ({@link TaskValues#oneLine}): a count for the run's report (one dialect per read). */
    private int namesCleaned;
    private final Entry project;

    /** @param mapping the preset's, with {@code csv.columns} on top; the header has its columns */
    MappedDialect(CsvPreset preset, CsvMapping mapping, ProjectResolver projects) {
        this.preset = preset;
        this.mapping = mapping;
        this.projects = projects;
        this.id = mapping.entry(Field.EXTERNAL_ID);
        this.name = mapping.entry(Field.NAME);
        this.namePrefix = mapping.entry(Field.NAME_PREFIX);
        this.estimate = mapping.firstOf(Field.ESTIMATED_SECONDS, Field.ESTIMATE_MINUTES, Field.ESTIMATE_HOURS);
        this.active = mapping.entry(Field.ACTIVE);
        this.done = mapping.all(Field.DONE);
        this.projectId = mapping.entry(Field.PROJECT_ID);
        this.project = mapping.entry(Field.PROJECT);
    }

    @Override
    public String label() {
        return preset.label();
    }

    @Override
    public String describe() {
        return mapping.toString();
    }

    @Override
    public String idColumn() {
        return id.columnKey();
    }

    @Override
    public int namesCleaned() {
        return namesCleaned;
    }

    @Override
    public SourceTask task(CsvHeader.Cells cells, String externalId, long line) {
        if (externalId.isEmpty()) {
            throw new RecordRejected("empty " + id.column());
        }
        // not in the generic format: files imported before this check keep their identities
        if (preset != CsvPreset.GENERIC && ROUNDED_NUMBER.matcher(externalId).matches()) {
            throw new RecordRejected(id.column() + " '" + externalId + "' was rounded by a spreadsheet; export the file again and "
                    + "import it without saving it from Excel");
        }
        String taskName = TaskValues.oneLine(cells.text(name.columnKey()));
        if (taskName.isEmpty()) {
            throw new RecordRejected("empty " + name.column());
        }
        String prefix = namePrefix == null ? "" : TaskValues.oneLine(cells.text(namePrefix.columnKey()));
        taskName = prefix.isEmpty() ? taskName : prefix + " " + taskName;
        Long seconds = estimate == null ? null : estimate(cells.get(estimate.columnKey()));
        boolean isActive = active == null ? !done(cells) : active(cells.get(active.columnKey()));
        long project = project(cells);
        if (TaskValues.hasControls(cells.text(name.columnKey()))
                || namePrefix != null && TaskValues.hasControls(cells.text(namePrefix.columnKey()))) {
            namesCleaned++;
        }
        return new SourceTask(preset.provider(), externalId, taskName, project, seconds, isActive, line);
    }

    private Long estimate(String cell) {
        switch (estimate.field()) {
            case ESTIMATE_HOURS:
                return TaskValues.duration(cell, 3600, estimate.column());
            case ESTIMATE_MINUTES:
                return TaskValues.duration(cell, 60, estimate.column());
            default:
                return TaskValues.estimate(cell, estimate.column());
        }
    }

    private boolean done(CsvHeader.Cells cells) {
        for (Entry e : done) {
            String cell = cells.get(e.columnKey());
            boolean isDone = e.doneValues().isEmpty() ? !cell.isEmpty() && !FALSE_WORDS.contains(cell.toLowerCase(Locale.ROOT))
                    : e.doneValues().stream().anyMatch(cell::equalsIgnoreCase);
            if (isDone) {
                return true;
            }
        }
        return false;
    }

    private boolean active(String cell) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("true")) {
            return true;
        }
        if (cell.equalsIgnoreCase("false")) {
            return false;
        }
        throw new RecordRejected(active.column() + " must be true or false, got '" + cell + "'");
    }

    @Override
    public SourceProject sourceProject(CsvHeader.Cells cells, String externalId) {
        if (project == null || projectId != null && !cells.get(projectId.columnKey()).isEmpty()) {
            return null;
        }
        String key = cells.get(project.columnKey());
        // the column holds a project's name (Asana project, Linear team, repository): matched by the rule's key form
        return key.isEmpty() ? null : new SourceProject(key, null);
    }

    private long project(CsvHeader.Cells cells) {
        if (projectId != null && !cells.get(projectId.columnKey()).isEmpty()) {
            return togglProjectId(cells.get(projectId.columnKey()));
        }
        String key = project == null ? "" : cells.get(project.columnKey());
        if (projects.defers(key)) {
            return SourceTask.PROJECT_TO_FIND;
        }
        return projects.resolve(key).orElseThrow(() -> new RecordRejected("unknown project: "
                + (!key.isEmpty() ? "no toggl.project-map entry for '" + key + "'"
                        : projectId != null ? "no " + projectId.column() : project != null ? "no " + project.column() : "no project column")
                + " and no default toggl.project-id"));
    }

    private long togglProjectId(String cell) {
        Long parsed;
        try {
            parsed = TaskValues.wholeNumber(cell);
        } catch (NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null || parsed <= 0) {
            throw new RecordRejected(projectId.column() + " must be a positive whole number, got '" + cell + "'");
        }
        return parsed;
    }
}
