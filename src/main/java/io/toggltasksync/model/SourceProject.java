package io.toggltasksync.model;

/** A source record's project: its key and, when the source gives one (Jira: the project's name), its name; else null. */
public record SourceProject(String key, String name) {
}
