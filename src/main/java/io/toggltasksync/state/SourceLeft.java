package io.toggltasksync.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.model.SourceTask;
import java.util.List;

/**
 * What a run's read of its source leaves for the next run's: kept in the sync state under the source's name.
 *
 * @param name the source's name
 * @param cursor what the source reads its next incremental read from; opaque to the state (a JSON object)
 * @param records the desired set the run made, which the next incremental read puts what changed on top of
 */
public record SourceLeft(String name, JsonNode cursor, List<SourceTask> records) {
}
