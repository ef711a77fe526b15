package io.toggltasksync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness in long-running mode: up while the app can run syncs, with the last run's outcome as
 * data. A failed run does not make the pod unready (the next run retries; metrics and logs show it).
 */
@Readiness
@ApplicationScoped
public class SyncHealth implements HealthCheck {

    @Inject
    SyncService service;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("toggl-task-sync").up();
        SyncService.LastRun last = service.lastRun();
        if (last == null) {
            builder.withData("last_run", "none yet");
        } else {
            builder.withData("last_run_started", last.started().toString());
            builder.withData("last_run_exit_code", last.exitCode());
        }
        return builder.build();
    }
}
