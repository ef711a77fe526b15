package io.toggltasksync.apply;

import io.toggltasksync.model.SourceTask;
import io.toggltasksync.model.TaskPayload;
import io.toggltasksync.model.TogglTask;
import io.toggltasksync.plan.BulkPatch;
import io.toggltasksync.plan.BulkPatches;
import io.toggltasksync.plan.Plan;
import io.toggltasksync.toggl.TogglPaths;
import io.toggltasksync.toggl.TogglRequest;

/**
 * One call of the apply phase and what it is for (exchange property {@value #PROPERTY}): each kind
 * carries its own subject, so accounting needs no cast, and the {@code toggl-write} route picks the
 * answer's type and its accounting by the call's type.
 */
public sealed interface WriteCall {

    String PROPERTY = "writeCall";

    TogglRequest request();

    default String describe() {
        return request().describe();
    }

    /** POST of a new task. */
    record Create(SourceTask record, TogglRequest request) implements WriteCall {
        static Create of(long workspaceId, SourceTask record) {
            return new Create(record, new TogglRequest("POST", TogglPaths.projectTasks(workspaceId, record.projectId()), null,
                    TaskPayload.of(record)));
        }
    }

    /** PUT of a rename or a re-estimate. */
    record Update(Plan.Update update, TogglRequest request) implements WriteCall {
        static Update of(long workspaceId, Plan.Update update) {
            TogglTask t = update.existing();
            return new Update(update, new TogglRequest("PUT", TogglPaths.task(workspaceId, t.projectId(), t.id()), null,
                    TaskPayload.of(update.desired())));
        }
    }

    /** DELETE of a managed task whose record is gone ({@code sync.missing=delete}). */
    record Delete(TogglTask task, TogglRequest request) implements WriteCall {
        static Delete of(long workspaceId, TogglTask task) {
            return new Delete(task, new TogglRequest("DELETE", TogglPaths.task(workspaceId, task.projectId(), task.id()), null, null));
        }
    }

    /** A bulk PATCH: active flips, or re-estimates that share a value. */
    record Patch(BulkPatch bulk, TogglRequest request) implements WriteCall {
        static Patch of(long workspaceId, BulkPatch bulk) {
            return new Patch(bulk, new TogglRequest("PATCH", TogglPaths.tasks(workspaceId, bulk.projectId(), bulk.taskIds()), null,
                    bulk.operations()));
        }
    }

    /** One page of a project's newest tasks, where creates refused for a taken name are looked for. */
    record Lookup(long projectId, TogglRequest request) implements WriteCall {
        static Lookup of(long workspaceId, long projectId, int perPage) {
            return new Lookup(projectId, TogglRequest.get(TogglPaths.workspaceTasks(workspaceId), TogglPaths.newestFirstQuery(projectId, perPage)));
        }
    }
}
