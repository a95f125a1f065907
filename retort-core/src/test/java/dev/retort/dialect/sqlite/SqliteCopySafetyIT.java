package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.dialect.sqlite.SqliteTableCopyIT.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a move-and-copy or a drop must not do silently to rows, keys and the tables around it (t73). */
class SqliteCopySafetyIT {
    private final SqliteDialect dialect = new SqliteDialect();

    /** Renders and runs operations the way a migration run does: each op's statements right away. */
    private static List<SqlStatement> apply(Connection c, OperationRenderer r, Operation... ops) throws SQLException {
        List<SqlStatement> all = new ArrayList<>();
        for (Operation op : ops) all.addAll(exec(c, r.render(op)));
        all.addAll(exec(c, r.flush()));
        return all;
    }

    private static List<SqlStatement> exec(Connection c, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement s : statements) {
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                for (int i = 0; i < s.params().size(); i++) ps.setObject(i + 1, s.params().get(i));
                ps.execute();
            }
        }
        return statements;
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private OperationRenderer online(Connection c) {
        return dialect.renderer(RenderContext.online(c));
    }

    /**
     * t73-2: a rowid alias given another integer type stays INTEGER (still the rowid, numbering new rows); given a
     * type that is not an integer it stops being the rowid and gets NOT NULL, so no NULL key gets in.
     */
    @Test
    void aRowidAliasStaysOneOrGetsNotNull() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'a'), (5, 'b')");
            apply(c, online(c), AlterColumn.builder(null, "t", "id").type(SqlType.of(Kind.BIGINT)).build(),
                    AlterColumn.builder(null, "t", "n").type(SqlType.string(10)).build());
            assertThat(text(c, "SELECT sql FROM sqlite_master WHERE name = 't'")).contains("id INTEGER PRIMARY KEY");
            s.execute("INSERT INTO t (n) VALUES ('new')");
            assertThat(count(c, "SELECT id FROM t WHERE n = 'new'")).isEqualTo(6);
            assertThat(count(c, "SELECT count(*) FROM t WHERE id IS NULL OR id <> rowid")).isZero();

            apply(c, online(c), AlterColumn.builder(null, "t", "id").type(SqlType.string(20)).build());
            assertThat(text(c, "SELECT sql FROM sqlite_master WHERE name = 't'")).contains("id VARCHAR(20) PRIMARY KEY NOT NULL");
            assertThatThrownBy(() -> s.execute("INSERT INTO t (n) VALUES ('null key')")).hasMessageContaining("NOT NULL");
            assertThat(count(c, "SELECT count(*) FROM t")).isEqualTo(3);
        }
    }

    /** t73-4: a unique key or column another table's foreign key references is not dropped from under it. */
    @Test
    void dropOfAParentKeyAForeignKeyReferencesIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT CONSTRAINT uq_code UNIQUE, n TEXT)");
            s.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, tcode TEXT REFERENCES t (code))");
            s.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, tid INT REFERENCES t)");
            s.execute("INSERT INTO t VALUES (1, 'a', 'x')");
            s.execute("INSERT INTO c VALUES (1, 'a')");
            for (Operation op : List.of(new DropConstraint(null, "t", "uq_code", null, null), new DropColumn(null, "t", "code"))) {
                assertThatThrownBy(() -> apply(c, online(c), op)).isInstanceOf(RetortException.class)
                        .hasMessageContaining("Cannot change SQLite table t: the foreign key (tcode) of table c references"
                                + " column code, which this revision leaves without a primary key or unique constraint");
            }
            assertThatThrownBy(() -> apply(c, online(c), new DropConstraint(null, "t", null,
                    dev.retort.ops.ConstraintType.PRIMARY_KEY, null))).isInstanceOf(RetortException.class)
                    .hasMessageContaining("the foreign key (tid) of table d references its primary key");
            assertThat(text(c, "SELECT sql FROM sqlite_master WHERE name = 't'")).contains("uq_code UNIQUE");
            // a change that keeps the key goes ahead
            apply(c, online(c), AlterColumn.builder(null, "t", "n").type(SqlType.string(10)).build());
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("INSERT INTO c VALUES (2, 'a')");
            assertThat(count(c, "SELECT count(*) FROM c")).isEqualTo(2);
        }
    }

    /**
     * t73-5: with foreign keys enforced, dropping a table others reference would fire their ON DELETE actions (CASCADE
     * empties them): refused before it runs, naming them; a script stops there; with keys off it is done.
     */
    @Test
    void dropOfAReferencedTableDoesNotFireTheReferencingTablesDeleteActions() throws Exception {
        Operation[] setup = {
                new Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)", List.of()),
                new Execute("CREATE TABLE c (id INTEGER PRIMARY KEY, tid INT REFERENCES t (id) ON DELETE CASCADE, note TEXT)", List.of()),
                new Execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')", List.of()),
                new Execute("INSERT INTO c VALUES (1, 1, 'keep me'), (2, 2, 'and me')", List.of())};
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            apply(c, online(c), setup);
            s.execute("PRAGMA foreign_keys = ON");
            c.setAutoCommit(false);
            assertThatThrownBy(() -> apply(c, online(c), new DropTable(null, "t", null, false)))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("Cannot drop SQLite table t: tables [c] reference it by foreign key, and foreign"
                            + " keys are enforced");
            c.rollback();
            assertThat(count(c, "SELECT count(*) FROM c")).isEqualTo(2);
            // the referencing table dropped first, as PostgreSQL requires: then it goes
            apply(c, online(c), new DropTable(null, "c", null, false), new DropTable(null, "t", null, false));
            c.rollback();
            c.setAutoCommit(true);
            s.execute("PRAGMA foreign_keys = OFF");
            apply(c, online(c), new DropTable(null, "t", null, false));
            assertThat(count(c, "SELECT count(*) FROM c")).isEqualTo(2);
        }
        List<SqlStatement> script = new ArrayList<>();
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            for (Operation op : setup) script.addAll(offline.render(op));
            script.addAll(offline.render(new DropTable(null, "t", null, false)));
            script.addAll(offline.flush());
        }
        for (boolean enforced : List.of(true, false)) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = " + (enforced ? "ON" : "OFF"));
                if (enforced) {
                    assertThatThrownBy(() -> exec(c, script)).hasMessageContaining("Table t is dropped, and tables [c] reference it");
                } else {
                    exec(c, script);
                }
                assertThat(count(c, "SELECT count(*) FROM c")).isEqualTo(2);
            }
        }
    }

    /** t73-7: a table a view uses is not dropped from under it (every later in-place rename would fail on the view). */
    @Test
    void dropOfATableAViewUsesIsRefused() throws Exception {
        Operation[] setup = {
                new Execute("CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT)", List.of()),
                new Execute("CREATE TABLE u (id INTEGER PRIMARY KEY, y TEXT)", List.of()),
                new Execute("CREATE VIEW va AS SELECT x FROM a", List.of())};
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            apply(c, online(c), setup);
            assertThatThrownBy(() -> apply(c, online(c), new DropTable(null, "a", null, false)))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("Cannot drop SQLite table a: view va uses it; drop the view first (op.execute(\"DROP VIEW va\")),"
                            + " and create it anew without the table if still wanted");
            assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE name = 'a'")).isEqualTo(1);
            // the view dropped first, the table goes, and renames elsewhere work
            apply(c, online(c), new Execute("DROP VIEW va", List.of()), new DropTable(null, "a", null, false),
                    AlterColumn.builder(null, "u", "y").newName("z").build());
        }
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            for (Operation op : setup) offline.render(op);
            assertThatThrownBy(() -> offline.render(new DropTable(null, "a", null, false)))
                    .hasMessageContaining("view va uses it");
        }
    }

    /**
     * t73-8: a primary key added on a column holding NULL fails the copy, naming the column, instead of SQLite numbering
     * the NULLs (an INTEGER column becomes the rowid alias) or keeping them (any other type); the key is NOT NULL after.
     */
    @Test
    void aPrimaryKeyOnAColumnHoldingNullIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE log (id INTEGER, msg TEXT)");
            s.execute("INSERT INTO log VALUES (5, 'a'), (NULL, 'b'), (7, 'c')");
            s.execute("CREATE TABLE coded (code TEXT, msg TEXT)");
            s.execute("INSERT INTO coded VALUES ('a', 'a'), (NULL, 'b'), (NULL, 'c')");
            for (String table : List.of("log", "coded")) {
                String column = table.equals("log") ? "id" : "code";
                c.setAutoCommit(false);
                assertThatThrownBy(() -> apply(c, online(c), new CreatePrimaryKey(null, table, new PrimaryKey("pk_" + table,
                        List.of(column))))).hasMessageContaining("column " + column + " of table " + table
                        + " holds NULL, which a primary key column cannot: give those rows a key first");
                c.rollback();
                c.setAutoCommit(true);
                assertThat(count(c, "SELECT count(*) FROM " + table + " WHERE " + column + " IS NULL")).isEqualTo(table.equals("log") ? 1 : 2);
            }
            s.execute("UPDATE coded SET code = msg");
            apply(c, online(c), new CreatePrimaryKey(null, "coded", new PrimaryKey("pk_coded", List.of("code"))));
            assertThat(text(c, "SELECT sql FROM sqlite_master WHERE name = 'coded'")).contains("code TEXT NOT NULL");
            assertThatThrownBy(() -> s.execute("INSERT INTO coded VALUES (NULL, 'd')")).hasMessageContaining("NOT NULL");
        }
    }

    /**
     * t73-1: a table whose rowid no column aliases keeps its rowids through a copy, so that an external-content FTS
     * index keyed on them still finds the right rows; a column named rowid leaves _rowid_ to carry them.
     */
    @Test
    void aCopyKeepsTheRowidsOfATableWithoutRowidAlias() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (title TEXT, body TEXT)");
            s.execute("CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs')");
            s.execute("CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO docs_fts(rowid, title, body)"
                    + " VALUES (new.rowid, new.title, new.body); END");
            s.execute("INSERT INTO docs VALUES ('one', 'apple'), ('two', 'banana'), ('three', 'cherry'), ('four', 'durian')");
            s.execute("DELETE FROM docs WHERE title = 'one'");
            s.execute("CREATE TABLE odd (rowid TEXT, v TEXT)");
            s.execute("INSERT INTO odd VALUES ('r1', 'a'), ('r2', 'b'), ('r3', 'c')");
            s.execute("DELETE FROM odd WHERE v = 'a'");
            apply(c, online(c), AlterColumn.builder(null, "docs", "title").type(SqlType.string(100)).build(),
                    AlterColumn.builder(null, "odd", "v").type(SqlType.string(10)).build());
            assertThat(text(c, "SELECT group_concat(rowid || title, ',') FROM docs")).isEqualTo("2two,3three,4four");
            assertThat(text(c, "SELECT title FROM docs_fts WHERE docs_fts MATCH 'cherry'")).isEqualTo("three");
            assertThat(text(c, "SELECT group_concat(_rowid_ || v, ',') FROM odd")).isEqualTo("2b,3c");
        }
    }

    /** t73-3: a generated column given a new type stays generated: only its type changes. */
    @Test
    void aTypeChangeOfAGeneratedColumnKeepsItGenerated() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, g INT GENERATED ALWAYS AS (k * 2) VIRTUAL,"
                    + " st INT AS (k + 1) STORED, n TEXT)");
            s.execute("CREATE INDEX ix_g ON t (g)");
            s.execute("INSERT INTO t (id, k, n) VALUES (1, 5, 'a'), (2, NULL, NULL)");
            apply(c, online(c), AlterColumn.builder(null, "t", "g").type(SqlType.of(Kind.BIGINT)).build(),
                    AlterColumn.builder(null, "t", "st").type(SqlType.of(Kind.BIGINT)).build());
            assertThat(text(c, "SELECT sql FROM sqlite_master WHERE name = 't'"))
                    .contains("g BIGINT GENERATED ALWAYS AS (k * 2) VIRTUAL").contains("st BIGINT AS (k + 1) STORED");
            s.execute("UPDATE t SET k = 100 WHERE id = 1");
            assertThat(count(c, "SELECT g FROM t WHERE id = 1")).isEqualTo(200);
            assertThat(count(c, "SELECT st FROM t WHERE id = 1")).isEqualTo(101);
            assertThat(count(c, "SELECT count(*) FROM pragma_table_xinfo('t') WHERE name IN ('g', 'st') AND hidden >= 2")).isEqualTo(2);
            // a new type with an expression of its own replaces the clause
            apply(c, online(c), AlterColumn.builder(null, "t", "g").type(SqlType.raw("INT GENERATED ALWAYS AS (k * 3) VIRTUAL")).build());
            assertThat(count(c, "SELECT g FROM t WHERE id = 1")).isEqualTo(300);
        }
    }

    /**
     * t73-6: a copy inside a transaction with keys enforced defers their checks for itself only: after it, a key
     * violation fails at its statement again (SQLite would otherwise keep deferring until COMMIT).
     */
    @Test
    void aCopyInATransactionPutsDeferForeignKeysBack() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)");
            s.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, tid INT REFERENCES t (id), note TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'x')");
            s.execute("INSERT INTO c VALUES (1, 1, 'a')");
            s.execute("PRAGMA foreign_keys = ON");
            c.setAutoCommit(false);
            List<SqlStatement> st = apply(c, online(c), AlterColumn.builder(null, "c", "note").type(SqlType.string(100)).build());
            assertThat(st.get(0).sql()).isEqualTo("PRAGMA defer_foreign_keys = ON");
            assertThat(count(c, "PRAGMA defer_foreign_keys")).isZero();
            assertThatThrownBy(() -> s.execute("INSERT INTO c VALUES (2, 999, 'orphan')")).hasMessageContaining("FOREIGN KEY");
            c.rollback();
            // deferred by the revision itself: left so
            s.execute("PRAGMA defer_foreign_keys = ON");
            apply(c, online(c), AlterColumn.builder(null, "c", "note").type(SqlType.string(100)).build());
            assertThat(count(c, "PRAGMA defer_foreign_keys")).isEqualTo(1);
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
