package io.toggltasksync.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A source's identity rule, given with its batch: how a Toggl task without integration fields (Toggl
 * may not keep them) is still known as one of the source's records, by the key that leads its name
 * ({@code ABC-12 Title} is the record {@code ABC-12} when the rule claims the project key {@code ABC}).
 * The planner asks it and knows no tracker; a source whose names carry no such key gives {@link #NONE}.
 * Pure.
 *
 * @param provider whose records the claimed names are; null for {@link #NONE}
 * @param keys the project keys whose names it claims
 */
public record IdentityRule(Provider provider, Set<String> keys) {

    /** Claims no name: a task without integration fields is then never managed (a CSV record may still adopt it by name). */
    public static final IdentityRule NONE = new IdentityRule(null, Set.of());

    public IdentityRule {
        // sorted: the same keys print, compare and serialise alike whatever order they were seen in
        keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }

    /** The rule of {@code provider} claiming the names led by keys of these projects. */
    public static IdentityRule leadingKeys(Provider provider, Collection<String> projectKeys) {
        return projectKeys.isEmpty() ? NONE : new IdentityRule(provider, new TreeSet<>(projectKeys));
    }

    /** The identity of the record whose task has this name, null when the rule does not claim it. */
    public String identityOf(String taskName) {
        if (provider == null) {
            return null;
        }
        String key = Identity.leadingIssueKey(taskName);
        return key != null && keys.contains(Identity.projectKeyOf(key)) ? Identity.of(provider, key) : null;
    }

    /** This rule also claiming the names of these records' keys (of {@code provider}: with {@link #NONE}, the rule starts). */
    public IdentityRule andKeysOf(Provider recordsProvider, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return this;
        }
        TreeSet<String> all = new TreeSet<>(keys);
        externalIds.forEach(id -> all.add(Identity.projectKeyOf(id)));
        return new IdentityRule(provider == null ? recordsProvider : provider, all);
    }
}
