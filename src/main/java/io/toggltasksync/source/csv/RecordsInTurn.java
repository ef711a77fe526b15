package io.toggltasksync.source.csv;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * The records of camel-csv's lazy iterator as the {@code csv-source} split takes them, with two
 * changes. A failure to parse the next record is held back until that record's turn: the split asks
 * {@code hasNext()} as soon as it has taken a record, before the record is mapped, and camel-csv
 * parses the next record right then, so a bad record would otherwise fail the read before the one
 * before it was mapped (its line unknown, an unrecognised header not yet reported). And the records
 * end once the read has failed: a split that stops early walks the rest of its iterator to release
 * it, which would parse the rest of the file.
 */
final class RecordsInTurn<T> implements Iterator<T>, Closeable {

    private final Iterator<T> records;
    private final BooleanSupplier readFailed;
    private RuntimeException failure;
    private boolean ended;

    RecordsInTurn(Iterator<T> records, BooleanSupplier readFailed) {
        this.records = records;
        this.readFailed = readFailed;
    }

    @Override
    public boolean hasNext() {
        if (ended || readFailed.getAsBoolean()) {
            return false;
        }
        if (failure != null) {
            return true;
        }
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            failure = e;
            return true; // there is a next record, but it cannot be read: next() says why
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (failure != null) {
            ended = true;
            throw failure;
        }
        return records.next();
    }

    /** Closes camel-csv's iterator, and with it the parser and the file. */
    @Override
    public void close() throws IOException {
        if (records instanceof Closeable c) {
            c.close();
        }
    }
}
