package io.toggltasksync.sandbox;

import static io.toggltasksync.sandbox.ApiError.badRequest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading request bodies and writing answers as Toggl does; a bad body answers 400 like Toggl. */
final class SandboxJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxJson() {
    }

    // --- reading ---

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw badRequest("JSON is not valid");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw badRequest("JSON is not valid");
        }
    }

    static ObjectNode parseObject(String body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw badRequest("JSON is not valid");
        }
        return (ObjectNode) node;
    }

    static String requireName(ObjectNode body) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw badRequest("Name can't be blank");
        }
        return n.asText();
    }

    static Long estimate(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        long v = integral(n, "estimated_seconds");
        if (v < 0) {
            throw badRequest("Estimated seconds can't be negative");
        }
        return v;
    }

    static long integral(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw badRequest("Invalid " + field);
        }
        return n.asLong();
    }

    static boolean bool(JsonNode n, String field) {
        if (n == null || !n.isBoolean()) {
            throw badRequest("Invalid " + field);
        }
        return n.booleanValue();
    }

    static String optText(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    // --- writing ---

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] generate(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The task as Toggl renders it (snake_case, the fields of the reference). When integration
     * fields are "not kept", Toggl shows them as null whatever is stored.
     */
    static void writeTask(JsonGenerator g, Task t, String projectName, boolean showIntegration) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", t.id);
        g.writeStringField("name", t.name);
        g.writeNumberField("workspace_id", t.workspaceId);
        g.writeNumberField("project_id", t.projectId);
        g.writeStringField("project_name", projectName);
        g.writeNumberField("user_id", t.userId);
        g.writeBooleanField("active", t.active);
        writeNullableNumber(g, "estimated_seconds", t.estimatedSeconds);
        g.writeNumberField("tracked_seconds", 0);
        g.writeStringField("at", t.atText());
        g.writeBooleanField("recurring", false);
        g.writeNullField("rate");
        g.writeNullField("rate_last_updated");
        g.writeNullField("client_name");
        g.writeNullField("toggl_accounts_id");
        g.writeStringField("integration_provider", showIntegration ? t.provider : null);
        g.writeStringField("integration_ext_type", showIntegration ? t.extType : null);
        g.writeStringField("integration_ext_id", showIntegration ? t.extId : null);
        g.writeEndObject();
    }

    private static void writeNullableNumber(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
