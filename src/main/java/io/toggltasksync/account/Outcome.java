package io.toggltasksync.account;

/** How a source record, or a managed task without a record, ended. */
public enum Outcome {
    CREATED, UPDATED, ACTIVATED, DEACTIVATED, DELETED, UNCHANGED, KEPT, REJECTED, FAILED, DEFERRED
}
