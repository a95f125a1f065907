package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Test helpers: reflect a test database, apply operations to it the way an online run does. */
final class Schemas {
    private Schemas() {
    }

    static Dialect dialect(TestDatabase db) {
        return Dialects.forName(db.engine().dialectName());
    }

    static SchemaModel reflect(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return dialect(db).reflector().reflect(c, null);
        }
    }

    /** Runs a script of statements (split as a SQL revision is) on the test database. */
    static void execute(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            for (String sql : dev.retort.script.SqlSplitter.forDialect(db.engine().dialectName()).split(script)) s.execute(sql);
        }
    }

    /** The model a sql: file gives: the script run in a scratch database of the engine, read back. */
    static SchemaModel model(dev.retort.testing.Engine engine, String script) throws SQLException {
        try (TestDatabase scratch = TestDatabase.create(engine)) {
            execute(scratch, script);
            return reflect(scratch);
        }
    }

    /** Renders each operation online and runs its statements at once, then the held-back ones. */
    static void apply(TestDatabase db, List<Operation> ops) throws SQLException {
        Dialect d = dialect(db);
        try (Connection c = db.connect()) {
            d.prepare(c);
            // one transaction where DDL is transactional: one commit instead of one per statement
            c.setAutoCommit(!d.transactionalDdl());
            OperationRenderer r = d.renderer(RenderContext.online(c));
            for (Operation op : ops) {
                try {
                    run(c, r.render(op));
                } catch (SQLException | RuntimeException e) {
                    throw new IllegalStateException("applying " + op.describe() + ": " + e.getMessage() + "\n" + op, e);
                }
            }
            run(c, r.flush());
            if (!c.getAutoCommit()) c.commit();
        }
    }

    private static void run(Connection c, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement s : statements) {
            if (s.isNote()) continue;
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                for (int i = 0; i < s.params().size(); i++) ps.setObject(i + 1, s.params().get(i));
                ps.execute();
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + " [" + s.sql() + "]", e.getSQLState(), e);
            }
        }
    }

    /** The script without the notes on a column's own CHECK, which the server restates (t75-5): no warning. */
    static String withoutCheckNotes(String script) {
        return script.replaceAll("(?m)^-- Retort: (alter column \\S+ restates the whole column: a CHECK.*|  .*\\[CHECK \\(<the column's check>\\)\\])\n", "");
    }
}
