package dev.retort.bench.runtime;

import dev.retort.bench.Launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Whole-process timings of applying a generated chain of SQL revisions (create table, add column,
 * create index, mixed) to an empty database: Retort's command line against the engine's own client
 * running the same statements in one transaction (the baseline, measured in the same run), and on
 * PostgreSQL against Flyway and Liquibase; then cold {@code retort current} on the migrated database
 * and peak memory. Run from the repository root; see retort-bench/docs/runtime.md.
 */
public final class RuntimeBench {
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final Path root;
    private final Path work;
    private final int revisions;
    private final int runs;
    private final boolean peers;
    private final String alembic;
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

    record Sample(double seconds, long rssKb) {
    }

    private RuntimeBench(Path root, Path work, int revisions, int runs, boolean peers, String alembic) {
        this.root = root;
        this.alembic = alembic;
        this.work = work;
        this.revisions = revisions;
        this.runs = runs;
        this.peers = peers;
    }

    public static void main(String[] args) throws Exception {
        int revisions = 1000;
        int runs = 3;
        boolean peers = true;
        String alembic = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--revisions" -> revisions = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-peers" -> peers = false;
                case "--alembic" -> alembic = args[++i];
                default -> throw new IllegalArgumentException(
                        "usage: RuntimeBench [--revisions N] [--runs R] [--no-peers] [--alembic PATH-TO-alembic]");
            }
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isExecutable(root.resolve("retort"))) throw new IllegalStateException("run from the repository root");
        Path work = Files.createTempDirectory("retort-runtime-bench-");
        RuntimeBench bench = new RuntimeBench(root, work, revisions, runs, peers, alembic);
        bench.generate();
        bench.run();
        System.out.print(bench.report());
    }

    /** The statements of revision i (0-based): a table every fourth, then a column, an index, a column. */
    static String statement(int i) {
        int t = i / 4;
        return switch (i % 4) {
            case 0 -> "CREATE TABLE t" + t + " (id INTEGER PRIMARY KEY, name VARCHAR(50))";
            case 1 -> "ALTER TABLE t" + t + " ADD COLUMN c" + i + " INTEGER";
            case 2 -> "CREATE INDEX ix_" + i + " ON t" + t + " (name)";
            default -> "ALTER TABLE t" + t + " ADD COLUMN d" + i + " VARCHAR(20)";
        };
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "%012x", 0xb000000000L + i);
    }

    private void generate() throws IOException {
        Path versions = Files.createDirectories(work.resolve("retort/migrations/versions"));
        Files.writeString(work.resolve("retort/retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Path flyway = Files.createDirectories(work.resolve("flyway"));
        Path liquibase = Files.createDirectories(work.resolve("liquibase"));
        StringBuilder all = new StringBuilder();
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n\n");
        for (int i = 0; i < revisions; i++) {
            String sql = statement(i);
            Files.writeString(versions.resolve(String.format(Locale.ROOT, "%05d_%s_r.sql", i, id(i))),
                    "-- retort:revision " + id(i) + "\n"
                            + (i == 0 ? "" : "-- retort:revises " + id(i - 1) + "\n")
                            + "-- retort:message r" + i + "\n\n-- retort:upgrade\n" + sql + ";\n");
            Files.writeString(flyway.resolve("V" + (i + 1) + "__r" + i + ".sql"), sql + ";\n");
            changelog.append("--changeset bench:").append(i).append("\n").append(sql).append(";\n\n");
            all.append(sql).append(";\n");
        }
        Files.writeString(liquibase.resolve("changelog.sql"), changelog);
        if (alembic != null) generateAlembic();
        Files.writeString(work.resolve("all.sql"), all);
        Files.writeString(work.resolve("all-tx.sql"), "BEGIN;\n" + all + "COMMIT;\n");
    }

    /**
     * The same chain as Alembic revisions ({@code op.execute} of the statement), with the online part of
     * the env.py that {@code alembic init} writes (one transaction, as Alembic's default on PostgreSQL),
     * without its logging set-up (so quiet, like {@code retort -q}).
     */
    private void generateAlembic() throws IOException {
        Path versions = Files.createDirectories(work.resolve("alembic/scripts/versions"));
        Files.writeString(work.resolve("alembic/scripts/env.py"), """
                from alembic import context
                from sqlalchemy import engine_from_config, pool

                config = context.config
                connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                                 prefix="sqlalchemy.", poolclass=pool.NullPool)
                with connectable.connect() as connection:
                    context.configure(connection=connection, target_metadata=None)
                    with context.begin_transaction():
                        context.run_migrations()
                """);
        for (int i = 0; i < revisions; i++) {
            Files.writeString(versions.resolve(String.format(Locale.ROOT, "%05d_%s_r.py", i, id(i))), String.format(Locale.ROOT, """
                    \"\"\"r%d\"\"\"
                    from alembic import op

                    revision = '%s'
                    down_revision = %s
                    branch_labels = None
                    depends_on = None


                    def upgrade():
                        op.execute("%s")


                    def downgrade():
                        pass
                    """, i, id(i), i == 0 ? "None" : "'" + id(i - 1) + "'", statement(i)));
        }
    }

    /** alembic.ini pointing at database {@code db} (psycopg2, as Alembic's documentation uses). */
    private List<String> alembicUpgrade(String db) throws IOException {
        Path ini = work.resolve("alembic/alembic.ini");
        Files.writeString(ini, "[alembic]\nscript_location = %(here)s/scripts\n"
                + "sqlalchemy.url = postgresql+psycopg2://postgres@127.0.0.1:5432/" + db + "\n");
        return List.of(alembic, "-c", ini.toString(), "upgrade", "head");
    }

    private void run() throws Exception {
        String retort = root.resolve("retort").toString();
        String config = work.resolve("retort/retort.toml").toString();
        // warm the launcher: it builds the jar if needed, and its first run writes the class-data archive
        // (CDS) from the classes that run loads, so make that a real upgrade + current, not --version
        Launcher.forgetArchives(root);
        Path warm = work.resolve("warm.db");
        exec(null, List.of(retort, "-q", "-c", config, "--url", "jdbc:sqlite:" + warm, "upgrade", "head"));
        exec(null, List.of(retort, "-c", config, "--url", "jdbc:sqlite:" + warm, "current"));
        boolean pg = pgAvailable();
        List<String> bare = bareJdbc(pg);
        if (pg && alembic != null) {
            // its first run compiles the revision files to .pyc: warm it as the launcher is warmed
            String db = createPg();
            exec(null, alembicUpgrade(db));
            dropPg(db);
        }
        String migratedPg = null;
        for (int r = 0; r < runs; r++) {
            if (pg) {
                String db = createPg();
                time("PostgreSQL: psql -1 -f all.sql", List.of("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
                        "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-f", work.resolve("all.sql").toString()));
                dropPg(db);
                db = createPg();
                time("PostgreSQL: bare JDBC loop (JVM floor)", concat(bare, pgUrl(db) + BARE_PG, work.resolve("all.sql").toString()));
                dropPg(db);
                db = createPg();
                time("PostgreSQL: retort upgrade head", List.of(retort, "-q", "-c", config, "--url", pgUrl(db), "upgrade", "head"));
                if (migratedPg != null) dropPg(migratedPg);
                migratedPg = db;
                if (alembic != null) {
                    db = createPg();
                    time("PostgreSQL: Alembic upgrade head", alembicUpgrade(db));
                    dropPg(db);
                }
                if (peers) {
                    db = createPg();
                    time("PostgreSQL: Flyway migrate", peer("flyway", pgUrl(db), work.resolve("flyway")));
                    if (r == runs - 1) {
                        for (int k = 0; k < 3; k++) time("PostgreSQL: Flyway info (cold)", peer("flyway-info", pgUrl(db), work.resolve("flyway")));
                    }
                    dropPg(db);
                    db = createPg();
                    time("PostgreSQL: Liquibase update", peer("liquibase", pgUrl(db), work.resolve("liquibase")));
                    if (r == runs - 1) {
                        for (int k = 0; k < 3; k++) time("PostgreSQL: Liquibase status (cold)", peer("liquibase-status", pgUrl(db), work.resolve("liquibase")));
                    }
                    dropPg(db);
                }
            }
            Path sqliteBase = work.resolve("base-" + r + ".db");
            time("SQLite: sqlite3 (one transaction)", List.of("sh", "-c", "sqlite3 -bail " + sqliteBase + " < " + work.resolve("all-tx.sql")));
            time("SQLite: bare JDBC loop (JVM floor)", concat(bare, "jdbc:sqlite:" + work.resolve("bare-" + r + ".db"),
                    work.resolve("all.sql").toString()));
            Path sqliteRetort = work.resolve("retort-" + r + ".db");
            time("SQLite: retort upgrade head", List.of(retort, "-q", "-c", config, "--url", "jdbc:sqlite:" + sqliteRetort, "upgrade", "head"));
        }
        for (int k = 0; k < 5; k++) {
            if (migratedPg != null) time("PostgreSQL: retort current (cold)", List.of(retort, "-c", config, "--url", pgUrl(migratedPg), "current"));
            time("SQLite: retort current (cold)", List.of(retort, "-c", config, "--url", "jdbc:sqlite:" + work.resolve("retort-0.db"), "current"));
        }
        time("JVM: java -version (floor)", List.of(Launcher.javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-version"));
        if (migratedPg != null) dropPg(migratedPg);
    }

    /** Retort's PostgreSQL default for plain statements (the simple query protocol, as psql). */
    private static final String BARE_PG = "&preferQueryMode=extendedForPrepared";

    /**
     * The command that runs {@link BareJdbc}: the launcher's JVM flags, a jar of its own with the two
     * drivers, the SQLite native library where Retort keeps it, and a class-data archive trained on
     * both engines, so that it starts as fast as a JVM tool can.
     */
    private List<String> bareJdbc(boolean pg) throws IOException, InterruptedException, SQLException {
        Path jar = work.resolve("bare/bare.jar");
        Files.createDirectories(jar.getParent());
        String entry = BareJdbc.class.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = BareJdbc.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
        }
        List<String> cp = new ArrayList<>(List.of(jar.toString()));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith("sqlite-jdbc-") || name.startsWith("postgresql-")) cp.add(e);
        }
        // where the launcher's warm-up run left sqlite-jdbc's native library (Retort's SqliteNative.cacheRoot)
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg, "retort") : Path.of(System.getProperty("user.home"), ".cache", "retort");
        String lib = null;
        try (var dirs = Files.exists(cache) ? Files.find(cache, 3, (p, a) -> p.getFileName().toString().equals("libsqlitejdbc.so"))
                : java.util.stream.Stream.<Path>empty()) {
            lib = dirs.map(p -> p.getParent().toString()).filter(d -> d.contains("sqlite-jdbc-")).findFirst().orElse(null);
        }
        List<String> base = new ArrayList<>(List.of(Launcher.javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        if (lib != null) base.addAll(List.of("-Dorg.sqlite.lib.path=" + lib, "-Dorg.sqlite.lib.name=libsqlitejdbc.so"));
        base.addAll(List.of("-cp", String.join(File.pathSeparator, cp)));
        Path list = work.resolve("bare/classes.lst");
        Path archive = work.resolve("bare/bare.jsa");
        String main = BareJdbc.class.getName();
        String all = work.resolve("all.sql").toString();
        List<String> train = concat(base, "-XX:DumpLoadedClassList=" + list, main);
        if (pg) {
            // a class list is written per run: keep PostgreSQL's and add it to SQLite's
            String db = createPg();
            exec(null, concat(train, pgUrl(db) + BARE_PG, all));
            Files.move(list, work.resolve("bare/pg.lst"));
            dropPg(db);
        }
        exec(null, concat(train, "jdbc:sqlite:" + work.resolve("bare/train.db"), all));
        if (pg) Files.writeString(list, Files.readString(work.resolve("bare/pg.lst")), java.nio.file.StandardOpenOption.APPEND);
        exec(null, concat(base, "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive));
        return concat(base, "-XX:SharedArchiveFile=" + archive, main);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    private List<String> peer(String tool, String url, Path dir) {
        return List.of(Launcher.javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.retort.bench.runtime.PeerMain", tool, url, dir.toString());
    }

    private void time(String what, List<String> command) throws IOException, InterruptedException {
        Path rss = Files.createTempFile(work, "rss", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        cmd.addAll(command);
        long t0 = System.nanoTime();
        exec(what, cmd);
        double s = (System.nanoTime() - t0) / 1e9;
        long kb = Long.parseLong(Files.readString(rss).lines().reduce((a, b) -> b).orElse("0").trim());
        samples.computeIfAbsent(what, k -> new ArrayList<>()).add(new Sample(s, kb));
    }

    private void exec(String what, List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException((what == null ? String.join(" ", cmd) : what) + " failed (exit " + code + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static boolean pgAvailable() {
        try (Connection ignored = DriverManager.getConnection(PG_ADMIN)) {
            return true;
        } catch (SQLException e) {
            System.err.println("PostgreSQL not reachable (" + e.getMessage() + "); SQLite only");
            return false;
        }
    }

    private static String createPg() throws SQLException {
        String name = "rtbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static void dropPg(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String pgUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres";
    }

    private static double median(List<Sample> s) {
        double[] v = s.stream().mapToDouble(Sample::seconds).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The ratios of each run to the baseline measured just before it in the same round, sorted: on a
     * machine whose speed drifts by tens of percent over a minute, a pair measured seconds apart is the
     * fairer comparison than two medians of samples spread over the whole run.
     */
    private static double[] pairedRatios(List<Sample> tool, List<Sample> baseline) {
        int n = Math.min(tool.size(), baseline.size());
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = tool.get(i).seconds() / baseline.get(i).seconds();
        Arrays.sort(r);
        return r;
    }

    /** The q-quantile of sorted values, interpolated between neighbours. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d revisions, %d run(s), median wall time of whole processes; "
                + "ratio = median / baseline's median, paired = median of each run / the baseline run just before it, "
                + "spread = the middle half of those per-run ratios (25th-75th percentile)%n%n",
                revisions, runs));
        out.append(String.format(Locale.ROOT, "| %-38s | %8s | %8s | %8s | %13s | %9s |%n", "what", "seconds", "ratio", "paired",
                "spread", "peak RSS"));
        out.append("|").append("-".repeat(40)).append("|").append("-".repeat(10)).append("|").append("-".repeat(10))
                .append("|").append("-".repeat(10)).append("|").append("-".repeat(15)).append("|").append("-".repeat(11))
                .append("|\n");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            String name = e.getKey();
            String baseline = name.startsWith("PostgreSQL") && !name.contains("(cold)") ? "PostgreSQL: psql -1 -f all.sql"
                    : name.startsWith("SQLite") && !name.contains("(cold)") ? "SQLite: sqlite3 (one transaction)" : null;
            double m = median(e.getValue());
            boolean hasBase = baseline != null && samples.containsKey(baseline);
            String ratio = hasBase ? String.format(Locale.ROOT, "%.2fx", m / median(samples.get(baseline))) : "";
            double[] pairs = hasBase ? pairedRatios(e.getValue(), samples.get(baseline)) : null;
            String paired = hasBase ? String.format(Locale.ROOT, "%.2fx", quantile(pairs, 0.5)) : "";
            String spread = hasBase ? String.format(Locale.ROOT, "%.2f-%.2fx", quantile(pairs, 0.25), quantile(pairs, 0.75)) : "";
            long rss = e.getValue().stream().mapToLong(Sample::rssKb).max().orElse(0);
            out.append(String.format(Locale.ROOT, "| %-38s | %8.3f | %8s | %8s | %13s | %6d MiB |%n", name, m, ratio, paired,
                    spread, rss / 1024));
        }
        out.append("\nsamples (s): ");
        samples.forEach((k, v) -> out.append("\n  ").append(k).append(": ")
                .append(Arrays.toString(v.stream().mapToDouble(Sample::seconds).toArray())));
        return out.append("\n").toString();
    }
}
