package io.toggltasksync.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.support.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One run's read of GitHub (exchange property {@value #PROPERTY}), made by {@link GithubSource#read} and owned by the
 * run: the cursor it starts from, the read in progress (its calls) and, once the route finished, its {@link GithubRead}.
 */
public final class GithubSourceRead implements SourceRead {

    public static final String PROPERTY = "githubSourceRead";

    private final GithubCursor last;
    private volatile GithubReading reading;
    private volatile GithubRead done;

    /** @param last the last read's cursor, null: every issue */
    GithubSourceRead(GithubCursor last) {
        this.last = last;
    }

    /** The route began the read: its calls are this read's. */
    void reading(GithubReading reading) {
        this.reading = reading;
    }

    /** The route finished the read. */
    void done(GithubRead read) {
        this.done = read;
    }

    /** Whole without a cursor, or when the read found nothing to read incrementally (GithubRead#whole). */
    @Override
    public boolean whole() {
        GithubRead read = done;
        return read == null ? last == null : read.whole();
    }

    @Override
    public OptionalLong calls() {
        GithubReading r = reading;
        return OptionalLong.of(r == null ? 0 : r.calls);
    }

    @Override
    public Map<String, Object> reportState() {
        GithubRead read = done;
        if (read == null || read.whole()) {
            return Map.of();
        }
        return Map.of("unchanged_repositories", read.unchanged());
    }

    @Override
    public JsonNode nextCursor(long began) {
        GithubRead read = done;
        return read == null ? null : Json.MAPPER.valueToTree(read.cursor());
    }

    /** After an incremental read: the issues the last run left, with the ones that changed on top (a rejected one leaves). */
    @Override
    public SourceBatch desiredSet(SourceBatch read, List<SourceTask> known) {
        return whole() ? read : SourceRead.changedOnTop(read, known);
    }

    @Override
    public Map<String, Object> exchangeProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PROPERTY, this);
        if (last != null) {
            properties.put(GithubCursor.PROPERTY, last);
        }
        return properties;
    }
}
