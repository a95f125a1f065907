package dev.retort.autogenerate;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t18-1: a column's own collation in a model reaches the database (a case-sensitive key stays case-sensitive,
 * a NOCASE one case-insensitive), online and offline, in the Java revision; a differing one is reported.
 */
class ColumnCollationIT {
    @Test
    void mariaDbBinaryKeyStaysCaseSensitive() throws Exception {
        roundTrip(Engine.MARIADB, "CREATE TABLE k (name VARCHAR(50) COLLATE utf8mb4_bin NOT NULL, PRIMARY KEY (name))",
                "utf8mb4_bin", "COLLATE utf8mb4_bin", "ALTER TABLE k MODIFY name VARCHAR(50) COLLATE utf8mb4_bin NOT NULL",
                true);
    }

    @Test
    void postgresCollationIsAnIdentifier() throws Exception {
        roundTrip(Engine.POSTGRESQL, "CREATE TABLE k (name varchar(50) COLLATE \"C\" NOT NULL PRIMARY KEY)",
                "C", "COLLATE \"C\"", "ALTER TABLE k ALTER COLUMN name TYPE VARCHAR(50) COLLATE \\\"C\\\"", true);
    }

    /** r9-1: libc's collation names have a dot ("C.utf8", "en_US.utf8"): one identifier, not schema.name. */
    @Test
    void postgresCollationWithADotIsOneName() throws Exception {
        roundTrip(Engine.POSTGRESQL, "CREATE TABLE k (name varchar(50) COLLATE \"C.utf8\" NOT NULL PRIMARY KEY)",
                "C.utf8", "COLLATE \"C.utf8\"", "ALTER TABLE k ALTER COLUMN name TYPE VARCHAR(50) COLLATE \\\"C.utf8\\\"", true);
    }

