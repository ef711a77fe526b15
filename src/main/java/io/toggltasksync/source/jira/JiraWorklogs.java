package io.toggltasksync.source.jira;

import io.toggltasksync.model.JiraWorklog;
import java.util.List;
import java.util.Map;

/**
 * The worklogs read back (the body after {@code direct:jira-worklog-read}).
 *
 * @param worklogs   every worklog of the issues read, started after the query's start: ours (with a mark) and people's
 * @param unreadable the issues whose worklogs are unknown, with why (Jira has no such issue for the token, or the
 *                   key is not an issue key): nothing may be planned on them, neither a create nor a deletion
 * @param calls      the GET calls made (retries not counted)
 */
public record JiraWorklogs(List<JiraWorklog> worklogs, Map<String, String> unreadable, int calls) {

    public JiraWorklogs {
        worklogs = List.copyOf(worklogs);
        unreadable = Map.copyOf(unreadable);
    }
}
