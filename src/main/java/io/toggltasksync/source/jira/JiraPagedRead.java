package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Jira read made of several calls, in progress (exchange property {@value #PROPERTY}): whether a call is left,
 * its request, and each answer taken in. The routes loop over it with {@link JiraPagedReader}.
 */
public interface JiraPagedRead {

    String PROPERTY = "jiraPagedRead";

    boolean hasNext();

    JiraRequest next();

    void accept(JsonNode answer);
}
