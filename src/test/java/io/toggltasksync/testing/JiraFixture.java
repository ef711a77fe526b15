package io.toggltasksync.testing;

import java.util.Arrays;

/** A Jira Cloud as tests fake it (WireMock): the search path, issue JSON, answer pages, and the settings of a mirror. */
public final class JiraFixture {

    public static final String CLOUD = "/rest/api/3/search/jql";
    public static final String JIRA_TOKEN = "jira-secret-token-987654";

    private JiraFixture() {
    }

    /** The settings of a Jira Cloud mirror of {@code jql} on the WireMock Jira at {@code url}. */
    public static String[] cloudSettings(String url, String jql, int pageSize) {
        return new String[] {"sync.source=jira", "jira.url=" + url, "jira.user=me@acme.test", "jira.token=" + JIRA_TOKEN,
                "jira.jql=" + jql, "jira.page-size=" + pageSize};
    }

    /** The settings of a Jira Data Center mirror (a personal access token, no user) of {@code jql} on the WireMock Jira at {@code url}. */
    public static String[] dataCenterSettings(String url, String jql, int pageSize) {
        return new String[] {"sync.source=jira", "jira.deployment=datacenter", "jira.url=" + url, "jira.token=" + JIRA_TOKEN,
                "jira.jql=" + jql, "jira.page-size=" + pageSize};
    }

    public static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** One issue as the search answers it (the fields the mirror asks for). */
    public static String issue(String key, String summary, String category, String resolution, Long estimate) {
        String project = key.substring(0, key.indexOf('-'));
        return "{\"id\":\"1" + key.hashCode() + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"" + summary + "\","
                + "\"status\":{\"name\":\"x\",\"statusCategory\":{\"key\":\"" + category + "\"}},"
                + "\"resolution\":" + (resolution == null ? "null" : "{\"name\":\"" + resolution + "\"}") + ","
                + "\"timeoriginalestimate\":" + estimate + ",\"project\":{\"key\":\"" + project + "\"}}}";
    }

    /** A Data Center search page: {@code issues} from {@code startAt} of the {@code total} the search selects. */
    public static String dataCenterPage(int startAt, int total, String... issues) {
        return "{\"startAt\":" + startAt + ",\"maxResults\":" + Math.max(1, issues.length) + ",\"total\":" + total
                + ",\"issues\":[" + String.join(",", issues) + "]}";
    }

    /** A last (or only) Cloud search page of these issues. */
    public static String page(String... issues) {
        return "{\"issues\":[" + String.join(",", issues) + "],\"isLast\":true}";
    }
}
