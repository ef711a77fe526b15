package io.toggltasksync.source.csv;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.source.TaskSource;
import jakarta.enterprise.context.ApplicationScoped;

/** The CSV file as a source ({@code sync.source=csv}): read whole every run, by the {@code csv-source} route; it keeps no cursor. */
@ApplicationScoped
public class CsvSource implements TaskSource {

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public boolean readsWholeEveryRun() {
        return true;
    }

    @Override
    public String cursorUnusable(JsonNode cursor, long nowEpochSecond) {
        return null;
    }

    @Override
    public SourceRead read(JsonNode cursor, long nowEpochSecond) {
        return SourceRead.WHOLE;
    }
}
