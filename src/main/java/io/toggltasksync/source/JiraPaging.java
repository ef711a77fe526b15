package io.toggltasksync.source;

/**
 * One run's Jira search in progress (exchange property {@value #PROPERTY}): the next request, the
 * issues received so far, and the search calls sent (retries included).
 */
public final class JiraPaging {

    public static final String PROPERTY = "jira";

    JiraSearch search;
    JiraBatchBuilder builder;
    JiraRequest next;
    int pages;
    long calls;

    JiraPaging(JiraSearch search, JiraBatchBuilder builder) {
        restart(search, builder);
    }

    /** From the first page again, with another search (a wider window): what was read is dropped. */
    void restart(JiraSearch search, JiraBatchBuilder builder) {
        this.search = search;
        this.builder = builder;
        this.next = search.firstPage();
        this.pages = 0;
    }

    public long calls() {
        return calls;
    }
}
