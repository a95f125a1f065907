package dev.retort.bench.script;

import dev.retort.bench.Launcher;

import dev.retort.config.RetortConfig;
import dev.retort.script.RevisionScript;
import dev.retort.script.ScriptDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A project of N Java revisions (default 1,000; a linear chain, each creating a table): whole-process
 * cold {@code ./retort heads} and {@code ./retort history} against baselines measured in the same run
 * ({@code java -version}, {@code ./retort --version}), then the first and the cached compile of all N
 * through {@link ScriptDirectory#prepare}.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl retort-cli,retort-bench -am package -DskipTests
 * java -cp retort-bench/target/classes:retort-cli/target/retort.jar dev.retort.bench.script.ScriptBench [N] [runs]
 * </pre>
 */
public final class ScriptBench {
    private ScriptBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path launcher = Path.of("retort").toAbsolutePath();
        if (!Files.isExecutable(launcher)) throw new IllegalStateException("run from the repository root (./retort not found)");
        Path project = Files.createTempDirectory("retort-bench-script-");
        try {
            generate(project, n);
            Path config = project.resolve("retort.toml");
            System.out.printf(Locale.ROOT, "project: %d Java revisions in %s; %d runs each, median ms%n", n, project, runs);

            // The launcher makes its class-data-sharing archive (a training run) on the first command
            // after a build: time that first `heads` on its own, then warm the OS caches.
            Launcher.forgetArchives(Path.of("").toAbsolutePath());
            double firstEver = time(List.of(launcher.toString(), "-c", config.toString(), "heads"), project);
            time(List.of(launcher.toString(), "-c", config.toString(), "heads"), project);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   (writes the launcher's CDS archive)%n", "first heads after a build", firstEver);

            double javaVersion = median(runs, List.of(Launcher.javaBin(), "-version"), project);
            double retortVersion = median(runs, List.of(launcher.toString(), "--version"), project);
            double heads = median(runs, List.of(launcher.toString(), "-c", config.toString(), "heads"), project);
            double history = median(runs, List.of(launcher.toString(), "-c", config.toString(), "history"), project);
            boolean compiled = compiledSomething(project.resolve(".retort/cache"));

            System.out.printf(Locale.ROOT, "%-28s %9.0f%n", "java -version (baseline)", javaVersion);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   %.2fx java -version%n", "retort --version", retortVersion,
                    retortVersion / javaVersion);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   %.2fx java -version, %.2fx retort --version%n", "retort heads",
                    heads, heads / javaVersion, heads / retortVersion);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   %.2fx java -version, %.2fx retort --version%n", "retort history",
                    history, history / javaVersion, history / retortVersion);
            System.out.printf(Locale.ROOT, "compiled anything during heads/history: %s%n", compiled ? "YES (bug)" : "no");

            RetortConfig rc = RetortConfig.of(project.resolve("migrations"), null)
                    .withVersionLocations(List.of(project.resolve("migrations/versions")));
            rc = new RetortConfig(config, rc.scriptLocation(), rc.versionLocations(), null, null, rc.fileTemplate(),
                    rc.truncateSlugLength(), rc.versionTable(), rc.versionTableSchema(), rc.historyTable(),
                    false, null, "UTC", rc.lockTimeout(), List.of(), java.util.Map.of(), List.of(), List.of());
            long t0 = System.nanoTime();
            ScriptDirectory first = ScriptDirectory.load(rc);
            long t1 = System.nanoTime();
            List<String> ids = first.scripts().stream().map(RevisionScript::id).toList();
            first.prepare(ids);
            long t2 = System.nanoTime();
            ScriptDirectory second = ScriptDirectory.load(rc);
            long t3 = System.nanoTime();
            second.prepare(ids);
            long t4 = System.nanoTime();
            double load = ms(t1 - t0), firstCompile = ms(t2 - t1), cached = ms(t4 - t3);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   (in-process, headers of %d files)%n", "load headers", load, n);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   (one javac batch)%n", "first compile of all", firstCompile);
            System.out.printf(Locale.ROOT, "%-28s %9.0f   %.1fx faster than the first compile%n", "cached compile of all",
                    cached, firstCompile / Math.max(cached, 0.001));
        } finally {
            Launcher.deleteTree(project);
        }
    }

    static void generate(Path project, int n) throws IOException {
        Path versions = Files.createDirectories(project.resolve("migrations/versions"));
        Files.writeString(project.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "jdbc:sqlite:data/app.db"
                file_template = "{rev}_{slug}"
                """);
        String parent = null;
        for (int i = 1; i <= n; i++) {
            String id = String.format(Locale.ROOT, "%012x", 0xbe0000000000L + i);
            String revises = parent == null ? "{}" : "\"" + parent + "\"";
            Files.writeString(versions.resolve(id + "_create_table_" + i + ".java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "%s", revises = %s,
                              message = "create table t%d", created = "2026-01-22T10:30:00Z")
                    class R_%s_CreateTable%d extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.execute("CREATE TABLE t%d (id INTEGER PRIMARY KEY, name VARCHAR(50))");
                        }

                        @Override public void downgrade(Operations op) {
                            op.execute("DROP TABLE t%d");
                        }
                    }
                    """.formatted(id, revises, i, id, i, i, i));
            parent = id;
        }
    }

    private static double median(int runs, List<String> command, Path dir) throws Exception {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) t[i] = time(command, dir);
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static double time(List<String> command, Path dir) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("failed (" + p.exitValue() + "): " + command);
        return ms(System.nanoTime() - start);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Compiled revisions live in one folder each under the cache; the revision index is a file there. */
    private static boolean compiledSomething(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return false;
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.anyMatch(Files::isDirectory);
        }
    }
}