    /** r9-1: a collation of another schema is reflected as SQL qualifies it, so it cannot be taken for a dotted name. */
    @Test
    void postgresCollationOfAnotherSchemaIsQualified() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE SCHEMA \"Oth\"; CREATE COLLATION \"Oth\".\"o.c\" (locale = 'C');"
                    + " CREATE TABLE k (a text COLLATE \"Oth\".\"o.c\", b text COLLATE \"C.utf8\", c text COLLATE pg_catalog.\"C\")");
            SchemaModel reflected = Schemas.reflect(db);
            var k = reflected.table("k").orElseThrow();
            assertThat(k.column("a").orElseThrow().collation()).isEqualTo("\"Oth\".\"o.c\"");
            assertThat(k.column("b").orElseThrow().collation()).isEqualTo("C.utf8");
            assertThat(k.column("c").orElseThrow().collation()).isEqualTo("C");
            Schemas.execute(db, "DROP TABLE k");
            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), reflected, Schemas.dialect(db));
            String sql = Schemas.dialect(db).renderer(RenderContext.offline()).render(ops.get(0)).get(0).sql();
            assertThat(sql).contains("a TEXT COLLATE \"Oth\".\"o.c\"", "b TEXT COLLATE \"C.utf8\"", "c TEXT COLLATE \"C\"");
            Schemas.apply(db, ops);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), reflected, Schemas.dialect(db))).isEmpty();
        }
    }

    /** r9-7: PostgreSQL's ALTER COLUMN TYPE without COLLATE gives the new type's default: the column's own is restated. */
    @Test
    void postgresTypeChangeKeepsTheCollation() throws Exception {
        String ddl = "CREATE TABLE k (name varchar(50) COLLATE \"C\" NOT NULL PRIMARY KEY, t text[] COLLATE \"POSIX\","
                + " n int, u text COLLATE \"C.utf8\")";
        SchemaModel model = Schemas.model(Engine.POSTGRESQL, ddl.replace("varchar(50)", "varchar(100)")
                .replace("text[]", "varchar(10)[]").replace("n int", "n text COLLATE \"C\""));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, ddl);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            List<SqlStatement> offline = new java.util.ArrayList<>();
            for (Operation op : diff.upgrade()) offline.addAll(Schemas.dialect(db).renderer(RenderContext.offline()).render(op));
            assertThat(offline).extracting(SqlStatement::sql).contains("ALTER TABLE k ALTER COLUMN name TYPE VARCHAR(100) COLLATE \"C\"",
                    "ALTER TABLE k ALTER COLUMN t TYPE character varying(10)[] COLLATE \"POSIX\" USING t::character varying(10)[]");
            Schemas.apply(db, diff.upgrade());
            SchemaModel after = Schemas.reflect(db);
            assertThat(after.table("k").orElseThrow().column("name").orElseThrow().collation()).isEqualTo("C");
            assertThat(after.table("k").orElseThrow().column("t").orElseThrow().collation()).isEqualTo("POSIX");
            // n's new collation is the TODO's (no operation changes a collation), so only that is left
            assertThat(SchemaComparator.diff(after, model, Schemas.dialect(db), SchemaFilter.everything()).entries())
                    .singleElement().satisfies(e -> assertThat(e.note()).contains("column k.n"));
            Schemas.apply(db, diff.downgrade());
            SchemaModel back = Schemas.reflect(db);
            assertThat(back.table("k").orElseThrow().column("name").orElseThrow().collation()).isEqualTo("C");
            assertThat(back.table("k").orElseThrow().column("t").orElseThrow().collation()).isEqualTo("POSIX");

            // online, an operation without existingCollation keeps the column's as the database has it
            Schemas.apply(db, List.of(dev.retort.ops.AlterColumn.builder(null, "k", "u")
                    .type(dev.retort.schema.SqlType.string(20)).existingType(dev.retort.schema.SqlType.of(dev.retort.schema.SqlType.Kind.TEXT)).build()));
            assertThat(Schemas.reflect(db).table("k").orElseThrow().column("u").orElseThrow().collation()).isEqualTo("C.utf8");
        }
    }

    /**
     * t51-1: a type change of a column without a collation of its own says so ({@code existingCollation(null)}),
     * both ways, so the offline script has no warning about a collation the column never had; a type that
     * cannot carry one is left without.
     */
    @Test
    void postgresTypeChangeOfAColumnWithoutItsOwnCollationSaysItHasNone() throws Exception {
        String ddl = "CREATE TABLE w (id int PRIMARY KEY, name varchar(20) COLLATE \"C\", other varchar(20), n int)";
        SchemaModel model = Schemas.model(Engine.POSTGRESQL, ddl.replace("(20)", "(40)").replace("n int", "n bigint"));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, ddl);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            RevisionSource.JavaBodies java = RevisionSource.javaBodies(diff);
            assertThat(String.join("\n", java.upgrade())).contains(
                    "op.alterColumn(\"w\", \"other\", a -> a.type(string(40))\n",
                    ".existingComment(null).existingCollation(null));", ".existingCollation(\"C\"));");
            assertThat(java.upgrade()).filteredOn(st -> st.contains("\"w\", \"n\"")).singleElement()
                    .satisfies(st -> assertThat(st).doesNotContain("existingCollation"));
            assertThat(String.join("\n", java.downgrade())).contains(
                    "op.alterColumn(\"w\", \"other\", a -> a.type(string(20))\n", ".existingCollation(null));");
            for (List<Operation> ops : List.of(diff.upgrade(), diff.downgrade())) {
                List<SqlStatement> offline = new java.util.ArrayList<>();
                var renderer = Schemas.dialect(db).renderer(RenderContext.offline());
                for (Operation op : ops) offline.addAll(renderer.render(op));
                assertThat(offline).extracting(SqlStatement::sql).noneMatch(sql -> sql.contains("without existingCollation"))
                        .anyMatch(sql -> sql.matches("ALTER TABLE w ALTER COLUMN other TYPE VARCHAR\\((40|20)\\)"));
            }
        }
    }

    /**
     * r9-2: a sql: model knows every column's collation: one that names the default (SQLite's BINARY, PostgreSQL's
     * "default", MariaDB's table's) or none, against a database column with its own, is drift.
     */
    @Test
    void sqlModelWithTheDefaultCollationIsCompared() throws Exception {
        defaultInModel(Engine.SQLITE, "CREATE TABLE p (id INTEGER PRIMARY KEY, email TEXT NOT NULL COLLATE NOCASE)",
                "COLLATE NOCASE", "COLLATE BINARY", "recreating the table");
        defaultInModel(Engine.POSTGRESQL, "CREATE TABLE p (id int PRIMARY KEY, email text NOT NULL COLLATE \"C\")",
                "COLLATE \"C\"", "COLLATE \"default\"",
                "ALTER TABLE p ALTER COLUMN email TYPE TEXT COLLATE \\\"default\\\"");
        defaultInModel(Engine.MARIADB, "CREATE TABLE p (id INT PRIMARY KEY, email VARCHAR(50) NOT NULL COLLATE utf8mb4_bin)"
                        + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                "COLLATE utf8mb4_bin", "COLLATE utf8mb4_general_ci", "ALTER TABLE p MODIFY email VARCHAR(50) NOT NULL");
    }

    private static void defaultInModel(Engine engine, String ddl, String own, String dflt, String todo) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, ddl);
            for (String model : List.of(ddl.replace(own, dflt), ddl.replace(own, ""))) {
                SchemaModel m = Schemas.model(engine, model).withCollationsKnown();
                assertThat(SchemaComparator.diff(Schemas.reflect(db), m, Schemas.dialect(db), SchemaFilter.everything())
                        .entries()).singleElement().satisfies(e -> {
                            assertThat(e.operation()).isNull();
                            assertThat(e.note()).startsWith("TODO: column p.email has collation").contains(
                                    "in the database and the default collation in the model", todo);
                        });
                // a model that does not know its columns' collations (a class: model) leaves the database's alone
                assertThat(SchemaComparator.compare(Schemas.reflect(db), Schemas.model(engine, model), Schemas.dialect(db))).isEmpty();
            }
        }
    }

    @Test
    void sqliteNocaseKeyStaysCaseInsensitive() throws Exception {
        roundTrip(Engine.SQLITE, "CREATE TABLE k (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE UNIQUE)",
                "NOCASE", "COLLATE NOCASE", "recreating the table", false);
    }

    private static void roundTrip(Engine engine, String ddl, String collation, String clause, String todo,
                                  boolean caseSensitive) throws Exception {
        SchemaModel model = Schemas.model(engine, ddl);
        assertThat(model.table("k").orElseThrow().column("name").orElseThrow().collation()).isEqualTo(collation);
        try (TestDatabase db = TestDatabase.create(engine)) {
            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db));
            assertThat(RevisionSource.javaBodies(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db),
                    SchemaFilter.everything())).upgrade().toString()).contains(".collation(\"" + collation + "\")");
            List<SqlStatement> offline = Schemas.dialect(db).renderer(RenderContext.offline()).render(ops.get(0));
            assertThat(offline.get(0).sql()).contains(clause);
            Schemas.apply(db, ops);
            assertThat(Schemas.reflect(db).table("k").orElseThrow().column("name").orElseThrow().collation()).isEqualTo(collation);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            insert(db, "a");
            if (caseSensitive) insert(db, "A");
            else assertThatThrownBy(() -> insert(db, "A")).isInstanceOf(SQLException.class);

            // a database column without the model's collation is reported, with the SQL to write
            Schemas.execute(db, "DROP TABLE k");
            Schemas.execute(db, ddl.replaceAll("(?i) COLLATE \\S+", ""));
            assertThat(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything())
                    .entries()).singleElement().satisfies(e -> {
                        assertThat(e.operation()).isNull();
                        assertThat(e.note()).startsWith("TODO: column k.name has the default collation in the database and"
                                + " collation " + collation + " in the model").contains(todo);
                    });
        }
    }

    /**
     * t57-11: a MariaDB table's COLLATE=utf8mb4_bin in a sql: model is the table's, carried into createTable (its
     * columns then compare case-sensitively, as in a database made from the file), and a database table with another
     * is reported with the statement to write, and is drift.
     */
    @Test
    void mariaDbTableCollationIsCarriedAndCompared() throws Exception {
        String ddl = "CREATE TABLE t (id int PRIMARY KEY, code varchar(10), UNIQUE KEY uq (code))"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
        SchemaModel model = Schemas.model(Engine.MARIADB, ddl).withCollationsKnown();
        assertThat(model.table("t").orElseThrow().collation()).isEqualTo("utf8mb4_bin");
        assertThat(model.table("t").orElseThrow().column("code").orElseThrow().collation()).isNull();
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(RevisionSource.javaBodies(diff).upgrade().toString()).contains("tableCollation(\"utf8mb4_bin\")");
            List<SqlStatement> offline = Schemas.dialect(db).renderer(RenderContext.offline()).render(diff.upgrade().get(0));
            assertThat(offline.get(0).sql()).endsWith(") COLLATE=utf8mb4_bin");
            Schemas.apply(db, diff.upgrade());
            Schemas.execute(db, "INSERT INTO t VALUES (1, 'A'), (2, 'a')");
            assertThat(Schemas.reflect(db).table("t").orElseThrow().collation()).isEqualTo("utf8mb4_bin");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();

            // the table made with the database's default: reported, with the statement that converts it
            Schemas.execute(db, "DROP TABLE t");
            Schemas.execute(db, ddl.replace(" DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", ""));
            assertThat(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything())
                    .entries()).singleElement().satisfies(e -> {
                        assertThat(e.operation()).isNull();
                        assertThat(e.note()).startsWith("TODO: table t has the database's default collation in the database"
                                + " and collation utf8mb4_bin in the model")
                                .contains("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                    });
            // the other way: the database's table is utf8mb4_bin and the model's has the default
            Schemas.execute(db, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            SchemaModel plain = Schemas.model(Engine.MARIADB, ddl.replace(" DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", ""))
                    .withCollationsKnown();
            assertThat(SchemaComparator.diff(Schemas.reflect(db), plain, Schemas.dialect(db), SchemaFilter.everything())
                    .entries()).singleElement().satisfies(e -> assertThat(e.note())
                            .contains("CONVERT TO CHARACTER SET DEFAULT"));
            // a model that names no table collations (a class: model) leaves the database's alone
            assertThat(SchemaComparator.compare(Schemas.reflect(db), Schemas.model(Engine.MARIADB,
                    ddl.replace(" DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", "")), Schemas.dialect(db))).isEmpty();
        }
    }

    /**
     * t59-4: a table's CONVERT converts every character column, also one the model gives a collation of its own: the
     * table's TODO comes before the columns' (which restate those), so that following them in order leaves each column
     * as the model has it.
     */
    @Test
    void mariaDbTableCollationTodoComesBeforeTheColumnsOnes() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.execute(db, "CREATE TABLE t (id int PRIMARY KEY, code varchar(10), UNIQUE KEY uq (code))"
                    + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
            SchemaModel model = Schemas.model(Engine.MARIADB, "CREATE TABLE t (id int PRIMARY KEY, code varchar(10) COLLATE"
                    + " utf8mb4_bin, UNIQUE KEY uq (code)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci").withCollationsKnown();
            List<String> notes = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything())
                    .entries().stream().map(SchemaComparator.Entry::note).toList();
            assertThat(notes).hasSize(2);
            assertThat(notes.get(0)).startsWith("TODO: table t ");
            assertThat(notes.get(1)).startsWith("TODO: column t.code ");
        }
    }

    private static void insert(TestDatabase db, String name) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO k (name) VALUES ('" + name + "')");
        }
    }
}
