package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toggltasksync.model.JiraWorklog;
import io.toggltasksync.model.WorklogMark;
import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Jira's worklog JSON, both ways (pure): the {@code started} format, the comment (an ADF document on
 * API v3, a string on v2), this tool's property, a worklog read, a worklog's body written.
 */
public final class JiraWorklogJson {

    /** Jira's own format: it refuses other ISO forms ({@code Z}, {@code +00:00}, no millis) with 400. */
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JiraWorklogJson() {
    }

    /** {@code at} as Jira wants {@code started}: {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} in UTC, e.g. {@code 2026-12-07T09:15:00.000+0000}. */
    public static String started(Instant at) {
        return STARTED.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Jira's {@code started} (any offset) as an instant; null when it is not in Jira's format. */
    static Instant parseStarted(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text, STARTED).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A worklog of {@code issueKey} (null: read by id, issue unknown) as Jira answers it ({@code expand=properties} for the mark). */
    static JiraWorklog worklog(String issueKey, JsonNode node) {
        String id = node.path("id").asText("");
        Instant started = parseStarted(node.path("started").asText(null));
        if (!JiraWorklogPaths.WORKLOG_ID.matcher(id).matches() || started == null) {
            // dropping it could hide one of ours, and the plan would create it again
            throw new SourceException("Jira answered a worklog" + (issueKey == null ? "" : " of " + issueKey) + " without a readable id or start: "
                    + ErrorText.summarize(node.toString()));
        }
        return new JiraWorklog(id, issueKey, started, node.path("timeSpentSeconds").asLong(0), comment(node.get("comment")),
                mark(node.get("properties")), issueId(node), updated(node));
    }

    /** The worklog's issue id ({@code issueId}, a string of digits in Jira's answers), null when absent or not a number. */
    static Long issueId(JsonNode worklog) {
        JsonNode id = worklog.get("issueId");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return null;
        }
        try {
            long value = Long.parseLong(id.asText());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** When Jira last changed the worklog ({@code updated}, in the format of {@code started}), null when absent or unreadable. */
    static Instant updated(JsonNode worklog) {
        return parseStarted(worklog.path("updated").asText(null));
    }

    /** The mark among a worklog's properties; null when absent or malformed (then the worklog is a person's: never touched). */
    static WorklogMark mark(JsonNode properties) {
        if (properties == null || !properties.isArray()) {
            return null;
        }
        for (JsonNode property : properties) {
            if (WorklogMark.PROPERTY_KEY.equals(property.path("key").asText(null))) {
                return markValue(property.get("value"));
            }
        }
        return null;
    }

    private static WorklogMark markValue(JsonNode value) {
        if (value == null || !value.isObject()) {
            return null;
        }
        JsonNode key = value.get("key");
        JsonNode workspace = value.get("workspace_id");
        JsonNode entries = value.get("entry_ids");
        if (key == null || !key.isTextual() || !WorklogMark.isKey(key.asText()) || !positiveLong(workspace)
                || entries == null || !entries.isArray() || entries.isEmpty()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : entries) {
            if (!positiveLong(id)) {
                return null;
            }
            ids.add(id.asLong());
        }
        return new WorklogMark(key.asText(), workspace.asLong(), ids);
    }

    private static boolean positiveLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0;
    }

    /**
     * The comment as plain text: a v2 string as it is; a v3 ADF document's text nodes joined, its
     * top-level blocks (paragraphs) by a line break, as {@link #adf} writes a text. Null when there is none.
     */
    static String comment(JsonNode comment) {
        if (comment == null || comment.isNull()) {
            return null;
        }
        String text;
        if (comment.isTextual()) {
            text = comment.asText();
        } else {
            List<String> blocks = new ArrayList<>();
            comment.path("content").forEach(block -> blocks.add(inline(block)));
            text = String.join("\n", blocks);
        }
        return text.isEmpty() ? null : text;
    }

    private static String inline(JsonNode node) {
        String type = node.path("type").asText("");
        if (type.equals("text")) {
            return node.path("text").asText("");
        }
        if (type.equals("hardBreak")) {
            return "\n";
        }
        StringBuilder text = new StringBuilder();
        node.path("content").forEach(child -> text.append(inline(child)));
        return text.toString();
    }

    /** A plain text as an ADF document: a paragraph per line (ADF refuses empty text nodes, so an empty line is an empty paragraph). */
    static ObjectNode adf(String text) {
        ArrayNode paragraphs = NODES.arrayNode();
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\r?\n", -1)) {
                ArrayNode inline = NODES.arrayNode();
                if (!line.isEmpty()) {
                    inline.add(NODES.objectNode().put("type", "text").put("text", line));
                }
                paragraphs.add(NODES.objectNode().put("type", "paragraph").set("content", inline));
            }
        }
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        doc.set("content", paragraphs);
        return doc;
    }

    /**
     * The body of a worklog POST or PUT: {@code started}, {@code timeSpentSeconds}, the comment (ADF on
     * {@code cloud}, else a string; an empty one when none, so that a PUT clears it) and the mark as the
     * worklog property {@value WorklogMark#PROPERTY_KEY}.
     */
    static String body(WorklogContent content, boolean cloud) {
        ObjectNode body = NODES.objectNode();
        body.put("started", started(content.started()));
        body.put("timeSpentSeconds", content.timeSpentSeconds());
        if (cloud) {
            body.set("comment", adf(content.comment()));
        } else {
            body.put("comment", content.comment() == null ? "" : content.comment());
        }
        WorklogMark mark = content.mark();
        ObjectNode value = NODES.objectNode().put("key", mark.key()).put("workspace_id", mark.workspaceId());
        ArrayNode entries = value.putArray("entry_ids");
        mark.entryIds().forEach(entries::add);
        body.putArray("properties").addObject().put("key", WorklogMark.PROPERTY_KEY).set("value", value);
        return Json.write(body);
    }
}
