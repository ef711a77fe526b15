package io.toggltasksync.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest delivery accepted for each issue, by Jira's {@code timestamp} (which the signature
 * covers): a delivery older than that is dropped, as its event was already read from Jira after it.
 * <p>
 * Correctness does not rest on it: every event, a deletion included, is decided by reading Jira.
 * It spares the Jira read and the write a stale or replayed delivery would cost. Kept in memory,
 * bounded like the delivery identifiers ({@value #REMEMBERED} issues, the least recently seen go
 * first); after a restart a replay costs one Jira read, which then decides as for any event.
 */
@ApplicationScoped
public class DeliveryOrder {

    static final int REMEMBERED = OpenReceiver.REMEMBERED;

    private final Map<String, Long> newest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * Remembers a delivery for {@code issueKey} sent at {@code timestamp} (null: unknown, always in order).
     *
     * @return false when a delivery for the issue sent later was already accepted
     */
    synchronized boolean inOrder(String issueKey, Long timestamp) {
        if (timestamp == null) {
            return true;
        }
        Long seen = newest.get(issueKey);
        if (seen != null && timestamp < seen) {
            return false;
        }
        newest.put(issueKey, timestamp);
        return true;
    }

    /** The receiver is opened afresh: nothing accepted yet. */
    synchronized void clear() {
        newest.clear();
    }
}
