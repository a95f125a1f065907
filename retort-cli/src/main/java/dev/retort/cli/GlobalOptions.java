package dev.retort.cli;

import dev.retort.cli.log.ConsoleLog;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.retort.cli.commands.BaseCommand.isSet;

/**
 * Options every command takes (SPEC section 5); given before or after the command name. Declared with
 * picocli's programmatic API rather than annotations: they are modelled on every run, and reflecting
 * on annotated fields costs a cold JVM tens of milliseconds (see retort-bench/docs/runtime.md). The
 * values are read back from the option specs, which inherited copies in the subcommands share.
 */
public final class GlobalOptions {
    private final OptionSpec config;
    private final OptionSpec name;
    private final OptionSpec env;
    private final OptionSpec url;
    private final OptionSpec x;
    private final OptionSpec quiet;
    private final OptionSpec verbose;
    private final OptionSpec json;
    private final OptionSpec noColor;

    GlobalOptions(CommandSpec root) {
        config = add(root, OptionSpec.builder("-c", "--config").paramLabel("FILE").type(Path.class)
                .description("Configuration file (default: ./retort.toml)."));
        name = add(root, OptionSpec.builder("-n", "--name").paramLabel("SECTION").type(String.class)
                .description("Database section of a multidb project."));
        env = add(root, OptionSpec.builder("--env").paramLabel("NAME").type(String.class)
                .description("Apply the [env.NAME] overlay of the configuration."));
        url = add(root, OptionSpec.builder("--url").paramLabel("URL").type(String.class)
                .description("Database URL (JDBC or postgresql://, mysql://, sqlite:///...); overrides everything else."));
        // a list checked by KeyValue rather than picocli's Map type, whose error for a value without '=' reads
        // "Value for option option '-x' ..."
        x = add(root, OptionSpec.builder("-x").paramLabel("KEY=VALUE").type(List.class)
                .auxiliaryTypes(String.class).converters(new KeyValue()).setter(xLists).getter(xLists)
                .description("Pass a value to migrations (op.context().x(\"KEY\")); repeatable."));
        quiet = add(root, OptionSpec.builder("-q", "--quiet").description("Only warnings and errors."));
        // repeatable: -v is Retort's detail (and a command's verbose listing), -vv adds user errors' stack traces and
        // the JDBC driver's own lines
        verbose = add(root, OptionSpec.builder("-v", "--verbose").type(boolean[].class).arity("0")
                .description("More detail (debug lines, logger names; current, heads and history list more), the stack"
                        + " trace of an unexpected error. -vv also the stack trace of any error and the JDBC driver's log lines."));
        json = add(root, OptionSpec.builder("--json")
                .description("JSON on stdout: the answer of the read-only commands and of --dry-run, the steps of a real"
                        + " upgrade/downgrade/stamp run (with duration_ms), the new file of revision and merge;"
                        + " {\"error\": ...} when the command fails."));
        noColor = add(root, OptionSpec.builder("--no-color").description("No colours (also NO_COLOR)."));
    }

    private static OptionSpec add(CommandSpec root, OptionSpec.Builder option) {
        OptionSpec built = option.scopeType(ScopeType.INHERIT).build();
        root.addOption(built);
        return built;
    }

    /**
     * Refuses an option given both before and after the command name, as picocli refuses it twice on one side (t77-2).
     * Picocli checks "only once" per command level, and the subcommand's inherited copy just overwrote the root's:
     * {@code retort --url "$PROD_URL" "$@"} called with another {@code --url} after the command ran on that database.
     * -x and -v are repeatable and are not checked.
     */
    void refuseRepeats(CommandLine.ParseResult parse) {
        for (OptionSpec option : List.of(config, name, env, url, quiet, json, noColor)) {
            boolean seen = false;
            for (CommandLine.ParseResult level = parse; level != null; level = level.subcommand()) {
                OptionSpec matched = level.matchedOption(option.longestName());
                if (matched == null) continue;
                if (!seen) {
                    seen = true;
                    continue;
                }
                // picocli's own text and exception, so the usage error (exit 2) reads as for two copies on one side
                throw new CommandLine.OverwrittenOptionException(level.commandSpec().commandLine(), matched, "option '"
                        + option.longestName() + "'" + (option.arity().max > 0 ? " (" + option.paramLabel() + ")" : "")
                        + " should be specified only once");
            }
        }
    }

