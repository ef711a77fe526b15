package io.toggltasksync.source.github;

import io.toggltasksync.source.SourceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Link} header's {@code rel="next"}, as the next request: followed only when it points below
 * {@code github.api-url} (same scheme, host and port, a path under the base's): the token goes to the configured
 * site only, never where an answer (or whatever stands between) says.
 */
final class GithubLinks {

    /** {@code <url>; param; param}: the URL in angle brackets (it may hold commas), then its parameters. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private GithubLinks() {
    }

    /** The URL of {@code rel="next"} in a {@code Link} header, null when there is none. */
    static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = LINK.matcher(link);
        while (m.find()) {
            Matcher rel = REL.matcher(m.group(2));
            if (rel.find()) {
                String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String r : rels.trim().split("\\s+")) {
                    if (r.equalsIgnoreCase("next")) {
                        return m.group(1).trim();
                    }
                }
            }
        }
        return null;
    }

    /**
     * The request of a next page's URL, if it lies below {@code apiUrl}.
     *
     * @throws SourceException when it points anywhere else (the read cannot be completed without sending the token there)
     */
    static GithubRequest request(String apiUrl, String nextUrl) {
        try {
            URI base = new URI(apiUrl);
            URI next = new URI(nextUrl);
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            String path = next.getRawPath() == null ? "" : next.getRawPath();
            boolean sameSite = next.getScheme() != null && next.getScheme().equalsIgnoreCase(base.getScheme())
                    && next.getRawUserInfo() == null && next.getHost() != null
                    && next.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                    && port(next) == port(base) && path.startsWith(basePath + "/") && !path.contains("/../");
            if (sameSite) {
                return new GithubRequest(path.substring(basePath.length()), next.getRawQuery(), null);
            }
        } catch (URISyntaxException | NullPointerException e) {
            // reported below
        }
        throw new SourceException("GitHub's next page is not below github.api-url " + apiUrl + " (the token is sent to the configured site only): "
                + io.toggltasksync.support.ErrorText.summarize(nextUrl));
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
