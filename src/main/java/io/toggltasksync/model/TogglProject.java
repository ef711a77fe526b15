package io.toggltasksync.model;

/** A project of the Toggl workspace as its project list shows it; {@code active} false means archived. */
public record TogglProject(long id, String name, boolean active) {
}
