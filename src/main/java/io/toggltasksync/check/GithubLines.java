package io.toggltasksync.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.check.CheckCall.Kind;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.source.github.GithubCall;
import io.toggltasksync.source.github.GithubRepo;
import io.toggltasksync.source.github.GithubSettings;
import java.time.Instant;
import java.util.List;

/**
 * The GitHub lines of the checklist: the token ({@code GET /rate_limit}: it needs no scope, so any valid token passes,
 * and it costs none of the limit), the rate limit left, each repository readable ({@code GET /repos/{owner}/{repo}}),
 * and the projects the repositories go to, matched as a sync matches them. GitHub's own error text comes masked
 * through {@code GithubSourceReader}.
 */
final class GithubLines {

    static final String AREA = "GitHub";

    private GithubLines() {
    }

    /** The token and the limit, each repository, then the projects line (which may read the workspace's projects). */
    static void queue(CheckRun run) {
        GithubSettings github = GithubSettings.of(run.settings());
        run.queue(CheckCall.github(Kind.GITHUB_RATE_LIMIT, GithubCall.rateLimit(github)));
        for (GithubRepo repo : github.repos()) {
            run.queue(CheckCall.github(Kind.GITHUB_REPO, GithubCall.repository(repo)));
        }
        List<SourceProject> projects = github.repos().stream().map(r -> new SourceProject(r.key(), r.name())).toList();
        ProjectLines.found(run, AREA, projects, "");
    }

    static void answered(CheckRun run, CheckCall call, JsonNode answer) {
        GithubSettings github = GithubSettings.of(run.settings());
        switch (call.kind()) {
            case GITHUB_RATE_LIMIT -> {
                run.add(CheckLine.passed(AREA, "token", "accepted by " + github.apiUrl()
                        + " (GET /rate_limit, which needs no scope; each repository's line below says what it may read)"));
                JsonNode core = answer.path("resources").path("core");
                if (!core.path("remaining").canConvertToLong()) {
                    throw new SourceException("GitHub's /rate_limit has no resources.core.remaining");
                }
                long left = core.path("remaining").longValue();
                String resets = core.path("reset").canConvertToLong() ? ", resets at " + Instant.ofEpochSecond(core.path("reset").longValue()) : "";
                String said = left + " of " + core.path("limit").asText("?") + " requests left this hour" + resets;
                int repos = github.repos().size();
                if (left < repos) {
                    run.add(CheckLine.warning(AREA, "rate limit", said, "a sync needs at least one request per repository (" + repos
                            + "); it stops and defers (exit 1) until the limit resets"));
                } else {
                    run.add(CheckLine.passed(AREA, "rate limit", said));
                }
            }
            case GITHUB_REPO -> {
                String key = call.github().repo().key();
                String visibility = answer.path("private").asBoolean(false) ? "private" : "public";
                if (!answer.path("has_issues").asBoolean(true)) {
                    run.add(CheckLine.failed(AREA, key, "readable (" + visibility + "), but its issues are turned off",
                            "remove it from github.repos (GITHUB_REPOS): a sync stops with exit 2 on it"));
                } else {
                    run.add(CheckLine.passed(AREA, key, "readable (" + visibility + ", " + answer.path("open_issues_count").asLong(0)
                            + " open issues and pull requests)"));
                }
            }
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }

    static void failed(CheckRun run, CheckCall call, Throwable e) {
        String why = e instanceof SourceException ? e.getMessage() : TogglLines.describe(e);
        if (!(e instanceof SourceException)) {
            run.skip(CheckCall::isGithub);
            run.add(CheckLine.failed(AREA, "site", "unreachable or failing: " + why,
                    "check github.api-url (GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3) and the network"));
            return;
        }
        switch (call.kind()) {
            case GITHUB_RATE_LIMIT -> {
                run.skip(CheckCall::isGithub);
                run.add(CheckLine.failed(AREA, "token", why, "set github.token (GITHUB_TOKEN) to a token that can read the repositories' "
                        + "issues (fine-grained: Issues read-only; classic: repo, or public_repo for public repositories)"));
            }
            case GITHUB_REPO -> run.add(CheckLine.failed(AREA, call.github().repo().key(), why,
                    "check github.repos (GITHUB_REPOS) and which repositories the token may read; a sync stops with exit 2 on it"));
            default -> throw new IllegalArgumentException(call.kind().name());
        }
    }
}
