package io.toggltasksync.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** What the parser gets of a file through the caps, and what the read learns of each cut. */
class CappedRecordReaderTest {

    private static String through(CappedRecordReader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] chunk = new char[7]; // small, so that cuts and line breaks fall across reads
        for (int n; (n = reader.read(chunk, 0, chunk.length)) >= 0; ) {
            out.append(chunk, 0, n);
        }
        return out.toString();
    }

    @Test
    void recordsWithinTheCapsPassUnchanged() throws IOException {
        String csv = "h1,h2\r\na,\"x,\"\"y\"\"\r\nz\"\r\n\r\n\"\",b\nlast";
        CappedRecordReader reader = new CappedRecordReader(new StringReader(csv), ',', 20, 30);

        assertThat(through(reader)).isEqualTo(csv);
        assertThat(reader.passed(99, 1)).isNull();
        assertThat(reader.physicalLine(7)).isEqualTo(7);
    }

    @Test
    void aQuotedCellOverTheCapIsClosedAndTheRestOfItsRecordSkipped() throws IOException {
        CappedRecordReader reader = new CappedRecordReader(new StringReader("h\na,\"xxxx\"\"y\",more\nb\n"), ',', 3, 100);

        assertThat(through(reader)).isEqualTo("h\na,\"xx\"\nb\n");
        CappedRecordReader.Cut cut = reader.passed(2, 2);
        assertThat(cut).isNotNull();
        assertThat(cut.reason()).isEqualTo("a cell over csv.max-field-chars (3 characters), the record skipped unread");
    }

    @Test
    void lineBreaksInASkippedCellAreAddedBackToTheParsersLineCount() throws IOException {
        // lines: 1 h, 2-4 the cut record (CR LF, then LF), 5 b
        CappedRecordReader reader = new CappedRecordReader(new StringReader("h\n\"x\r\ny\nz\"\nb\n"), ',', 2, 100);

        assertThat(through(reader)).isEqualTo("h\n\"x\"\nb\n");
        assertThat(reader.passed(1, 1)).isNull();
        assertThat(reader.physicalLine(1)).isEqualTo(1);
        assertThat(reader.passed(2, 2)).extracting(CappedRecordReader.Cut::startLine).isEqualTo(2L);
        assertThat(reader.physicalLine(2)).isEqualTo(4);
        assertThat(reader.passed(3, 5)).isNull();
        assertThat(reader.physicalLine(3)).isEqualTo(5);
    }

    @Test
    void aRecordOverItsCapIsCutAtTheCellWhereItGoesOver() throws IOException {
        CappedRecordReader reader = new CappedRecordReader(new StringReader("h\r\n1,2,3,4,5,6\r\nb\r\n"), ',', 100, 6);

        assertThat(through(reader)).isEqualTo("h\r\n1,2,3,\r\nb\r\n");
        assertThat(reader.passed(2, 2).reason()).isEqualTo("the record over csv.max-record-chars (6 characters), skipped unread");
    }

    @Test
    void aQuotedCellNeverClosedIsASyntaxErrorEvenWhenCut() {
        CappedRecordReader reader = new CappedRecordReader(new StringReader("h\na,\"never closed\nat all"), ',', 4, 100);

        assertThatThrownBy(() -> through(reader)).isInstanceOf(IOException.class)
                .hasMessage("a quoted cell that starts in the record on line 2 is never closed");
    }

    @Test
    void aHugeCellIsNeverHeldOnlyStreamedPast() throws IOException {
        long size = 50_000_000;
        Reader huge = new Reader() {
            private long handed;

            @Override
            public int read(char[] out, int off, int len) {
                if (handed == size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - handed);
                for (int i = 0; i < n; i++, handed++) {
                    out[off + i] = handed == 0 || handed == size - 2 ? '"' : handed == size - 1 ? '\n' : 'x';
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        CappedRecordReader reader = new CappedRecordReader(huge, ',', 1000, 10_000);

        String out = through(reader);
        assertThat(out).hasSize(1000 + 2).startsWith("\"xxx").endsWith("x\"\n");
        assertThat(reader.passed(1, 1)).isNotNull();
    }
}
