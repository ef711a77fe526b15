package io.toggltasksync.source.csv;

import io.toggltasksync.source.SourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.testing.CsvSourceRoute;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * csv.max-field-chars and csv.max-record-chars through the csv-source route: a record over a cap is rejected
 * with the line it starts on, unread, and the records after it are read with their own lines.
 */
@QuarkusTest
class CsvSizeCapsTest {

    private static final String HEADER = "external_id,name,project_id,estimated_seconds,active\n";
    private static final String FIELD_CAP = "a cell over csv.max-field-chars (1000 characters), the record skipped unread";

    @TempDir
    Path dir;

    private final CsvSourceRoute source = new CsvSourceRoute(new ProjectResolver(1001L, Map.of()));

    @Test
    void aHugeQuotedCellRejectsItsRecordAndTheRestIsRead() throws IOException {
        // 3 MB in one quoted cell, 2 line breaks (LF, CR LF) and a doubled quote every 120 characters
        int chunks = 25_000;
        Path file = dir.resolve("huge.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "a,first,,,\n" + "b,\"");
            String chunk = "x".repeat(100) + "\nsay \"\"hi\"\", ok\r\n";
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
            }
            out.write("\",,,\nc,after,,,\nd,,,,\n");
        }
        long after = 3 + 2L * chunks + 1;

        SourceBatch batch = source.read(file, "csv.max-field-chars=1000");

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::line)
                .containsExactly(tuple("a", 2L), tuple("c", after));
        assertThat(batch.rejections()).containsExactly(
                new SourceRejection(3, null, FIELD_CAP),
                new SourceRejection(after + 1, "d", "empty name"));
    }

    @Test
    void aHugePlainCellAndALongRecordAreRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("long.csv"), HEADER
                + "a,\"quoted\r\nlines\",,,\n"
                + "b," + "y".repeat(5000) + ",,,\n"
                + "c,ok,,,\n"
                + "d,cells" + ",1".repeat(2000) + "\n"
                + "e,ok,,,\n");

        SourceBatch batch = source.read(file, "csv.max-field-chars=1000", "csv.max-record-chars=2000");

        assertThat(batch.tasks()).extracting(SourceTask::externalId, SourceTask::line)
                .containsExactly(tuple("a", 2L), tuple("c", 5L), tuple("e", 7L));
        assertThat(batch.rejections()).containsExactly(
                new SourceRejection(4, null, FIELD_CAP),
                new SourceRejection(6, null, "the record over csv.max-record-chars (2000 characters), skipped unread"));
    }

    @Test
    void aHeaderOverTheCapFailsTheRead() throws IOException {
        Path file = Files.writeString(dir.resolve("header.csv"), "external_id,name," + "z".repeat(2000) + "\na,first\n");

        assertThatThrownBy(() -> source.read(file, "csv.max-field-chars=1000")).isInstanceOf(SourceException.class)
                .hasMessage(file + ": the header row (line 1): " + FIELD_CAP);
    }

    @Test
    void aQuotedCellNeverClosedStillFailsTheWholeRead() throws IOException {
        Path file = Files.writeString(dir.resolve("open.csv"), HEADER + "a,first,,,\nb,\"never closed\n" + "w\n".repeat(2000));

        assertThatThrownBy(() -> source.read(file, "csv.max-field-chars=1000")).isInstanceOf(SourceException.class)
                .hasMessageContaining("in the record starting on line 3")
                .hasMessageContaining("a quoted cell that starts in the record on line 3 is never closed")
                .hasMessageContaining("could not be read completely");
    }
}
