package io.toggltasksync.source.csv;

import io.toggltasksync.model.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A kind of CSV file people migrate from, as data: a mapping ({@link CsvMapping}) and the identity
 * its tasks get. Recognised from the header when the file has every column the mapping needs and
 * every one of {@code alsoRecognisedBy}; chosen by {@code csv.format} otherwise.
 *
 * @param name the value of {@code csv.format}
 * @param label what a report calls such a file
 * @param mapping null for the Jira export only: its rules are the Jira source's ({@code JiraTaskFactory}),
 *        so that a task imported from an export and later mirrored from the API stays the same task
 * @param alsoRecognisedBy columns the mapping does not read, that make recognising the file safe
 */
public record CsvPreset(String name, String label, Provider provider, CsvMapping mapping, List<String> alsoRecognisedBy) {

    public static final CsvPreset JIRA = new CsvPreset("jira", "Jira CSV export", Provider.JIRA, null, List.of("Issue key"));

    public static final CsvPreset GENERIC = new CsvPreset("generic", "generic CSV", Provider.CSV, CsvMapping.parse(
            "external_id=external_id, name=name, project_id=project_id?, project=project?, estimated_seconds=estimated_seconds?, active=active?"), List.of());

    /** Asana: project menu > Export/Print > CSV. A task is done once it has a completion date. */
    public static final CsvPreset ASANA = new CsvPreset("asana", "Asana export", Provider.ASANA_CSV, CsvMapping.parse(
            "external_id=Task ID, name=Name, project=Projects?, done=Completed At"), List.of("Created At"));

    /**
     * Linear: Settings > Import/Export > Export CSV. {@code ID} is the issue identifier (ENG-123), and
     * leads the name as a Jira key does; its {@code Estimate} is points, not time, so it is not read.
     * Done once completed, canceled or archived.
     */
    public static final CsvPreset LINEAR = new CsvPreset("linear", "Linear export", Provider.LINEAR_CSV, CsvMapping.parse(
            "external_id=ID, name=Title, name_prefix=ID, project=Team, done=Completed, done=Canceled, done=Archived?"), List.of("Status"));

    /**
     * GitHub Projects: a view's menu > Export view data (tab-separated). The item's URL is its identity
     * (a draft issue has none, and is rejected); the columns are the view's fields, so most are optional.
     */
    public static final CsvPreset GITHUB_PROJECTS = new CsvPreset("github-projects", "GitHub Projects export",
            Provider.GITHUB_PROJECTS_CSV, CsvMapping.parse("external_id=URL, name=Title, project=Repository?, done=Status?:Done"),
            List.of("Assignees", "Status"));

    /** In the order a header is tried: the generic format last, as it asks least. */
    public static final List<CsvPreset> ALL = List.of(JIRA, ASANA, LINEAR, GITHUB_PROJECTS, GENERIC);

    /** What {@code csv.columns} alone describes: records known by the generic format's identity. */
    public static CsvPreset columns(CsvMapping mapping) {
        return new CsvPreset("columns", "CSV described by its columns", Provider.CSV, mapping, List.of());
    }

    public CsvPreset {
        alsoRecognisedBy = List.copyOf(alsoRecognisedBy);
    }

    public static Optional<CsvPreset> named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name.equals(key)).findFirst();
    }

    public static String names() {
        return String.join(", ", ALL.stream().map(CsvPreset::name).toList());
    }

    /** The columns (as spelled here) a header must have for this preset to be recognised from it. */
    public List<String> recognisedBy() {
        Stream<String> needed = mapping == null ? Stream.empty()
                : mapping.entries().stream().filter(e -> !e.optional()).map(CsvMapping.Entry::column);
        return Stream.concat(needed, alsoRecognisedBy.stream()).distinct().toList();
    }
}
