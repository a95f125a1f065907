package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes of a SQLite model that SQLite stores its own way (unnamed constraints, generated columns):
 * the generated Java revision runs, makes the table the model's, and leaves a clean check behind.
 */
class SqliteAutogenerateIT {
    @TempDir
    Path dir;

    /** A column rename carries its unnamed UNIQUE over: nothing else is generated for it. */
    @Test
    void renamedColumnKeepsItsUnnamedUnique() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            generateAndUpgrade(db, "CREATE TABLE account (id INTEGER PRIMARY KEY, email VARCHAR(100) UNIQUE);", "aaaaaaaaaaa1");
            String text = generateAndUpgrade(db, "CREATE TABLE account (id INTEGER PRIMARY KEY, mail VARCHAR(100) UNIQUE);",
                    "aaaaaaaaaaa2");
            assertThat(text).contains("renameColumn(\"account\", \"email\", \"mail\")").doesNotContain("UniqueConstraint");
            assertThat(query(db, "SELECT count(*) FROM pragma_index_list('account') WHERE origin = 'u'")).containsExactly("1");
            downgradeToBase(db);
        }
    }

    /** r3-9: SQLite rewrites a kept check with "ArtistName", the model writes [ArtistName]: no drift. */
    @Test
    void renamedColumnKeepsABracketQuotedCheck() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            generateAndUpgrade(db, "CREATE TABLE [Artist] ([ArtistId] INTEGER PRIMARY KEY, [Name] NVARCHAR(120),"
                    + " CHECK (length([Name]) BETWEEN 1 AND 120), UNIQUE ([Name]));", "aaaaaaaaaaa1");
            String text = generateAndUpgrade(db, "CREATE TABLE [Artist] ([ArtistId] INTEGER PRIMARY KEY, [ArtistName] NVARCHAR(120),"
                    + " CHECK (length([ArtistName]) BETWEEN 1 AND 120), UNIQUE ([ArtistName]));", "aaaaaaaaaaa2");
            assertThat(text).contains("renameColumn(\"Artist\", \"Name\", \"ArtistName\")").doesNotContain("heck");
            downgradeToBase(db);
        }
    }

    /**
     * A changed unnamed foreign key is dropped by its definition (move-and-copy) and added anew: one key
     * after the upgrade, the old one again after the downgrade, and no drift either way.
     */
    @Test
    void changedUnnamedForeignKey() throws Exception {
        String cascade = "CREATE TABLE account (id INTEGER PRIMARY KEY);"
                + " CREATE TABLE post (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account (id) ON DELETE CASCADE);";
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            generateAndUpgrade(db, cascade, "aaaaaaaaaaa1");
            execute(db, "INSERT INTO account VALUES (1)");
            execute(db, "INSERT INTO post VALUES (10, 1)");
            String text = generateAndUpgrade(db, cascade.replace("CASCADE", "SET NULL"), "aaaaaaaaaaa2");
            assertThat(text).contains("op.dropForeignKey(\"post\", foreignKey(\"account_id\").references(\"account\", \"id\").onDelete(\"CASCADE\"));",
                    "op.createForeignKey(null, \"post\", foreignKey(\"account_id\").references(\"account\", \"id\").onDelete(\"SET NULL\"));")
                    .doesNotContain("TODO", "not reversible");
            assertThat(query(db, "SELECT on_delete FROM pragma_foreign_key_list('post')")).containsExactly("SET NULL");
            assertThat(query(db, "SELECT count(*) FROM post")).containsExactly("1");

            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Retort.of(config, ScriptDirectory.load(config)).downgrade("-1");
            assertThat(query(db, "SELECT on_delete FROM pragma_foreign_key_list('post')")).containsExactly("CASCADE");
            Files.writeString(dir.resolve("schema.sql"), cascade);
            assertThat(DriftCheck.run(config)).isEmpty();
            downgradeToBase(db);
        }
    }

    /** Two unnamed keys on one column (as the old revision left them): the one the model has stays. */
    @Test
    void duplicateUnnamedForeignKeysSettle() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            execute(db, "CREATE TABLE account (id INTEGER PRIMARY KEY)");
            execute(db, "CREATE TABLE post (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account (id) ON DELETE CASCADE,"
                    + " FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE SET NULL)");
            String model = "CREATE TABLE account (id INTEGER PRIMARY KEY);"
                    + " CREATE TABLE post (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account (id) ON DELETE SET NULL);";
            Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(dir.resolve("schema.sql"), model);
            assertThat(DriftCheck.run(AutogeneratorIT.config(dir, db.url()))).extracting(Operation::describe).containsExactly(
                    "drop foreign key FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE on post");
            generateAndUpgrade(db, model, "aaaaaaaaaaa1");
            assertThat(query(db, "SELECT on_delete FROM pragma_foreign_key_list('post')")).containsExactly("SET NULL");
        }
    }

    /** Unnamed unique and check constraints the model no longer has are dropped by their definition. */
    @Test
    void removedUnnamedUniqueAndCheck() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            generateAndUpgrade(db, "CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT UNIQUE, price INT CHECK (price > 0));",
                    "aaaaaaaaaaa1");
            String text = generateAndUpgrade(db, "CREATE TABLE item (id INTEGER PRIMARY KEY, code TEXT, price INT);", "aaaaaaaaaaa2");
            assertThat(text).contains("op.dropConstraint(\"item\", unique(\"code\"));", "op.dropConstraint(\"item\", check(\"price > 0\"));");
            assertThat(query(db, "SELECT sql FROM sqlite_master WHERE name = 'item'")).singleElement()
                    .satisfies(sql -> assertThat(sql).doesNotContain("UNIQUE", "CHECK"));
            downgradeToBase(db);
        }
    }

    /** Generated columns, VIRTUAL and STORED, typed or not: created as the model has them, and dropped. */
    @Test
    void generatedColumns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            String text = generateAndUpgrade(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER,"
                    + " n INT GENERATED ALWAYS AS (k * 2) VIRTUAL, s AS (k + 1) STORED);", "aaaaaaaaaaa1");
            assertThat(text).contains("raw(\"INT GENERATED ALWAYS AS (k * 2) VIRTUAL\")",
                    "raw(\"GENERATED ALWAYS AS (k + 1) STORED\")");
            assertThat(query(db, "SELECT name || ':' || hidden FROM pragma_table_xinfo('t') WHERE hidden > 0"))
                    .containsExactly("n:2", "s:3");
            execute(db, "INSERT INTO t (id, k) VALUES (1, 3)");
            assertThat(query(db, "SELECT n || ',' || s FROM t")).containsExactly("6,4");

            // move-and-copy (NOT NULL on k) keeps them generated, with their values
            text = generateAndUpgrade(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL,"
                    + " n INT GENERATED ALWAYS AS (k * 2) VIRTUAL, s AS (k + 1) STORED);", "aaaaaaaaaab1");
            assertThat(text).contains("alterColumn(\"t\", \"k\"");
            assertThat(query(db, "SELECT name || ':' || hidden FROM pragma_table_xinfo('t') WHERE hidden > 0"))
                    .containsExactly("n:2", "s:3");
            assertThat(query(db, "SELECT k || ',' || n || ',' || s FROM t")).containsExactly("3,6,4");

            // a changed expression: the column is made anew with it (by move-and-copy)
            generateAndUpgrade(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL,"
                    + " n INT GENERATED ALWAYS AS (k * 5) VIRTUAL, s AS (k + 1) STORED);", "aaaaaaaaaab2");
            assertThat(query(db, "SELECT n || ',' || s FROM t")).containsExactly("15,4");

            // a changed expression, and generated columns the model no longer has
            Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER,"
                    + " n INT GENERATED ALWAYS AS (k * 3) VIRTUAL);");
            assertThat(DriftCheck.run(AutogeneratorIT.config(dir, db.url()))).extracting(Operation::describe)
                    .contains("drop column t.s").anyMatch(d -> d.contains("t.n"));
            generateAndUpgrade(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER);", "aaaaaaaaaaa2");
            assertThat(query(db, "SELECT name FROM pragma_table_xinfo('t')")).containsExactly("id", "k");
            downgradeToBase(db);
        }
    }

    /**
     * t44-4: with foreign keys enforced (foreign_keys=true in the URL), a change that rebuilds a table other tables
     * reference is refused inside a transaction; the revision autogenerate wrote was plain and failed as written. It is
     * now marked transactional = false, saying why, and runs up and down keeping the referencing rows; a change to a
     * table nothing references stays transactional. The SQL revision switches the keys off around its sections.
     */
    @Test
    void aCopyOfAReferencedTableWithForeignKeysEnforcedRunsOutsideATransaction() throws Exception {
        String model = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL);"
                + " CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,"
                + " note VARCHAR(10));";
        for (boolean sql : new boolean[] {false, true}) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
                String url = db.url() + "?foreign_keys=true";
                generate(url, model, "aaaaaaaaaaa1", sql);
                execute(db, "INSERT INTO parent VALUES (1, 'a')");
                execute(db, "INSERT INTO child VALUES (1, 1, 'x')");
                // child is referenced by nothing: a transaction as before
                String plain = generate(url, model.replace("VARCHAR(10)", "VARCHAR(30)"), "aaaaaaaaaaa2", sql);
                assertThat(plain).doesNotContain("transactional", "PRAGMA foreign_keys");
                String[] generated = new String[1];
                String err = dev.retort.testing.Stderr.of(() -> generated[0] = generate(url,
                        model.replace("VARCHAR(10)", "VARCHAR(30)").replace("VARCHAR(20)", "VARCHAR(40)"), "aaaaaaaaaaa3", sql));
                // generate(...) upgrades too: that run of a Java revision says its copy once (a SQL revision holds the
                // copy's statements, and says nothing); the replays on a copy of the schema say nothing
                assertThat(err.split("Move-and-copy", -1)).as("the replay on a copy says nothing of its move-and-copy:\n" + err)
                        .hasSize(sql ? 1 : 2);
                String text = generated[0];
                assertThat(text).contains(sql ? "-- retort:transactional false" : "transactional = false",
                        "transactional = false: foreign keys are enforced on this database, and this revision rebuilds by"
                                + " move-and-copy", "parent (referenced by child)");
                if (sql) assertThat(text).contains("PRAGMA foreign_keys = OFF;").doesNotContain("PRAGMA foreign_keys = ON;");
                RetortConfig config = AutogeneratorIT.config(dir, url);
                Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
                assertThat(query(db, "SELECT count(*) FROM child")).containsExactly("1");
                assertThat(DriftCheck.run(config)).isEmpty();
                Retort.of(config, ScriptDirectory.load(config)).downgrade("-1");
                assertThat(query(db, "SELECT count(*) FROM child")).containsExactly("1");
                assertThat(query(db, "SELECT sql FROM sqlite_master WHERE name = 'parent'")).singleElement()
                        .satisfies(t -> assertThat(t).contains("VARCHAR(20)"));
                Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
                try (var files = Files.list(dir.resolve("migrations/versions"))) {
                    for (Path f : files.toList()) Files.delete(f);
                }
            }
        }
    }

    /**
     * t66-5: SQLite's names ignore case, so a rename of {@code Invoice} to {@code invoice} was refused ("there is already
     * another table ... invoice"). It goes through a name of its own, online, offline (--sql) and back, keeping the rows
     * and the key that references the table, with foreign keys enforced.
     */
    @Test
    void aTableRenamedInCaseOnlyRunsOnlineOfflineAndBack() throws Exception {
        String before = "CREATE TABLE \"Invoice\" (id INTEGER PRIMARY KEY, total NUMERIC(10,2) NOT NULL);"
                + " CREATE TABLE line (id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES \"Invoice\" (id));";
        String rows = "INSERT INTO \"Invoice\" VALUES (1, 9.99); INSERT INTO line VALUES (1, 1);";
        String model = before.replace("\"Invoice\"", "invoice");
        for (boolean sql : new boolean[] {false, true}) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); TestDatabase offline = TestDatabase.create(Engine.SQLITE)) {
                String url = db.url() + "?foreign_keys=true";
                Schemas.execute(db, before + rows);
                Schemas.execute(offline, before + rows);
                String text = generate(url, model, "aaaaaaaaaaa1", sql);
                assertThat(text).contains(sql ? "RENAME TO invoice" : "op.renameTable(\"Invoice\", \"invoice\")");
                RetortConfig config = AutogeneratorIT.config(dir, url);
                assertThat(DriftCheck.run(config)).as(text).isEmpty();
                assertThat(query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'invoice'"))
                        .containsExactly("invoice");
                assertThat(query(db, "SELECT sql FROM sqlite_master WHERE name = 'line'")).singleElement()
                        .satisfies(t -> assertThat(t).contains("REFERENCES \"invoice\"").doesNotContain("_retort_rename_"));
                assertThat(query(db, "SELECT count(*) FROM line JOIN invoice ON invoice.id = line.invoice_id")).containsExactly("1");
                assertThat(query(db, "SELECT count(*) FROM pragma_foreign_key_check")).containsExactly("0");

                // the offline script of the same revision, run by sqlite3 on a database as the first one was
                Retort retort = Retort.of(config, ScriptDirectory.load(config));
                dev.retort.testing.Clients.feed(Engine.SQLITE, offline, "PRAGMA foreign_keys = ON;\n"
                        + retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null));
                assertThat(query(offline, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'invoice'"))
                        .containsExactly("invoice");
                assertThat(query(offline, "SELECT count(*) FROM line JOIN invoice ON invoice.id = line.invoice_id"))
                        .containsExactly("1");
                dev.retort.testing.Clients.feed(Engine.SQLITE, offline, "PRAGMA foreign_keys = ON;\n"
                        + retort.sql(dev.retort.graph.Direction.DOWNGRADE, "head:base", null));
                assertThat(query(offline, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'invoice'"))
                        .containsExactly("Invoice");

                retort.downgrade("base");
                assertThat(query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'invoice'"))
                        .containsExactly("Invoice");
                assertThat(query(db, "SELECT sql FROM sqlite_master WHERE name = 'line'")).singleElement()
                        .satisfies(t -> assertThat(t).contains("REFERENCES \"Invoice\""));
                assertThat(query(db, "SELECT count(*) FROM line JOIN \"Invoice\" i ON i.id = line.invoice_id")).containsExactly("1");
                Files.writeString(dir.resolve("schema.sql"), before);
                assertThat(DriftCheck.run(config)).isEmpty();
                try (var files = Files.list(dir.resolve("migrations/versions"))) {
                    for (Path f : files.toList()) Files.delete(f);
                }
            }
        }
    }

    private String generate(String url, String schemaSql, String id, boolean sql) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("schema.sql"), schemaSql);
        RetortConfig config = AutogeneratorIT.config(dir, url);
        RevisionGenerator.Request request = new RevisionGenerator.Request("change " + id, sql, List.of("head"), false,
                List.of(), List.of(), id, null, null, null, List.of());
        Path file = Autogenerator.generate(config, ScriptDirectory.load(config), request, Clock.systemUTC()).orElseThrow().path();
        Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
        return Files.readString(file);
    }

    /** The Java revision autogenerate writes; upgrades to it and checks that no drift is left. */
    private String generateAndUpgrade(TestDatabase db, String schemaSql, String id) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("schema.sql"), schemaSql);
        RetortConfig config = AutogeneratorIT.config(dir, db.url());
        RevisionGenerator.Request request = new RevisionGenerator.Request("change " + id, false, List.of("head"), false,
                List.of(), List.of(), id, null, null, null, List.of());
        Path file = Autogenerator.generate(config, ScriptDirectory.load(config), request, Clock.systemUTC()).orElseThrow().path();
        Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
        assertThat(DriftCheck.run(config)).extracting(Operation::describe).as("drift right after the revision").isEmpty();
        return Files.readString(file);
    }

    private void downgradeToBase(TestDatabase db) {
        RetortConfig config = AutogeneratorIT.config(dir, db.url());
        Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
    }

    static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> query(TestDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
