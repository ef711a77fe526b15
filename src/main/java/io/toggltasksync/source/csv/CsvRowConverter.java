package io.toggltasksync.source.csv;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.dataformat.csv.CsvRecordConverter;
import org.apache.commons.csv.CSVRecord;

/** camel-csv's {@code recordConverterRef} in the {@code csv-source} route: each record with its last line. */
@ApplicationScoped
@Named("csvRowConverter")
public class CsvRowConverter implements CsvRecordConverter<CsvRow> {

    @Override
    public CsvRow convertRecord(CSVRecord record) {
        return new CsvRow(record, record.getParser().getCurrentLineNumber());
    }
}
