package dev.retort.cli;

import dev.retort.cli.log.ConsoleLog;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command takes (SPEC section 5); given before or after the command name. */
public final class GlobalOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: ./retort.toml).")
    Path config;

    @Option(names = {"-n", "--name"}, paramLabel = "SECTION", scope = ScopeType.INHERIT,
            description = "Database section of a multidb project.")
    String name;

    @Option(names = "--env", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Apply the [env.NAME] overlay of the configuration.")
    String env;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database URL (JDBC or postgresql://, mysql://, sqlite:///...); overrides everything else.")
    String url;

    @Option(names = "-x", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Pass a value to migrations (op.context().x(\"KEY\")); repeatable.")
    Map<String, String> x = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only warnings and errors.")
    boolean quiet;

    /** Repeatable: -v is Retort's detail (and a command's verbose listing), -vv adds the JDBC driver's own lines. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail; stack traces on errors. -vv also shows the JDBC driver's log lines.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Machine-readable output on stdout (read-only commands and --dry-run).")
    boolean json;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also NO_COLOR).")
    boolean noColor;

    public Path config() {
        return config != null ? config : Path.of("retort.toml");
    }

    public String name() { return name; }
    public String env() { return env; }
    public String url() { return url; }
    public Map<String, String> x() { return x; }
    public boolean json() { return json; }
    public boolean verbose() { return verbose.length > 0; }

    void applyLogging(PrintStream err) {
        String noColorEnv = System.getenv("NO_COLOR");
        boolean color = !noColor && (noColorEnv == null || noColorEnv.isEmpty())
                && System.console() != null && err == System.err;
        ConsoleLog.configure(quiet ? 0 : verbose.length >= 2 ? 3 : verbose.length == 1 ? 2 : 1, color, err);
    }
}
