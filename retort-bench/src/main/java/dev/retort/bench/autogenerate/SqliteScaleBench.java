package dev.retort.bench.autogenerate;

import dev.retort.bench.Launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code retort check} on SQLite grows with the schema (t80-1): a generated schema of N tables (each: an
 * AUTOINCREMENT key, a unique constraint, two indexes, a check, a foreign key to the previous table; a view every
 * tenth) in a database file, with the same file as the {@code sql:} model, so that check reads both sides and finds
 * nothing. Whole processes, median of the runs, for N and its doublings. The baseline, in the same run: the
 * {@code sqlite3} shell loading the same file into an in-memory database in one transaction, which is the least a
 * {@code sql:} model costs (SQLite's own CREATE reads its schema table through, so it too grows faster than N).
 * <p>
 * Usage, from the repository root after a package build: SqliteScaleBench [smallest N] [doublings] [runs].
 */
public final class SqliteScaleBench {
    private SqliteScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int smallest = args.length > 0 ? Integer.parseInt(args[0]) : 750;
        int doublings = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Path.of("").toAbsolutePath();
        Path launcher = root.resolve("retort");
        if (!Files.isExecutable(launcher)) throw new IllegalStateException("run from the repository root (no ./retort here)");
        Path work = Files.createTempDirectory("retort-sqlite-scale-");
        List<String> rows = new ArrayList<>();
        double previousRetort = 0;
        double previousSqlite = 0;
        try {
            for (int n = smallest, step = 0; step <= doublings; n *= 2, step++) {
                Path dir = work.resolve("n" + n);
                Files.createDirectories(dir.resolve("migrations/versions"));
                Path schema = dir.resolve("schema.sql");
                Files.writeString(schema, schema(n));
                shell(dir, "sqlite3 app.db < schema.sql");
                Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                        + "url = \"jdbc:sqlite:app.db\"\ntarget_metadata = \"sql:schema.sql\"\n");
                shell(dir, launcher + " -q check"); // warms the launcher's class-data archive
                List<Double> retort = new ArrayList<>();
                List<Double> sqlite = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    sqlite.add(timed(dir, "(echo 'BEGIN;'; cat schema.sql; echo 'COMMIT;') | sqlite3 ':memory:'"));
                    retort.add(timed(dir, launcher + " -q check"));
                }
                double rm = median(retort);
                double sm = median(sqlite);
                rows.add(String.format(Locale.ROOT, "| %,6d | %8.2f | %8.2f | %6.2fx | %s | %s |", n, sm, rm, rm / sm,
                        previousSqlite == 0 ? "" : String.format(Locale.ROOT, "%.2fx", sm / previousSqlite),
                        previousRetort == 0 ? "" : String.format(Locale.ROOT, "%.2fx", rm / previousRetort)));
                previousRetort = rm;
                previousSqlite = sm;
            }
        } finally {
            Launcher.deleteTree(work);
        }
        System.out.printf(Locale.ROOT, "SQLite check at scale, median of %d run(s), whole processes (seconds)%n%n", runs);
        System.out.println("| tables | sqlite3 loads the file | retort check | ratio | sqlite3 per doubling | retort per doubling |");
        System.out.println("|-------:|---------:|---------:|-------:|---|---|");
        rows.forEach(System.out::println);
    }

    /** The schema t80 generated: what a mid-sized application's tables carry. */
    static String schema(int tables) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tables; i++) {
            String parent = i > 0 ? "  parent_id INTEGER REFERENCES t" + (i - 1) + "(id),\n" : "  parent_id INTEGER,\n";
            out.append("CREATE TABLE t").append(i).append(" (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n")
                    .append("  name VARCHAR(100) NOT NULL DEFAULT 'x',\n  amount NUMERIC(10,2) CHECK (amount >= 0),\n")
                    .append(parent).append("  created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n  code VARCHAR(20),\n")
                    .append("  CONSTRAINT uq_t").append(i).append("_code UNIQUE (code)\n);\n")
                    .append("CREATE INDEX ix_t").append(i).append("_name ON t").append(i).append(" (name);\n")
                    .append("CREATE INDEX ix_t").append(i).append("_cr ON t").append(i).append(" (created, amount);\n");
            if (i % 10 == 0) out.append("CREATE VIEW v").append(i).append(" AS SELECT id, name FROM t").append(i).append(";\n");
        }
        return out.toString();
    }

    private static double timed(Path dir, String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        shell(dir, command);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void shell(Path dir, String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("retort-scale-", ".log");
        try {
            Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            if (code != 0) throw new IllegalStateException(command + " failed (exit " + code + "):\n" + Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
