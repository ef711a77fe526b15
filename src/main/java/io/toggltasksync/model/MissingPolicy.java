package io.toggltasksync.model;

import java.util.Locale;

/** What happens to a managed task whose source record is gone ({@code sync.missing}). */
public enum MissingPolicy {
    DEACTIVATE, DELETE, KEEP;

    public static MissingPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be deactivate, delete or keep, got '" + value + "'");
        }
    }
}
