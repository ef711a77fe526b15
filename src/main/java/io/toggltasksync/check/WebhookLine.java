package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WebhookSettings;

/**
 * The webhook receiver's line, when {@code jira.webhook-secret} (or {@code github.webhook-secret}) turns it on: where
 * the tracker posts, how long a burst is gathered, and what to register there. The secret itself is never shown, only its
 * length. Without a schedule, what the webhooks miss waits for a run started by hand. Pure.
 */
final class WebhookLine {

    static final String AREA = "Jira webhooks";
    static final String SUBJECT = "receiver";

    private WebhookLine() {
    }

    /** The line, or null when the receiver is off. */
    static CheckLine of(SyncSettings settings) {
        WebhookSettings webhook = settings.webhook();
        if (webhook == null) {
            return null;
        }
        JiraSettings jira = JiraSettings.of(settings);
        String area = jira != null ? AREA : GithubLines.AREA + " webhooks";
        String register = jira != null ? "register it in Jira (issue created, updated, deleted) with the JQL '" + jira.jql() + "' and the same secret"
                // GitHub's: each repository's Settings > Webhooks (docs/github.md#webhooks)
                : "register it in each repository's webhooks (content type application/json, events: Issues) with the same secret";
        String detail = "POST /webhooks/" + settings.source() + " on the app's HTTP port, secret set (" + webhook.secret().length()
                + " characters), events for one issue within " + webhook.coalesce().toMillis() + " ms applied once; " + register;
        if (settings.run().schedule() == null) {
            return CheckLine.warning(area, SUBJECT, detail + "; no schedule: a delivery lost on the way, or an event left for later (no sync "
                    + "state yet, quota spent), waits for a run started by hand",
                    "set sync.schedule (SYNC_SCHEDULE), e.g. '0 */15 * * * ?': the scheduled run is the net for what webhooks miss");
        }
        return CheckLine.passed(area, SUBJECT, detail + "; the schedule '" + settings.run().schedule() + "' catches what webhooks miss");
    }
}
