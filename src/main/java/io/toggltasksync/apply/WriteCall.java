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
 * carries its own subject, so accounting needs no cast.
 */
public sealed interface WriteCall {

    String PROPERTY = "writeCall";

    TogglRequest request();

    /** For the {@code toggl-write} route's choice of answer type: CREATE, UPDATE, DELETE, PATCH or LOOKUP. */
    String kind();

    default String describe() {
        return request().describe();
    }

    /** POST of a new task. */
    record Create(SourceTask record, TogglRequest request) implements WriteCall {
        static Create of(long workspaceId, SourceTask record) {
            return new Create(record, new TogglRequest("POST", TogglPaths.projectTasks(workspaceId, record.projectId()), null,
                    TaskPayload.of(record)));
        }

        @Override
        public String kind() {
            return "CREATE";
        }
    }

    /** PUT of a rename or a re-estimate. */
    record Update(Plan.Update update, TogglRequest request) implements WriteCall {
        static Update of(long workspaceId, Plan.Update update) {
            TogglTask t = update.existing();
            return new Update(update, new TogglRequest("PUT", TogglPaths.task(workspaceId, t.projectId(), t.id()), null,
                    TaskPayload.of(update.desired())));
        }

        @Override
        public String kind() {
            return "UPDATE";
        }
    }

    /** DELETE of a managed task whose record is gone ({@code sync.missing=delete}). */
    record Delete(TogglTask task, TogglRequest request) implements WriteCall {
        static Delete of(long workspaceId, TogglTask task) {
            return new Delete(task, new TogglRequest("DELETE", TogglPaths.task(workspaceId, task.projectId(), task.id()), null, null));
        }

        @Override
        public String kind() {
            return "DELETE";
        }
    }

    /** A bulk PATCH: active flips, or re-estimates that share a value. */
    record Patch(BulkPatch bulk, TogglRequest request) implements WriteCall {
        static Patch of(long workspaceId, BulkPatch bulk) {
            return new Patch(bulk, new TogglRequest("PATCH", TogglPaths.tasks(workspaceId, bulk.projectId(), bulk.taskIds()), null,
                    bulk.operations()));
        }

        @Override
        public String kind() {
            return "PATCH";
        }
    }

    /** One page of a project's newest tasks, where creates refused for a taken name are looked for. */
    record Lookup(long projectId, TogglRequest request) implements WriteCall {
        static Lookup of(long workspaceId, long projectId, int perPage) {
            return new Lookup(projectId, TogglRequest.get(TogglPaths.workspaceTasks(workspaceId), TogglPaths.newestFirstQuery(projectId, perPage)));
        }

        @Override
        public String kind() {
            return "LOOKUP";
        }
    }
}
