package io.toggltasksync;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.toggltasksync.check.CheckService;
import io.toggltasksync.config.CheckSettings;
import io.toggltasksync.config.CommandLine;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.ConfigLookup;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.sandbox.SandboxLauncher;
import io.toggltasksync.source.SourceRegistry;
import io.toggltasksync.sync.ExitCode;
import io.toggltasksync.sync.SyncService;
import io.toggltasksync.webhook.GithubWebhook;
import io.toggltasksync.webhook.JiraWebhook;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The entry point: one sync with the configured settings, exiting with its {@link ExitCode}, or
 * with {@code SYNC_SCHEDULE} a sync on every tick until SIGTERM.
 */
@QuarkusMain
public class SyncMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(SyncMain.class);

    @Inject
    SyncService service;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    Scheduler scheduler;

    @Inject
    ConfigLookup config;

    @Inject
    CheckService checks;

    @Inject
    JiraWebhook webhook;

    @Inject
    GithubWebhook githubWebhook;

    @Inject
    SourceRegistry sources;

    /**
     * Long-running mode, until SIGTERM: a sync on every tick of the cron expression, never two at
     * once (a tick that comes while the previous tick's run is still going is skipped), and/or the
     * Jira webhook receiver, whose events never write while a run does.
     */
    private int runLongRunning(SyncSettings settings, WorklogSettings worklogs) {
        String cron = settings.run().schedule();
        if (cron != null) {
            try {
                scheduler.newJob("toggl-task-sync")
                        .setCron(cron)
                        .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                        .setTask(execution -> service.runScheduled(settings, worklogs))
                        .schedule();
            } catch (RuntimeException e) {
                System.err.println("toggl-task-sync: configuration error: sync.schedule (SYNC_SCHEDULE) '" + cron + "' is not a valid "
                        + "cron expression (" + e.getMessage() + "); Quartz syntax with seconds first, e.g. '0 */15 * * * ?'");
                return ExitCode.CANNOT_RUN;
            }
            LOG.infof("Scheduled mode: syncing on '%s'", cron);
        }
        if (settings.webhook() != null) {
            if (settings.source().equals("github")) {
                githubWebhook.open(settings);
            } else {
                webhook.open(settings);
            }
            if (cron == null) {
                LOG.warn(webhookTitle(settings) + " webhooks without SYNC_SCHEDULE: events that are lost or deferred (quota spent, no sync state yet) wait "
                        + "for a run you start; a schedule is the safety net");
            }
        }
        boolean http = config.apply("quarkus.http.host-enabled").map(Boolean::parseBoolean).orElse(true);
        if (!http) {
            LOG.warn("QUARKUS_HTTP_HOST_ENABLED=false: no health, metrics" + (settings.webhook() != null ? " or " + webhookTitle(settings) + " webhooks" : "")
                    + " over HTTP");
        } else {
            LOG.infof("Long-running mode: health at /q/health, metrics at /q/metrics%s",
                    settings.webhook() == null ? "" : ", " + webhookTitle(settings) + " webhooks at POST /webhooks/" + settings.source());
        }
        Quarkus.waitForExit();
        return ExitCode.IN_SYNC;
    }

    @Override
    public int run(String... args) {
        SyncSettings settings;
        WorklogSettings worklogs;
        CheckSettings check = null;
        try {
            CommandLine.Parsed cli = CommandLine.parse(args);
            if (cli.help()) {
                System.out.print(CommandLine.usage());
                return ExitCode.IN_SYNC;
            }
            config.flags(cli.overrides());
            check = CheckSettings.load(config);
            settings = SyncSettings.load(config);
            worklogs = WorklogSettings.load(config, settings);
        } catch (ConfigException e) {
            if (check != null && check.enabled()) {
                return checks.configurationFailed(check, e.getMessage());
            }
            System.err.println("toggl-task-sync: configuration error: " + e.getMessage());
            return ExitCode.CANNOT_RUN;
        }
        try {
            Optional<String> sandboxUrl = sandbox.startIfEnabled(settings);
            if (sandboxUrl.isPresent()) {
                var lookup = config.with("toggl.api-url", sandboxUrl.get());
                settings = SyncSettings.load(lookup);
                // the Reports API's base is derived from the sandbox's API URL too
                worklogs = WorklogSettings.load(lookup, settings);
            }
            if (check.enabled()) {
                return checks.run(settings, check, worklogs);
            }
            if (settings.longRunning()) {
                return runLongRunning(settings, worklogs);
            }
            return service.runOnce(settings, worklogs).exitCode();
        } catch (UncheckedIOException e) {
            System.err.println("toggl-task-sync: " + e.getMessage());
            return ExitCode.CANNOT_RUN;
        } finally {
            sandbox.stop();
        }
    }

    /** The source's name as log lines show it ({@code GitHub}). */
    private String webhookTitle(SyncSettings settings) {
        return sources.named(settings.source()).title();
    }
}
