package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.toggltasksync.docs.ConfigurationDocTest;
import io.toggltasksync.source.github.GithubSettings;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.TestSettings;
import java.nio.file.Files;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defaults application.properties documents ({@code # key=value}, tied to docs/configuration.md by
 * ConfigurationDocTest) are the Java ones: a setting left out loads exactly as the setting given its documented value.
 * And every documented setting is read by a loader. Plain JUnit: the loaders are read as the app reads them, before
 * any bean exists.
 */
class SettingsDefaultsTest {

    /** Refused by every setting that checks its form; taken as it is by a free text or a path (then it changes what loads). */
    private static final String NONSENSE = "no-such-value!";
    private static final String WEBHOOK_SECRET = "webhook-secret-0123456789abcdef";

    @TempDir
    Path dir;
    private Path csv;

    @BeforeEach
    void csvFile() throws Exception {
        csv = Files.writeString(dir.resolve("t.csv"), "external_id,name\n");
    }

    /**
     * Everything the app reads from configuration: the run's settings (their parts, the source's, the metrics push),
     * the worklog sync's, the preflight's, and the redelivery policies made at Camel's start whatever the source.
     */
    record Loaded(SyncSettings sync, WorklogSettings worklogs, CheckSettings check, TogglSettings.Retry togglRetry,
            GithubSettings.Retry githubRetry) {

        static Loaded from(TestSettings v) {
            SyncSettings sync = v.load();
            return new Loaded(sync, WorklogSettings.load(v.lookup(), sync), CheckSettings.load(v.lookup()), TogglSettings.retry(v.lookup()),
                    GithubSettings.retry(v.lookup()));
        }
    }

    /** The least configuration under which a property's part is read: its source's, and its receiver turned on. */
    private TestSettings base(String property) {
        TestSettings v = TestSettings.minimal();
        if (property.startsWith("jira.") || property.startsWith("worklog.") || property.equals("toggl.reports-url")) {
            v.overrides(JiraFixture.cloudSettings("https://acme.atlassian.net", "project = ABC", 100));
        } else if (property.startsWith("github.")) {
            v.with("sync.source", "github").with("github.token", "ghp_test0123456789").with("github.repos", "acme/app");
        } else {
            v.csv(csv);
        }
        if (property.matches("(jira|github)\\.webhook-.*") && !property.endsWith(".webhook-secret")) {
            v.with(property.substring(0, property.indexOf('.')) + ".webhook-secret", WEBHOOK_SECRET);
        }
        return v;
    }

    /** The app's settings documented in application.properties (Quarkus' and Camel's own lines are theirs). */
    private static Map<String, String> documented() {
        Map<String, String> all = ConfigurationDocTest.properties();
        all.keySet().removeIf(p -> p.startsWith("quarkus.") || p.startsWith("camel."));
        return all;
    }

    /*
     * No exception is listed: sync.state-file's default is not a literal (beside sync.report-file), but with the
     * documented report file it is the documented sync-state.json, which is what this compares.
     */
    @Test
    void aSettingLeftOutLoadsAsItsDocumentedDefault() {
        List<String> wrong = new ArrayList<>();
        documented().forEach((property, value) -> {
            if (value.isEmpty()) {
                return; // documented as none, or required: nothing to compare
            }
            TestSettings without = base(property).without(property);
            TestSettings with = base(property).with(property, value);
            try {
                Loaded defaults = Loaded.from(without);
                Loaded documentedValue = Loaded.from(with);
                if (!defaults.equals(documentedValue)) {
                    wrong.add(property + "=" + value + " (documented) differs from the Java default: " + diff("", documentedValue, defaults));
                }
            } catch (ConfigException e) {
                wrong.add(property + "=" + value + " (documented) is refused: " + e.getMessage());
            }
        });
        assertThat(wrong).as("settings whose Java default is not the one application.properties documents").isEmpty();
    }

    @Test
    void everyDocumentedSettingIsRead() {
        List<String> unread = new ArrayList<>();
        documented().forEach((property, value) -> {
            TestSettings base = base(property);
            Loaded as = Loaded.from(base);
            try {
                if (Loaded.from(base(property).with(property, NONSENSE)).equals(as)) {
                    unread.add(property + ": '" + NONSENSE + "' is neither refused nor changes what loads");
                }
            } catch (ConfigException e) {
                if (!e.getMessage().startsWith(property + " (")) {
                    unread.add(property + ": '" + NONSENSE + "' is refused for another setting: " + e.getMessage());
                }
            }
        });
        assertThat(unread).as("documented settings no loader reads").isEmpty();
    }

    /** Where two loads differ, component by component: {@code sync.toggl.pageSize: 200 (documented) / 250 (left out)}. */
    private static List<String> diff(String path, Object documented, Object leftOut) {
        if (Objects.equals(documented, leftOut)) {
            return List.of();
        }
        if (documented == null || leftOut == null || !documented.getClass().isRecord() || documented.getClass() != leftOut.getClass()) {
            return List.of(path + ": " + documented + " (documented) / " + leftOut + " (left out)");
        }
        List<String> differences = new ArrayList<>();
        for (RecordComponent c : documented.getClass().getRecordComponents()) {
            try {
                String name = path.isEmpty() ? c.getName() : path + "." + c.getName();
                differences.addAll(diff(name, c.getAccessor().invoke(documented), c.getAccessor().invoke(leftOut)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return differences;
    }

    /** So that the checks above cannot pass by comparing nothing. */
    @Test
    void theChecksSeeEveryPart() {
        Map<String, String> documented = documented();
        assertThat(documented).containsEntry("toggl.page-size", "200").containsEntry("csv.max-field-chars", "65536")
                .containsEntry("jira.webhook-max-pending", "1000").containsEntry("github.max-retries", "3")
                .containsEntry("worklog.lookback", "14d").containsEntry("sync.check", "false").containsEntry("sandbox.port", "0")
                .containsEntry("metrics.push-job", "toggl-task-sync").doesNotContainKey("quarkus.http.idle-timeout");
        assertThat(Loaded.from(base("toggl.page-size").with("toggl.page-size", 201)))
                .isNotEqualTo(Loaded.from(base("toggl.page-size")));
        assertThat(Loaded.from(base("jira.webhook-coalesce")).sync().webhook()).isNotNull();
        assertThat(Loaded.from(base("github.page-size")).sync().source()).isEqualTo("github");
        assertThat(Loaded.from(base("worklog.zone")).sync().source()).isEqualTo("jira");
    }
}
