package dev.retort.cli;

import dev.retort.dialect.registry.Dialects;
import dev.retort.runtime.Connections;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A representative run of the common commands on a throw-away SQLite project, used by the launcher
 * once after each build with {@code -XX:ArchiveClassesAtExit} so that the class-data archive holds
 * what real commands load (config, graph, JDBC, the runner), not just what {@code --version} needs.
 */
public final class Training {
    private Training() {
    }

    /**
     * A chain of SQL revisions after {@code parent}: enough files for the paths that only many take
     * (the parallel header scan, reading revisions ahead of the run), so their classes are archived too.
     */
    private static void chain(Path versions, String parent, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String id = String.format(java.util.Locale.ROOT, "c%011d", i);
            String[] sql = switch (i % 3) {
                case 0 -> new String[]{"CREATE TABLE training_" + i + " (id INTEGER PRIMARY KEY, name VARCHAR(50));",
                        "DROP TABLE training_" + i + ";"};
                case 1 -> new String[]{"ALTER TABLE training_" + (i - 1) + " ADD COLUMN extra INTEGER;",
                        "ALTER TABLE training_" + (i - 1) + " DROP COLUMN extra;"};
                default -> new String[]{"CREATE INDEX ix_training_" + i + " ON training_" + (i - 2) + " (name);",
                        "DROP INDEX ix_training_" + i + ";"};
            };
            Files.writeString(versions.resolve(id + "_step.sql"), "-- retort:revision " + id + "\n-- retort:revises "
                    + parent + "\n-- retort:message step " + i + "\n\n-- retort:upgrade\n" + sql[0]
                    + "\n\n-- retort:downgrade\n" + sql[1] + "\n");
            parent = id;
        }
    }

    static final String SERVER_DRIVER_CLASSES = "/META-INF/retort/server-driver-classes.txt";

    /**
     * Loads (without initialising) the classes listed in {@link #SERVER_DRIVER_CLASSES}; returns the names
     * that could not be loaded. A listed class that a newer driver no longer has is simply not archived.
     */
    static List<String> loadServerDriverClasses() throws IOException {
        List<String> missing = new ArrayList<>();
        try (InputStream in = Training.class.getResourceAsStream(SERVER_DRIVER_CLASSES)) {
            if (in == null) return List.of(SERVER_DRIVER_CLASSES);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) continue;
                try {
                    Class.forName(name.replace('/', '.'), false, Training.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.add(name);
                }
            }
        }
        return missing;
    }

    /** A command with its head start, as {@link Main#main} runs it, but on this thread. */
    private static void runAsMainDoes(String[] args, PrintStream sink) {
        try (HeadStart headStart = new HeadStart(args, Map.of())) {
            headStart.run();
            Main.run(args, sink, sink, headStart);
        }
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path dir = Files.createTempDirectory("retort-training-");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        try {
            String config = dir.resolve("retort.toml").toString();
            Main.run(new String[]{"-c", config, "init", dir.resolve("migrations").toString()}, sink, sink);
            Main.run(new String[]{"-c", config, "revision", "-m", "first", "--sql-file", "--rev-id", "aaaaaaaaaaaa"}, sink, sink);
            Main.run(new String[]{"-c", config, "revision", "-m", "second", "--sql-file", "--rev-id", "bbbbbbbbbbbb"}, sink, sink);
            chain(dir.resolve("migrations").resolve("versions"), "bbbbbbbbbbbb", 70);
            for (String[] command : new String[][]{
                    {"heads"}, {"history", "-v"}, {"--json", "history"}, {"current"}, {"upgrade", "head", "--sql"},
                    {"upgrade", "head", "--dry-run", "--json"}, {"upgrade", "head"}, {"current", "-v"}, {"--json", "current"},
                    {"check"}, {"downgrade", "base"}, {"stamp", "head"}, {"show", "head"}, {"branches"}}) {
                String[] full = new String[command.length + 2];
                full[0] = "-c";
                full[1] = config;
                System.arraycopy(command, 0, full, 2, command.length);
                runAsMainDoes(full, sink);
            }
            // the server drivers' connection paths, as far as they go without a server: port 1 on this
            // machine refuses at once, and the classes loaded up to there (driver, host chooser, streams,
            // logging) go into the archive too
            for (String url : new String[]{"jdbc:postgresql://127.0.0.1:1/retort_training?connectTimeout=1",
                    "jdbc:mariadb://127.0.0.1:1/retort_training?connectTimeout=1000"}) {
                Connections.prepareDriver(url);
                runAsMainDoes(new String[]{"-c", config, "--url", url, "current"}, sink);
            }
            // what runs only outside Training: Main.main's interrupt hook, the server dialects' set-up
            Class.forName("dev.retort.cli.Interrupts$Hook");
            for (String dialect : new String[]{"postgresql", "mariadb", "h2"}) Dialects.forName(dialect);
            // and what they load once connected, which no run here can reach: loaded by name (the script
            // that makes the list turns this off to see what the runs above load on their own)
            if (!Boolean.getBoolean("retort.training.withoutListedClasses")) loadServerDriverClasses();
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
