package io.toggltasksync.source.github;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a GitHub read leaves for the next (opaque to the run's core, kept in the sync state as JSON through
 * {@code support.Json}): GitHub's clock when the read began, the settings its queries were made with, and per
 * repository the exact URL of the first page the next read sends, with the {@code ETag} GitHub gave it (if any).
 * <p>
 * <b>How {@code since} is chosen.</b> An {@code ETag} belongs to its exact URL, so a {@code since} that moved every run
 * would never earn a 304. A repository's query is kept (the same {@code since}, the same URL) while its answer fits on
 * one page with room to spare (fewer items than {@code per_page}): the list is sorted oldest change first, so any issue
 * changed after that answer (updated at or after {@code since}) is in the list again and changes that page, and an
 * unchanged page means nothing changed (a 304, which costs no rate limit). Once an answer needs a second page (or
 * fills the first), a change could land on a page the 304 does not cover: the next {@code since} moves to GitHub's
 * time when this read began, less {@link #OVERLAP}, and the next read sends that new URL without an ETag (one call,
 * few items), whose answer is kept again. Pure: every decision here is a function of its arguments.
 *
 * @param githubTime GitHub's time when the read began (the {@code Date} of its first answer, UNIX seconds); null when no
 *                   answer carried one
 * @param query      {@link GithubSettings#queryFingerprint()} of the read
 * @param repos      by {@code owner/repo}: what the next read sends first
 */
public record GithubCursor(Long githubTime, String query, Map<String, RepoCursor> repos) {

    /** The exchange property that carries the last read's cursor into a read (absent or null: a whole read). */
    public static final String PROPERTY = "githubCursor";
    /** Subtracted from GitHub's time when {@code since} moves: an issue saved as the read began, and clocks of GitHub's servers a little apart. */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    /**
     * @param since the kept {@code since} (ISO-8601, GitHub's clock), null: the repository's whole list
     * @param url   the exact URL of the first page the next read sends
     * @param etag  the {@code ETag} of that URL's last answer; null when the next read must not send {@code If-None-Match}
     */
    public record RepoCursor(String since, String url, String etag) {
    }

    public GithubCursor {
        repos = repos == null ? Map.of() : Map.copyOf(repos);
    }

    /**
     * The first request of {@code repo} for a read after {@code last} (null: a whole read): the kept query, with its ETag
     * when the URL is still the one kept; every issue when the cursor is of other settings or has no word of the repository.
     */
    static GithubRequest firstRequest(GithubSettings settings, GithubRepo repo, GithubCursor last) {
        RepoCursor kept = usable(settings, last) ? last.repos.get(repo.key()) : null;
        Instant since = kept == null ? null : parse(kept.since());
        if (kept != null && kept.since() != null && since == null) {
            kept = null; // a since that is no time (a state edited by hand): that repository is read whole
        }
        GithubRequest request = GithubRequest.firstPage(settings, repo, since);
        boolean sameUrl = kept != null && kept.etag() != null && request.url(settings.apiUrl()).equals(kept.url());
        return sameUrl ? request.ifNoneMatch(kept.etag()) : request;
    }

    private static Instant parse(String since) {
        try {
            return since == null ? null : Instant.parse(since);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Whether {@code last} was made by queries these settings would send (the same site, labels and page size). */
    static boolean usable(GithubSettings settings, GithubCursor last) {
        return last != null && settings.queryFingerprint().equals(last.query());
    }

    /** The {@code since} of a first request (null: none). */
    static Instant since(GithubRequest first) {
        if (first.query() == null) {
            return null;
        }
        for (String part : first.query().split("&")) {
            if (part.startsWith("since=")) {
                return Instant.parse(java.net.URLDecoder.decode(part.substring(6), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    /** How one repository's read went. */
    sealed interface RepoOutcome permits Unchanged, Read {
    }

    /** 304: its first page is as the kept ETag says. */
    record Unchanged() implements RepoOutcome {
    }

    /**
     * Read with 200s.
     *
     * @param pages          pages read (of the last pass)
     * @param firstPageItems items of the first page (pull requests included: they fill pages too)
     * @param etag           the first page's {@code ETag}, null when GitHub gave none
     */
    record Read(int pages, int firstPageItems, String etag) implements RepoOutcome {
    }

    /**
     * What the next read sends first for {@code repo}, after this read sent {@code first} and got {@code outcome};
     * {@code githubTime} is GitHub's time when this read began (null: unknown, then {@code since} does not move).
     */
    static RepoCursor after(GithubSettings settings, GithubRepo repo, GithubRequest first, RepoOutcome outcome, Long githubTime) {
        Instant since = since(first);
        String url = first.url(settings.apiUrl());
        if (outcome instanceof Unchanged) {
            return new RepoCursor(text(since), url, first.ifNoneMatch());
        }
        Read read = (Read) outcome;
        if (read.pages() == 1 && read.firstPageItems() < settings.pageSize() && read.etag() != null) {
            // any later change comes back on this very page: keep the query, earn a 304 while nothing changes
            return new RepoCursor(text(since), url, read.etag());
        }
        if (githubTime == null) {
            // no Date to move it by: the same since again (more to read, nothing missed)
            return new RepoCursor(text(since), url, null);
        }
        Instant moved = Instant.ofEpochSecond(githubTime).minus(OVERLAP);
        if (since != null && moved.isBefore(since)) {
            moved = since;
        }
        return new RepoCursor(moved.toString(), GithubRequest.firstPage(settings, repo, moved).url(settings.apiUrl()), null);
    }

    /** The cursor of a read of {@code settings} that began at {@code githubTime}, with each repository's next first request. */
    static GithubCursor of(GithubSettings settings, Long githubTime, Map<String, RepoCursor> repos) {
        return new GithubCursor(githubTime, settings.queryFingerprint(), new LinkedHashMap<>(repos));
    }

    private static String text(Instant since) {
        return since == null ? null : since.toString();
    }
}
