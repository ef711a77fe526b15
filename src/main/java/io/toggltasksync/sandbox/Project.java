package io.toggltasksync.sandbox;

/** A project the sandbox knows; its workspace exists because it does. */
record Project(long workspaceId, long id, String name) {
}
