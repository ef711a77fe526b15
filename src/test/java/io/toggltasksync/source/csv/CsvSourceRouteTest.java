package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import static io.toggltasksync.testing.SandboxFixture.P1;
import static io.toggltasksync.testing.SandboxFixture.P2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.testing.RouteTest;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import io.toggltasksync.sync.CamelEngine;
import org.apache.camel.quarkus.test.CamelQuarkusTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code csv-source} route on its own: called as {@code sync-run} calls it (the settings as an exchange
 * property), it leaves the desired set as the body or fails with a {@link SourceException}. Mocks after the
 * open and parse steps count how often they ran and what they passed on. In the route tests' app
 * ({@link RouteTest.Profile}): extending CamelQuarkusTestSupport does not give a class an app of its own, and in the
 * shared one the advised route's mocks kept every later CSV run's exchange, and with it the run.
 */
@QuarkusTest
@TestProfile(RouteTest.Profile.class)
@ExtendWith(SandboxExtension.class)
class CsvSourceRouteTest extends CamelQuarkusTestSupport {

    SandboxFixture t;

    @Inject
    CamelEngine engine;

    @BeforeEach
    void adviseOnce() throws Exception {
        // the app, and so the advised route, lives as long as the class: advise it once
        engine.ensureStarted();
        if (context.getProcessor("csv-opened") == null) {
            AdviceWith.adviceWith(context, "csv-source", route -> {
                route.weaveById("csv-open").after().to("mock:csv-opened").id("csv-opened");
                route.weaveById("csv-parse").after().to("mock:csv-parsed");
                route.weaveById("csv-parse-comma").after().to("mock:csv-comma");
                route.weaveById("csv-parse-semicolon").after().to("mock:csv-semicolon");
                route.weaveById("csv-parse-tab").after().to("mock:csv-tab");
            });
        }
        MockEndpoint.resetMocks(context);
    }

    private Exchange read(Path csv, String... overrides) {
        SyncSettings settings = t.settings(csv, overrides);
        return template.send("direct:csv-source", e -> e.setProperty(SyncSettings.PROPERTY, settings));
    }

    private Path writeBytes(String name, byte[] content) throws IOException {
        return Files.write(t.dir.resolve(name), content);
    }

