package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.sqlite.SqliteTableCopy.ForeignKeyMode;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Move-and-copy on live SQLite databases: the data survives, and so do indexes, triggers and keys. */
class SqliteTableCopyIT {
    private final SqliteDialect dialect = new SqliteDialect();
    private final SqliteReflector reflector = new SqliteReflector(dialect);

    static void run(Connection c, List<SqlStatement> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlStatement st : statements) s.execute(st.sql());
        }
    }

    /** A digest of the rows of a query, in order: equal digests mean equal contents. */
    static String checksum(Connection c, String query) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    md.update((v == null ? "\u0000NULL" : v).getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0x1f);
                }
                md.update((byte) 0x1e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SqliteTableCopy copyOf(Connection c, String table) throws SQLException {
        return new SqliteTableCopy(dialect, reflector.reflectTables(c, null).get(table));
    }

    static String series(int n) {
        return "WITH RECURSIVE series(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM series WHERE value < "
                + n + ") ";
    }

    private static void createItems(Statement s, int rows) throws SQLException {
        s.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT)");
        s.execute(series(100) + "INSERT INTO parents (id, name) SELECT value, 'p' || value FROM series");
        s.execute("""
                CREATE TABLE items (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  parent_id INTEGER CONSTRAINT fk_parent REFERENCES parents (id) ON DELETE CASCADE,
                  qty TEXT,
                  note TEXT COLLATE NOCASE,
                  junk BLOB,
                  touched INTEGER DEFAULT 0
                )""");
        s.execute("CREATE INDEX ix_items_parent ON items (parent_id)");
        s.execute("CREATE INDEX ix_items_junk ON items (junk) WHERE junk IS NOT NULL");
        s.execute("CREATE TRIGGER tr_items_touch AFTER UPDATE OF note ON items BEGIN "
                + "UPDATE items SET touched = touched + 1 WHERE id = new.id; END");
        s.execute(series(rows) + "INSERT INTO items (parent_id, qty, note, junk) SELECT value % 100 + 1, CAST(value % 1000 AS TEXT),"
                + " 'note ' || value, randomblob(8) FROM series");
        s.execute("DELETE FROM items WHERE id = " + rows); // the AUTOINCREMENT counter must not go back
    }

    @Test
    void hundredThousandRowsSurviveFourChangesInOneCopy() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            createItems(s, 100_000);
            String query = "SELECT id, parent_id, qty, note, touched FROM items ORDER BY id";
            String before = checksum(c, query);
            long rows = count(c, "SELECT count(*) FROM items");

            SqliteTableCopy copy = copyOf(c, "items");
            copy.alterType("qty", SqlType.of(SqlType.Kind.INTEGER));
            copy.alterNullable("note", false);
            copy.addCheck(new CheckConstraint("ck_qty", "qty >= 0"));
            copy.dropColumn("junk");
            c.setAutoCommit(false);
            run(c, copy.statements(ForeignKeyMode.NONE, false));
            c.commit();
            c.setAutoCommit(true);

            assertThat(count(c, "SELECT count(*) FROM items")).isEqualTo(rows);
            assertThat(checksum(c, query)).isEqualTo(before);
            assertThat(count(c, "SELECT count(*) FROM items WHERE typeof(qty) = 'integer'")).isEqualTo(rows);

            SqliteTableInfo after = reflector.reflectTables(c, null).get("items");
            Table t = after.table();
            assertThat(t.columns()).extracting(Column::name).containsExactly("id", "parent_id", "qty", "note", "touched");
            assertThat(t.column("qty").orElseThrow().type()).isEqualTo(SqlType.of(SqlType.Kind.INTEGER));
            assertThat(t.column("note").orElseThrow().nullable()).isFalse();
            assertThat(t.column("id").orElseThrow().autoincrement()).isTrue();
            assertThat(t.checkConstraints()).containsExactly(new CheckConstraint("ck_qty", "qty >= 0"));
            assertThat(t.foreignKeys()).containsExactly(
                    new ForeignKey("fk_parent", List.of("parent_id"), null, "parents", List.of("id"), "CASCADE", null));
            assertThat(t.indexes()).extracting(Index::name).containsExactly("ix_items_parent"); // the junk index went with junk
            assertThat(after.triggers()).extracting(SqliteTableInfo.StoredSql::name).containsExactly("tr_items_touch");
            assertThat(after.collations()).containsEntry("note", "NOCASE");
            assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE name LIKE '_retort%'")).isZero();

            // the restored trigger fires, the new CHECK and NOT NULL hold, AUTOINCREMENT does not reuse ids
            s.execute("UPDATE items SET note = 'changed' WHERE id = 7");
            assertThat(count(c, "SELECT touched FROM items WHERE id = 7")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("INSERT INTO items (qty, note) VALUES (-1, 'x')"))
                    .hasMessageContaining("CHECK constraint failed");
            assertThatThrownBy(() -> s.execute("INSERT INTO items (qty, note) VALUES (1, NULL)"))
                    .hasMessageContaining("NOT NULL");
            s.execute("INSERT INTO items (qty, note) VALUES (1, 'new')");
            assertThat(count(c, "SELECT max(id) FROM items")).isEqualTo(100_001);
            assertThat(count(c, "SELECT count(*) FROM items WHERE note = 'NOTE 5'")).isEqualTo(1); // NOCASE kept
        }
    }

    @Test
    void failureMidCopyInsideATransactionLeavesTheTableAsBefore() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            createItems(s, 1000);
            s.execute("UPDATE items SET note = NULL WHERE id = 500");
            String before = checksum(c, "SELECT * FROM items ORDER BY id");
            String schemaBefore = checksum(c, "SELECT type, name, sql FROM sqlite_master ORDER BY name");

            SqliteTableCopy copy = copyOf(c, "items");
            copy.dropColumn("junk");
            copy.alterNullable("note", false); // row 500 breaks it: the INSERT ... SELECT fails
            c.setAutoCommit(false);
            assertThatThrownBy(() -> run(c, copy.statements(ForeignKeyMode.NONE, false)))
                    .hasMessageContaining("NOT NULL constraint failed");
            c.rollback();
            c.setAutoCommit(true);

            assertThat(checksum(c, "SELECT * FROM items ORDER BY id")).isEqualTo(before);
            assertThat(checksum(c, "SELECT type, name, sql FROM sqlite_master ORDER BY name")).isEqualTo(schemaBefore);
        }
    }

    @Test
    void foreignKeyViolationsFailWithAClearMessage() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER)");
            s.execute("INSERT INTO a VALUES (1)");
            s.execute("INSERT INTO b VALUES (1, 1), (2, 99)");
            SqliteTableCopy copy = copyOf(c, "b");
            copy.addForeignKey(new ForeignKey("fk_b_a", List.of("a_id"), null, "a", List.of("id"), null, null));
            s.execute("PRAGMA foreign_keys = ON");
            c.setAutoCommit(false);
            assertThatThrownBy(() -> run(c, copy.statements(ForeignKeyMode.DEFER, false)))
                    .hasMessageContaining("foreign key violations after move-and-copy of table b");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(reflector.reflect(c, null).table("b").orElseThrow().foreignKeys()).isEmpty();
        }
    }

    @Test
    void enforcedForeignKeysOutsideATransactionAreSwitchedOffSoChildRowsSurvive() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            createItems(s, 1000);
            s.execute("PRAGMA foreign_keys = ON");
            SqliteTableCopy copy = copyOf(c, "parents"); // items references it with ON DELETE CASCADE
            copy.alterNullable("name", false);
            copy.addUnique(new UniqueConstraint("uq_parent_name", List.of("name")));
            run(c, copy.statements(ForeignKeyMode.DISABLE, false));
            assertThat(count(c, "SELECT count(*) FROM items")).isEqualTo(999);
            assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1);
            assertThat(reflector.reflect(c, null).table("parents").orElseThrow().uniqueConstraints())
                    .containsExactly(new UniqueConstraint("uq_parent_name", List.of("name")));
        }
    }

    @Test
    void enforcedForeignKeysInsideATransactionAreDeferredForAChildTable() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            createItems(s, 1000);
            s.execute("PRAGMA foreign_keys = ON");
            String before = checksum(c, "SELECT id, parent_id, qty FROM items ORDER BY id");
            SqliteTableCopy copy = copyOf(c, "items");
            copy.dropColumn("junk");
            c.setAutoCommit(false);
            run(c, copy.statements(ForeignKeyMode.DEFER, false));
            c.commit();
            c.setAutoCommit(true);
            assertThat(checksum(c, "SELECT id, parent_id, qty FROM items ORDER BY id")).isEqualTo(before);
            s.execute("DELETE FROM parents WHERE id = 1"); // the FK (with its CASCADE) still works
            assertThat(count(c, "SELECT count(*) FROM items WHERE parent_id = 1")).isZero();
        }
    }

    @Test
    void droppingAColumnATriggerUsesIsRefusedBeforeAnythingRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            createItems(s, 10);
            SqliteTableCopy copy = copyOf(c, "items");
            copy.dropColumn("note");
            assertThatThrownBy(() -> copy.statements(ForeignKeyMode.NONE, false))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("trigger tr_items_touch uses a column this revision drops");
        }
    }

    @Test
    void droppingAColumnAViewUsesIsRefusedBeforeAnythingRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a INTEGER, b TEXT UNIQUE, c TEXT UNIQUE)");
            s.execute("CREATE VIEW v AS SELECT a, b FROM t");
            s.execute("CREATE VIEW w AS SELECT a FROM t");
            SqliteTableCopy copy = copyOf(c, "t");
            copy.dropColumn("b");
            assertThatThrownBy(() -> copy.statements(ForeignKeyMode.NONE, false))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("view v uses a column this revision drops")
                    .hasMessageContaining("DROP VIEW v");
            SqliteTableCopy other = copyOf(c, "t"); // no view uses c
            other.dropColumn("c");
            run(c, other.statements(ForeignKeyMode.NONE, false));
            assertThat(count(c, "SELECT count(*) FROM v")).isZero();
        }
    }

    @Test
    void droppingAnUnnamedConstraintOrAMissingColumnIsRefusedClearly() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a INTEGER, b TEXT, CHECK (a > 0))");
            SqliteTableCopy copy = copyOf(c, "t");
            assertThatThrownBy(() -> copy.dropConstraint("ck_a", dev.retort.ops.ConstraintType.CHECK))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("Cannot change SQLite table t: it has no check constraint named ck_a");
            assertThatThrownBy(() -> copy.alterType("zz", SqlType.of(SqlType.Kind.TEXT)))
                    .hasMessageContaining("it has no column zz");
        }
    }

    @Test
    void viewsAndOtherTablesTriggersNamingTheTableKeepWorking() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a INTEGER, b TEXT)");
            s.execute("CREATE TABLE log (msg TEXT)");
            s.execute("CREATE VIEW v AS SELECT a, b FROM t");
            s.execute("CREATE TRIGGER tr_log AFTER INSERT ON log BEGIN INSERT INTO t (a) VALUES (1); END");
            s.execute("INSERT INTO t VALUES (1, 'x')");
            SqliteTableCopy copy = copyOf(c, "t");
            copy.alterDefault("b", "'dflt'");
            run(c, copy.statements(ForeignKeyMode.NONE, false));
            s.execute("INSERT INTO log VALUES ('go')");
            assertThat(count(c, "SELECT count(*) FROM v WHERE b = 'dflt'")).isEqualTo(1);
        }
    }
}
