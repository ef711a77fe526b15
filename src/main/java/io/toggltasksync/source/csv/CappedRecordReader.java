package io.toggltasksync.source.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The CSV text as camel-csv's parser reads it, with every record held to {@code csv.max-field-chars}
 * per cell and {@code csv.max-record-chars} in all. commons-csv buffers a whole cell before it hands
 * it on, so a cap has to act below it: this reader follows the file's quoting as commons-csv does
 * (a quote opens a cell only at its start; {@code ""} inside one is a quote; a line break inside
 * one is text) and, once a record goes over a cap, hands on the end of the cell it stopped in (a
 * closing quote when it was quoted), skips the rest of the record unread by the parser, and hands
 * on the line break that ends it. The parser sees a short record; {@link #passed} tells the read
 * which record that was, and why.
 *
 * <p>Lines the skip hid from the parser are not in its line count: {@link #physicalLine} adds them
 * back. Caps are counted in characters as written in the file, quotes included.
 */
final class CappedRecordReader extends Reader {

    /**
     * A record cut short: where it started in the file, the parser's line count once it has read the
     * record, and the lines hidden from the parser by then, this record's included.
     */
    record Cut(long startLine, long parserLine, long hiddenLines, String reason) {
    }

    private enum State { CELL_START, PLAIN, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char delimiter;
    private final int maxCell;
    private final int maxRecord;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** The file ended inside the quoted cell of a cut record: the parser gets this once it has read up to there. */
    private IOException unclosed;

    private State state = State.CELL_START;
    private int cellChars;
    private int recordChars;
    /** The record in progress goes over a cap: its characters are dropped up to the line break that ends it. */
    private String skipping;
    /** A closing quote to hand on before anything else: the cell the cut stopped in was quoted. */
    private boolean closeQuote;
    /** The line break just handed on ends a cut record. */
    private boolean cutEnds;
    /** The last character was a CR that ended a record: an LF after it belongs to the same line break. */
    private boolean crEndedRecord;
    private char lastRead;
    private char lastHanded;
    /** Line breaks read from the file, and handed to the parser, counted as commons-csv counts them. */
    private long linesRead;
    private long linesHanded;
    private long recordStart = 1;
    private long cutStart;
    /** Cuts the parser may not have reached yet (it reads ahead), oldest first. */
    private final Deque<Cut> cuts = new ArrayDeque<>();
    /** The lines hidden from the parser by the cuts it has passed. */
    private long passedHidden;

    CappedRecordReader(Reader in, char delimiter, int maxCell, int maxRecord) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxCell = maxCell;
        this.maxRecord = maxRecord;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            if (closeQuote) {
                closeQuote = false;
                out[off + n++] = hand('"');
                continue;
            }
            if (position == limit && !fill()) {
                break;
            }
            char c = buffer[position++];
            if (c == '\r' || c == '\n' && lastRead != '\r') {
                linesRead++;
            }
            lastRead = c;
            if (accept(c)) {
                out[off + n++] = hand(c);
                if (cutEnds) {
                    cutEnds = false;
                    endCut();
                }
            }
        }
        if (n == 0 && len > 0 && unclosed != null) {
            // only now: the parser has taken every record before the cut one, so the error is that record's
            throw unclosed;
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    /** Reads more of the file; at its end closes a cut still open. False when there is nothing more. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            endOfInput = true;
            if (skipping != null) {
                if (state == State.QUOTED) {
                    // the rest of the file was one quoted cell: a syntax error, as commons-csv would say
                    unclosed = new IOException("a quoted cell that starts in the record on line " + cutStart + " is never closed");
                } else {
                    endCut();
                }
            }
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private char hand(char c) {
        if (c == '\r' || c == '\n' && lastHanded != '\r') {
            linesHanded++;
        }
        lastHanded = c;
        return c;
    }

    /** Follows the quoting; answers whether the parser gets {@code c}. */
    private boolean accept(char c) {
        boolean lineBreak = c == '\r' || c == '\n';
        if (c == '\n' && crEndedRecord) {
            crEndedRecord = false;
            return skipping == null;
        }
        crEndedRecord = false;
        State before = state;
        boolean endsCell = false;
        boolean endsRecord = false;
        switch (state) {
            case CELL_START, PLAIN -> {
                if (c == delimiter) {
                    endsCell = true;
                    state = State.CELL_START;
                } else if (lineBreak) {
                    endsRecord = true;
                } else {
                    state = state == State.CELL_START && c == '"' ? State.QUOTED : State.PLAIN;
                }
            }
            case QUOTED -> state = c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                } else if (c == delimiter) {
                    endsCell = true;
                    state = State.CELL_START;
                } else if (lineBreak) {
                    endsRecord = true;
                } else {
                    state = State.PLAIN; // text after a closing quote: the parser reports it
                }
            }
        }
        if (endsRecord) {
            state = State.CELL_START;
            crEndedRecord = c == '\r';
            // the line break that ends a cut record is the parser's too: it ends the short record
            cutEnds = skipping != null;
            cellChars = 0;
            recordChars = 0;
            recordStart = linesRead + 1;
            return true;
        }
        if (skipping != null) {
            return false;
        }
        recordChars++;
        cellChars = endsCell ? 0 : cellChars + 1;
        if (cellChars > maxCell || recordChars > maxRecord) {
            skipping = cellChars > maxCell
                    ? "a cell over csv.max-field-chars (" + maxCell + " characters), the record skipped unread"
                    : "the record over csv.max-record-chars (" + maxRecord + " characters), skipped unread";
            cutStart = recordStart;
            // the parser has read up to c: its cell is still open if it was quoted before c
            closeQuote = before == State.QUOTED;
            return false;
        }
        return true;
    }

    /** Records the cut once the line break that ends its record is handed on (or the file ends). */
    private void endCut() {
        cuts.add(new Cut(cutStart, linesHanded, linesRead - linesHanded, skipping));
        skipping = null;
    }

    /**
     * Called with each record's line count from the parser, in file order: the cut of that record, or
     * null. Cuts the parser has passed are forgotten; what they hid is kept for {@link #physicalLine}.
     */
    Cut passed(long parserLine, long startLine) {
        Cut found = null;
        while (!cuts.isEmpty() && cuts.peek().parserLine() <= parserLine) {
            Cut cut = cuts.poll();
            passedHidden = cut.hiddenLines();
            if (cut.startLine() == startLine) {
                found = cut;
            }
        }
        return found;
    }

    /** The file's line for a line count of the parser (which never saw the lines of skipped records). */
    long physicalLine(long parserLine) {
        return parserLine + passedHidden;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