    @Test
    void goodFileLeavesTheDesiredSetAsTheBody() {
        Path csv = t.csv("tasks.csv",
                "R1,Write the spec,,3600,true",
                "R2,\"Build it,",
                "across lines\",1002,,true",
                "R3,Ship it,,soon,false",
                "R4,Check it,,,");

        Exchange done = read(csv);

        assertThat(done.getException()).isNull();
        SourceBatch batch = done.getMessage().getBody(SourceBatch.class);
        assertThat(batch.description()).isEqualTo(csv + " (generic CSV, delimiter ',', charset UTF-8)");
        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::name, SourceTask::projectId, SourceTask::line)
                .containsExactly(tuple("R1", "Write the spec", P1, 2L), tuple("R2", "Build it, across lines", P2, 3L),
                        tuple("R4", "Check it", P1, 6L));
        assertThat(batch.rejections()).containsExactly(new SourceRejection(5, "R3",
                "estimated_seconds must be a whole number of seconds >= 0, got 'soon'"));
    }

    @Test
    void recordsAreParsedAsTheSplitAsksForThem() {
        MockEndpoint parsed = getMockEndpoint("mock:csv-parsed");
        parsed.expectedMessageCount(1);

        read(t.csv("tasks.csv", "R1,One,,,", "R2,Two,,,"));

        // an iterator, not a list of every record: the file is never in memory as a whole
        assertThat(parsed.getReceivedExchanges().get(0).getMessage().getBody()).isInstanceOf(Iterator.class)
                .isNotInstanceOf(java.util.Collection.class);
    }

    @Test
    void invalidUtf8FailsNamingTheLine() throws IOException {
        byte[] head = "external_id,name\nR1,fine\nR2,bad ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        Path csv = writeBytes("latin.csv", concat(concat(head, bad), "\nR3,after\n".getBytes(StandardCharsets.UTF_8)));

        Exchange done = read(csv);

        assertThat(done.getException()).isInstanceOf(SourceException.class)
                .hasMessage(csv + ": invalid UTF-8 on line 3 (if the file is not UTF-8, set csv.charset (CSV_CHARSET), e.g."
                        + " windows-1252 for a file Excel saved as CSV on Windows); the file could not be read completely");
    }

    @Test
    void csvSyntaxErrorFailsNamingTheLine() {
        Path csv = t.csv("quotes.csv", "R1,fine,,,", "R2,\"never closed,,,", "more");

        Exchange done = read(csv);

        assertThat(done.getException()).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(csv + ": CSV syntax error on line 4, in the record starting on line 3 (");
    }

    @Test
    void unrecognisedHeaderFails() {
        Path csv = t.write("other.csv", "id,title\n1,task\n");

        Exchange done = read(csv);

        assertThat(done.getException()).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(csv + ": unrecognised CSV header (its columns: id, title): expected 'Issue key' (Jira CSV export)");
    }

    @Test
    void failedReadIsNotRetried() throws Exception {
        MockEndpoint opened = getMockEndpoint("mock:csv-opened");
        MockEndpoint parsed = getMockEndpoint("mock:csv-parsed");
        opened.expectedMessageCount(1);
        parsed.expectedMessageCount(1);
        Path csv = writeBytes("truncated.csv", concat("external_id,name\nR1,fine\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE6, (byte) 0x97}));

        Exchange done = read(csv);

        assertThat(done.getException()).isInstanceOf(SourceException.class);
        assertThat(done.getMessage().getHeader(Exchange.REDELIVERY_COUNTER)).isNull();
        opened.assertIsSatisfied();
        parsed.assertIsSatisfied();
    }

    @Test
    void eachDelimiterHasItsOwnParse() throws Exception {
        MockEndpoint comma = getMockEndpoint("mock:csv-comma");
        MockEndpoint semicolon = getMockEndpoint("mock:csv-semicolon");
        MockEndpoint tab = getMockEndpoint("mock:csv-tab");
        comma.expectedMessageCount(1);
        semicolon.expectedMessageCount(1);
        tab.expectedMessageCount(2);

        Exchange bySemicolon = read(t.write("excel.csv", "external_id;name;notes\nR1;Write it, then check it;x\n"));
        Exchange byTab = read(t.write("view.tsv", "external_id\tname\nR1\tWrite it; then check it\n"));
        Exchange byComma = read(t.write("plain.csv", "external_id,name\nR1,Write it; then check it\n"));
        read(t.write("told.csv", "external_id,name\nR1,x\n"), "csv.delimiter=tab");

        assertThat(bySemicolon.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::name)
                .containsExactly("Write it, then check it");
        assertThat(byTab.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::name)
                .containsExactly("Write it; then check it");
        assertThat(byComma.getMessage().getBody(SourceBatch.class).tasks()).extracting(SourceTask::name)
                .containsExactly("Write it; then check it");
        comma.assertIsSatisfied();
        semicolon.assertIsSatisfied();
        tab.assertIsSatisfied();
    }

    @Test
    void mappingThatNamesAColumnTheFileLacksFailsWithAConfigException() {
        Path csv = t.write("tasks.csv", "Key,Title\nA-1,x\n");

        Exchange done = read(csv, "csv.columns=external_id=Key,name=Title,estimate_hours=Hours");

        assertThat(done.getException()).isInstanceOf(io.toggltasksync.config.ConfigException.class)
                .hasMessage("csv.columns (CSV_COLUMNS) needs column(s) 'Hours' that " + csv + " lacks; its columns: Key, Title");
    }

    @Test
    void badByteInTheHeaderRowFailsTheOpenBeforeAnyParse() throws Exception {
        MockEndpoint parsed = getMockEndpoint("mock:csv-parsed");
        parsed.expectedMessageCount(0);
        Path csv = writeBytes("latin.csv", "Gr\u00f6\u00dfe;name\n1;x\n".getBytes(StandardCharsets.ISO_8859_1));

        Exchange done = read(csv);

        assertThat(done.getException()).isInstanceOf(SourceException.class)
                .hasMessageStartingWith(csv + ": invalid UTF-8 on line 1 (if the file is not UTF-8, set csv.charset");
        parsed.assertIsSatisfied();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
