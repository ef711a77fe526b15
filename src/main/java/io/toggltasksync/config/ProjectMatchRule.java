package io.toggltasksync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code toggl.project-match}: the names a Toggl project may have to be taken for a Jira project without a
 * {@code toggl.project-map} entry, tried in order: {@code key} (the Jira key itself), {@code name-key}
 * ({@code <Jira project name> (<KEY>)}). {@code off} (no forms) keeps the map-only behaviour.
 */
public record ProjectMatchRule(List<Form> forms) {

    public static final String DEFAULT = "key,name-key";

    /** One way a Toggl project's name may be derived from a Jira project. */
    public enum Form {
        KEY("key"),
        NAME_KEY("name-key");

        final String word;

        Form(String word) {
            this.word = word;
        }

        /** The Toggl name this form expects for a Jira project, or null when the project lacks what it needs. */
        String expectedName(String key, String name) {
            if (this == KEY) {
                return key;
            }
            return name == null || name.isBlank() ? null : name.trim() + " (" + key + ")";
        }
    }

    public ProjectMatchRule {
        forms = List.copyOf(forms);
    }

    /**
     * The name of a project made for a source project, so that the {@code name-key} form finds it again:
     * {@code <name> (<KEY>)}, or the key alone when the source gives no name.
     */
    public static String madeName(String key, String name) {
        String named = Form.NAME_KEY.expectedName(key, name);
        return named == null ? key : named;
    }

    public boolean off() {
        return forms.isEmpty();
    }

    /** Reads the setting; an unknown or repeated word is bad configuration, named in the message. */
    public static ProjectMatchRule parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("toggl.project-match is empty: use 'off' or a list of key, name-key");
        }
        if (v.equals("off")) {
            return new ProjectMatchRule(List.of());
        }
        List<Form> forms = new ArrayList<>();
        for (String word : v.split(",")) {
            Form form = null;
            for (Form f : Form.values()) {
                if (f.word.equals(word.trim())) {
                    form = f;
                }
            }
            if (form == null) {
                throw new IllegalArgumentException("toggl.project-match: unknown '" + word.trim()
                        + "' (use 'off' or a list of key, name-key)");
            }
            if (forms.contains(form)) {
                throw new IllegalArgumentException("toggl.project-match: '" + form.word + "' given twice");
            }
            forms.add(form);
        }
        return new ProjectMatchRule(forms);
    }

    @Override
    public String toString() {
        if (off()) {
            return "off";
        }
        List<String> words = new ArrayList<>();
        forms.forEach(f -> words.add(f.word));
        return String.join(",", words);
    }
}
