package io.toggltasksync.source;

import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.Identity;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of tasks: either a Jira CSV export (recognised by an {@code Issue key} column)
 * or the generic format {@code external_id,name[,project_id][,estimated_seconds][,active]}.
 *
 * <p>The file is streamed: only the resulting tasks, the rejections and the external ids seen are
 * held in memory. Bad records are rejected one by one (with the physical line where they start);
 * anything that stops the file from being read completely (I/O error, invalid UTF-8, CSV syntax
 * error, unrecognised header) is a {@link SourceException}.
 */
public class CsvSource {

    static final String UNRECOGNISED_HEADER = "unrecognised CSV header: expected an 'Issue key' column (Jira export)"
            + " or 'external_id' and 'name' columns (generic)";

    /**
     * Empty lines are returned as (blank) records rather than skipped by the parser, so that every
     * record starts on the line after the previous record's end and line numbers stay exact.
     */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false)
            .setTrim(false)
            .get();

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    /** A run of line breaks, with the white space around it. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    // Jira export columns (lower case, as matched)
    private static final String ISSUE_KEY = "issue key";
    private static final String SUMMARY = "summary";
    private static final String ORIGINAL_ESTIMATE = "original estimate";
    private static final String STATUS_CATEGORY = "status category";
    private static final String RESOLUTION = "resolution";
    private static final String PROJECT_KEY = "project key";
    // generic columns
    private static final String EXTERNAL_ID = "external_id";
    private static final String NAME = "name";
    private static final String PROJECT_ID = "project_id";
    private static final String ESTIMATED_SECONDS = "estimated_seconds";
    private static final String ACTIVE = "active";

    private final ProjectResolver projects;

    public CsvSource(ProjectResolver projects) {
        this.projects = projects;
    }

    /**
     * Reads one file. A file that is empty, or holds only white space, a byte order mark or a
     * header, gives an empty batch.
     *
     * @throws SourceException when the file cannot be read completely
     */
    public SourceBatch read(Path file) {
        Reading reading = null;
        long previousEnd = 0; // last physical line of the previous record (0 before the first)
        CSVParser parser = null;
        StrictUtf8Reader decoded = null;
        try (InputStream in = Files.newInputStream(file);
                StrictUtf8Reader reader = new StrictUtf8Reader(in);
                CSVParser p = FORMAT.parse(reader)) {
            decoded = reader;
            parser = p;
            // The iterator fetches a record in hasNext(): inside the loop the parser stands just past
            // the current record's end of line, so getCurrentLineNumber() is its last line.
            for (CSVRecord record : p) {
                long start = previousEnd + 1;
                previousEnd = p.getCurrentLineNumber();
                if (isBlank(record)) {
                    continue;
                }
                if (reading == null) {
                    reading = header(file, record);
                } else {
                    reading.accept(record, start);
                }
            }
        } catch (UncheckedIOException e) {
            throw failure(file, e.getCause(), previousEnd + 1, parser, decoded);
        } catch (IOException e) {
            throw failure(file, e, previousEnd + 1, parser, decoded);
        }
        if (reading == null) {
            return new SourceBatch(file + " (empty CSV)", List.of(), List.of(), Set.of());
        }
        return reading.batch();
    }

    private Reading header(Path file, CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i); // first occurrence wins
        }
        if (columns.containsKey(ISSUE_KEY)) {
            return new Reading(file, Provider.JIRA, header.size(), columns);
        }
        if (columns.containsKey(EXTERNAL_ID) && columns.containsKey(NAME)) {
            return new Reading(file, Provider.CSV, header.size(), columns);
        }
        throw new SourceException(file + ": " + UNRECOGNISED_HEADER);
    }

    private static SourceException failure(Path file, IOException e, long recordStart, CSVParser parser,
            StrictUtf8Reader reader) {
        if (e instanceof MalformedUtf8Exception m) {
            return new SourceException(file + ": invalid UTF-8 on line " + m.line
                    + " (the file must be UTF-8 encoded); the file could not be read completely", e);
        }
        if (parser == null) {
            return new SourceException(file + ": cannot read the file: " + e, e);
        }
        // At the end of the file the parser does not count a last line without line break.
        long reached = reader.atEnd() ? reader.lastLine() : parser.getCurrentLineNumber();
        reached = Math.max(reached, recordStart);
        return new SourceException(file + ": CSV syntax error on line " + reached + ", in the record starting on line "
                + recordStart + " (" + e.getMessage() + "); the file could not be read completely", e);
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Null for empty, the whole number otherwise; throws when it is not a whole number >= 0. */
    private static Long wholeNumber(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new NumberFormatException(value);
        }
        return Long.parseLong(value); // NumberFormatException when it overflows
    }

    private static String collapseLineBreaks(String value) {
        return LINE_BREAKS.matcher(value).replaceAll(" ");
    }

    // ------------------------------------------------------------------------------------------

    /** One read in progress: the header's columns and what was produced so far. */
    private final class Reading {
        private final Path file;
        private final Provider provider;
        private final int headerSize;
        private final Map<String, Integer> columns;
        private final List<SourceTask> tasks = new ArrayList<>();
        private final List<SourceRejection> rejections = new ArrayList<>();
        private final Set<String> jiraProjectKeys = new TreeSet<>();
        /** External id to the line where it was first seen (valid or not). */
        private final Map<String, Long> seen = new HashMap<>();

        Reading(Path file, Provider provider, int headerSize, Map<String, Integer> columns) {
            this.file = file;
            this.provider = provider;
            this.headerSize = headerSize;
            this.columns = columns;
        }

        /** The trimmed cell of a column, "" when the column or the cell is missing. */
        private String cell(CSVRecord record, String column) {
            Integer i = columns.get(column);
            return i == null || i >= record.size() ? "" : record.get(i).trim();
        }

        private boolean has(String column) {
            return columns.containsKey(column);
        }

        void accept(CSVRecord record, long line) {
            String externalId = cell(record, provider == Provider.JIRA ? ISSUE_KEY : EXTERNAL_ID);
            String projectKey = null;
            if (provider == Provider.JIRA) {
                projectKey = cell(record, PROJECT_KEY);
                if (projectKey.isEmpty()) {
                    projectKey = externalId.isEmpty() ? null : Identity.projectKeyOf(externalId);
                }
                if (projectKey != null && !projectKey.isEmpty()) {
                    jiraProjectKeys.add(projectKey);
                }
            }
            Long firstSeen = externalId.isEmpty() ? null : seen.putIfAbsent(externalId, line);
            String id = externalId.isEmpty() ? null : externalId;

            String reason = structure(record);
            if (reason == null && firstSeen != null) {
                reason = "duplicate external id '" + externalId + "', first seen on line " + firstSeen;
            }
            if (reason != null) {
                rejections.add(new SourceRejection(line, id, reason));
                return;
            }
            try {
                tasks.add(provider == Provider.JIRA ? jira(record, externalId, projectKey, line)
                        : generic(record, externalId, line));
            } catch (Rejected r) {
                rejections.add(new SourceRejection(line, id, r.getMessage()));
            }
        }

        private String structure(CSVRecord record) {
            if (record.size() < headerSize) {
                return "too few cells: " + record.size() + ", header has " + headerSize;
            }
            for (int i = headerSize; i < record.size(); i++) {
                if (!record.get(i).isBlank()) {
                    return "too many cells: " + record.size() + ", header has " + headerSize;
                }
            }
            return null;
        }

        private SourceTask jira(CSVRecord record, String issueKey, String projectKey, long line) {
            if (issueKey.isEmpty()) {
                throw new Rejected("empty Issue key");
            }
            String summary = collapseLineBreaks(cell(record, SUMMARY));
            if (summary.isEmpty()) {
                throw new Rejected("empty Summary");
            }
            Long estimate = estimate(cell(record, ORIGINAL_ESTIMATE), "Original Estimate");
            String resolution = cell(record, RESOLUTION);
            boolean done = cell(record, STATUS_CATEGORY).equalsIgnoreCase("Done")
                    || !resolution.isEmpty() && !resolution.equalsIgnoreCase("Unresolved");
            Optional<Long> project = projects.resolve(projectKey);
            if (project.isEmpty()) {
                throw new Rejected("unknown project: no toggl.project-map entry for project key '" + projectKey
                        + "' and no default toggl.project-id");
            }
            return new SourceTask(Provider.JIRA, issueKey, issueKey + " " + summary, project.get(), estimate, !done, line);
        }

        private SourceTask generic(CSVRecord record, String externalId, long line) {
            if (externalId.isEmpty()) {
                throw new Rejected("empty external_id");
            }
            String name = collapseLineBreaks(cell(record, NAME));
            if (name.isEmpty()) {
                throw new Rejected("empty name");
            }
            Long estimate = estimate(cell(record, ESTIMATED_SECONDS), "estimated_seconds");
            String activeCell = cell(record, ACTIVE);
            boolean active;
            if (activeCell.isEmpty() || activeCell.equalsIgnoreCase("true")) {
                active = true;
            } else if (activeCell.equalsIgnoreCase("false")) {
                active = false;
            } else {
                throw new Rejected("active must be true or false, got '" + activeCell + "'");
            }
            String projectCell = cell(record, PROJECT_ID);
            long projectId;
            if (!projectCell.isEmpty()) {
                Long parsed;
                try {
                    parsed = wholeNumber(projectCell);
                } catch (NumberFormatException e) {
                    parsed = null;
                }
                if (parsed == null || parsed <= 0) {
                    throw new Rejected("project_id must be a positive whole number, got '" + projectCell + "'");
                }
                projectId = parsed;
            } else {
                projectId = projects.resolve(null).orElseThrow(
                        () -> new Rejected("unknown project: no project_id and no default toggl.project-id"));
            }
            return new SourceTask(Provider.CSV, externalId, name, projectId, estimate, active, line);
        }

        private Long estimate(String value, String column) {
            try {
                return wholeNumber(value);
            } catch (NumberFormatException e) {
                throw new Rejected(column + " must be a whole number of seconds >= 0, got '" + value + "'");
            }
        }

        SourceBatch batch() {
            String description = file + (provider == Provider.JIRA ? " (Jira CSV export)" : " (generic CSV)");
            return new SourceBatch(description, Collections.unmodifiableList(tasks),
                    Collections.unmodifiableList(rejections),
                    provider == Provider.JIRA ? Collections.unmodifiableSet(jiraProjectKeys) : Set.of());
        }
    }

    /** A record-level rejection; the message is the reason. */
    private static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Invalid UTF-8 in the input, with the line where it occurs. */
    static final class MalformedUtf8Exception extends IOException {
        final long line;

        MalformedUtf8Exception(long line) {
            super("invalid UTF-8 on line " + line);
            this.line = line;
        }
    }

    /**
     * Decodes UTF-8 strictly (malformed or truncated sequences are an error naming the line), drops a
     * byte order mark at the start, and counts the lines it has decoded.
     */
    static final class StrictUtf8Reader extends Reader {
        private static final char BOM = '\uFEFF';

        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private boolean endOfInput;
        private boolean done;
        private boolean atStart = true;
        /** Line breaks decoded so far (CR LF counts once). */
        private long lineBreaks;
        private char last;

        StrictUtf8Reader(InputStream in) {
            this.in = in;
            bytes.flip();
            chars.flip();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, chars.remaining());
            chars.get(cbuf, off, n);
            return n;
        }

        /** All input decoded and handed out. */
        boolean atEnd() {
            return done && !chars.hasRemaining();
        }

        /** The number of the last line decoded (a final line break does not start a new line). */
        long lastLine() {
            return last == '\n' || last == '\r' ? lineBreaks : lineBreaks + 1;
        }

        private void fill() throws IOException {
            chars.clear();
            while (chars.position() == 0 && !done) {
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    int decoded = chars.position();
                    countLines(decoded);
                    throw new MalformedUtf8Exception(lineBreaks + 1);
                }
                if (result.isOverflow()) {
                    break;
                }
                if (endOfInput) {
                    decoder.flush(chars);
                    done = true;
                } else if (chars.position() == 0) {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
            }
            countLines(chars.position());
            chars.flip();
            if (atStart && chars.hasRemaining()) {
                atStart = false;
                if (chars.get(chars.position()) == BOM) {
                    chars.get();
                }
            }
        }

        private void countLines(int upTo) {
            for (int i = 0; i < upTo; i++) {
                char c = chars.get(i);
                if (c == '\n' && last != '\r' || c == '\r') {
                    lineBreaks++;
                }
                last = c;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
