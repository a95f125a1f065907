package dev.retort.dialect;

import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.DropConstraint;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB keeps a CHECK written in a column's definition under the column's name, and DROP CONSTRAINT cannot
 * drop it (Hibernate 6 writes one for every enum column): the drop restates the column without it.
 */
class MariaDbColumnCheckIT {
    @Test
    void aColumnLevelCheckIsDroppedByRestatingTheColumn() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id BIGINT NOT NULL PRIMARY KEY, qty INT NOT NULL DEFAULT 1 COMMENT 'pieces'"
                    + " CHECK (qty >= 0), CONSTRAINT ck_id CHECK (id > 0))");
            OperationRenderer r = d.renderer(RenderContext.online(c));
            for (DropConstraint drop : new DropConstraint[]{
                    new DropConstraint(null, "item", "qty", ConstraintType.CHECK, null),
                    new DropConstraint(null, "item", "ck_id", null, null)}) {
                for (SqlStatement st : r.render(drop)) s.execute(st.sql());
                for (SqlStatement st : r.flush()) s.execute(st.sql());
            }
            s.execute("INSERT INTO item (id, qty) VALUES (-1, -5)"); // both checks are gone
            assertThat(column(s, "item", "qty", "IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT")).as("the rest of the column stays")
                    .containsExactly("NO", "1", "pieces");
            assertThat(column(s, null, null, "COUNT(*)")).as("checks left").containsExactly("0");
        }
    }

    /** t75-1: offline the script cannot know the check's level; the server picks when it runs, as online. */
    @Test
    void offlineTheScriptDropsAColumnLevelCheckAsTheOnlineRunDoes() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id BIGINT NOT NULL PRIMARY KEY, qty INT NOT NULL DEFAULT 1 COMMENT 'it''s pieces'"
                    + " CHECK (qty >= 0), code VARCHAR(20) COLLATE utf8mb4_bin NULL CHECK (code <> ''),"
                    + " CONSTRAINT ck_id CHECK (id > 0))");
            OperationRenderer r = d.renderer(RenderContext.offline());
            for (DropConstraint drop : new DropConstraint[]{
                    new DropConstraint(null, "item", "qty", ConstraintType.CHECK, null),
                    new DropConstraint(null, "item", "code", ConstraintType.CHECK, null),
                    new DropConstraint(null, "item", "ck_id", ConstraintType.CHECK, null)}) {
                for (SqlStatement st : r.render(drop)) s.execute(st.sql());
                for (SqlStatement st : r.flush()) s.execute(st.sql());
            }
            s.execute("INSERT INTO item (id, qty, code) VALUES (-1, -5, '')"); // all three checks are gone
            assertThat(column(s, "item", "qty", "IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT")).as("the rest of the column stays")
                    .containsExactly("NO", "1", "it's pieces");
            assertThat(column(s, "item", "code", "COLLATION_NAME, IS_NULLABLE")).containsExactly("utf8mb4_bin", "YES");
            assertThat(column(s, null, null, "COUNT(*)")).as("checks left").containsExactly("0");
        }
    }

    /** t75-5: offline, MODIFY restates the column's own check as the online run does (the script cannot know it). */
    @Test
    void offlineAColumnChangeKeepsTheColumnsOwnCheck() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20) CHECK (status IN ('NEW','PAID')),"
                    + " note VARCHAR(10))");
            OperationRenderer r = d.renderer(RenderContext.offline());
            for (AlterColumn alter : new AlterColumn[]{
                    AlterColumn.builder(null, "orders", "status").type(SqlType.string(30)).nullable(false)
                            .existingType(SqlType.string(20)).existingNullable(true).existingServerDefault(null)
                            .existingComment(null).existingCollation(null).build(),
                    AlterColumn.builder(null, "orders", "note").type(SqlType.string(20))
                            .existingType(SqlType.string(10)).existingNullable(true).existingServerDefault(null)
                            .existingComment(null).existingCollation(null).build()}) {
                for (SqlStatement st : r.render(alter)) s.execute(st.sql());
                for (SqlStatement st : r.flush()) s.execute(st.sql());
            }
            try (ResultSet rs = s.executeQuery("SELECT CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("status");
                assertThat(rs.getString(2)).isEqualTo("`status` in ('NEW','PAID')");
                assertThat(rs.getString(3)).isEqualTo("Column");
                assertThat(rs.next()).as("no check is added to the column without one").isFalse();
            }
            assertThat(column(s, "orders", "status", "COLUMN_TYPE, IS_NULLABLE")).containsExactly("varchar(30)", "NO");
        }
    }

    /** t75-8: a new type keeps a collation of the column's own also when the column has a check of its own. */
    @Test
    void aNewTypeKeepsTheCollationAndTheCheckOnlineAndOffline() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE person (id INT PRIMARY KEY, code VARCHAR(20) COLLATE utf8mb4_bin NOT NULL CHECK (code <> ''),"
                    + " name VARCHAR(20) COLLATE utf8mb4_bin NOT NULL CHECK (name <> ''))");
            OperationRenderer online = d.renderer(RenderContext.online(c));
            for (SqlStatement st : online.render(AlterColumn.builder(null, "person", "code").type(SqlType.string(40)).build())) {
                s.execute(st.sql());
            }
            OperationRenderer offline = d.renderer(RenderContext.offline());
            for (SqlStatement st : offline.render(AlterColumn.builder(null, "person", "name").type(SqlType.string(40))
                    .existingType(SqlType.string(20)).existingNullable(false).existingServerDefault(null)
                    .existingComment(null).existingCollation("utf8mb4_bin").build())) {
                s.execute(st.sql());
            }
            for (String column : new String[]{"code", "name"}) {
                try (ResultSet rs = s.executeQuery("SELECT c.COLUMN_TYPE, c.COLLATION_NAME, k.CHECK_CLAUSE FROM information_schema.COLUMNS c"
                        + " LEFT JOIN information_schema.CHECK_CONSTRAINTS k ON k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA"
                        + " AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.COLUMN_NAME AND k.LEVEL = 'Column'"
                        + " WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = 'person' AND c.COLUMN_NAME = '" + column + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(column).isEqualTo("varchar(40)");
                    assertThat(rs.getString(2)).as(column).isEqualTo("utf8mb4_bin");
                    assertThat(rs.getString(3)).as(column).isEqualTo("`" + column + "` <> ''");
                }
            }
        }
    }

    /** t75-7: JSON to LONGTEXT leaves JSON's json_valid check and utf8mb4_bin behind, online and offline. */
    @Test
    void jsonToLongtextLeavesTheJsonCheckAndCollationOnlineAndOffline() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE doc (id INT PRIMARY KEY, a JSON NOT NULL, b JSON NOT NULL, c LONGTEXT NOT NULL)");
            OperationRenderer online = d.renderer(RenderContext.online(c));
            for (AlterColumn alter : new AlterColumn[]{
                    AlterColumn.builder(null, "doc", "a").type(SqlType.raw("longtext")).build(),
                    AlterColumn.builder(null, "doc", "c").type(SqlType.of(SqlType.Kind.JSON)).build()}) {
                for (SqlStatement st : online.render(alter)) s.execute(st.sql());
            }
            // as autogenerate writes it: JSON's own collation given as the column's
            OperationRenderer offline = d.renderer(RenderContext.offline());
            for (SqlStatement st : offline.render(AlterColumn.builder(null, "doc", "b").type(SqlType.raw("longtext"))
                    .existingType(SqlType.of(SqlType.Kind.JSON)).existingNullable(false).existingServerDefault(null)
                    .existingComment(null).existingCollation("utf8mb4_bin").build())) {
                s.execute(st.sql());
            }
            s.execute("INSERT INTO doc VALUES (1, 'not json', 'not json', '{}')");
            try (ResultSet rs = s.executeQuery("SELECT c.COLUMN_NAME, c.COLLATION_NAME = t.TABLE_COLLATION, k.CHECK_CLAUSE"
                    + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
                    + " AND t.TABLE_NAME = c.TABLE_NAME LEFT JOIN information_schema.CHECK_CONSTRAINTS k"
                    + " ON k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.COLUMN_NAME"
                    + " WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = 'doc' AND c.COLUMN_NAME <> 'id' ORDER BY 1")) {
                for (String column : new String[]{"a", "b"}) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(column);
                    assertThat(rs.getBoolean(2)).as(column + ": the table's collation").isTrue();
                    assertThat(rs.getString(3)).as(column + ": no json_valid").isNull();
                }
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).as("a new JSON type has its own").isEqualTo("json_valid(`c`)");
            }
        }
    }

    /**
     * {@code fields} of column {@code table.column} in information_schema.COLUMNS, as text; with a null table, of
     * information_schema.CHECK_CONSTRAINTS in this database.
     */
    private static java.util.List<String> column(Statement s, String table, String column, String fields) throws Exception {
        String sql = table == null ? "SELECT " + fields + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
                : "SELECT " + fields + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table
                + "' AND COLUMN_NAME = '" + column + "'";
        java.util.List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
        }
        return out;
    }
}