    public Path config() {
        Path p = config.getValue();
        if (p != null && p.toString().isBlank()) {
            // -c "$CFG" with the variable unset read the current folder ("Is a directory"), as --url "" is refused
            throw new dev.retort.RetortException("-c is empty (an unset variable?); give a configuration file or leave -c out");
        }
        return p != null ? p : Path.of("retort.toml");
    }

    public String name() {
        String n = name.getValue();
        if (n != null && n.isBlank()) {
            // t55-9: -n "$DB" with the variable unset was "No database section [databases.] in ..."
            throw new dev.retort.RetortException("-n is empty (an unset variable?); give a database section's name or leave -n out");
        }
        return n;
    }

    public String env() {
        String e = env.getValue();
        if (e != null && e.isBlank()) {
            // t55-9: --env "$ENV" with the variable unset was "No environment [env.] in ..."
            throw new dev.retort.RetortException("--env is empty (an unset variable?); give an environment's name or leave --env out");
        }
        return e;
    }

    public String url() {
        return url.getValue();
    }

    public Map<String, String> x() {
        Map<String, String> map = new LinkedHashMap<>();
        for (List<String> values : xLists.filled) {
            for (String v : values) {
                int eq = v.indexOf('=');
                map.put(v.substring(0, eq), v.substring(eq + 1)); // the last -x of a key wins
            }
        }
        return map;
    }

    /**
     * Where -x values go. Picocli gives an inherited multi-value option a new list when the subcommand first
     * matches it, so {@code -x a=1 upgrade -x b=2} kept only b; this binding keeps every list picocli fills, in
     * order, and x() reads them all.
     */
    private final XLists xLists = new XLists();

    private static final class XLists implements CommandLine.Model.ISetter, CommandLine.Model.IGetter {
        private final List<List<String>> filled = new java.util.ArrayList<>();
        private List<String> current;

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            List<String> previous = current;
            current = (List<String>) value;
            if (current != null && !holds(current)) filled.add(current);
            return (T) previous;
        }

        private boolean holds(List<String> list) {
            for (List<String> l : filled) if (l == list) return true;
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) current;
        }
    }

    /** Accepts {@code KEY=VALUE} (the value may be empty or hold '='); anything else is a usage error. */
    static final class KeyValue implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || value.substring(0, eq).isBlank()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not KEY=VALUE");
            }
            return value;
        }
    }

    public boolean json() {
        return isSet(json);
    }

    /** {@code -q}: warnings and errors only, so no progress lines either. */
    public boolean quiet() {
        return isSet(quiet);
    }

    public boolean verbose() {
        return verbosity() > 0;
    }

    private int verbosity() {
        boolean[] v = verbose.getValue();
        return v == null ? 0 : v.length;
    }

    void applyLogging(PrintStream err) {
        String noColorEnv = System.getenv("NO_COLOR");
        boolean color = !isSet(noColor) && (noColorEnv == null || noColorEnv.isEmpty())
                && err == System.err && stderrIsTerminal();
        int v = verbosity();
        ConsoleLog.configure(isSet(quiet) ? 0 : v >= 2 ? 3 : v == 1 ? 2 : 1, color, err);
    }

    /**
     * Whether stderr, where the log lines go, is a terminal. System.console() (JDK 17) answers for stdin and stdout
     * instead: {@code retort upgrade 2>>migrate.log} from a terminal wrote escape codes into the log, and a terminal
     * got no colour when stdin or stdout was redirected (t47-6). Java 17 has no isatty: on Linux the
     * descriptor's link names the device; elsewhere the old answer stands.
     */
    static boolean stderrIsTerminal() {
        Boolean linked = isTerminal(Path.of("/proc/self/fd/2"));
        return linked != null ? linked : System.console() != null;
    }

    /** Whether the descriptor link {@code fd} points at a terminal device; null when there is no such link to read. */
    static Boolean isTerminal(Path fd) {
        String target;
        try {
            target = java.nio.file.Files.readSymbolicLink(fd).toString();
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
