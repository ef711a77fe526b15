package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.SourceTask;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One kind of CSV file: how one of its records becomes a task. What every kind shares (line numbers,
 * cell counts, duplicate ids, the batch) is {@link CsvReading}'s. Every kind but the Jira export is a
 * mapping ({@link MappedDialect}); which one a file is, {@link #of} decides from the settings and the header.
 */
interface CsvDialect {

    /**
     * The dialect of a file with this header: the one {@code csv.columns} alone describes, else the
     * preset {@code csv.format} names, else the first preset recognised from the header.
     *
     * @return the dialect and how it was chosen
     * @throws ConfigException when the mapping names a column the file lacks
     * @throws SourceException when no preset fits the header and none was chosen
     */
    static Chosen of(CsvHeader header, CsvOptions options, ProjectResolver projects, Path file) {
        CsvPreset preset = options.columnsOnly();
        String how = "csv.columns";
        if (preset == null && options.format() != null) {
            preset = options.format();
            how = "csv.format";
        }
        if (preset == null) {
            preset = CsvPreset.ALL.stream().filter(p -> p.recognisedBy().stream().allMatch(header::hasNamed)).findFirst()
                    .orElseThrow(() -> new SourceException(file + ": unrecognised CSV header (its columns: " + String.join(", ", header.names())
                            + "): expected " + CsvPreset.ALL.stream().map(CsvDialect::expected).collect(Collectors.joining(", or "))
                            + "; or describe the file with csv.columns (CSV_COLUMNS)"));
            how = "recognised from the header";
        }
        if (preset.mapping() == null) {
            List<String> missing = preset.recognisedBy().stream().filter(c -> !header.hasNamed(c)).toList();
            if (!missing.isEmpty()) {
                throw missingColumns("csv.format", preset, missing, header, file);
            }
            return new Chosen(new JiraExportDialect(projects), how);
        }
        CsvMapping mapping = options.mappingOf(preset);
        checkColumns(header, mapping, options, preset, file);
        return new Chosen(new MappedDialect(preset, mapping, projects), how);
    }

    /** A dialect and how it was chosen ({@code csv.format}, {@code csv.columns}, {@code recognised from the header}). */
    record Chosen(CsvDialect dialect, String how) {
    }

    private static String expected(CsvPreset p) {
        return p.recognisedBy().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")) + " (" + p.label() + ")";
    }

    /** Every column the mapping needs is in the file; else the setting that named it, with the file's columns. */
    private static void checkColumns(CsvHeader header, CsvMapping mapping, CsvOptions options, CsvPreset preset, Path file) {
        List<CsvMapping.Entry> missing = mapping.entries().stream().filter(e -> !e.optional() && !header.has(e.columnKey())).toList();
        if (missing.isEmpty()) {
            return;
        }
        boolean fromColumns = options.columns() != null && missing.stream().anyMatch(options.columns().entries()::contains);
        throw missingColumns(fromColumns ? "csv.columns" : "csv.format", preset, missing.stream().map(CsvMapping.Entry::column).toList(),
                header, file);
    }

    private static ConfigException missingColumns(String setting, CsvPreset preset, List<String> missing, CsvHeader header, Path file) {
        return new ConfigException(setting + " (" + SyncSettings.envName(setting) + ")"
                + (setting.equals("csv.format") ? " " + preset.name() : "") + " needs column(s) "
                + missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                + " that " + file + " lacks; its columns: " + String.join(", ", header.names()));
    }

    /** What the batch calls such a file, e.g. {@code Jira CSV export}. */
    String label();

    /** How its records become tasks, for the dry run's preview: the mapping. */
    String describe();

    /** The column (lower case) that holds a record's external id. */
    String idColumn();

    /** The tasks made so far whose name lost control characters or escape sequences. */
    int namesCleaned();

    /** The Jira project key a record names, kept even when the record is rejected; null when none. */
    default String projectKey(CsvHeader.Cells cells, String externalId) {
        return null;
    }

    /** The source project a record names (key, and name when the file has one), found by name when unmapped; null when none. */
    default SourceProject sourceProject(CsvHeader.Cells cells, String externalId) {
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
