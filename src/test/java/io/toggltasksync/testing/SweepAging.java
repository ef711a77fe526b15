package io.toggltasksync.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Moves the clock of the full sweep spread over runs in a state file, as if hours had passed since
 * it began: the pages a run reads are those its schedule says are due by then.
 */
public final class SweepAging {

    /** Three quarters of the default 24 h interval: by then every page is due. */
    public static final long SPAN = 18 * 3600;

    private SweepAging() {
    }

    /**
     * As if the sweep had begun {@code fraction} of its span ago, the last run ended 5 minutes ago and
     * wrote nothing; {@code dueIn} seconds from now it is due (null: a day after it began).
     */
    public static void age(Path stateFile, double fraction, Long dueIn) throws IOException {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(stateFile.toFile());
        ObjectNode sweep = (ObjectNode) root.get("sweep");
        long now = Instant.now().getEpochSecond();
        long started = now - (long) (fraction * SPAN) - 1;
        sweep.put("started", started);
        sweep.put("due", dueIn == null ? started + 24 * 3600 : now + dueIn);
        sweep.put("last_run", now - 300);
        sweep.put("last_run_writes", 0);
        Json.MAPPER.writeValue(stateFile.toFile(), root);
    }
}
