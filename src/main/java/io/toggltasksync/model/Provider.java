package io.toggltasksync.model;

/**
 * Where a record comes from; the values are what we write into Toggl's integration fields. The
 * exports of other trackers carry a {@code csv-} prefix: Toggl's own integrations write plain
 * provider names (its Asana integration {@code asana}), so the tasks a migration makes are never
 * taken for theirs, nor theirs for ours. {@code jira} and {@code csv} stay as earlier versions wrote them.
 */
public enum Provider {
    JIRA("jira", "issue"),
    CSV("csv", "row"),
    ASANA_CSV("csv-asana", "task"),
    LINEAR_CSV("csv-linear", "issue"),
    GITHUB_PROJECTS_CSV("csv-github-projects", "item"),
    GITHUB("github", "issue");

    private final String id;
    private final String extType;

    Provider(String id, String extType) {
        this.id = id;
        this.extType = extType;
    }

    /** Value of {@code integration_provider}. */
    public String id() {
        return id;
    }

    /** Value of {@code integration_ext_type}. */
    public String extType() {
        return extType;
    }

    /**
     * Whether a task without integration fields (Toggl may not keep them) becomes this provider's
     * record when its name is the record's exact name: every CSV record; a Jira issue is known by
     * the issue key that leads the name instead.
     */
    public boolean adoptsByName() {
        return this != JIRA;
    }

    public static Provider fromId(String id) {
        for (Provider p : values()) {
            if (p.id.equalsIgnoreCase(id)) {
                return p;
            }
        }
        return null;
    }
}
