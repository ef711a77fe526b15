package io.toggltasksync.source.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text strictly (a byte the charset cannot decode is an error naming the line), drops a
 * byte order mark at the start, and counts the lines it has decoded. Without a charset given it reads
 * UTF-8, or UTF-16 when the file starts with a UTF-16 byte order mark (Excel's "Unicode Text").
 */
final class StrictTextReader extends Reader {

    /** Bytes the charset cannot decode, with the line where they occur. */
    static final class MalformedTextException extends IOException {
        final long line;
        final Charset charset;

        MalformedTextException(long line, Charset charset) {
            super("invalid " + charset.name() + " on line " + line);
            this.line = line;
            this.charset = charset;
        }
    }

    private static final char BOM = '\uFEFF';

    private final InputStream in;
    private final Charset charset;
    /** How the charset was chosen, for the dry run's preview. */
    private String charsetOrigin;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private boolean endOfInput;
    private boolean done;
    private boolean atStart = true;
    /** Line breaks decoded so far (CR LF counts once). */
    private long lineBreaks;
    private char last;

    /**
     * @param charset null: UTF-8, or UTF-16 by its byte order mark
     * @throws IOException when the first bytes cannot be read
     */
    StrictTextReader(InputStream in, Charset charset) throws IOException {
        this.in = in;
        bytes.flip();
        chars.flip();
        if (charset != null) {
            this.charset = charset;
            this.charsetOrigin = "csv.charset";
        } else {
            this.charset = sniff();
            this.charsetOrigin = this.charset == StandardCharsets.UTF_8 ? "default" : "byte order mark";
        }
        this.decoder = this.charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** UTF-16 when the first two bytes are its byte order mark (left for the decoder to drop), else UTF-8. */
    private Charset sniff() throws IOException {
        while (bytes.remaining() < 2 && !endOfInput) {
            readBytes();
        }
        if (bytes.remaining() >= 2) {
            int b0 = bytes.get(bytes.position()) & 0xFF;
            int b1 = bytes.get(bytes.position() + 1) & 0xFF;
            if (b0 == 0xFF && b1 == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            if (b0 == 0xFE && b1 == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
        }
        return StandardCharsets.UTF_8;
    }

    Charset charset() {
        return charset;
    }

    /** The charset and how it was chosen, e.g. {@code windows-1252 (csv.charset)}. */
    String describeCharset() {
        return charset.name() + " (" + charsetOrigin + ")";
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
                throw new MalformedTextException(lineBreaks + 1, charset);
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                decoder.flush(chars);
                done = true;
            } else if (chars.position() == 0) {
                readBytes();
            }
        }
        countLines(chars.position());
        chars.flip();
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(chars.position()) == BOM) {
                chars.get();
                charsetOrigin = charsetOrigin.equals("default") ? "byte order mark" : charsetOrigin;
            }
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
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
