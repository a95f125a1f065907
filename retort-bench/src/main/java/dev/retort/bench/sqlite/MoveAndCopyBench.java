package dev.retort.bench.sqlite;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.SqlType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * SQLite move-and-copy of a 1,000,000-row table (an index, a foreign key, a trigger) for four changes in one
 * revision (column type, NOT NULL, a new CHECK, a dropped column), done by Retort's SQLite renderer (reflect,
 * render, run) against the same copy written by hand as SQLite's documentation describes it, in the same
 * run, each on a fresh copy of the same database file. Prints medians and their ratio.
 * <p>
 * Run from the repository root: {@code mvn -B -q -pl retort-cli -am package -DskipTests &&
 * mvn -B -q -pl retort-bench compile && java -cp retort-cli/target/retort.jar:retort-bench/target/classes
 * dev.retort.bench.sqlite.MoveAndCopyBench [rows] [runs]}
 */
public final class MoveAndCopyBench {
    private static final String HAND_WRITTEN = """
            CREATE TABLE big_new (
                id INTEGER PRIMARY KEY,
                parent_id INTEGER,
                amount BIGINT,
                label TEXT NOT NULL,
                created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                FOREIGN KEY (parent_id) REFERENCES parent (id),
                CONSTRAINT ck_amount CHECK (amount >= 0)
            );
            INSERT INTO big_new (id, parent_id, amount, label, created) SELECT id, parent_id, amount, label, created FROM big;
            DROP TABLE big;
            ALTER TABLE big_new RENAME TO big;
            CREATE INDEX ix_big_parent ON big (parent_id);
            CREATE TRIGGER tr_big AFTER INSERT ON big BEGIN INSERT INTO audit VALUES (new.id); END
            """;

    private MoveAndCopyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("retort-bench-sqlite-");
        try {
            Path template = dir.resolve("template.db");
            build(template, rows);
            Dialect sqlite = Dialects.forName("sqlite");
            double[] hand = new double[runs];
            double[] retort = new double[runs];
            for (int i = -1; i < runs; i++) { // alternate, so both see the same machine state; round -1 warms up
                double h0 = time(template, dir.resolve("hand.db"), c -> {
                    try (Statement s = c.createStatement()) {
                        for (String sql : HAND_WRITTEN.split(";\n")) s.execute(sql);
                    }
                });
                double r0 = time(template, dir.resolve("retort.db"), c -> {
                    OperationRenderer r = sqlite.renderer(RenderContext.online(c));
                    for (Operation op : revision()) run(c, r.render(op));
                    run(c, r.flush());
                });
                if (i >= 0) {
                    hand[i] = h0;
                    retort[i] = r0;
                }
            }
            double h = median(hand);
            double r = median(retort);
            System.out.printf("rows: %,d, runs: %d (medians)%n", rows, runs);
            System.out.println("hand-written runs (ms): " + Arrays.toString(hand));
            System.out.println("Retort runs (ms):       " + Arrays.toString(retort));
            System.out.printf("hand-written SQL      %8.1f ms  (baseline)%n", h);
            System.out.printf("Retort move-and-copy  %8.1f ms  %.2fx%n", r, r / h);
            double[] paired = new double[runs];
            for (int i = 0; i < runs; i++) paired[i] = retort[i] / hand[i];
            System.out.printf("median of per-round ratios: %.2fx%n", median(paired));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<Operation> revision() {
        return List.of(
                AlterColumn.builder(null, "big", "amount").type(SqlType.of(SqlType.Kind.BIGINT)).build(),
                AlterColumn.builder(null, "big", "label").nullable(false).build(),
                new CreateCheckConstraint(null, "big", new CheckConstraint("ck_amount", "amount >= 0")),
                new DropColumn(null, "big", "legacy"));
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Copies the template, then times the work in one transaction, commit included. */
    static double time(Path template, Path db, Work work) throws Exception {
        Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
            double ms = (System.nanoTime() - t0) / 1e6;
            check(c);
            return ms;
        } finally {
            Files.deleteIfExists(db);
        }
    }

    static void run(Connection c, List<SqlStatement> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlStatement st : statements) s.execute(st.sql());
        }
    }

    /** Both ways must leave the same table behind, or the comparison means nothing. */
    static void check(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pragma_table_info('big')),"
                     + " (SELECT count(*) FROM sqlite_master WHERE tbl_name = 'big' AND type IN ('index', 'trigger')),"
                     + " (SELECT \"notnull\" FROM pragma_table_info('big') WHERE name = 'label')")) {
            rs.next();
            if (rs.getInt(1) != 5 || rs.getInt(2) != 2 || rs.getInt(3) != 1) {
                throw new IllegalStateException("unexpected result shape: " + rs.getInt(1) + " columns, "
                        + rs.getInt(2) + " indexes/triggers, label notnull=" + rs.getInt(3));
            }
        }
    }

    static void build(Path file, int rows) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            s.execute("WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 100) INSERT INTO parent SELECT v FROM n");
            s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id),"
                    + " amount INTEGER, label TEXT, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP, legacy TEXT)");
            s.execute("CREATE INDEX ix_big_parent ON big (parent_id)");
            s.execute("CREATE TABLE audit (n INTEGER)");
            s.execute("CREATE TRIGGER tr_big AFTER INSERT ON big BEGIN INSERT INTO audit VALUES (new.id); END");
            s.execute("WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < " + rows + ")"
                    + " INSERT INTO big (id, parent_id, amount, label, created, legacy) SELECT v, v % 100 + 1, v * 7,"
                    + " 'label ' || v, '2026-01-01 00:00:00', 'old' FROM n");
            s.execute("DELETE FROM audit");
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
