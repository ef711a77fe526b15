package io.toggltasksync.cli;

import io.toggltasksync.source.csv.CsvRow;
import io.toggltasksync.source.csv.CsvRowConverter;
import io.toggltasksync.source.csv.CsvSourceReader;
import io.toggltasksync.source.csv.CsvReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Named;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.commons.csv.CSVRecord;

/**
 * Beans that throw an {@link Error} in the middle of a run, for {@link RunDiesOfAnErrorTest}: enabled by its
 * profile only ({@link SandboxProfiles.Errors}).
 */
final class ErrorInjection {

    private ErrorInjection() {
    }

    /** Parsing a record whose first cell is {@code oom}: where a huge field ran out of memory (a split's iterator). */
    @Alternative
    @ApplicationScoped
    @Named("csvRowConverter")
    static class OutOfMemoryParse extends CsvRowConverter {
        @Override
        public CsvRow convertRecord(CSVRecord record) {
            if (record.get(0).equals("oom")) {
                throw new OutOfMemoryError("test");
            }
            return super.convertRecord(record);
        }
    }

    /** Accepting a record whose first cell is {@code overflow}: a bean the split calls. */
    @Alternative
    @ApplicationScoped
    @Named("csvSourceReader")
    static class OverflowingAccept extends CsvSourceReader {
        @Override
        public void accept(@Body CsvRow row, @ExchangeProperty(CsvReading.PROPERTY) CsvReading reading) {
            if (row.record().get(0).equals("overflow")) {
                throw new StackOverflowError("test");
            }
            super.accept(row, reading);
        }
    }
}
