package io.toggltasksync.source.csv;

import io.toggltasksync.source.RecordRejected;
import io.toggltasksync.source.SourceException;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.ProjectsToFind;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One read of a CSV file in progress, carried by the {@code csv-source} route as the exchange
 * property {@link #PROPERTY}: the header's dialect, the tasks and rejections so far, the external
 * ids seen, and where the read stands (to number lines and to say where a failed read stopped).
 *
 * <p>Only these results are held in memory, never the file. Records arrive in file order, blank
 * ones included, so each record starts on the line after the previous record's last line.
 */
public final class CsvReading {

    /** The exchange property that carries the read. */
    public static final String PROPERTY = "csvReading";

    private final Path file;
    private final StrictTextReader reader;
    private final ProjectResolver projects;
    private final CsvOptions options;
    /** The cell delimiter: csv.delimiter, else what the header row shows (see {@link Delimiters}). */
    private char delimiter = ',';
    private String delimiterOrigin = "default";
    /** Last physical line of the previous record (0 before the first). */
    private long previousEnd;
    /** The text as the parser reads it, each record held to the caps. Null until {@link #capped}. */
    private CappedRecordReader capped;
    /** The parser of the records so far: it tells how far a failed read got. Null before the first record. */
    private CSVParser parser;
    private CsvHeader header;
    private CsvDialect dialect;
    /** How the dialect was chosen (by csv.format, csv.columns, or recognised from the header). */
    private String dialectOrigin;
    /**
     * Why the file cannot be read, once known while records are accepted: an unrecognised header
     * (SourceException) or a mapping that names a column the file lacks (ConfigException).
     */
    private RuntimeException failure;
    private final List<SourceTask> tasks = new ArrayList<>();
    private final List<SourceRejection> rejections = new ArrayList<>();
    private final Set<String> projectKeys = new TreeSet<>();
    private final ProjectsToFind.Builder projectsToFind = new ProjectsToFind.Builder();
    /** External id to the line where it was first seen (valid or not). */
    private final Map<String, Long> seen = new HashMap<>();

    CsvReading(Path file, StrictTextReader reader, ProjectResolver projects, CsvOptions options) {
        this.file = file;
        this.reader = reader;
        this.projects = projects;
        this.options = options;
    }

    /** Sets the cell delimiter, and where it came from ({@code csv.delimiter} or {@code detected}). */
    void delimiter(char delimiter, String origin) {
        this.delimiter = delimiter;
        this.delimiterOrigin = origin;
    }

    private String delimiterName() {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    char delimiter() {
        return delimiter;
    }

    /** The text for the parser, with the delimiter known: a record over a cap is cut short and rejected in {@link #accept}. */
    Reader capped(Reader text) {
        capped = new CappedRecordReader(text, delimiter, options.maxFieldChars(), options.maxRecordChars());
        return capped;
    }

    /**
     * The first record that is not blank is the header; each one after it a task or a rejection. A
     * header no dialect fits fails the read: {@link #batch()} throws, and no record is accepted.
     */
    void accept(CsvRow row) {
        if (failure != null) {
            return;
        }
        long line = previousEnd + 1;
        CappedRecordReader.Cut cut = capped.passed(row.lastLine(), line);
        previousEnd = capped.physicalLine(row.lastLine());
        CSVRecord record = row.record();
        parser = record.getParser();
        if (cut != null && dialect == null) {
            failure = new SourceException(file + ": the header row (line " + line + "): " + cut.reason());
            return;
        }
        if (cut != null) {
            // the record is cut short: its cells are not all there, so nothing but where it starts is known
            rejections.add(new SourceRejection(line, null, cut.reason()));
            return;
        }
        if (isBlank(record)) {
            return;
        }
        if (dialect == null) {
            header = CsvHeader.of(record);
            try {
                CsvDialect.Chosen chosen = CsvDialect.of(header, options, projects, file);
                dialect = chosen.dialect();
                dialectOrigin = chosen.how();
            } catch (SourceException | ConfigException e) {
                failure = e;
            }
            return;
        }
        CsvHeader.Cells cells = header.cells(record);
        String externalId = cells.get(dialect.idColumn());
        String projectKey = dialect.projectKey(cells, externalId);
        if (projectKey != null) {
            projectKeys.add(projectKey);
        }
        String id = externalId.isEmpty() ? null : externalId;
        Long firstSeen = id == null ? null : seen.putIfAbsent(id, line);
        String reason = structure(record);
        if (reason == null && firstSeen != null) {
            reason = "duplicate external id '" + id + "', first seen on line " + firstSeen;
        }
        if (reason != null) {
            rejections.add(new SourceRejection(line, id, reason));
            return;
        }
        try {
            SourceTask task = dialect.task(cells, externalId, line);
            tasks.add(task);
            projectsToFind.task(task, dialect.sourceProject(cells, externalId));
        } catch (RecordRejected r) {
            rejections.add(new SourceRejection(line, id, r.getMessage()));
        }
    }

    private String structure(CSVRecord record) {
        if (record.size() < header.size()) {
            return "too few cells: " + record.size() + ", header has " + header.size();
        }
        for (int i = header.size(); i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return "too many cells: " + record.size() + ", header has " + header.size();
            }
        }
        return null;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the read has failed, so that no more records need be parsed. */
    boolean failed() {
        return failure != null;
    }

    /**
     * Why the file could not be read to its end: invalid UTF-8, a CSV syntax error or an I/O error
     * while the record after the last accepted one was parsed.
     */
    SourceException unreadable(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StrictTextReader.MalformedTextException m) {
            String hint = options.charset() == null
                    ? "if the file is not UTF-8, set csv.charset (" + SyncSettings.envName("csv.charset")
                            + "), e.g. windows-1252 for a file Excel saved as CSV on Windows"
                    : "check csv.charset (" + SyncSettings.envName("csv.charset") + ")";
            return new SourceException(file + ": invalid " + m.charset.name() + " on line " + m.line + " (" + hint
                    + "); the file could not be read completely", cause);
        }
        long recordStart = previousEnd + 1;
        // At the end of the file the parser does not count a last line without line break; before the
        // first record there is no parser to ask (camel-csv hands it out with a record only).
        long reached = reader.atEnd() ? reader.lastLine() : parser == null ? recordStart : capped.physicalLine(parser.getCurrentLineNumber());
        reached = Math.max(reached, recordStart);
        return new SourceException(file + ": CSV syntax error on line " + reached + ", in the record starting on line "
                + recordStart + " (" + cause.getMessage() + "); the file could not be read completely", cause);
    }

    /**
     * What a dry run shows before a single write: how the file is read (format, delimiter, charset,
     * mapping) and what its first {@code rows} records became, in file order.
     */
    List<String> preview(int rows) {
        List<String> lines = new ArrayList<>();
        lines.add(file + ": " + (dialect == null ? "no header" : dialect.label() + " (" + dialectOrigin + ")") + ", delimiter "
                + delimiterName() + " (" + delimiterOrigin + "), charset " + reader.describeCharset());
        if (dialect == null) {
            return lines;
        }
        lines.add("  mapping: " + dialect.describe());
        Stream.concat(tasks.stream().map(t -> new Shown(t.line(), t.provider().id() + ":" + t.externalId() + " '" + t.name()
                        + "' in project " + (t.projectId() == SourceTask.PROJECT_TO_FIND ? "(found by name)" : t.projectId()) + ", estimate " + (t.estimatedSeconds() == null ? "none" : t.estimatedSeconds() + " s")
                        + ", " + (t.active() ? "active" : "done"))),
                rejections.stream().map(r -> new Shown(r.line(), "rejected: " + r.reason())))
                .sorted(Comparator.comparingLong(Shown::line)).limit(rows)
                .forEach(shown -> lines.add("  line " + shown.line() + " -> " + shown.text()));
        return lines;
    }

    /** One record as the preview shows it. */
    private record Shown(long line, String text) {
    }

    /**
     * The desired set. A file that is empty, or holds only white space, a byte order mark or a header,
     * gives none.
     *
     * @throws SourceException when the header was not recognised
     * @throws ConfigException when the mapping names a column the file lacks
     */
    SourceBatch batch() {
        if (failure != null) {
            throw failure;
        }
        if (dialect == null) {
            return new SourceBatch(file + " (empty CSV)", List.of(), List.of(), IdentityRule.NONE);
        }
        return new SourceBatch(file + " (" + dialect.label() + ", delimiter " + delimiterName() + ", charset " + reader.charset().name() + ")",
                Collections.unmodifiableList(tasks),
                Collections.unmodifiableList(rejections), IdentityRule.leadingKeys(Provider.JIRA, projectKeys), projectsToFind.build(),
                dialect.namesCleaned());
    }
}
