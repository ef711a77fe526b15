package io.toggltasksync.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.source.SourceRead;
import io.toggltasksync.source.TaskSource;
import io.toggltasksync.support.Json;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GitHub Issues as a source ({@code sync.source=github}): every repository of {@code github.repos} by the
 * {@code github-source} route, whole in a run that sweeps, else from the last read's {@link GithubCursor} (a 304 per
 * unchanged repository). Its read is a {@link GithubSourceRead}.
 * <p>
 * A cursor of another site, other labels or other repositories never reaches it: those are in the state's
 * fingerprint ({@link GithubSettings#stateKey()}), so such a state is not used at all. A cursor of another page size
 * is read whole repository by repository ({@link GithubCursor#usable}).
 */
@ApplicationScoped
public class GithubSource implements TaskSource {

    @Override
    public String name() {
        return "github";
    }

    @Override
    public String title() {
        return "GitHub";
    }

    @Override
    public String notSelected(String externalId) {
        // also what an update of an issue GitHub no longer has (404) reads as: only a deletion's delivery confirms one
        return "github.repos and github.labels do not select issue " + externalId + ", or GitHub no longer has it";
    }

    @Override
    public String cursorUnusable(JsonNode cursor, long nowEpochSecond) {
        if (cursor == null || cursor.isNull()) {
            return "the sync state knows no GitHub read";
        }
        GithubCursor c = parse(cursor);
        if (c == null || c.query() == null) {
            return "the sync state's GitHub cursor cannot be read";
        }
        if (c.githubTime() != null && c.githubTime() > nowEpochSecond + GithubCursor.OVERLAP.toSeconds()) {
            return "the sync state's GitHub cursor is from the future (" + java.time.Instant.ofEpochSecond(c.githubTime()) + ")";
        }
        return null;
    }

    @Override
    public SourceRead read(JsonNode cursor, long nowEpochSecond) {
        return new GithubSourceRead(cursor == null ? null : parse(cursor));
    }

    /** The cursor as the state kept it, null when it is not one (the state file may hold anything). */
    static GithubCursor parse(JsonNode cursor) {
        try {
            return cursor == null || !cursor.isObject() ? null : Json.MAPPER.treeToValue(cursor, GithubCursor.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
