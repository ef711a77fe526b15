package io.toggltasksync.check;

import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.SyncSettings.WebhookSettings;

/**
 * The Jira webhook receiver's line, when {@code jira.webhook-secret} turns it on: where Jira posts, how
 * long a burst is gathered, and what to register in Jira. The secret itself is never shown, only its
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
        String detail = "POST /webhooks/jira on the app's HTTP port, secret set (" + webhook.secret().length() + " characters), events for "
                + "one issue within " + webhook.coalesce().toMillis() + " ms applied once; register it in Jira (issue created, updated, "
                + "deleted) with the JQL '" + JiraSettings.of(settings).jql() + "' and the same secret";
        if (settings.schedule() == null) {
            return CheckLine.warning(AREA, SUBJECT, detail + "; no schedule: a delivery Jira loses, or an event left for later (no sync "
                    + "state yet, quota spent), waits for a run started by hand",
                    "set sync.schedule (SYNC_SCHEDULE), e.g. '0 */15 * * * ?': the scheduled run is the net for what webhooks miss");
        }
        return CheckLine.passed(AREA, SUBJECT, detail + "; the schedule '" + settings.schedule() + "' catches what webhooks miss");
    }
}
