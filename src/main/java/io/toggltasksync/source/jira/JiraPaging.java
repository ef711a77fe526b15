package io.toggltasksync.source.jira;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One run's Jira search in progress (exchange property {@value #PROPERTY}): the next request, the
 * issues received so far, the search calls sent (retries included), and whether this pass of the
 * search is still complete.
 * <p>
 * A search read while issues enter or leave its result set can lose issues without an error: a page
 * shifts under the reader. What a read can see of that is its <em>gap</em>: an issue received twice
 * (pages overlap), on Data Center a {@code total} that changes between pages or that the pages do
 * not reach, on Cloud (no {@code total}) {@code isLast: false} without a token or a token repeated.
 * A read with a gap is read again once from the first page; a second gap fails the run, as nothing
 * may be called missing from a partial read.
 */
public final class JiraPaging {

    public static final String PROPERTY = "jira";

    JiraSearch search;
    JiraBatchBuilder builder;
    JiraRequest next;
    int pages;
    long calls;
    /** Whether a pass with a gap was already read again. */
    boolean readAgain;
    /** This pass: Data Center's {@code total} on its first page; Cloud's tokens asked for. */
    private Integer total;
    private final Set<String> tokens = new HashSet<>();

    JiraPaging(JiraSearch search, JiraBatchBuilder builder) {
        restart(search, builder);
    }

    /** From the first page again, with another search (a wider window): what was read is dropped. */
    void restart(JiraSearch search, JiraBatchBuilder builder) {
        this.search = search;
        this.builder = builder;
        this.next = search.firstPage();
        this.pages = 0;
        this.total = null;
        this.tokens.clear();
    }

    public long calls() {
        return calls;
    }

    /**
     * Why this pass cannot be trusted to hold every issue, once {@code page} was added to the builder
     * and {@code following} is the request after it (empty: it was the last); null while it can.
     */
    String gap(JiraPage page, Optional<JiraRequest> following) {
        if (builder.firstDuplicate() != null) {
            return builder.firstDuplicate() + " came twice (the pages overlap: issues entered or left the result while it was read)";
        }
        if (search.deployment() == JiraSearch.Deployment.CLOUD) {
            if (Boolean.FALSE.equals(page.isLast()) && page.nextPageToken() == null) {
                return "Jira said isLast=false but gave no nextPageToken after " + received() + " issue(s)";
            }
            String token = following.map(r -> r.query().get("nextPageToken")).orElse(null);
            if (token != null && !tokens.add(token)) {
                return "Jira gave a nextPageToken it had given before (the pages would repeat)";
            }
            return null;
        }
        if (page.total() != null) {
            if (total == null) {
                total = page.total();
            } else if (!total.equals(page.total())) {
                return "total changed from " + total + " to " + page.total() + " between pages (issues entered or left the result while it was read)";
            }
        }
        if (following.isEmpty() && total != null && received() < total) {
            return "Jira said total=" + total + " but the pages held " + received() + " issue(s)";
        }
        return null;
    }

    /** Distinct issues received in this pass. */
    private long received() {
        return builder.issuesReceived() - builder.duplicatesSkipped();
    }
}
