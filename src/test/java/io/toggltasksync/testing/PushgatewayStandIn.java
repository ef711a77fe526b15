package io.toggltasksync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A local stand-in of the Prometheus Pushgateway's push API, as its README describes it: {@code PUT}
 * and {@code POST} to {@code /metrics/job/<job>{/<label>/<value>}} (a {@code @base64} suffix on a
 * label name decodes its value), the body in the text exposition format 0.0.4, checked line by line
 * and refused with 400 and a plain-text reason when a line does not parse, a TYPE line comes after
 * its samples or a HELP line twice, a sample carries a timestamp, repeats another, or gives a
 * grouping label another value than the URL. {@code PUT} replaces the
 * group (an empty body empties it), {@code POST} replaces only the metrics it names, {@code DELETE}
 * drops the group. {@code GET /metrics} serves what it holds, each sample with its group's labels;
 * {@code GET /-/ready} answers 200. Tests read the state through {@link #group} and {@link #requests}.
 */
public final class PushgatewayStandIn implements AutoCloseable {

    /** One sample of a stored group, its labels as pushed (the grouping labels are not added). */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A request to the push API and the status it was answered with. */
    public record Request(String method, String path, String contentType, int status, String answer) {
    }

    private record Group(Map<String, String> key, List<Sample> samples, Map<String, String> types) {
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final HttpServer server;
    /** Grouping key (sorted labels) -> group. */
    private final Map<Map<String, String>, Group> groups = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private int forcedStatus;
    private String forcedBody;

    private PushgatewayStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static PushgatewayStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            PushgatewayStandIn gateway = new PushgatewayStandIn(server);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, what {@code metrics.push-url} is set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every push is answered with this status and plain-text body, and changes nothing (a broken gateway). */
    public synchronized PushgatewayStandIn answerPushesWith(int status, String body) {
        forcedStatus = status;
        forcedBody = body;
        return this;
    }

    /** The samples of the group {@code job=<job>}; empty when there is no such group. */
    public synchronized Optional<List<Sample>> group(String job) {
        return Optional.ofNullable(groups.get(Map.of("job", job))).map(g -> List.copyOf(g.samples()));
    }

    /** The value of the one sample of {@code job}'s group with this name and exactly these labels ({@code name, value, ...}). */
    public synchronized Optional<Double> value(String job, String metric, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return group(job).orElse(List.of()).stream().filter(s -> s.name().equals(metric) && s.labels().equals(wanted))
                .map(Sample::value).findFirst();
    }

    /** Every request to the push API so far, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Drops every group and request, and answers pushes normally again. */
    public synchronized void reset() {
        groups.clear();
        requests.clear();
        forcedStatus = 0;
        forcedBody = null;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                // a fault of the stand-in itself: answered, so that a test sees it rather than a dropped connection
                answer(exchange, 500, "stand-in failure: " + e);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean pushPath = path.startsWith("/metrics/job/") || path.startsWith("/metrics/job@base64/");
        if (method.equals("GET") && path.equals("/-/ready")) {
            answer(exchange, 200, "OK");
        } else if (method.equals("GET") && path.equals("/metrics")) {
            answer(exchange, 200, exposition());
        } else if (pushPath && Set.of("PUT", "POST", "DELETE").contains(method)) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Reply reply = push(method, path, new String(body, StandardCharsets.UTF_8));
            synchronized (this) {
                requests.add(new Request(method, path, contentType, reply.status(), reply.body()));
            }
            answer(exchange, reply.status(), reply.body());
        } else {
            answer(exchange, 404, "404 page not found");
        }
    }

    private record Reply(int status, String body) {
    }

    private synchronized Reply push(String method, String path, String body) {
        if (forcedStatus != 0) {
            return new Reply(forcedStatus, forcedBody);
        }
        Map<String, String> key;
        try {
            key = groupingKey(path.substring("/metrics/".length()));
        } catch (IllegalArgumentException e) {
            return new Reply(400, e.getMessage());
        }
        if (method.equals("DELETE")) {
            groups.remove(key);
            return new Reply(202, "");
        }
        Group pushed;
        try {
            pushed = parse(key, body);
        } catch (IllegalArgumentException e) {
            return new Reply(400, e.getMessage());
        }
        Group old = groups.get(key);
        if (method.equals("POST") && old != null) {
            // only the metrics named in the push are replaced
            Set<String> families = pushed.samples().stream().map(s -> family(s.name(), pushed.types())).collect(Collectors.toSet());
            List<Sample> merged = new ArrayList<>(old.samples());
            merged.removeIf(s -> families.contains(family(s.name(), old.types())));
            merged.addAll(pushed.samples());
            Map<String, String> types = new LinkedHashMap<>(old.types());
            types.putAll(pushed.types());
            groups.put(key, new Group(key, merged, types));
        } else {
            groups.put(key, pushed);
        }
        return new Reply(200, "");
    }

    /** {@code job/<job>{/<label>/<value>}}, URI-decoded, {@code <label>@base64} decoding its value. */
    private static Map<String, String> groupingKey(String rawPath) {
        String[] parts = rawPath.split("/", -1);
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of components in label string \"" + rawPath + "\"");
        }
        Map<String, String> key = new TreeMap<>();
        for (int i = 0; i < parts.length; i += 2) {
            String name = parts[i];
            String value = java.net.URLDecoder.decode(parts[i + 1].replace("+", "%2B"), StandardCharsets.UTF_8);
            if (name.endsWith("@base64")) {
                name = name.substring(0, name.length() - "@base64".length());
                value = new String(Base64.getUrlDecoder().decode(value.replace("=", "")), StandardCharsets.UTF_8);
            }
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("improper label name \"" + name + "\"");
            }
            if (key.put(name, value) != null) {
                throw new IllegalArgumentException("duplicate label name \"" + name + "\"");
            }
        }
        if (!key.containsKey("job") || key.get("job").isEmpty() || !rawPath.startsWith("job")) {
            throw new IllegalArgumentException("job name is required");
        }
        return key;
    }

    /** The body in the text format 0.0.4; an {@link IllegalArgumentException} names the first line at fault. */
    private static Group parse(Map<String, String> key, String body) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        Set<String> sampled = new java.util.HashSet<>();
        Set<String> helped = new java.util.HashSet<>();
        String[] lines = body.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            try {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    comment(line, types, helped, sampled);
                    continue;
                }
                Sample sample = new SampleLine(line).read();
                for (Map.Entry<String, String> label : key.entrySet()) {
                    String given = sample.labels().get(label.getKey());
                    if (given != null && !given.equals(label.getValue())) {
                        throw new IllegalArgumentException("label " + label.getKey() + "=\"" + given + "\" of " + sample.name()
                                + " contradicts the grouping key " + label.getKey() + "=\"" + label.getValue() + "\"");
                    }
                }
                if (!seen.add(sample.name() + new TreeMap<>(sample.labels()))) {
                    throw new IllegalArgumentException("sample " + sample.name() + sample.labels()
                            + " was collected before with the same name and label values");
                }
                samples.add(sample);
                sampled.add(family(sample.name(), types));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("text format parsing error in line " + n + ": " + e.getMessage());
            }
        }
        return new Group(key, samples, types);
    }

    private static void comment(String line, Map<String, String> types, Set<String> helped, Set<String> sampled) {
        String[] words = line.substring(1).strip().split("\\s+", 3);
        if (words.length < 2 || !(words[0].equals("TYPE") || words[0].equals("HELP"))) {
            return; // any other comment is ignored
        }
        if (!words[1].matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("invalid metric name in comment");
        }
        if (words[0].equals("HELP") && !helped.add(words[1])) {
            throw new IllegalArgumentException("second HELP line for metric name \"" + words[1] + "\"");
        }
        if (words[0].equals("TYPE")) {
            if (sampled.contains(words[1])) {
                throw new IllegalArgumentException("TYPE line for metric name \"" + words[1] + "\" reported after its samples");
            }
            if (words.length < 3 || !TYPES.contains(words[2].strip())) {
                throw new IllegalArgumentException("unknown metric type \"" + (words.length < 3 ? "" : words[2]) + "\"");
            }
            if (types.put(words[1], words[2].strip()) != null) {
                throw new IllegalArgumentException("second TYPE line for metric name \"" + words[1] + "\", or TYPE reported after samples");
            }
        }
    }

    /** Which metric a sample belongs to: {@code x_sum}, {@code x_count}, {@code x_bucket} are part of a summary or histogram {@code x}. */
    private static String family(String sample, Map<String, String> types) {
        for (String suffix : List.of("_sum", "_count", "_bucket")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(base);
                if ("summary".equals(type) || "histogram".equals(type)) {
                    return base;
                }
            }
        }
        return sample;
    }

    /** One sample line: {@code name}, optional {@code {label="value",...}}, a value; a timestamp is refused as the Pushgateway refuses it. */
    private static final class SampleLine {
        private final String line;
        private int at;

        SampleLine(String line) {
            this.line = line;
        }

        Sample read() {
            String name = name("[a-zA-Z_:]", "[a-zA-Z0-9_:]", "invalid metric name");
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                while (true) {
                    skipBlanks();
                    if (at < line.length() && line.charAt(at) == '}') {
                        at++;
                        break;
                    }
                    String label = name("[a-zA-Z_]", "[a-zA-Z0-9_]", "invalid label name for metric \"" + name + "\"");
                    skipBlanks();
                    expect('=', "expected '=' after label name");
                    skipBlanks();
                    if (labels.put(label, quoted()) != null) {
                        throw new IllegalArgumentException("duplicate label name \"" + label + "\" for metric \"" + name + "\"");
                    }
                    skipBlanks();
                    if (at < line.length() && line.charAt(at) == ',') {
                        at++;
                    } else if (at >= line.length() || line.charAt(at) != '}') {
                        throw new IllegalArgumentException("unexpected end of label value for metric \"" + name + "\"");
                    }
                }
            }
            if (at >= line.length() || !Character.isWhitespace(line.charAt(at))) {
                throw new IllegalArgumentException("expected a blank and a value after \"" + name + "\"");
            }
            String[] rest = line.substring(at).strip().split("[ \t]+");
            double value = value(rest[0]);
            if (rest.length == 2 && rest[1].matches("-?[0-9]+")) {
                throw new IllegalArgumentException("pushed metrics must not have timestamps (" + name + ")");
            }
            if (rest.length > 1) {
                throw new IllegalArgumentException("unexpected text after the value of \"" + name + "\"");
            }
            return new Sample(name, labels, value);
        }

        private String name(String first, String next, String error) {
            int start = at;
            while (at < line.length() && String.valueOf(line.charAt(at)).matches(at == start ? first : next)) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException(error);
            }
            return line.substring(start, at);
        }

        private String quoted() {
            expect('"', "expected '\"' to open a label value");
            StringBuilder value = new StringBuilder();
            while (at < line.length() && line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    if (at >= line.length()) {
                        break;
                    }
                    char e = line.charAt(at++);
                    switch (e) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("invalid escape sequence '\\" + e + "'");
                    }
                } else {
                    value.append(c);
                }
            }
            expect('"', "unterminated label value");
            return value.toString();
        }

        private void expect(char c, String error) {
            if (at >= line.length() || line.charAt(at) != c) {
                throw new IllegalArgumentException(error);
            }
            at++;
        }

        private void skipBlanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private static double value(String text) {
            switch (text) {
                case "+Inf", "Inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "NaN" -> {
                    return Double.NaN;
                }
                default -> {
                    try {
                        if (text.matches("[-+]?[0-9.][0-9.eE+-]*")) {
                            return Double.parseDouble(text);
                        }
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                    throw new IllegalArgumentException("expected float as value, got \"" + text + "\"");
                }
            }
        }
    }

    /** What the stand-in holds, as Prometheus scrapes it: each sample with its group's labels (and {@code instance=""}). */
    private synchronized String exposition() {
        StringBuilder out = new StringBuilder();
        for (Group g : groups.values()) {
            for (Sample s : g.samples()) {
                Map<String, String> labels = new TreeMap<>(s.labels());
                labels.putAll(g.key());
                labels.putIfAbsent("instance", "");
                out.append(s.name()).append(labels.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                        .collect(Collectors.joining(",", "{", "}"))).append(' ').append(s.value()).append('\n');
            }
        }
        return out.toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
