package io.toggltasksync.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What Toggl does in this workspace where its documentation is silent, as {@code --check --probe}
 * or a run found out; null where nobody has looked yet.
 *
 * @param keepsIntegrationFields whether a created task keeps the {@code integration_*} fields sent
 * @param patchesEstimates whether a bulk PATCH of {@code /estimated_seconds} is applied
 * @param sinceListsDeleted whether {@code since} lists a task deleted after it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceTraits(
        @JsonProperty("keeps_integration_fields") Boolean keepsIntegrationFields,
        @JsonProperty("patches_estimates") Boolean patchesEstimates,
        @JsonProperty("since_lists_deleted") Boolean sinceListsDeleted) {

    public static final WorkspaceTraits UNKNOWN = new WorkspaceTraits(null, null, null);

    /** These, with what {@code newer} found out on top. */
    public WorkspaceTraits with(WorkspaceTraits newer) {
        return newer == null ? this : new WorkspaceTraits(
                newer.keepsIntegrationFields != null ? newer.keepsIntegrationFields : keepsIntegrationFields,
                newer.patchesEstimates != null ? newer.patchesEstimates : patchesEstimates,
                newer.sinceListsDeleted != null ? newer.sinceListsDeleted : sinceListsDeleted);
    }

    /** Whether a bulk PATCH of estimates is known to be refused here (then runs send PUTs at once). */
    public boolean estimatesRefused() {
        return Boolean.FALSE.equals(patchesEstimates);
    }
}
