package io.toggltasksync.check;

import io.toggltasksync.config.CheckSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import io.toggltasksync.support.Json;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.sync.CamelEngine;
import io.toggltasksync.sync.RunLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

/** Runs the preflight through the {@code check-run} route, prints the checklist, and writes it as JSON when asked. */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    @Inject
    CamelEngine engine;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    /** The checklist of these settings: reads Toggl, the source and the sync state; writes nothing. */
    public Checklist check(SyncSettings settings) {
        return check(settings, new CheckSettings(true, null, false, null));
    }

    /** The checklist; with {@code --probe} also what the workspace does with one probe task, which is deleted again. */
    public Checklist check(SyncSettings settings, CheckSettings check) {
        return check(settings, check, null);
    }

    /** The checklist, with the worklog lines when {@code worklogs} turns the worklog sync on (null: off). */
    public Checklist check(SyncSettings settings, CheckSettings check, WorklogSettings worklogs) {
        engine.ensureStarted();
        Long probeProject = !check.probe() ? null : check.probeProject() != null ? check.probeProject() : settings.projects().projectId();
        CheckRun run = new CheckRun(settings, probeProject, worklogs);
        if (check.probe() && probeProject == null) {
            run.add(CheckLine.failed(ProbeLines.AREA, "create", "no project to write the probe task to",
                    "set toggl.project-id (TOGGL_PROJECT_ID) or name one: --probe-project ID"));
        }
        if (run.probeAnnouncement() != null) {
            // said before anything is written
            System.out.println(run.probeAnnouncement());
        }
        Exchange exchange = new DefaultExchange(camel);
        run.exchangeProperties().forEach(exchange::setProperty);
        template.send("direct:check", exchange);
        // the embedded sandbox starts afresh in every run: nothing to remember
        if (run.probe != null && run.probe.started && !settings.sandbox().enabled()) {
            ProbeLines.remember(run, java.time.Instant.now().getEpochSecond());
        }
        if (exchange.getException() != null) {
            // not one of the expected failures (those become lines in the route): still a checklist
            Throwable e = RunLifecycle.meaningfulCause(exchange.getException());
            run.add(CheckLine.failed("Check", "unexpected failure", String.valueOf(e), "run the check again; report it if it stays"));
        }
        return run.checklist();
    }

    /** {@code --check}: prints the checklist, writes its JSON to {@code sync.check-report-file} if set, answers the exit code. */
    public int run(SyncSettings settings, CheckSettings check, WorklogSettings worklogs) {
        return report(check(settings, check, worklogs), check, settings.secrets());
    }

    /** {@code --check} with a configuration the sync would refuse: the checklist of that one failure. */
    public int configurationFailed(CheckSettings check, String message) {
        Checklist checklist = new Checklist(List.of(CheckLine.failed("Configuration", "settings", message,
                "set it as docs/configuration.md says (a flag, a property or its environment variable)")));
        return report(checklist, check, Set.of());
    }

    private int report(Checklist checklist, CheckSettings check, Set<String> secrets) {
        System.out.print(Secrets.mask(ChecklistFormat.text(checklist), secrets));
        if (check.reportFile() != null) {
            write(check.reportFile(), Secrets.mask(Json.write(ChecklistFormat.json(checklist)), secrets));
        }
        return checklist.exitCode();
    }

    private static void write(Path file, String json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.errorf("Cannot write the check report %s: %s", file, e.getMessage());
        }
    }
}
