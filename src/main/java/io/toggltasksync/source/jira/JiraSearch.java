package io.toggltasksync.source.jira;

import io.toggltasksync.source.SourceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.support.ErrorText;
import io.toggltasksync.support.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes the requests of a paged Jira search and parses its pages, for both deployments.
 *
 * <ul>
 * <li>Cloud: {@code GET /rest/api/3/search/jql}, paged by {@code nextPageToken}; the last page has
 * {@code isLast: true} or no {@code nextPageToken}. (Cloud answers 410 on {@code /rest/api/2/search}.)
 * <li>Data Center / Server: {@code GET /rest/api/2/search}, paged by {@code startAt}; the next
 * {@code startAt} counts the issues actually returned (the server may grant fewer than
 * {@code maxResults}); the last page reaches {@code total}, or returns no issues.
 * </ul>
 *
 * Stateless: the next request depends only on the previous page. Whether the pages read add up to
 * the whole search is {@link JiraPaging#gap}'s business.
 */
public final class JiraSearch {

    /** The only fields the mapping needs; without {@code fields}, Cloud returns ids only. */
    public static final String FIELDS = "summary,status,resolution,timeoriginalestimate,project";

    static final String CLOUD_PATH = "/rest/api/3/search/jql";
    static final String DATA_CENTER_PATH = "/rest/api/2/search";
    private static final String UNEXPECTED = "unexpected answer from Jira search: ";

    public enum Deployment {
        CLOUD("Jira Cloud"),
        DATA_CENTER("Jira Data Center");

        private final String label;

        Deployment(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Deployment deployment;
    private final String jql;
    private final int pageSize;

    private JiraSearch(Deployment deployment, String jql, int pageSize) {
        this.deployment = deployment;
        this.jql = Objects.requireNonNull(jql, "jql");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be >= 1, got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public static JiraSearch cloud(String jql, int pageSize) {
        return new JiraSearch(Deployment.CLOUD, jql, pageSize);
    }

    public static JiraSearch dataCenter(String jql, int pageSize) {
        return new JiraSearch(Deployment.DATA_CENTER, jql, pageSize);
    }

    public Deployment deployment() {
        return deployment;
    }

    public String jql() {
        return jql;
    }

    public int pageSize() {
        return pageSize;
    }

    /** For the batch and the report, e.g. {@code Jira Cloud search 'project = ALPHA'}. */
    public String description() {
        return deployment.label() + " search '" + jql + "'";
    }

    public JiraRequest firstPage() {
        return deployment == Deployment.CLOUD ? cloudRequest(null) : dataCenterRequest(0);
    }

    /** The request for the page after {@code previous}, or empty when {@code previous} was the last. */
    public Optional<JiraRequest> nextPage(JiraPage previous) {
        if (deployment == Deployment.CLOUD) {
            String token = previous.nextPageToken();
            if (Boolean.TRUE.equals(previous.isLast()) || token == null || token.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(cloudRequest(token));
        }
        int returned = previous.issues().size();
        if (returned == 0) {
            return Optional.empty(); // no progress: stop rather than ask for the same page forever
        }
        if (previous.startAt() == null) {
            throw new SourceException(UNEXPECTED + "a Data Center page without startAt");
        }
        long next = (long) previous.startAt() + returned;
        if (previous.total() != null && next >= previous.total()) {
            return Optional.empty();
        }
        if (next > Integer.MAX_VALUE) {
            throw new SourceException(UNEXPECTED + "startAt beyond " + Integer.MAX_VALUE);
        }
        return Optional.of(dataCenterRequest((int) next));
    }

    /**
     * The preflight's one search: the first page with only each issue's project (which projects the
     * JQL spans; on Data Center also {@code total}). Same path and JQL as the sync's, so a JQL Jira
     * refuses is refused here the same way.
     */
    public JiraRequest projectsPage() {
        JiraRequest first = firstPage();
        Map<String, String> query = new LinkedHashMap<>(first.query());
        query.put("fields", "project");
        return new JiraRequest("GET", first.path(), Collections.unmodifiableMap(query));
    }

    /** Cloud's count of the issues a JQL selects (approximate; a JQL with no restriction is refused). */
    public JiraRequest approximateCount() {
        return new JiraRequest("POST", "/rest/api/3/search/approximate-count", null, Json.write(Map.of("jql", jql)));
    }

    /** The account the credentials sign in as (with its time zone). */
    public static JiraRequest myself(Deployment deployment) {
        return new JiraRequest("GET", deployment == Deployment.CLOUD ? "/rest/api/3/myself" : "/rest/api/2/myself", null);
    }

    private JiraRequest cloudRequest(String token) {
        Map<String, String> query = baseQuery();
        if (token != null) {
            query.put("nextPageToken", token);
        }
        return new JiraRequest("GET", CLOUD_PATH, Collections.unmodifiableMap(query));
    }

    private JiraRequest dataCenterRequest(int startAt) {
        Map<String, String> query = baseQuery();
        query.put("startAt", Integer.toString(startAt));
        return new JiraRequest("GET", DATA_CENTER_PATH, Collections.unmodifiableMap(query));
    }

    private Map<String, String> baseQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("jql", jql);
        query.put("fields", FIELDS);
        query.put("maxResults", Integer.toString(pageSize));
        return query;
    }

    /**
     * Parses one page of a successful (2xx) answer given as text (the route unmarshals it first and
     * calls {@link #parse(JsonNode)}; this is the same for a body at hand).
     *
     * @throws SourceException when the body is not JSON, or not a search answer
     */
    JiraPage parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw notJson(body);
        }
        return parse(root);
    }

    /** The answer was not JSON at all (an HTML page from a proxy, say). */
    public static SourceException notJson(String body) {
        return new SourceException(UNEXPECTED + ErrorText.summarize(body));
    }

    /**
     * Parses one page of a successful (2xx) answer.
     *
     * @throws SourceException when it is not a search answer (no {@code issues} array; for Data
     *         Center, no {@code startAt})
     */
    public JiraPage parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("issues").isArray()) {
            throw notJson(root == null ? null : root.toString());
        }
        String body = root.toString();
        List<JsonNode> issues = new ArrayList<>();
        root.get("issues").forEach(issues::add);
        JsonNode token = root.get("nextPageToken");
        JsonNode isLast = root.get("isLast");
        Integer startAt = integer(root, "startAt", body);
        Integer total = integer(root, "total", body);
        if (deployment == Deployment.DATA_CENTER && startAt == null) {
            throw new SourceException(UNEXPECTED + ErrorText.summarize(body));
        }
        return new JiraPage(issues,
                token != null && token.isTextual() && !token.asText().isEmpty() ? token.asText() : null,
                isLast != null && isLast.isBoolean() ? isLast.booleanValue() : null,
                startAt, total);
    }

    private static Integer integer(JsonNode root, String field, String body) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new SourceException(UNEXPECTED + ErrorText.summarize(body));
        }
        return node.intValue();
    }
}
