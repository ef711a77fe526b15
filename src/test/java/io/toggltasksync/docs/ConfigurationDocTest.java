package io.toggltasksync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md stays true to application.properties: every property there (the commented
 * {@code # key=default} lines of the app's settings and the real lines of Quarkus and Camel) has one row with its
 * environment variable and the same default, and every row names a property application.properties knows, unless
 * the row says it is Quarkus' default. Plain file reads, no Quarkus.
 */
public class ConfigurationDocTest {

    static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    static final Path PAGE = Path.of("docs/configuration.md");
    /** Written in the default cell of a row whose property application.properties leaves to Quarkus. */
    static final String QUARKUS_DEFAULT = "Quarkus' default";

    // "# toggl.page-size=200" or "# csv.path=" (a default, then spaces and a note, or nothing): one of the app's settings
    private static final Pattern COMMENTED = Pattern.compile("^#\\s*([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)=(\\S*).*$");
    private static final Pattern REAL = Pattern.compile("^([a-z][A-Za-z0-9_.\"-]*)=(.*)$");
    private static final Pattern CODE = Pattern.compile("^`([^`]*)`");

    /** A row of a table whose columns are property, environment, default, meaning. */
    record Row(int line, String property, String environment, String defaultCell) {

        /** The default as a value: the code span the cell begins with; none (empty) when it begins with words. */
        String defaultValue() {
            Matcher m = CODE.matcher(defaultCell);
            return m.find() ? m.group(1) : "";
        }

        boolean quarkusDefault() {
            return defaultCell.contains(QUARKUS_DEFAULT);
        }
    }

    /** application.properties' defaults, as {@link #properties} reads them (for config/SettingsDefaultsTest). */
    public static Map<String, String> properties() {
        return properties(Markdown.lines(PROPERTIES));
    }

    /** Property to default, in file order; profile lines (%test., %sandbox.) are not defaults and are left out. */
    static Map<String, String> properties(List<String> lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = COMMENTED.matcher(line);
            if (!m.matches()) {
                m = REAL.matcher(line);
            }
            if (m.matches()) {
                String previous = properties.put(m.group(1), m.group(2).trim());
                assertThat(previous).as("%s set twice in %s", m.group(1), PROPERTIES).isNull();
            }
        }
        return properties;
    }

    static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("^\\|\\s*property\\s*\\|\\s*environment\\s*\\|\\s*default\\s*\\|.*")) {
                inTable = true;
            } else if (!line.startsWith("|")) {
                inTable = false;
            } else if (inTable && !line.startsWith("| ---")) {
                String[] cells = line.split("(?<!\\\\)\\|", -1);
                rows.add(new Row(i + 1, unquote(cells[1]), unquote(cells[2]), cells[3].trim()));
            }
        }
        return rows;
    }

    /** MicroProfile Config's environment name: upper case, every character but a letter or digit an underscore. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String unquote(String cell) {
        String c = cell.trim();
        return c.startsWith("`") && c.endsWith("`") && c.length() > 1 ? c.substring(1, c.length() - 1) : c;
    }

    private final Map<String, String> properties = properties(Markdown.lines(PROPERTIES));
    private final List<Row> rows = rows(Markdown.lines(PAGE));

    @Test
    void everyPropertyHasARowWithTheSameDefault() {
        Map<String, Row> byProperty = rows.stream().collect(Collectors.toMap(Row::property, Function.identity(), (a, b) -> a));
        List<String> wrong = new ArrayList<>();
        properties.forEach((property, value) -> {
            Row row = byProperty.get(property);
            if (row == null) {
                wrong.add(property + ": no row in " + PAGE);
            } else if (!row.defaultValue().equals(value)) {
                wrong.add(property + ": " + PAGE + ":" + row.line() + " says the default is '" + row.defaultValue()
                        + "', " + PROPERTIES + " '" + value + "'");
            }
        });
        assertThat(wrong).as("properties the configuration page gets wrong").isEmpty();
    }

    @Test
    void everyRowNamesAPropertyTheAppKnowsOrQuarkusDefaults() {
        List<String> unknown = rows.stream()
                .filter(r -> r.quarkusDefault() == properties.containsKey(r.property()))
                .map(r -> PAGE + ":" + r.line() + ": " + r.property() + (r.quarkusDefault()
                        ? " is set in " + PROPERTIES + ": its row shows that value, not Quarkus' default"
                        : " is not in " + PROPERTIES))
                .toList();
        assertThat(unknown).as("rows of properties application.properties does not know").isEmpty();
    }

    @Test
    void everyRowNamesTheEnvironmentVariableOfItsProperty() {
        assertThat(rows).allSatisfy(r -> assertThat(r.environment())
                .as("%s:%d: the environment variable of %s", PAGE, r.line(), r.property())
                .isEqualTo(environmentName(r.property())));
    }

    @Test
    void noPropertyHasTwoRows() {
        assertThat(rows.stream().map(Row::property)).doesNotHaveDuplicates();
    }

    @Test
    void theParsersFindWhatTheFilesSay() {
        // so that the checks above cannot pass by reading nothing
        assertThat(properties).containsEntry("toggl.api-url", "https://api.track.toggl.com/api/v9")
                .containsEntry("toggl.api-token", "").containsEntry("sync.missing", "deactivate")
                .containsEntry("jira.webhook-max-pending", "1000").containsEntry("quarkus.http.idle-timeout", "65s")
                .doesNotContainKey("%test.toggl.rate-limit").doesNotContainKey("sandbox.enabled=false");
        assertThat(properties.get("sandbox.enabled")).isEqualTo("false");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(properties.size());
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.property()).isEqualTo("toggl.page-size");
            assertThat(r.environment()).isEqualTo("TOGGL_PAGE_SIZE");
            assertThat(r.defaultValue()).isEqualTo("200");
        });
        assertThat(new Row(1, "csv.delimiter", "CSV_DELIMITER", "told from the header row").defaultValue()).isEmpty();
        assertThat(environmentName("quarkus.log.category.\"io.quarkus\".level")).isEqualTo("QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL");
    }
}
