package io.toggltasksync.k8s;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression reads: every bare identifier that is not a function, an
 * aggregation, a keyword or a number, plus {@code {__name__="..."}}. Label names (inside
 * {@code {}} and in {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/
 * {@code group_right} lists), strings, ranges and durations ({@code [5m]}, {@code [1h:1m]},
 * Grafana's {@code [$__rate_interval]}, {@code offset 5m}) and Grafana variables ({@code $job}) are
 * skipped. A tokenizer, not a parser: good enough to list names, not to validate syntax.
 */
final class PromqlNames {

    /** Binary operators, modifiers and literals that look like identifiers. */
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    /** Followed by a parenthesised list of label names. */
    static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Aggregation operators: may be followed by a grouping clause rather than by "(". */
    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
            "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private final String s;
    private int i;
    private final Set<String> names = new LinkedHashSet<>();

    private PromqlNames(String expr) {
        this.s = expr;
    }

    static Set<String> of(String expr) {
        PromqlNames p = new PromqlNames(expr);
        p.scan();
        return p.names;
    }

    private void scan() {
        while (i < s.length()) {
            char c = s.charAt(i);
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
        }
    }

    /** Label matchers: only {@code __name__="x"} names a metric. */
    private void labelMatchers() {
        i++;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                skipString();
            } else if (identifierStart(c)) {
                int start = i;
                while (i < s.length() && identifierPart(s.charAt(i))) {
                    i++;
                }
                String label = s.substring(start, i);
                int op = nextNonSpace();
                if (label.equals("__name__") && op + 1 < s.length() && s.charAt(op) == '=' && s.charAt(op + 1) != '~') {
                    i = op + 1;
                    int quote = nextNonSpace();
                    if (quote < s.length() && (s.charAt(quote) == '"' || s.charAt(quote) == '\'')) {
                        i = quote;
                        int from = i + 1;
                        skipString();
                        names.add(s.substring(from, i - 1));
                    }
                }
            } else {
                i++;
            }
        }
        i++;
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
