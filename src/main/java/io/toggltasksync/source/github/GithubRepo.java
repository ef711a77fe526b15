package io.toggltasksync.source.github;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One repository of {@code github.repos}: {@code owner/name}, as GitHub spells them. Its key {@code owner/name} is the
 * source project key ({@code toggl.project-map}, matching); its name is the source project's name.
 */
public record GithubRepo(String owner, String name) {

    // GitHub's rules: an owner is letters, digits and single hyphens (at most 39); a repository letters, digits, '.', '_', '-'
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** {@code owner/name}, trimmed; the IllegalArgumentException says what is wrong. */
    public static GithubRepo parse(String raw) {
        String text = raw.trim();
        int slash = text.indexOf('/');
        String owner = slash < 0 ? "" : text.substring(0, slash);
        String name = slash < 0 ? "" : text.substring(slash + 1);
        if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("expected owner/repo (e.g. octo-org/api), got '" + text + "'");
        }
        return new GithubRepo(owner, name);
    }

    /** {@code owner/name}: the source project key. */
    public String key() {
        return owner + "/" + name;
    }

    /** GitHub's names are not case-sensitive: the same repository however it is spelled. */
    String sameAs() {
        return key().toLowerCase(Locale.ROOT);
    }

    /** The path of its issues, below the API base. */
    String issuesPath() {
        return "/repos/" + owner + "/" + name + "/issues";
    }

    @Override
    public String toString() {
        return key();
    }
}
