package io.toggltasksync.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags for runs by hand ({@code --csv tasks.csv --project 123 --dry-run}). Each flag
 * sets one property and wins over the environment; secrets have no flag (they would show in the
 * process list), they come from the environment only.
 */
public final class CommandLine {

    /** What the arguments asked for: the property overrides, or the help text. */
    public record Parsed(Map<String, String> overrides, boolean help) {
    }

    private record Flag(String name, String property, String arg, String help) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("--csv", "csv.path", "FILE", "CSV file to sync (sets the source to csv)"),
            new Flag("--source", "sync.source", "csv|jira", "where the records come from"),
            new Flag("--format", "csv.format", "NAME", "CSV preset: auto, jira, generic, asana, linear, github-projects"),
            new Flag("--columns", "csv.columns", "FIELD=COLUMN,...", "which CSV column feeds each task field (see docs/csv.md)"),
            new Flag("--delimiter", "csv.delimiter", ",|;|tab", "CSV cell delimiter (default: told from the header row)"),
            new Flag("--charset", "csv.charset", "NAME", "CSV file charset, e.g. windows-1252 (default: UTF-8, or UTF-16 by its BOM)"),
            new Flag("--workspace", "toggl.workspace-id", "ID", "Toggl workspace id"),
            new Flag("--project", "toggl.project-id", "ID", "default Toggl project id"),
            new Flag("--project-map", "toggl.project-map", "KEY=ID,...", "Jira project key (or CSV project column) to Toggl project id"),
            new Flag("--project-match", "toggl.project-match", "key,name-key|off", "how a project key without a map entry finds its Toggl project"),
            new Flag("--create-projects", "toggl.create-projects", null, "make '<name> (<KEY>)' for a source project no Toggl project matches"),
            new Flag("--missing", "sync.missing", "deactivate|delete|keep", "what happens to tasks whose record is gone"),
            new Flag("--max-missing-ratio", "sync.max-missing-ratio", "0..1", "guard: share of managed tasks that, reached, stops deactivating/deleting (1: off)"),
            new Flag("--rate-limit", "toggl.rate-limit", "N", "Toggl requests per second (0 = no client-side limit)"),
            new Flag("--jql", "jira.jql", "JQL", "Jira issues to mirror (with --source jira)"),
            new Flag("--worklogs", "worklog.sync", null, "each Jira run also writes the time tracked in Toggl to Jira as worklogs"),
            new Flag("--report", "sync.report-file", "FILE", "where to write the JSON report"),
            new Flag("--dead-letter", "sync.dead-letter-file", "FILE", "where to write rejected and failed records"),
            new Flag("--dry-run", "sync.dry-run", null, "plan and report, write nothing"),
            new Flag("--full-sweep", "sync.full-sweep", null, "read every target task, whatever the sync state knows"),
            new Flag("--state-file", "sync.state-file", "FILE", "where the sync state is kept between runs"),
            new Flag("--sandbox", "sandbox.enabled", null, "run against the embedded in-memory Toggl sandbox"),
            new Flag("--check", "sync.check", null, "preflight: reads only, prints a checklist, exits 0 passed / 1 warnings / 2 failed"),
            new Flag("--probe", "sync.check-probe", null, "with --check: create, read back and delete one probe task to learn how Toggl answers"),
            new Flag("--probe-project", "sync.probe-project", "ID", "where --probe writes its task (default: the default project)"));

    private CommandLine() {
    }

    public static Parsed parse(String... args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(Map.of(), true);
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Flag flag = find(name);
            if (flag.arg() == null) {
                if (value != null) {
                    throw new ConfigException(name + " takes no value");
                }
                overrides.put(flag.property(), "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new ConfigException(name + " needs a value: " + name + " " + flag.arg());
                }
                value = args[++i];
            }
            overrides.put(flag.property(), value);
            if (flag.name().equals("--csv")) {
                overrides.putIfAbsent("sync.source", "csv");
            }
        }
        if (overrides.containsKey("sync.check-probe")) {
            overrides.putIfAbsent("sync.check", "true");
        }
        if (overrides.containsKey("sync.check") && overrides.containsKey("sync.report-file")) {
            // --check --report FILE: the checklist as JSON; the sync's own report file (and the state file beside it) stay as configured
            overrides.putIfAbsent("sync.check-report-file", overrides.remove("sync.report-file"));
        }
        return new Parsed(overrides, false);
    }

    private static Flag find(String name) {
        return FLAGS.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown option '" + name + "' (see --help)"));
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder("""
                Usage: java -jar quarkus-run.jar [options]

                Syncs tasks from a CSV file or a Jira search into Toggl Track, then exits:
                0 in sync, 1 finished with rejected/failed/deferred records, 2 could not run.
                Every option is also a property / environment variable (docs/configuration.md); the
                tokens (TOGGL_API_TOKEN, JIRA_TOKEN) come from the environment only.

                Options:
                """);
        for (Flag f : FLAGS) {
            String left = f.name() + (f.arg() == null ? "" : " " + f.arg());
            sb.append(String.format("  %-34s %s (%s)%n", left, f.help(), f.property()));
        }
        sb.append(String.format("  %-34s %s%n", "-h, --help", "this text"));
        sb.append("""

                Example, a one-off migration (look at the plan first):
                  TOGGL_API_TOKEN=... java -jar quarkus-run.jar --workspace 123 --project 456 --csv tasks.csv --dry-run
                """);
        return sb.toString();
    }
}
