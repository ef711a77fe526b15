package io.toggltasksync.source.csv;

import io.toggltasksync.source.TaskSource;
import jakarta.enterprise.context.ApplicationScoped;

/** The CSV file as a source ({@code sync.source=csv}): read whole every run, by the {@code csv-source} route. */
@ApplicationScoped
public class CsvSource implements TaskSource {

    @Override
    public String name() {
        return "csv";
    }
}
