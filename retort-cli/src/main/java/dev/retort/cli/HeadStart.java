package dev.retort.cli;

import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.ConnectionHeadStart;
import dev.retort.runtime.Connections;
import dev.retort.script.RevisionChecksums;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Starts on the database while picocli models and parses the command line: a cold JVM's first
 * connection spends ~100 ms in one-time set-up (the driver's classes, the JDK's logging, management and
 * locale data, SQLite's native library) and, for a server, TCP and authentication; the command itself
 * would only start it once it has its configuration, ~50 ms into the run.
 * <p>
 * The configuration is loaded the way the command will load it (the same {@link ConfigLoader} call),
 * from a strict look at the arguments: anything this look does not know (an option it cannot place,
 * {@code --sql}, help, {@code -vv}) and it does nothing, so it never connects where the command would not. For a
 * server it opens the connection ({@link ConnectionHeadStart}), which the command takes when its own
 * configuration names the same URL; for a SQLite or H2 file it only warms the driver up, since opening
 * the file would create it. Off with {@code -Dretort.headstart=false}.
 */
final class HeadStart implements Runnable, AutoCloseable {
    /** The commands that connect (unless given {@code --sql}). */
    private static final Set<String> CONNECTING = Set.of("upgrade", "downgrade", "stamp", "current", "check");
    /** Options taking a value: the global ones and {@code --tag} of upgrade, downgrade and stamp. */
    private static final Set<String> WITH_VALUE = Set.of("-c", "--config", "-n", "--name", "--env", "--url", "-x", "--tag");
    /** Flags those commands take besides -q and -v: --sql, help and version are not here. */
    private static final Set<String> FLAGS = Set.of("--quiet", "--json", "--no-color", "--dry-run", "--purge");

    private final String[] args;
    private final Map<String, String> environment;
    private ConnectionHeadStart opening;
    private boolean closed;

    HeadStart(String[] args, Map<String, String> environment) {
        this.args = args.clone();
        this.environment = environment;
    }

    /** Starts on a daemon thread; none at all when switched off. Close it when the command is done. */
    static HeadStart start(String[] args, Map<String, String> environment) {
        HeadStart h = new HeadStart(args, environment);
        if (!Boolean.parseBoolean(System.getProperty("retort.headstart", "true"))) {
            h.closed = true;
            return h;
        }
        Thread t = new Thread(h, "retort-head-start");
        t.setDaemon(true);
        t.start();
        return h;
    }

    @Override
    public void run() {
        try {
            Look look = look(args, environment);
            if (look == null) return;
            RetortConfig config = look.config();
            if (!ConnectionHeadStart.opensAhead(config.url())) {
                Connections.prepareDriver(config.url());
            } else {
                synchronized (this) {
                    if (!closed) opening = ConnectionHeadStart.open(config.url(), config.displayUrl());
                }
            }
            // a run checksums each revision it applies; the first one would set up the JDK's providers
            if (!look.command().equals("current") && !look.command().equals("check")) RevisionChecksums.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the command reports whatever is wrong
        }
    }

    /** The connection being opened, if any; none after this (a head start not begun by now is too late). */
    synchronized ConnectionHeadStart take() {
        closed = true;
        ConnectionHeadStart o = opening;
        opening = null;
        return o;
    }

    @Override
    public void close() {
        ConnectionHeadStart o = take();
        if (o != null) o.close();
    }

    /** What the look at the arguments found: a command that connects, and the configuration it will load. */
    record Look(String command, RetortConfig config) {
    }

    /**
     * The command and the configuration it will load, or null when it will not connect (another command,
     * {@code --sql}, help) or the arguments hold anything this look cannot place. Throws what loading
     * the configuration throws.
     */
    static Look look(String[] args, Map<String, String> environment) {
        String command = null;
        String config = null;
        String name = null;
        String env = null;
        String url = null;
        Map<String, String> x = new LinkedHashMap<>();
        int verbosity = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String key = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (WITH_VALUE.contains(key)) {
                if (value == null) {
                    if (i + 1 >= args.length) return null;
                    value = args[++i];
                }
                // given twice, the command is a usage error and connects nowhere (t77-2)
                switch (key) {
                    case "-c", "--config" -> {
                        if (config != null) return null;
                        config = value;
                    }
                    case "-n", "--name" -> {
                        if (name != null) return null;
                        name = value;
                    }
                    case "--env" -> {
                        if (env != null) return null;
                        env = value;
                    }
                    case "--url" -> {
                        if (url != null) return null;
                        url = value;
                    }
                    case "-x" -> {
                        int kv = value.indexOf('=');
                        if (kv <= 0) return null;
                        x.put(value.substring(0, kv), value.substring(kv + 1));
                    }
                    default -> {
                        // --tag: no bearing on the connection
                    }
                }
            } else if (arg.equals("--verbose") || arg.matches("-[qv]+")) {
                verbosity += arg.equals("--verbose") ? 1 : arg.length() - arg.replace("v", "").length();
                // -vv shows the driver's own log lines, which are set up after parsing: connect then
                if (verbosity >= 2) return null;
            } else if (FLAGS.contains(arg)) {
                continue;
            } else if (arg.startsWith("-") && !arg.matches("-\\d+")) {
                return null; // --sql, --help, --, or something this look does not know
            } else if (command == null) {
                command = arg;
                if (!CONNECTING.contains(command)) return null;
            }
        }
        if (command == null) return null;
        Path file = Path.of(config != null ? config : "retort.toml");
        // t56-3: a pipe (-c <(envsubst < retort.toml.in), -c /dev/stdin) can be read once, and that read is the command's
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) return null;
        return new Look(command, ConfigLoader.load(file, env, name, url, environment, x));
    }
}
