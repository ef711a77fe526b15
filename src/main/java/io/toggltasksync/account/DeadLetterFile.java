package io.toggltasksync.account;

import io.toggltasksync.support.Json;
import io.toggltasksync.support.Secrets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead letter file: one JSON line per rejected or failed record, written (and flushed) as it
 * happens so that nothing is lost if the run dies. Each run starts the file afresh; source events append to it.
 */
public final class DeadLetterFile implements Ledger.DeadLetterSink, AutoCloseable {

    private final Path path;
    private final Collection<String> secrets;
    private final BufferedWriter out;
    private long written;

    public DeadLetterFile(Path path, Collection<String> secrets) {
        this(path, secrets, false);
    }

    /**
     * @param append keep the lines already there (a source event's dead letters join those of the
     *        last run, which the next run starts afresh)
     */
    public DeadLetterFile(Path path, Collection<String> secrets, boolean append) {
        this.path = path;
        this.secrets = secrets;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = append
                    ? Files.newBufferedWriter(path, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letter file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(Ledger.Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("kind", entry.kind());
        line.put("line", entry.line());
        line.put("external_id", entry.externalId());
        line.put("name", entry.name());
        line.put("project_id", entry.projectId());
        line.put("task_id", entry.taskId());
        line.put("status", entry.status());
        line.put("reason", Secrets.mask(entry.reason(), secrets));
        line.values().removeIf(java.util.Objects::isNull);
        try {
            out.write(Json.write(line));
            out.newLine();
            out.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead letter file " + path, e);
        }
    }

    public synchronized long written() {
        return written;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
