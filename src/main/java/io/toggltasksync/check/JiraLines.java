package io.toggltasksync.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.source.jira.JiraSettings;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.source.jira.JiraPage;
import io.toggltasksync.source.jira.JiraSearch;
import io.toggltasksync.source.SourceException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Jira lines of the checklist: the sign-in (whose account, its time zone), the JQL (valid, how many
 * issues), and the projects it spans with the Toggl project each goes to. Jira's own error text comes
 * through {@code JiraErrors}, which masks credentials.
 */
final class JiraLines {

    static final String AREA = "Jira";

    private JiraLines() {
    }

    /** The reads of a Jira source: who signs in, then one search page of projects (and on Cloud, maybe a count). */
    static void queue(CheckRun run) {
        JiraSettings jira = JiraSettings.of(run.settings());
        JiraSearch search = search(jira);
        run.queue(CheckCall.jira(Kind.JIRA_MYSELF, JiraSearch.myself(search.deployment())));
        run.queue(CheckCall.jira(Kind.JIRA_PROJECTS, search.projectsPage()));
    }

    static JiraSearch search(JiraSettings jira) {
        return jira.cloud() ? JiraSearch.cloud(jira.jql(), jira.pageSize()) : JiraSearch.dataCenter(jira.jql(), jira.pageSize());
    }

    static void answered(CheckRun run, CheckCall call, JsonNode answer) {
        JiraSettings jira = JiraSettings.of(run.settings());
        switch (call.kind()) {
            case JIRA_MYSELF -> {
                String email = answer.path("emailAddress").asText("");
                String zone = answer.path("timeZone").asText("");
                run.add(CheckLine.passed(AREA, "sign-in", "as " + answer.path("displayName").asText("(no name)")
                        + (email.isBlank() ? "" : " <" + email + ">") + ", time zone " + (zone.isBlank() ? "not shown" : zone)
                        + " (Jira reads dates in a JQL in this zone)"));
            }
            case JIRA_PROJECTS -> projects(run, jira, search(jira).parse(answer));
            case JIRA_COUNT -> {
                JsonNode count = answer.path("count");
                if (!count.canConvertToLong()) {
                    throw new SourceException("unexpected answer from Jira's count: no count");
                }
                run.records = count.longValue();
                run.recordsApproximate = true;
                jqlLine(run, "about " + run.records + " issue(s) (Jira Cloud's approximate count)");
            }
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    private static void projects(CheckRun run, JiraSettings jira, JiraPage page) {
        Map<String, SourceProject> keys = new TreeMap<>();
        page.issues().forEach(i -> {
            String key = i.path("fields").path("project").path("key").asText("");
            if (!key.isBlank()) {
                keys.putIfAbsent(key, new SourceProject(key, i.path("fields").path("project").path("name").asText("")));
            }
        });
        boolean all = jira.cloud() ? Boolean.TRUE.equals(page.isLast()) || page.nextPageToken() == null
                : page.total() != null && page.total() <= page.issues().size();
        if (!jira.cloud()) {
            if (page.total() == null) {
                run.add(CheckLine.warning(AREA, "JQL", "'" + jira.jql() + "' is valid, but Jira's answer has no total",
                        "the plan's cost below cannot be worked out; a sync still reads every page"));
            } else {
                run.records = page.total().longValue();
                jqlLine(run, run.records + " issue(s)");
            }
        } else if (all) {
            run.records = (long) page.issues().size();
            jqlLine(run, run.records + " issue(s)");
        } else {
            // Cloud's search has no total: one count call more
            run.queue(CheckCall.jira(Kind.JIRA_COUNT, search(jira).approximateCount()));
        }
        if (keys.isEmpty()) {
            return;
        }
        ProjectLines.found(run, AREA, List.copyOf(keys.values()), all ? "" : " (among the first " + page.issues().size() + " issues)");
    }

    private static void jqlLine(CheckRun run, String selects) {
        String jql = "'" + JiraSettings.of(run.settings()).jql() + "'";
        if (run.records == 0) {
            run.add(CheckLine.warning(AREA, "JQL", jql + " is valid but selects no issues",
                    "try it in Jira's issue search as the same user; a sync of an empty selection finds every mirrored task gone "
                            + "(the guard then refuses to deactivate them)"));
        } else {
            run.add(CheckLine.passed(AREA, "JQL", jql + " is valid and selects " + selects));
        }
    }

    static void failed(CheckRun run, CheckCall call, Throwable e) {
        JiraSettings jira = JiraSettings.of(run.settings());
        String why = e instanceof SourceException ? e.getMessage() : TogglLines.describe(e);
        if (!(e instanceof SourceException)) {
            run.skip(CheckCall::isJira);
            run.add(CheckLine.failed(AREA, "site", "unreachable or failing: " + why, "check jira.url (JIRA_URL) and the network"));
            return;
        }
        switch (call.kind()) {
            case JIRA_MYSELF -> {
                run.skip(CheckCall::isJira);
                run.add(CheckLine.failed(AREA, "sign-in", why, jira.cloud()
                        ? "Cloud signs in with JIRA_USER = the account's email and JIRA_TOKEN = an API token (not the password)"
                        : "Data Center: JIRA_TOKEN = a personal access token with JIRA_USER empty (Bearer), or user and password"));
            }
            case JIRA_PROJECTS -> run.add(CheckLine.failed(AREA, "JQL", "'" + jira.jql() + "': " + why,
                    "fix the JQL (try it in Jira's issue search); Jira Cloud refuses a JQL without a restriction such as project = KEY"));
            case JIRA_COUNT -> run.add(CheckLine.warning(AREA, "JQL", "'" + jira.jql() + "' is valid, but Jira would not count its issues: "
                    + why, "the plan's cost below cannot be worked out; a sync still reads every page"));
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }
}
