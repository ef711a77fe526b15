package io.toggltasksync;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.toggltasksync.config.CommandLine;
import io.toggltasksync.config.ConfigException;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.sandbox.SandboxLauncher;
import io.toggltasksync.sync.SyncService;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.ConfigProvider;

/** Runs one sync with the configured settings and exits with its exit code (0, 1 or 2). */
@QuarkusMain
public class SyncMain implements QuarkusApplication {

    @Inject
    SyncService service;

    @Inject
    SandboxLauncher sandbox;

    @Override
    public int run(String... args) {
        SyncSettings settings;
        try {
            CommandLine.Parsed cli = CommandLine.parse(args);
            if (cli.help()) {
                System.out.print(CommandLine.usage());
                return 0;
            }
            // a flag wins over the environment and application.properties
            settings = SyncSettings.load(name -> cli.overrides().containsKey(name)
                    ? java.util.Optional.of(cli.overrides().get(name))
                    : ConfigProvider.getConfig().getOptionalValue(name, String.class));
        } catch (ConfigException e) {
            System.err.println("toggl-task-sync: configuration error: " + e.getMessage());
            return 2;
        }
        try {
            settings = sandbox.startIfEnabled(settings);
            return service.runOnce(settings).exitCode();
        } catch (UncheckedIOException e) {
            System.err.println("toggl-task-sync: " + e.getMessage());
            return 2;
        } finally {
            sandbox.stop();
        }
    }
}
