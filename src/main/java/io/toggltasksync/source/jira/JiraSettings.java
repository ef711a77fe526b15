package io.toggltasksync.source.jira;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SettingsReader;
import io.toggltasksync.config.SourceSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;
import java.util.Locale;
import java.util.Set;

/**
 * The Jira settings ({@code jira.*}), read and checked here, present when {@code sync.source=jira}. The run carries
 * them as {@link SyncSettings#sourceSettings()}; Jira's beans, its check lines, its receiver and the worklog sync get
 * them through {@link #of}.
 *
 * @param webhook the webhook receiver, null when no {@code jira.webhook-secret} turns it on
 */
public record JiraSettings(String url, String deployment, String user, String token, String jql, int pageSize, WebhookSettings webhook)
        implements SourceSettings {

    public boolean cloud() {
        return "cloud".equals(deployment);
    }

    /** The Jira settings of a Jira run's settings; null for another source. */
    public static JiraSettings of(SyncSettings settings) {
        return settings.sourceSettings() instanceof JiraSettings jira ? jira : null;
    }

    /** The Jira URL and the JQL: the fingerprint stays what it was when these were fields of SyncSettings. */
    @Override
    public String stateKey() {
        return url + "|" + jql;
    }

    @Override
    public Set<String> secrets() {
        return Set.of(token);
    }

    @Override
    public WebhookSettings receiver() {
        return webhook;
    }

    @Override
    public String toString() {
        return "JiraSettings[url=" + url + ", deployment=" + deployment + ", user=" + user + ", token=****, jql=" + jql
                + ", webhook=" + webhook + "]";
    }

    /** Reads the {@code jira.*} settings (registered in META-INF/services as a {@link SourceSettings.Reader}). */
    public static final class Reader implements SourceSettings.Reader {

        @Override
        public String source() {
            return "jira";
        }

        @Override
        public SourceSettings read(SettingsReader r) {
            String url = r.string("jira.url").orElseThrow(() -> r.missing("jira.url", "the Jira site, e.g. https://acme.atlassian.net"));
            r.checkBaseUrl("jira.url", url, "the credentials go in jira.user and jira.token (JIRA_USER, JIRA_TOKEN)");
            String deployment = r.string("jira.deployment").orElse("cloud").toLowerCase(Locale.ROOT);
            if (!deployment.equals("cloud") && !deployment.equals("datacenter")) {
                throw r.invalid("jira.deployment", "must be cloud or datacenter, got '" + deployment + "'");
            }
            String user = r.string("jira.user").orElse(null);
            if (deployment.equals("cloud") && user == null) {
                throw r.missing("jira.user", "the Atlassian account email (Jira Cloud signs in with email + API token)");
            }
            String token = r.string("jira.token").orElseThrow(() -> r.missing("jira.token",
                    deployment.equals("cloud") ? "the Atlassian API token" : "the personal access token"));
            String jql = r.string("jira.jql").orElseThrow(() -> r.missing("jira.jql", "the JQL selecting the issues to mirror"));
            int pageSize = (int) r.positiveLong("jira.page-size").orElse(100L).longValue();
            return new JiraSettings(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, deployment, user, token, jql, pageSize,
                    WebhookSettings.read(r, "jira"));
        }

        @Override
        public ConfigException unused(SettingsReader r) {
            return r.string("jira.webhook-secret").isPresent()
                    ? r.invalid("jira.webhook-secret", "turns on the Jira webhook receiver, which needs sync.source=jira (SYNC_SOURCE=jira)")
                    : null;
        }
    }
}
