package io.toggltasksync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a one-off run pushes its metrics ({@code metrics.push-url}, {@code metrics.push-job}): the
 * Pushgateway's base URL and the job of the group that each push replaces.
 *
 * @param url the Pushgateway's base URL without a trailing slash (a path is kept: a route prefix or
 *            a proxy's path); null: no push
 * @param job the {@code job} label of the group, safe in a URL path as it is
 */
public record MetricsPushSettings(URI url, String job) {

    public static final String DEFAULT_JOB = "toggl-task-sync";

    // Letters, digits, '_', '.', '-' (at least one letter or digit: '.' and '..' are path steps):
    // the name needs no encoding, and a '/' (which the Pushgateway reads as a label boundary) cannot slip in.
    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9._-]*[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Reads and checks them. */
    public static MetricsPushSettings read(SettingsReader r) {
        String job = r.parsed("metrics.push-job", MetricsPushSettings::parseJob, DEFAULT_JOB);
        return new MetricsPushSettings(r.parsed("metrics.push-url", MetricsPushSettings::parseUrl), job);
    }

    public boolean enabled() {
        return url != null;
    }

    /** Where the group lives: {@code <url>/metrics/job/<job>} (the Pushgateway API). */
    public URI target() {
        return URI.create(url + "/metrics/job/" + job);
    }

    /** The target as logs and the checklist show it: host, port and path (the URL never holds a credential). */
    public String where() {
        URI t = target();
        return t.getHost() + (t.getPort() < 0 ? "" : ":" + t.getPort()) + t.getRawPath();
    }

    /**
     * An http(s) URL with a host, nothing after its path. A user or password in it is refused, not
     * masked: basic auth is not supported (the value would also sit in a manifest in plain text).
     */
    static URI parseUrl(String raw) {
        // Any '@': an unencoded password may hold '/', '?' or '#', so no pattern finds where the
        // user part ends, and the messages below repeat the value. A Pushgateway URL needs none.
        if (raw.indexOf('@') >= 0) {
            throw new IllegalArgumentException("must not carry a user or password (user:pass@): basic auth is not supported; reach the "
                    + "Pushgateway over the cluster network, or through a proxy that adds the credentials");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (" + e.getReason() + "), got '" + raw + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("must be the Pushgateway's http:// or https:// URL, e.g. http://pushgateway:9091, got '"
                    + raw + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must end with its host, port or path (no ?query or #fragment), got '" + raw + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.contains("/metrics/job")) {
            throw new IllegalArgumentException("is the Pushgateway's base URL, e.g. http://pushgateway:9091: the path /metrics/job/<job> is "
                    + "added by the app (the job is metrics.push-job), got '" + raw + "'");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    static String parseJob(String raw) {
        if (!JOB.matcher(raw).matches()) {
            throw new IllegalArgumentException("must be letters, digits, '_', '.' or '-' (it is the job label and part of the push URL), got '"
                    + raw + "'");
        }
        return raw;
    }
}
