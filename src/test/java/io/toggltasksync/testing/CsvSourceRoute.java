package io.toggltasksync.testing;

import io.quarkus.arc.Arc;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import io.toggltasksync.sync.CamelEngine;

/**
 * Reads a CSV file through the {@code csv-source} route, as a run does, for tests of what the source makes of
 * a file. Needs the app's Camel (a {@code @QuarkusTest}), which it takes from the app's beans when it reads:
 *
 * <pre>{@code
 * new CsvSourceRoute(new ProjectResolver(1001L, Map.of("ALPHA", 1001L))).read(file)
 * }</pre>
 */
public final class CsvSourceRoute {

    private final ProjectResolver projects;

    /** @param projects as {@code toggl.project-id}, {@code toggl.project-map} and {@code toggl.project-match} give them */
    public CsvSourceRoute(ProjectResolver projects) {
        this.projects = projects;
    }

    /**
     * The body the route leaves: the desired set.
     *
     * @param overrides settings as {@code name=value}, e.g. {@code "csv.charset=windows-1252"}
     * @throws SourceException when the file cannot be read completely, ConfigException when the settings do
     *         not fit it: the one the run reports, however Camel wrapped it
     */
    public SourceBatch read(Path file, String... overrides) {
        Exchange exchange = send(file, overrides);
        Exception failure = exchange.getException();
        if (failure != null) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SourceException || t instanceof ConfigException) {
                    throw (RuntimeException) t;
                }
            }
            throw new IllegalStateException("the route failed without a SourceException", failure);
        }
        return exchange.getMessage().getBody(SourceBatch.class);
    }

    /** The exchange the route leaves (its exception unthrown), for what it carries besides the body. */
    public Exchange send(Path file, String... overrides) {
        SyncSettings settings = settings(file, overrides);
        Arc.container().instance(CamelEngine.class).get().ensureStarted();
        ProducerTemplate template = Arc.container().instance(ProducerTemplate.class).get();
        return template.send("direct:csv-source", e -> e.setProperty(SyncSettings.PROPERTY, settings));
    }

    /** A missing file is there when the settings are checked, and gone when the route reads it. */
    private SyncSettings settings(Path file, String... overrides) {
        TestSettings test = TestSettings.minimal().csv(file).overrides(overrides)
                .with("toggl.project-map", projects.projectsByKey().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                // a resolver without matching reads as toggl.project-match=off
                .with("toggl.project-match", projects.matchByName() ? "key,name-key" : "off");
        if (projects.defaultProjectId() != null) {
            test.with("toggl.project-id", projects.defaultProjectId());
        }
        if (Files.exists(file)) {
            return test.load();
        }
        try {
            Files.createFile(file);
            try {
                return test.load();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
