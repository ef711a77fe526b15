package io.toggltasksync.worklogsync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.source.jira.WorklogChangesQuery;
import io.toggltasksync.state.StateFile;
import io.toggltasksync.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The worklogs known from the last run, in a file next to the sync state ({@code sync-state.json} ->
 * {@code sync-state.worklogs.json}), written whole or not at all as the state is, under the state's lock. A file
 * that cannot be used, whatever it holds, is never an error: the run reads every mirrored issue's worklogs, and
 * says why.
 */
final class WorklogStateFile {

    /** Bumped when the file's meaning changes: an older file then costs one whole read. */
    static final int VERSION = 1;
    private static final Pattern ID = Pattern.compile("\\d{1,19}");

    /** What a run found: the knowledge, or why there is none to use. */
    record Loaded(KnownWorklogs known, String unusable) {
    }

    /** The file's form: times in epoch milliseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(int version, String fingerprint, long coveredFrom, List<String> issues, Map<Long, String> issueIds,
            long updatedSince, long deletedSince, List<Kept> worklogs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Kept(String id, String issue, Long issueId, long started, long seconds, String comment, String key, long workspaceId,
            List<Long> entryIds, Long updated) {
    }

    private WorklogStateFile() {
    }

    /** The file of the sync state {@code stateFile}. */
    static Path of(Path stateFile) {
        String name = stateFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return stateFile.resolveSibling(base + ".worklogs.json");
    }

    static Loaded load(Path file, String fingerprint) {
        Content c;
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > Runtime.getRuntime().maxMemory() / 4) {
                return new Loaded(null, "the worklogs known from the last run (" + file + ") are too large to read");
            }
            c = Json.MAPPER.readValue(in, Content.class);
        } catch (NoSuchFileException e) {
            return new Loaded(null, "no worklogs known from a last run (" + file + ")");
        } catch (IOException | RuntimeException e) {
            // never the parser's message: it may quote the file
            return new Loaded(null, "the worklogs known from the last run (" + file + ") cannot be read");
        }
        if (c == null || c.version() != VERSION || !fingerprint.equals(c.fingerprint())) {
            return new Loaded(null, "the worklogs known from the last run (" + file + ") are of another version or configuration");
        }
        String problem = problem(c);
        if (problem != null) {
            return new Loaded(null, "the worklogs known from the last run (" + file + ") cannot be used (" + problem + ")");
        }
        Map<String, JiraWorklog> worklogs = new LinkedHashMap<>();
        for (Kept k : c.worklogs()) {
            worklogs.put(k.id(), new JiraWorklog(k.id(), k.issue(), Instant.ofEpochMilli(k.started()), k.seconds(), k.comment(),
                    new WorklogMark(k.key(), k.workspaceId(), k.entryIds()), k.issueId(), k.updated() == null ? null : Instant.ofEpochMilli(k.updated())));
        }
        KnownWorklogs known = new KnownWorklogs(Instant.ofEpochMilli(c.coveredFrom()), Set.copyOf(c.issues()), c.issueIds(),
                new WorklogChangesQuery(Instant.ofEpochMilli(c.updatedSince()), Instant.ofEpochMilli(c.deletedSince())), worklogs);
        return new Loaded(known, null);
    }

    static void save(Path file, String fingerprint, KnownWorklogs known) throws IOException {
        List<Kept> kept = new ArrayList<>();
        for (JiraWorklog w : known.worklogs().values()) {
            WorklogMark m = w.mark();
            kept.add(new Kept(w.id(), w.issueKey(), w.issueId(), w.started().toEpochMilli(), w.timeSpentSeconds(), w.comment(), m.key(),
                    m.workspaceId(), m.entryIds(), w.updated() == null ? null : w.updated().toEpochMilli()));
        }
        StateFile.write(file, new Content(VERSION, fingerprint, known.coveredFrom().toEpochMilli(), List.copyOf(known.issues()),
                known.issueIds(), known.since().updatedSince().toEpochMilli(), known.since().deletedSince().toEpochMilli(), kept));
    }

    /** The first thing that makes the content unusable, null when none: the file is input like any other. */
    static String problem(Content c) {
        if (c.issues() == null || c.issueIds() == null || c.worklogs() == null) {
            return "a part is missing";
        }
        if (c.issues().stream().anyMatch(k -> k == null || k.isBlank())) {
            return "an issue key is empty";
        }
        if (c.coveredFrom() < 0 || c.updatedSince() < 0 || c.deletedSince() < 0) {
            return "a time is negative";
        }
        if (c.issueIds().entrySet().stream().anyMatch(e -> e.getKey() == null || e.getKey() <= 0 || e.getValue() == null)) {
            return "an issue id is not one";
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.worklogs().size(); i++) {
            Kept k = c.worklogs().get(i);
            String at = "worklogs[" + i + "]";
            if (k == null || k.id() == null || !ID.matcher(k.id()).matches() || !seen.add(k.id())) {
                return at + " has no worklog id, or repeats one";
            }
            if (k.issue() == null || !c.issues().contains(k.issue())) {
                return at + " is on an issue it does not hold";
            }
            if (!WorklogMark.isKey(k.key()) || k.workspaceId() <= 0 || k.entryIds() == null || k.entryIds().isEmpty()
                    || k.entryIds().stream().anyMatch(id -> id == null || id <= 0) || k.seconds() < 0) {
                return at + " has no valid mark or time";
            }
        }
        return null;
    }
}
