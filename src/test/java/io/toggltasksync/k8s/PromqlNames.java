package io.toggltasksync.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: every bare identifier that is not a function, an
 * aggregation, a keyword or a number, plus {@code {__name__="..."}}. Label names (inside
 * {@code {}} and in {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/
 * {@code group_right} lists), strings, ranges and durations ({@code [5m]}, {@code [1h:1m]},
 * Grafana's {@code [$__rate_interval]}, {@code offset 5m}) and Grafana variables ({@code $job}) are
 * skipped. A tokenizer, not a parser: good enough to list names, not to validate syntax.
 *
 * <p>{@link #selectors} also gives, per selector, the label values it matches on
 * ({@code outcome="failed"}, {@code outcome!="unchanged"}, {@code outcome=~"failed|rejected"}; a
 * pattern only when it is a plain alternation of words), to check them against what is exported.
 */
final class PromqlNames {

    /** Binary operators, modifiers and literals that look like identifiers. */
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    /** Followed by a parenthesised list of label names. */
    static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Aggregation operators: may be followed by a grouping clause rather than by "(". */
    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
            "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    /** A metric selector and the label values it names: label -> values. */
    record Selector(String metric, Map<String, Set<String>> values) {
    }

    private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_.:]+(\\|[A-Za-z0-9_.:]+)*");

    private final String s;
    private int i;
    private final Set<String> names = new LinkedHashSet<>();
    private final List<Selector> selectors = new ArrayList<>();
    /** The metric name just read, whose {...} may follow. */
    private String pending;

    private PromqlNames(String expr) {
        this.s = expr;
    }

    static Set<String> of(String expr) {
        PromqlNames p = new PromqlNames(expr);
        p.scan();
        return p.names;
    }

    static List<Selector> selectors(String expr) {
        PromqlNames p = new PromqlNames(expr);
        p.scan();
        return p.selectors;
    }

    private void scan() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c != '{') {
                pending = null;
            }
            if (c == '#') {
                skipLine();
            } else if (c == '"' || c == '\'' || c == '`') {
                skipString();
            } else if (c == '{') {
                labelMatchers();
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '$') {
                skipVariable();
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                // 42, 0.1, 1e3, 0x1f, and durations such as 5m or 1h30m after offset or @
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
            } else if (identifierStart(c)) {
                identifier();
            } else {
                i++;
            }
        }
    }

    private void identifier() {
        int start = i;
        while (i < s.length() && identifierPart(s.charAt(i))) {
            i++;
        }
        String word = s.substring(start, i);
        String lower = word.toLowerCase(Locale.ROOT);
        int next = nextNonSpace();
        if (GROUPING.contains(lower)) {
            if (next < s.length() && s.charAt(next) == '(') {
                i = next;
                skipPast(')');
            }
        } else if (KEYWORDS.contains(lower) || AGGREGATIONS.contains(lower)) {
            return;
        } else if (next < s.length() && s.charAt(next) == '(') {
            return; // a function: rate(, histogram_quantile(, label_values( ...
        } else {
            names.add(word);
            pending = word;
            selectors.add(new Selector(word, new LinkedHashMap<>()));
        }
    }

    /** Label matchers: {@code __name__="x"} names a metric; the others' values belong to the selector. */
    private void labelMatchers() {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        String metric = pending;
        pending = null;
        i++;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            if (!identifierStart(c)) {
                if (c == '"' || c == '\'' || c == '`') {
                    skipString();
                } else {
                    i++;
                }
                continue;
            }
            int start = i;
            while (i < s.length() && identifierPart(s.charAt(i))) {
                i++;
            }
            String label = s.substring(start, i);
            i = nextNonSpace();
            int opStart = i;
            while (i < s.length() && "=!~".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String op = s.substring(opStart, i);
            i = nextNonSpace();
            if (i >= s.length() || "\"'`".indexOf(s.charAt(i)) < 0) {
                continue;
            }
            int from = i + 1;
            skipString();
            String value = s.substring(from, i - 1);
            if (label.equals("__name__") && op.equals("=")) {
                names.add(value);
                metric = value;
            } else if (!value.contains("$") && (op.equals("=") || op.equals("!=")
                    || ((op.equals("=~") || op.equals("!~")) && WORDS.matcher(value).matches()))) {
                values.computeIfAbsent(label, k -> new LinkedHashSet<>()).addAll(List.of(value.split("\\|")));
            }
        }
        i++;
        if (metric != null) {
            // the selector added with the name (if any) gets the values
            int last = selectors.size() - 1;
            if (last >= 0 && selectors.get(last).metric().equals(metric) && selectors.get(last).values().isEmpty()) {
                selectors.get(last).values().putAll(values);
            } else {
                selectors.add(new Selector(metric, values));
            }
        }
    }

    private void skipString() {
        char quote = s.charAt(i++);
        while (i < s.length() && s.charAt(i) != quote) {
            if (s.charAt(i) == '\\' && quote != '`') {
                i++;
            }
            i++;
        }
        i++;
    }

    private void skipVariable() {
        i++;
        if (i < s.length() && s.charAt(i) == '{') {
            skipPast('}');
            return;
        }
        while (i < s.length() && identifierPart(s.charAt(i))) {
            i++;
        }
    }

    private void skipPast(char close) {
        while (i < s.length() && s.charAt(i) != close) {
            i++;
        }
        i++;
    }

    private void skipLine() {
        while (i < s.length() && s.charAt(i) != '\n') {
            i++;
        }
    }

    private int nextNonSpace() {
        int j = i;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
