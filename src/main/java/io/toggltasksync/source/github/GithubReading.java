package io.toggltasksync.source.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.toggltasksync.config.ProjectResolver;
import io.toggltasksync.model.ProjectsToFind;
import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.source.github.GithubCursor.RepoCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One read of GitHub in progress (exchange property {@value #PROPERTY}): the repositories one after another, the
 * request next, the issues received, the rate limit's wait before the next request, and per repository what the next
 * read sends first ({@link GithubCursor}). Made by {@code githubSourceReader.begin} (or {@code beginIssue} for one
 * issue) and dropped with the exchange: one per read, not thread-safe.
 * <p>
 * The list is paged by page number, sorted by the last change: an issue changed while its repository is read moves to
 * the end, and the items behind it move one place up, so one of them may cross into a page already read and be missed.
 * What the read can see of that is an issue received twice: the repository is then read again from its first page,
 * once; a second time fails the read (nothing may be called missing from a partial read).
 */
public final class GithubReading {

    public static final String PROPERTY = "github";

    final GithubSettings settings;
    private final GithubCursor last;
    private final GithubIssueRef issue;
    private final GithubIssueMapper mapper;
    private final List<GithubRepo> repos;
    private int repoIndex;
    private Pass pass;
    /** The request to send next; null once every repository was read. */
    GithubRequest next;
    /** GitHub's time when the read began: the {@code Date} of its first answer (UNIX seconds). */
    private Long githubTime;
    long calls;
    private long position;
    private final List<SourceTask> tasks = new ArrayList<>();
    private final List<SourceRejection> rejections = new ArrayList<>();
    private final ProjectsToFind.Builder projects = new ProjectsToFind.Builder();
    private final Map<String, RepoCursor> cursors = new LinkedHashMap<>();
    private final List<String> unchanged = new ArrayList<>();
    private final List<String> readAgain = new ArrayList<>();
    private int pullRequests;
    private boolean anySince;
    private GithubIssueRead.Found found;
    /** The primary limit's wait before the next request (null: none), and when it was learned ({@link System#nanoTime}). */
    private GithubRateLimit limit;
    private long limitLearned;

    private GithubReading(GithubSettings settings, ProjectResolver resolver, GithubCursor last, GithubIssueRef issue) {
        this.settings = settings;
        this.last = last;
        this.issue = issue;
        this.mapper = new GithubIssueMapper(resolver);
        this.repos = issue == null ? settings.repos() : List.of(issue.repo());
        start(0);
    }

    /** One request alone (the preflight's): sent, classified, its answer left as the body; nothing is mapped. */
    private GithubReading(GithubSettings settings, GithubCall call) {
        this.settings = settings;
        this.last = null;
        this.issue = null;
        this.mapper = null;
        this.repos = List.of(call.repo());
        GithubRequest request = new GithubRequest(call.path(), null, null);
        pass = new Pass(call.repo(), request, 0);
        next = request;
    }

    static GithubReading call(GithubSettings settings, GithubCall call) {
        return new GithubReading(settings, call);
    }

    /** Every configured repository: whole ({@code last} null, or of other settings), or what changed since {@code last}. */
    static GithubReading list(GithubSettings settings, ProjectResolver resolver, GithubCursor last) {
        return new GithubReading(settings, resolver, last, null);
    }

    /** One issue. */
    static GithubReading issue(GithubSettings settings, ProjectResolver resolver, GithubIssueRef issue) {
        return new GithubReading(settings, resolver, null, issue);
    }

    boolean oneIssue() {
        return issue != null;
    }

    /** The repository being read. */
    GithubRepo repo() {
        return pass.repo;
    }

    private void start(int index) {
        repoIndex = index;
        if (index >= repos.size()) {
            pass = null;
            next = null;
            return;
        }
        GithubRepo repo = repos.get(index);
        GithubRequest first = issue != null ? GithubRequest.issue(repo, issue.number()) : GithubCursor.firstRequest(settings, repo, last);
        anySince |= GithubCursor.since(first) != null;
        pass = new Pass(repo, first, position);
        next = first;
    }

    /** An answer was served: its {@code Date} is GitHub's time of the read's beginning if it is the first to carry one. */
    void answered(Long date) {
        if (githubTime == null && date != null) {
            githubTime = date;
        }
    }

    /** The primary limit is spent after this answer: the next request waits (or the read stops) by {@link #waitForLimit}. */
    void limit(GithubRateLimit spent) {
        limit = spent;
        limitLearned = System.nanoTime();
    }

    /**
     * Before a request: waits out a spent limit that resets within {@code maxWait}.
     *
     * @throws GithubRateLimited when it resets later (or GitHub did not say when)
     */
    void waitForLimit(Duration maxWait) throws InterruptedException {
        if (limit == null) {
            return;
        }
        if (limit.waitSeconds() > maxWait.toSeconds()) {
            throw stop(limit);
        }
        long leftMs = limit.waitSeconds() * 1000 - (System.nanoTime() - limitLearned) / 1_000_000;
        limit = null;
        if (leftMs > 0) {
            Thread.sleep(leftMs);
        }
    }

    /** The stop of a limit beyond {@code github.rate-limit-max-wait}. */
    GithubRateLimited stop(GithubRateLimit spent) {
        String when = spent.waitSeconds() == GithubRateLimit.UNKNOWN ? "GitHub did not say when it resets (no Date to measure it against)"
                : "it resets in " + spent.waitSeconds() + " s, beyond github.rate-limit-max-wait (" + settings.rateLimitMaxWait().toSeconds() + " s)";
        return new GithubRateLimited(spent.waitSeconds(), "GitHub read stopped at " + pass.repo.key() + ": " + spent.why() + "; " + when
                + ": deferred to the next run");
    }

    /** The stop of a limit still there once the request's {@code github.max-retries} are spent. */
    GithubRateLimited stopAfterRetries(GithubRateLimit spent) {
        return new GithubRateLimited(spent.waitSeconds(), "GitHub read stopped at " + pass.repo.key() + ": " + spent.why()
                + "; still there once github.max-retries (" + settings.retry().maxRetries() + ") are spent: deferred to the next run");
    }

    /** 304 to the first request's {@code If-None-Match}: nothing changed in the repository. */
    void unchanged() {
        unchanged.add(pass.repo.key());
        cursors.put(pass.repo.key(), GithubCursor.after(settings, pass.repo, pass.first, new GithubCursor.Unchanged(), null));
        start(repoIndex + 1);
    }

    /** One issue's read found it gone (404, 410, 301). */
    void gone() {
        found = GithubIssueRead.Found.GONE;
        start(repoIndex + 1);
    }

    /**
     * A page of the list (or, for one issue, the issue), with the answer's {@code Link} and {@code ETag}.
     *
     * @throws SourceException when the answer is not the list GitHub sends, its next page lies elsewhere, or the
     *                         repository's list shifted twice while it was read
     */
    void accept(JsonNode answer, String link, String etag) {
        if (issue != null) {
            acceptIssue(answer);
            return;
        }
        if (answer == null || !answer.isArray()) {
            throw new SourceException("GitHub's answer for " + pass.repo.key() + "'s issues is not a list: is github.api-url ("
                    + settings.apiUrl() + ") GitHub's API (https://HOST/api/v3 for GitHub Enterprise Server)?");
        }
        pass.pages++;
        if (pass.pages == 1) {
            pass.firstPageItems = answer.size();
            pass.etag = etag;
        }
        for (JsonNode item : answer) {
            if (!pass.add(item)) {
                readAgain();
                return;
            }
        }
        String nextUrl = GithubLinks.next(link);
        if (nextUrl != null) {
            next = GithubLinks.request(settings.apiUrl(), nextUrl);
            return;
        }
        pass.commit();
        cursors.put(pass.repo.key(), GithubCursor.after(settings, pass.repo, pass.first,
                new GithubCursor.Read(pass.pages, pass.firstPageItems, pass.etag), githubTime));
        start(repoIndex + 1);
    }

    private void acceptIssue(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            throw new SourceException("GitHub's answer for " + pass.repo.key() + "#" + issue.number() + " is not an issue");
        }
        if (!hasLabels(answer, settings.labels())) {
            // the list asks GitHub for the labels (labels=...); one issue read by number must be held to them here
            found = GithubIssueRead.Found.NOT_SELECTED;
        } else {
            found = pass.add(answer) && pass.pullRequests == 0 ? GithubIssueRead.Found.ISSUE : GithubIssueRead.Found.PULL_REQUEST;
        }
        pass.commit();
        start(repoIndex + 1);
    }

    /** Whether the issue carries every label of {@code wanted} (GitHub's {@code labels=} filter: all of them, by name, any case). */
    static boolean hasLabels(JsonNode issue, List<String> wanted) {
        java.util.Set<String> has = new java.util.HashSet<>();
        for (JsonNode label : issue.path("labels")) {
            has.add((label.isTextual() ? label.asText() : label.path("name").asText("")).toLowerCase(java.util.Locale.ROOT));
        }
        return wanted.stream().allMatch(w -> has.contains(w.toLowerCase(java.util.Locale.ROOT)));
    }

    private void readAgain() {
        String key = pass.repo.key();
        if (readAgain.contains(key)) {
            throw new SourceException("GitHub's issue list of " + key + " shifted twice while it was read (issues changed meanwhile): "
                    + "nothing is decided missing from a partial read");
        }
        readAgain.add(key);
        position = pass.startPosition;
        pass = new Pass(pass.repo, pass.first, position);
        // the first pass was answered 200: a 304 now could only mean the page went back as it was, not "nothing changed"
        next = pass.first.ifNoneMatch(null);
    }

    /** Every repository was read: the batch. */
    SourceBatch batch() {
        String labels = settings.labels().isEmpty() ? "" : " with labels " + String.join(",", settings.labels());
        String what = issue != null ? "GitHub issue " + issue.repo().key() + "#" + issue.number()
                : "GitHub issues of " + repos.stream().map(GithubRepo::key).collect(Collectors.joining(", ")) + labels
                        + (anySince ? " (changed since the last read)" : "");
        return new SourceBatch(what, List.copyOf(tasks), List.copyOf(rejections), IdentityRule.NONE, projects.build(), mapper.namesCleaned());
    }

    /** What the read leaves besides its batch (a list's read). */
    GithubRead read() {
        return new GithubRead(!anySince && unchanged.isEmpty(), GithubCursor.of(settings, githubTime, cursors), calls, unchanged,
                pullRequests, readAgain);
    }

    /** What the read of one issue found. */
    GithubIssueRead issueRead() {
        return new GithubIssueRead(issue, found);
    }

    /** One repository's pass: kept apart until its last page, so that a pass read again leaves nothing of the first. */
    private final class Pass {
        final GithubRepo repo;
        final GithubRequest first;
        final long startPosition;
        int pages;
        int firstPageItems;
        String etag;
        int pullRequests;
        final Set<String> ids = new HashSet<>();
        final List<GithubIssueMapper.Accepted> accepted = new ArrayList<>();
        final List<SourceRejection> rejected = new ArrayList<>();

        Pass(GithubRepo repo, GithubRequest first, long startPosition) {
            this.repo = repo;
            this.first = first;
            this.startPosition = startPosition;
        }

        /** Maps one item; false when its id came before in this pass (the list shifted). */
        boolean add(JsonNode item) {
            position++;
            GithubIssueMapper.Result result = mapper.map(item, repo, position);
            String id = result instanceof GithubIssueMapper.Accepted a ? a.task().externalId()
                    : result instanceof GithubIssueMapper.Rejected r ? r.rejection().externalId()
                    : "pull request #" + ((GithubIssueMapper.PullRequest) result).number();
            if (id != null && !ids.add(id)) {
                return false;
            }
            if (result instanceof GithubIssueMapper.Accepted a) {
                accepted.add(a);
            } else if (result instanceof GithubIssueMapper.Rejected r) {
                rejected.add(r.rejection());
            } else {
                pullRequests++;
            }
            return true;
        }

        void commit() {
            for (GithubIssueMapper.Accepted a : accepted) {
                tasks.add(a.task());
                projects.task(a.task(), a.project());
            }
            rejections.addAll(rejected);
            GithubReading.this.pullRequests += pullRequests;
        }
    }
}
