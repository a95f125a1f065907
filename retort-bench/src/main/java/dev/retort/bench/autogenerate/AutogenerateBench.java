package dev.retort.bench.autogenerate;

import dev.retort.autogenerate.SchemaComparator;
import dev.retort.autogenerate.SchemaFilter;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.SchemaModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Reflect + diff on PostgreSQL: the largest real schema (netbox, 189 tables) and a generated schema of
 * 1,000 tables, each loaded twice (the "database" and the "model" side, as {@code sql:} models are).
 * Whole diff = reflect both sides + compare, in a warm JVM, median of the runs. If Liquibase is on the
 * class path (bench test scope), its diff of the same two databases is timed in the same run.
 * <p>
 * Usage: AutogenerateBench [runs] [schemasDir]; needs psql and PostgreSQL on 127.0.0.1:5432 (user postgres).
 */
public final class AutogenerateBench {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private AutogenerateBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path schemas = args.length > 1 ? Path.of(args[1]).toAbsolutePath().normalize() : findSchemas();
        Path netbox = schemas.resolve("postgresql/netbox.sql");
        Path generated = Files.createTempFile("retort-1000-tables-", ".sql");
        Files.writeString(generated, thousandTables(1000));
        BiFunction<String, String, Long> liquibase = liquibase();
        List<String> dbs = new ArrayList<>();
        Map<String, List<Double>> times = new TreeMap<>();
        try {
            for (String[] c : new String[][]{{"netbox", netbox.toString()}, {"generated 1000 tables", generated.toString()}}) {
                String a = create(dbs);
                String b = create(dbs);
                load(a, Path.of(c[1]));
                load(b, Path.of(c[1]));
                for (int r = -1; r < runs; r++) { // run -1 warms up
                    long t0 = System.nanoTime();
                    SchemaModel dbSide;
                    SchemaModel modelSide;
                    Dialect pg = Dialects.forName("postgresql");
                    try (Connection ca = connect(a); Connection cb = connect(b)) {
                        dbSide = pg.reflector().reflect(ca, null);
                        long t1 = System.nanoTime();
                        modelSide = pg.reflector().reflect(cb, null);
                        long t2 = System.nanoTime();
                        SchemaComparator.Diff diff = SchemaComparator.diff(dbSide, modelSide, pg, SchemaFilter.everything());
                        long t3 = System.nanoTime();
                        if (!diff.isEmpty()) throw new IllegalStateException("expected no differences, got " + diff.upgrade().size());
                        if (r >= 0) {
                            add(times, c[0] + ": Retort reflect one side", t1 - t0);
                            add(times, c[0] + ": Retort compare", t3 - t2);
                            add(times, c[0] + ": Retort whole diff (reflect both + compare)", t3 - t0);
                        }
                    }
                    if (liquibase != null && (r >= 0 || r == -1)) {
                        long ns = liquibase.apply(url(a), url(b));
                        if (r >= 0) add(times, c[0] + ": Liquibase diff (snapshot both + compare)", ns);
                    }
                }
                System.out.printf(Locale.ROOT, "%s: %d tables%n", c[0], count(a));
            }
        } finally {
            for (String d : dbs) admin("DROP DATABASE IF EXISTS " + d + " WITH (FORCE)");
            Files.deleteIfExists(generated);
        }
        report(times, liquibase != null);
    }

    /** ../shared/schemas from the working folder or any folder above it (as the tests find it). */
    private static Path findSchemas() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("../shared/schemas").normalize();
            if (Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("../shared/schemas not found; pass its path as the second argument");
    }

    private static void report(Map<String, List<Double>> times, boolean withLiquibase) {
        System.out.println();
        System.out.println("median ms over the runs (warm JVM):");
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-66s %9.1f%n", e.getKey(), median(e.getValue()));
        }
        if (withLiquibase) {
            for (String schema : List.of("netbox", "generated 1000 tables")) {
                double retort = median(times.get(schema + ": Retort whole diff (reflect both + compare)"));
                double lb = median(times.get(schema + ": Liquibase diff (snapshot both + compare)"));
                System.out.printf(Locale.ROOT, "  %s: Liquibase / Retort = %.1fx%n", schema, lb / retort);
            }
        } else {
            System.out.println("  (Liquibase not on the class path: run with the test class path, see retort-bench/docs/autogenerate.md)");
        }
    }

    /** 1,000 tables: a bigint identity key, six columns of common types, a FK to the previous table, an index, a check. */
    static String thousandTables(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("CREATE TABLE t").append(i).append(" (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ")
                    .append("name varchar(100) NOT NULL, note text, amount numeric(10,2) DEFAULT 0, active boolean DEFAULT true, ")
                    .append("created timestamp with time zone DEFAULT now(), parent_id bigint")
                    .append(i > 0 ? " REFERENCES t" + (i - 1) + " (id) ON DELETE CASCADE" : "")
                    .append(", CONSTRAINT t").append(i).append("_amount_check CHECK (amount >= 0));\n");
            b.append("CREATE INDEX t").append(i).append("_name_idx ON t").append(i).append(" (name);\n");
            b.append("COMMENT ON TABLE t").append(i).append(" IS 'generated table ").append(i).append("';\n");
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<String, String, Long> liquibase() {
        try {
            Class<?> c = Class.forName("dev.retort.bench.autogenerate.LiquibaseDiff");
            return (BiFunction<String, String, Long>) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static void add(Map<String, List<Double>> times, String key, long nanos) {
        times.computeIfAbsent(key, k -> new ArrayList<>()).add(nanos / 1e6);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String create(List<String> dbs) throws SQLException {
        String name = "retort_bench_ag_" + Long.toHexString(System.nanoTime());
        admin("CREATE DATABASE " + name);
        dbs.add(name);
        return name;
    }

    private static void load(String db, Path file) throws IOException, InterruptedException, SQLException {
        admin("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'netbox') THEN CREATE ROLE netbox NOLOGIN; END IF; END$$");
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres",
                "-d", db, "-f", file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) throw new IllegalStateException("psql failed loading " + file);
    }

    private static int count(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String url(String db) {
        return "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres";
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
