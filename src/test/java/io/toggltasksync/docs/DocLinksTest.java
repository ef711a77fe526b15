package io.toggltasksync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the documentation leads somewhere: its file exists, and its {@code #anchor} is a heading of
 * that file (as GitHub names headings). Plain file reads, no Quarkus: milliseconds.
 */
class DocLinksTest {

    /** Pages being written on another branch (github: docs/github.md): a link to them may lead nowhere until it lands. */
    static final Set<Path> PENDING = Set.of(Path.of("docs/github.md"));

    static List<Path> documentation() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("ARCHITECTURE.md"),
                Path.of("k8s/README.md"), Path.of("bench/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyRelativeLinkResolvesToAFileAndItsAnchorToAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : documentation()) {
            for (Markdown.Link link : Markdown.relativeLinks(file)) {
                String problem = problem(link);
                if (problem != null) {
                    broken.add(link + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPage() throws IOException {
        List<String> linked = Markdown.relativeLinks(Path.of("README.md")).stream().map(l -> l.target().split("#")[0]).toList();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            assertThat(docs.filter(p -> p.toString().endsWith(".md")).map(p -> "docs/" + p.getFileName()))
                    .as("docs pages the README links").allMatch(linked::contains);
        }
    }

    @Test
    void everyDocsPageAndSectionTheCodeAndManifestsNameExists() throws IOException {
        // log lines, error messages, --help and comments send the reader to a page by its path
        // a page, and maybe the section after it in quotes: docs/operations.md "Container image"
        Pattern page = Pattern.compile("(docs/[a-z-]+\\.md)(?:,? \"([^\"\\n]+)\")?");
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String root : List.of("src", "k8s", "bench", "pom.xml", "demo.sh", "ARCHITECTURE.md")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/docs/")).toList()) {
                    Matcher m = page.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        named++;
                        Path target = Path.of(m.group(1));
                        if (!Files.exists(target) && !PENDING.contains(target)) {
                            missing.add(file + ": " + m.group());
                        } else if (m.group(2) != null && Files.exists(target)
                                && !Markdown.anchors(target).contains(Markdown.slug(m.group(2)))) {
                            missing.add(file + ": " + m.group() + " (no such heading)");
                        }
                    }
                }
            }
        }
        assertThat(missing).as("docs pages and sections named but missing").isEmpty();
        assertThat(named).as("docs pages named outside docs/").isPositive();
    }

    @Test
    void anchorsAreNamedAsGithubNamesThem() {
        assertThat(Markdown.slug("Migrating from other trackers (Asana, Linear, GitHub Projects, Excel)"))
                .isEqualTo("migrating-from-other-trackers-asana-linear-github-projects-excel");
        assertThat(Markdown.slug("Your own mapping (`csv.columns`)")).isEqualTo("your-own-mapping-csvcolumns");
        assertThat(Markdown.slug("Webhook flood (`bench/webhook-flood.sh`)")).isEqualTo("webhook-flood-benchwebhook-floodsh");
        assertThat(Markdown.slug("Scheduled mode, health, metrics, Kubernetes")).isEqualTo("scheduled-mode-health-metrics-kubernetes");
    }

    /** Why the link leads nowhere, or null. */
    private static String problem(Markdown.Link link) {
        String[] parts = link.target().split("#", 2);
        Path target = parts[0].isEmpty() ? link.file() : link.file().resolveSibling(parts[0]).normalize();
        if (!Files.exists(target) && PENDING.contains(target)) {
            return null;
        }
        if (!Files.exists(target)) {
            return "no file " + target;
        }
        if (parts.length == 2 && target.toString().endsWith(".md") && !Markdown.anchors(target).contains(parts[1])) {
            return "no heading #" + parts[1] + " in " + target;
        }
        return null;
    }
}
