package io.toggltasksync.sandbox;

import static io.toggltasksync.sandbox.ApiError.badRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The parameters of a request's query string; the first value of a repeated name wins. */
record Query(Map<String, String> params) {

    static Query parse(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Query(params);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return new Query(params);
    }

    String get(String name, String dflt) {
        return params.getOrDefault(name, dflt);
    }

    /** {@code dflt} when absent or empty; 400 when not a number. */
    int intParam(String name, int dflt) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw badRequest("Invalid " + name);
        }
    }

    /** Null when absent; 400 when not a number (empty included). */
    Long longParam(String name) {
        if (!params.containsKey(name)) {
            return null;
        }
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException e) {
            throw badRequest("Invalid " + name);
        }
    }

    /** {@code active}: true (default), false or both (null = no filter). */
    Boolean activeFilter() {
        String value = get("active", "true").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "both" -> null;
            default -> throw badRequest("Invalid active filter: " + value);
        };
    }
}
