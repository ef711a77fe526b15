package io.toggltasksync.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly (malformed or truncated sequences are an error naming the line), drops a
 * byte order mark at the start, and counts the lines it has decoded.
 */
final class StrictUtf8Reader extends Reader {

    /** Invalid UTF-8 in the input, with the line where it occurs. */
    static final class MalformedUtf8Exception extends IOException {
        final long line;

        MalformedUtf8Exception(long line) {
            super("invalid UTF-8 on line " + line);
            this.line = line;
        }
    }

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
