package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One page of a Jira search answer.
 *
 * @param issues the issues of the page, in the order Jira returned them (never null)
 * @param nextPageToken Cloud: the token of the next page, null when absent (last page)
 * @param isLast Cloud: Jira's {@code isLast}, null when absent
 * @param startAt Data Center: the index of the first issue of the page, null when absent
 * @param total Data Center: the number of issues the search selects, null when absent
 */
public record JiraPage(List<JsonNode> issues, String nextPageToken, Boolean isLast, Integer startAt, Integer total) {

    public JiraPage {
        issues = List.copyOf(issues);
    }
}
