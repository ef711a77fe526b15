package io.toggltasksync.sandbox;

import static io.toggltasksync.sandbox.ApiError.badRequest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.TimeEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Reports API v3 detailed search, {@code POST /reports/api/v3/workspace/{wid}/search/time_entries}, as the
 * worklog sync reads it: {@code start_date} and {@code end_date} ({@code YYYY-MM-DD}, inclusive) read in the
 * token user's time zone, times written with that zone's offset, rows ordered by start then id, paged by
 * {@code page_size} (default 50) and {@code first_row_number} (from 1), filtered by {@code time_entry_ids} when
 * given (the rows of those entries within the dates, paged alike), the headers {@code X-Next-Row-Number}
 * and {@code X-Next-ID} when a page follows. One entry per row whatever {@code grouped} says. Running entries
 * are left out (whether Toggl lists them is unconfirmed; a client must skip them either way). A token user
 * who is not a workspace admin sees only their own entries, as in Toggl. Run under the sandbox's lock.
 */
final class ReportEndpoints {

    static final String PREFIX = "/reports/api/v3";
    static final String HDR_NEXT_ROW = "X-Next-Row-Number";
    static final String HDR_NEXT_ID = "X-Next-ID";
    private static final Pattern SEARCH = Pattern.compile("^" + PREFIX + "/workspace/(\\d{1,18})/search/time_entries$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final TimeEntryStore entries;
    private final TaskEndpoints tasks;
    /** The token user's time zone and whether they are a workspace admin. */
    private final AccountEndpoints account;

    // --- settings (see the TogglSandbox setters) ---
    int maxPageSize = 1000;

    ReportEndpoints(TimeEntryStore entries, TaskEndpoints tasks, AccountEndpoints account) {
        this.entries = entries;
        this.tasks = tasks;
        this.account = account;
    }

    /** The answer to a request outside {@code /api/v9}: the search, or 404. */
    Reply route(String method, String path, String body) {
        Matcher m = SEARCH.matcher(path);
        if (m.matches() && method.equals("POST")) {
            return search(Long.parseLong(m.group(1)), SandboxJson.parseObject(body));
        }
        return Reply.text(404, "404 page not found");
    }

    private Reply search(long workspaceId, ObjectNode body) {
        tasks.requireWorkspace(workspaceId);
        LocalDate from = date(body, "start_date");
        LocalDate to = date(body, "end_date");
        if (to.isBefore(from)) {
            throw badRequest("end_date must not be earlier than start_date");
        }
        int pageSize = (int) Math.min(maxPageSize, positive(body, "page_size", 50));
        long firstRow = positive(body, "first_row_number", 1);
        Set<Long> ids = entryIds(body);
        List<TimeEntry> rows = entries.all().stream()
                .filter(e -> e.workspaceId() == workspaceId && !e.running())
                .filter(e -> account.admin || e.userId() == TogglSandbox.REQUESTER_USER_ID)
                .filter(e -> ids.isEmpty() || ids.contains(e.id()))
                .filter(e -> {
                    LocalDate day = e.start().atZone(account.userZone).toLocalDate();
                    return !day.isBefore(from) && !day.isAfter(to);
                })
                .sorted(Comparator.comparing(TimeEntry::start).thenComparingLong(TimeEntry::id))
                .toList();
        int start = (int) Math.min(rows.size(), firstRow - 1);
        int end = Math.min(rows.size(), start + pageSize);
        Reply reply = Reply.json(SandboxJson.generate(g -> {
            g.writeStartArray();
            for (int i = start; i < end; i++) {
                writeRow(g, rows.get(i), i + 1);
            }
            g.writeEndArray();
        }));
        if (end < rows.size()) {
            reply.headers().put(HDR_NEXT_ROW, Integer.toString(end + 1));
            reply.headers().put(HDR_NEXT_ID, Long.toString(rows.get(end).id()));
        }
        return reply;
    }

    private void writeRow(JsonGenerator g, TimeEntry e, long rowNumber) throws IOException {
        g.writeStartObject();
        g.writeNumberField("user_id", e.userId());
        g.writeStringField("username", e.userName());
        writeNullable(g, "project_id", e.projectId());
        writeNullable(g, "task_id", e.taskId());
        g.writeStringField("description", e.description());
        g.writeBooleanField("billable", false);
        g.writeArrayFieldStart("tag_ids");
        g.writeEndArray();
        g.writeNumberField("row_number", rowNumber);
        g.writeArrayFieldStart("time_entries");
        g.writeStartObject();
        g.writeNumberField("id", e.id());
        g.writeNumberField("seconds", e.seconds());
        g.writeStringField("start", time(e.start()));
        g.writeStringField("stop", time(e.stop()));
        g.writeStringField("at", time(e.at()));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** With the token user's offset at that instant, as Toggl's reports write times. */
    String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.atZone(account.userZone));
    }

    private static void writeNullable(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static LocalDate date(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw badRequest(field + " is required");
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw badRequest("Invalid " + field);
        }
    }

    /** {@code time_entry_ids}: the entries asked for; absent, null or empty: every entry. */
    private static Set<Long> entryIds(ObjectNode body) {
        JsonNode n = body.get("time_entry_ids");
        if (n == null || n.isNull()) {
            return Set.of();
        }
        if (!n.isArray()) {
            throw badRequest("Invalid time_entry_ids");
        }
        Set<Long> ids = new HashSet<>();
        n.forEach(id -> ids.add(SandboxJson.integral(id, "time_entry_ids")));
        return ids;
    }

    private static long positive(ObjectNode body, String field, long dflt) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        long v = SandboxJson.integral(n, field);
        if (v < 1) {
            throw badRequest("Invalid " + field);
        }
        return v;
    }
}
