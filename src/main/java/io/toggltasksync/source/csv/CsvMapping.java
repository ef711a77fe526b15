package io.toggltasksync.source.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which column of a CSV file feeds each task field: the language of {@code csv.columns} and of the
 * presets ({@link CsvPreset}). Entries {@code field=Column} are separated by commas, e.g.
 * {@code external_id=Key, name=Title, estimate_hours=Hours, done=Status:Done|Closed}:
 * <ul>
 *   <li>{@code name_prefix=Column}: the cell leads the name ({@code ENG-12 Fix login}), as the Jira
 *       issue key does: names are unique per Toggl project, titles often are not;</li>
 *   <li>{@code estimated_seconds}, {@code estimate_minutes}, {@code estimate_hours}: the estimate, in
 *       the unit its field names (a cell may say its own: {@code 1.5h}, {@code 90m}, {@code 1:30});</li>
 *   <li>{@code done=Column} alone: done when the cell is not empty (a date, {@code x}) and not a false
 *       word; {@code done=Column:Done|Closed}: done when the cell is one of the values. {@code done}
 *       may be given more than once: any one makes the task done. {@code active=Column} reads
 *       {@code true}/{@code false} instead;</li>
 *   <li>{@code project_id=Column}: a Toggl project id; {@code project=Column}: a name looked up in
 *       {@code toggl.project-map}, else the default project;</li>
 *   <li>a column ending in {@code ?} may be missing from the file (presets use it for columns some
 *       exports lack); any other column the file lacks stops the run.</li>
 * </ul>
 * Column names are matched trimmed and regardless of case.
 */
public record CsvMapping(List<Entry> entries) {

    /** A task field and the group it belongs to: a mapping gives each group one column (done: several). */
    public enum Field {
        EXTERNAL_ID("external_id", "external_id"),
        NAME("name", "name"),
        NAME_PREFIX("name_prefix", "name_prefix"),
        PROJECT_ID("project_id", "project_id"),
        // with project_id too: a row's project_id cell wins, else its project (a name, found through the map or by matching)
        PROJECT("project", "project"),
        ESTIMATED_SECONDS("estimated_seconds", "estimate"),
        ESTIMATE_MINUTES("estimate_minutes", "estimate"),
        ESTIMATE_HOURS("estimate_hours", "estimate"),
        ACTIVE("active", "done"),
        DONE("done", "done");

        private final String key;
        private final String group;

        Field(String key, String group) {
            this.key = key;
            this.group = group;
        }

        public String key() {
            return key;
        }

        static Field of(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown field '" + key + "': expected "
                    + Arrays.stream(values()).map(Field::key).collect(Collectors.joining(", ")));
        }
    }

    /**
     * One field's column.
     *
     * @param optional the file may lack the column (then the field is empty in every record)
     * @param doneValues for {@code done}: the cells that mean done (empty: any cell but an empty or false one)
     */
    public record Entry(Field field, String column, boolean optional, List<String> doneValues) {
        public Entry {
            doneValues = List.copyOf(doneValues);
        }

        /** The column as a header is looked up: trimmed, lower case. */
        public String columnKey() {
            return column.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return field.key + "=" + column + (optional ? "?" : "") + (doneValues.isEmpty() ? "" : ":" + String.join("|", doneValues));
        }
    }

    public CsvMapping {
        entries = List.copyOf(entries);
    }

    /** Parses {@code field=Column, ...}; throws IllegalArgumentException saying what is wrong. */
    public static CsvMapping parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected field=Column, got '" + part.trim() + "'");
            }
            Field field = Field.of(part.substring(0, eq).trim().toLowerCase(Locale.ROOT));
            String column = part.substring(eq + 1).trim();
            List<String> values = List.of();
            int colon = column.indexOf(':');
            if (colon >= 0) {
                if (field != Field.DONE) {
                    throw new IllegalArgumentException("only done takes values (done=Status:Done|Closed), got '" + part.trim() + "'");
                }
                values = Arrays.stream(column.substring(colon + 1).split("\\|")).map(String::trim).filter(v -> !v.isEmpty()).toList();
                column = column.substring(0, colon).trim();
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("no values after ':' in '" + part.trim() + "'");
                }
            }
            boolean optional = column.endsWith("?");
            if (optional) {
                column = column.substring(0, column.length() - 1).trim();
            }
            if (column.isEmpty()) {
                throw new IllegalArgumentException("no column for " + field.key);
            }
            entries.add(new Entry(field, column, optional, values));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no field=Column entries");
        }
        CsvMapping mapping = new CsvMapping(entries);
        mapping.checkGroups();
        return mapping;
    }

    private void checkGroups() {
        Set<Field> seen = EnumSet.noneOf(Field.class);
        for (Entry e : entries) {
            for (Field other : seen) {
                if (other.group.equals(e.field.group) && !(other == Field.DONE && e.field == Field.DONE)) {
                    throw new IllegalArgumentException(e.field == other ? e.field.key + " is given twice"
                            : other.key + " and " + e.field.key + " cannot both be given");
                }
            }
            seen.add(e.field);
        }
    }

    /** This mapping on top of {@code base}: each field group this one names replaces the base's. */
    public CsvMapping over(CsvMapping base) {
        Set<String> groups = entries.stream().map(e -> e.field.group).collect(Collectors.toSet());
        List<Entry> merged = new ArrayList<>(base.entries.stream().filter(e -> !groups.contains(e.field.group)).toList());
        merged.addAll(entries);
        merged.sort(Comparator.comparing(Entry::field));
        return new CsvMapping(merged);
    }

    /** The entry of a field (the first, for done), or null. */
    public Entry entry(Field field) {
        return entries.stream().filter(e -> e.field == field).findFirst().orElse(null);
    }

    /** The entry of the first of these fields the mapping names (e.g. the estimate, in whichever unit), or null. */
    public Entry firstOf(Field... anyOf) {
        Set<Field> fields = EnumSet.copyOf(Arrays.asList(anyOf));
        return entries.stream().filter(e -> fields.contains(e.field)).findFirst().orElse(null);
    }

    public List<Entry> all(Field field) {
        return entries.stream().filter(e -> e.field == field).toList();
    }

    /** The fields every mapping must name, that this one lacks. */
    public List<String> missingRequired() {
        return EnumSet.of(Field.EXTERNAL_ID, Field.NAME).stream().filter(f -> entry(f) == null).map(Field::key).toList();
    }

    @Override
    public String toString() {
        return entries.stream().map(Entry::toString).collect(Collectors.joining(", "));
    }
}
