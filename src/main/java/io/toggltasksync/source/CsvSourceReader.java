package io.toggltasksync.source;

import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.model.SourceBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.ExchangeProperty;

/** The bean behind the {@code csv-source} route: reads {@code csv.path} into the desired set. */
@ApplicationScoped
@Named("csvSourceReader")
public class CsvSourceReader {

    public SourceBatch read(@ExchangeProperty(SyncSettings.PROPERTY) SyncSettings settings) {
        return new CsvSource(settings.projectResolver()).read(settings.csvPath());
    }
}
