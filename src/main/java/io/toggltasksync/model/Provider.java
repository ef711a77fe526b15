package io.toggltasksync.model;

/** Where a record comes from; the values are what we write into Toggl's integration fields. */
public enum Provider {
    JIRA("jira", "issue"),
    CSV("csv", "row");

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

    public static Provider fromId(String id) {
        for (Provider p : values()) {
            if (p.id.equalsIgnoreCase(id)) {
                return p;
            }
        }
        return null;
    }
}
