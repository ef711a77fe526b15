package io.toggltasksync.source;

import io.toggltasksync.sync.RunContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.ExchangeProperty;

/** The bean behind the {@code csv-source} route: reads {@code csv.path} into the run's desired set. */
@ApplicationScoped
@Named("csvSourceReader")
public class CsvSourceReader {

    public void read(@ExchangeProperty("run") RunContext run) {
        run.batch(new CsvSource(run.settings().projectResolver()).read(run.settings().csvPath()));
    }
}
