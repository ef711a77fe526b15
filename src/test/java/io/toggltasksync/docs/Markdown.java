package io.toggltasksync.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little of Markdown the docs tests need: the lines outside code blocks, headings as GitHub anchors, links. */
final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    // [text](target) and ![alt](target); the text may hold one level of nested brackets (a badge, a code span)
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    private Markdown() {
    }

    /** A link as written, with the line it is on. */
    record Link(Path file, int line, String target) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + target;
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines that are not inside a fenced code block (their numbers kept: null stands for a fenced line). */
    static List<String> prose(Path file) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(file)) {
            boolean fence = line.stripLeading().startsWith("```");
            if (fence) {
                fenced = !fenced;
            }
            out.add(fenced || fence ? null : line);
        }
        return out;
    }

    /** The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(file)) {
            Matcher m = line == null ? null : HEADING.matcher(line);
            if (m != null && m.matches()) {
                String slug = slug(m.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    /** The relative links of the file (no scheme, no mail), outside code blocks and code spans, with the line of the target. */
    static List<Link> relativeLinks(Path file) {
        List<Link> links = new ArrayList<>();
        // the whole text at once (fenced lines blanked), so that a link whose text wraps onto the next line counts too
        String text = String.join("\n", prose(file).stream().map(l -> l == null ? "" : INLINE_CODE.matcher(l).replaceAll("``")).toList());
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
                links.add(new Link(file, line, target));
            }
        }
        return links;
    }
}
