package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Revision files run for real on every engine: a Java revision (compiled on demand), a SQL revision
 * with a body the splitter must keep whole (trigger or function, per engine), then downgrade, and an
 * irreversible SQL revision refused before anything runs.
 */
class RevisionRunIT {
    @TempDir
    Path dir;

    /** An engine's trigger/function that holds semicolons inside its body. */
    private static String body(Engine e) {
        return switch (e) {
            case SQLITE -> """
                    CREATE TRIGGER account_touch AFTER INSERT ON account FOR EACH ROW
                    BEGIN
                      UPDATE account SET name = CASE WHEN NEW.name = '' THEN 'anon;ymous' ELSE NEW.name END WHERE id = NEW.id;
                    END;
                    """;
            case POSTGRESQL -> """
                    CREATE FUNCTION account_touch() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.name = '' THEN NEW.name := 'anon;ymous'; END IF;
                      RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql;
                    CREATE TRIGGER account_touch BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION account_touch();
                    """;
            case MARIADB -> """
                    DELIMITER //
                    CREATE TRIGGER account_touch BEFORE INSERT ON account FOR EACH ROW
                    BEGIN
                      IF NEW.name = '' THEN SET NEW.name = 'anon;ymous'; END IF;
                    END//
                    DELIMITER ;
                    """;
            case H2 -> """
                    CREATE ALIAS account_touch AS $$
                    String touch(String s) { return s.isEmpty() ? "anon;ymous" : s; }
                    $$;
                    """;
        };
    }

    private static String dropBody(Engine e) {
        return switch (e) {
            case SQLITE, MARIADB -> "DROP TRIGGER account_touch;\n";
            case POSTGRESQL -> "DROP TRIGGER account_touch ON account;\nDROP FUNCTION account_touch();\n";
            case H2 -> "DROP ALIAS account_touch;\n";
        };
    }

    /** t15-3: of many alike statements, the failed one is named by the line of the file it starts on. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "MARIADB"})
    void aFailedStatementIsNamedByItsLineInTheFile(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            StringBuilder sql = new StringBuilder("-- retort:revision f1\n-- retort:upgrade\nCREATE TABLE f (id INTEGER PRIMARY KEY, s VARCHAR(10));\n");
            for (int i = 0; i < 300; i++) sql.append("INSERT INTO f VALUES (").append(i == 250 ? 7 : i).append(", 'value');\n");
            sql.append("-- retort:downgrade\nDROP TABLE f;\n");
            Files.writeString(versions.resolve("f1.sql"), sql);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("f1.sql) failed at statement on line 254:\n    INSERT INTO f VALUES (7, 'value')");
        }
    }

    /**
     * t29-7: the JVM's message of an exception from a revision's own code says what, not where (and a helper's
     * IllegalStateException() says nothing): the message names the innermost line of it in a revision file,
     * online and offline; of a value Retort refuses, the line that passed it.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aFailureInARevisionsCodeNamesItsLine(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("r6_err.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "a6a6a6a6a6a6", message = "fails")
                    class R6 extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.execute("CREATE TABLE t6 (id INTEGER)");
                            String s = op.context().x("s");
                            if (s == null) op.execute("INSERT INTO t6 VALUES (" + s.length() + ")");
                            if (s.equals("optional")) op.execute("INSERT INTO t6 VALUES (?)", java.util.Optional.of(1));
                            Check6.check(op);
                        }
                        @Override public void downgrade(Operations op) { }
                    }

                    class Check6 {
                        static void check(Operations op) {
                            throw new IllegalStateException();
                        }
                    }
                    """);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort npe = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> npe.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("r6_err.java) failed: java.lang.NullPointerException: Cannot invoke \"String.length()\""
                            + " because \"s\" is null (at r6_err.java:8)\n");
            assertThatThrownBy(() -> npe.sql(dev.retort.graph.Direction.UPGRADE, "head", null)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("failed while its SQL was written: java.lang.NullPointerException")
                    .hasMessageEndingWith(" (at r6_err.java:8)");
            Retort helper = Retort.builder().config(config).x(java.util.Map.of("s", "x")).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> helper.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("r6_err.java) failed: java.lang.IllegalStateException (at r6_err.java:17)\n");
            Retort refused = Retort.builder().config(config).x(java.util.Map.of("s", "optional")).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> refused.sql(dev.retort.graph.Direction.UPGRADE, "head", null)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("cannot be rendered offline: Cannot render a java.util.Optional")
                    .hasMessageEndingWith(" (at r6_err.java:9)");
        }
    }

    /**
     * t63-1: upgrade and downgrade may declare {@code throws Exception} (or SQLException), as the revision template
     * does, so a data step's JDBC on op.connection() needs no wrapping; what it throws fails the run as an unchecked
     * exception does: the database's error and the revision's line named, the SQLException the cause, rolled back.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void aRevisionsJdbcCodeMayThrowCheckedExceptions(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("r7_jdbc.java"), """
                    import dev.retort.migration.*;
                    import java.sql.*;

                    @Revision(id = "c7c7c7c7c7c7", message = "data step")
                    class R7 extends Migration {
                        @Override public void upgrade(Operations op) throws SQLException, java.io.IOException {
                            op.execute("CREATE TABLE t7 (id INTEGER, name VARCHAR(20))");
                            op.execute("INSERT INTO t7 VALUES (1, 'ann')");
                            try (Statement st = op.connection().createStatement()) {
                                st.executeUpdate("UPDATE t7 SET name = upper(" + op.context().x("col") + ") WHERE id = 1");
                            }
                            if (op.context().x("io") != null) throw new java.io.IOException("no file " + op.context().x("io"));
                        }
                        @Override public void downgrade(Operations op) throws Exception {
                            op.execute("DROP TABLE t7");
                        }
                    }
                    """);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort badColumn = Retort.builder().config(config).x(java.util.Map.of("col", "nosuchcol"))
                    .scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> badColumn.upgrade("head"))
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.revision()).isEqualTo("c7c7c7c7c7c7");
                        assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
                    })
                    .hasMessageMatching("(?s)Revision c7c7c7c7c7c7 \\(.*r7_jdbc.java\\) failed: [^\\n]*nosuchcol[^\\n]*"
                            + " \\(at r7_jdbc.java:10\\)\\nRolled back: the database is as it was before this run.");
            Retort io = Retort.builder().config(config).x(java.util.Map.of("col", "name", "io", "seed.csv"))
                    .scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> io.upgrade("head"))
                    .isInstanceOfSatisfying(MigrationFailedException.class,
                            e -> assertThat(e.getCause()).isInstanceOf(java.io.IOException.class))
                    .hasMessageContaining("r7_jdbc.java) failed: java.io.IOException: no file seed.csv (at r7_jdbc.java:12)\n");
            assertThat(io.current()).isEmpty();

            Retort ok = Retort.builder().config(config).x(java.util.Map.of("col", "name")).scripts(ScriptDirectory.load(config)).build();
            ok.upgrade("head");
            try (java.sql.Connection c = db.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT name FROM t7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ANN");
            }
            ok.downgrade("base");
            assertThat(ok.current()).isEmpty();
        }
    }

    /**
     * t52-3: an operation the renderer holds back to render with a later one (MariaDB's drop of a constraint, which a
     * following DROP COLUMN would join; SQLite's move-and-copy) and refuses then names the line that called it, as
     * every operation refused at once does, online and offline.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "MARIADB"})
    void anOperationRefusedAfterItsCallNamesItsLine(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            String refused = engine == Engine.SQLITE ? "op.addColumn(\"t\", column(\"n\", INTEGER).autoincrement());"
                    : "op.dropConstraint(\"nope\", \"t\");";
            Files.writeString(versions.resolve("b2_held.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "b2", message = "refused later")
                    class B2 extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.createTable("t", column("id", INTEGER).primaryKey(), column("s", string(20)));
                            %s
                            op.execute("SELECT 1");
                        }
                        @Override public void downgrade(Operations op) { }
                    }
                    """.formatted(refused));
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String why = engine == Engine.SQLITE ? "Cannot change SQLite table t: AUTOINCREMENT column n must be the whole primary key"
                    + " (INTEGER PRIMARY KEY) in SQLite (at b2_held.java:7)"
                    : "MariaDB/MySQL cannot drop constraint nope on t: table t has no constraint named nope; MariaDB/MySQL name"
                    + " every primary key PRIMARY (a name given to createPrimaryKey is not kept): drop it with"
                    + " dropConstraint(name, table, ConstraintType.PRIMARY_KEY) (at b2_held.java:7)";
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("b2_held.java) failed: " + why + "\n");
            if (engine == Engine.SQLITE) {
                assertThatThrownBy(() -> retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null))
                        .isInstanceOf(RetortException.class).hasMessageContaining("cannot be rendered offline: " + why);
            }
            // last in the revision: rendered at its end, outside the revision's code
            Files.writeString(versions.resolve("b2_held.java"), Files.readString(versions.resolve("b2_held.java"))
                    .replace("op.execute(\"SELECT 1\");", ""));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t"); // MariaDB's stays: its DDL commits
            }
            Retort last = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> last.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("b2_held.java) failed: " + why + "\n");
        }
    }

    /**
     * t54-5: a database error (not a refusal) of the statement of an operation MariaDB's renderer holds back (a
     * constraint drop, rendered with the next operation or at the revision's end) names the line of that call, not
     * the next call's, nor none.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "last in the revision: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aHeldBackOperationsDatabaseErrorNamesItsLine(boolean last) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("b3_held.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "b3", message = "fails later")
                    class B3 extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.createTable("t", column("id", INTEGER));
                            op.dropConstraint("pk_t", "t", dev.retort.ops.ConstraintType.PRIMARY_KEY);
                            %s
                        }
                        @Override public void downgrade(Operations op) { }
                    }
                    """.formatted(last ? "" : "op.execute(\"SELECT 1\");"));
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("ALTER TABLE t DROP PRIMARY KEY")
                    .hasMessageContaining("Database error: ")
                    .hasMessageContaining("PRIMARY")
                    .hasMessageContaining(" (at b3_held.java:7)")
                    .hasMessageNotContaining("b3_held.java:8");
        }
    }

    /**
     * t74-2: a database error of SQLite's move-and-copy, run after the revision's call returned (at its end, or with
     * the next table's operation), named no line of the revision, only a statement on _retort_tmp_c it never wrote.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "transactional {0}, last in the revision: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"true, true", "true, false", "false, true"})
    void aSqliteMoveAndCopysDatabaseErrorNamesItsLine(boolean transactional, boolean last) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("q1.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "q1", message = "not null over a null"%s)
                    class Q1 extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.createTable("c", column("id", INTEGER).primaryKey(), column("note", string(10)));
                            op.execute("INSERT INTO c (id) VALUES (1)");
                            op.alterColumn("c", "note", a -> a.nullable(false));
                            %s
                        }
                        @Override public void downgrade(Operations op) { op.dropTable("c"); }
                    }
                    """.formatted(transactional ? "" : ", transactional = false",
                    last ? "" : "op.createTable(\"d\", column(\"id\", INTEGER).primaryKey());"));
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("_retort_tmp_c")
                    .hasMessageContaining("NOT NULL constraint failed")
                    .hasMessageContaining(" (at q1.java:8)")
                    .hasMessageNotContaining("q1.java:9");
        }
    }

    /**
     * t52-2: a Java revision's operations run as its code calls them, so an operation the engine cannot do is refused
     * when the revision reaches it; where DDL commits (MariaDB, H2) the statements before it stay. The message lists
     * them, says nothing of the refused one was sent, that they must be undone before the fixed revision runs again,
     * and that --sql finds such refusals without a database (which it does: the same refusal, up front).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "MARIADB"})
    void aRefusedOperationSaysWhatRanBeforeItAndHowToFindRefusalsFirst(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("b1.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "b1", message = "base")
                    class B1 extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.createTable("t", column("id", INTEGER).primaryKey(), column("s", string(20)));
                            op.createTable("pre", column("id", INTEGER).primaryKey());
                            op.createIndex("ix_e", "t", i -> i.expression("lower(s)"));
                        }
                        @Override public void downgrade(Operations op) { }
                    }
                    """);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String name = engine == Engine.H2 ? "H2" : "MariaDB/MySQL";
            String refusal = name + " cannot create index ix_e on t: it has no expression indexes (at b1.java:8)";
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("b1.java) failed: " + refusal + "\n" + name + " cannot roll back schema changes:"
                            + " these statements of the revision stay applied")
                    .hasMessageContaining("\n    CREATE TABLE pre (")
                    .hasMessageEndingWith("The version table says unversioned (base). Nothing of the refused operation was"
                            + " sent, but the revision's statements before it ran: undo them by hand (or have the fixed revision"
                            + " skip them) before running again, which starts the revision from its first statement. sql(...) for "
                            + name + " refuses such operations of every revision of a run without a database: run it first"
                            + " when revisions were written for another engine.");
            assertThatThrownBy(() -> retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("cannot be rendered offline: " + refusal);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void javaAndSqlRevisionsRunAndRevert(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("a1_account.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "a1a1a1a1a1a1", revises = {}, message = "account table")
                    class R_a1a1a1a1a1a1_Account extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50))");
                        }
                        @Override public void downgrade(Operations op) {
                            op.execute("DROP TABLE account");
                        }
                    }
                    """);
            Files.writeString(versions.resolve("b2_touch.sql"), "-- retort:revision b2b2b2b2b2b2\n"
                    + "-- retort:revises a1a1a1a1a1a1\n-- retort:message touch names\n\n-- retort:upgrade\n"
                    + body(engine) + "INSERT INTO account (id, name) VALUES (1, 'it''s; here');\n"
                    + "\n-- retort:downgrade\nDELETE FROM account;\n" + dropBody(engine));
            Files.writeString(versions.resolve("c3_seed.sql"), "-- retort:revision c3c3c3c3c3c3\n"
                    + "-- retort:revises b2b2b2b2b2b2\n-- retort:upgrade\nINSERT INTO account (id, name) VALUES (2, 'two');\n");

            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly("c3c3c3c3c3c3");
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM account ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("it's; here");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("two");
            }
            // c3 has no downgrade section: refused before anything runs, naming it
            Retort again = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> again.downgrade("base")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("c3c3c3c3c3c3");
            assertThat(again.current()).containsExactly("c3c3c3c3c3c3");

            Files.writeString(versions.resolve("c3_seed.sql"), "-- retort:revision c3c3c3c3c3c3\n"
                    + "-- retort:revises b2b2b2b2b2b2\n-- retort:upgrade\nINSERT INTO account (id, name) VALUES (2, 'two');\n"
                    + "-- retort:downgrade\nDELETE FROM account WHERE id = 2;\n");
            Retort third = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            third.downgrade("base");
            assertThat(third.current()).isEqualTo(Set.of());
            // this database's catalog only: MariaDB lists every database on the server for a null catalog,
            // and another one may well hold an "account" table
            try (Connection c = db.connect();
                 ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    assertThat(rs.getString("TABLE_NAME").toLowerCase()).isNotEqualTo("account");
                }
            }
            assertThat(dir.resolve(".retort/cache")).isNotEmptyDirectory();
        }
    }

    /** A multi-action rule (pg_dump's form) is one statement online, as psql reads it: ';' inside parentheses. */
    @org.junit.jupiter.api.Test
    void postgresRuleWithSeveralActionsRunsWhole() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("s1_rule.sql"), """
                    -- retort:revision s1s1s1s1s1s1
                    -- retort:upgrade
                    CREATE TABLE t (id INT, v TEXT);
                    CREATE TABLE log (v TEXT);
                    CREATE RULE r AS ON INSERT TO t WHERE NEW.id = 99 DO ALSO (INSERT INTO log VALUES ('r;1'); INSERT INTO log VALUES ('r;2'));
                    INSERT INTO t VALUES (99, 'x');
                    """);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build().upgrade("head");
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(v, ',' ORDER BY v) FROM log")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("r;1,r;2");
            }
        }
    }

    /**
     * t62-7: a revision whose text Retort refuses on reading (here a COMMIT in a transactional revision, which every
     * engine refuses) fails the run before it sends anything, however far down the plan it is, and with few revisions
     * (read on the run's thread) or many (read by the preloader's worker): the revisions before it were applied and,
     * where DDL commits (MariaDB, H2), stayed, leaving the database between releases. With a transaction per revision
     * the first commit comes after the first revision: the run reads them all before it (f11-2: one check, before the
     * first statement of a step whose unit ends with it), so nothing is sent on any engine.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRevisionRefusedOnReadingFailsTheRunBeforeItSendsAnything(Engine engine) throws Exception {
        TestDatabase.assumeAvailable(engine);
        for (int[] run : new int[][]{{3, 0}, {12, 0}, {3, 1}}) {
            int good = run[0];
            boolean perMigration = run[1] == 1;
            try (TestDatabase db = TestDatabase.create(engine)) {
                Path versions = dir.resolve("migrations" + good + perMigration + "/versions");
                Files.createDirectories(versions);
                String parent = null;
                for (int i = 1; i <= good; i++) {
                    String id = String.format("a%011d", i);
                    Files.writeString(versions.resolve("r" + i + ".sql"), "-- retort:revision " + id + "\n"
                            + (parent == null ? "" : "-- retort:revises " + parent + "\n")
                            + "-- retort:upgrade\nCREATE TABLE t" + i + " (id INTEGER);\n");
                    parent = id;
                }
                Path bad = versions.resolve("bad.sql");
                Files.writeString(bad, "-- retort:revision b00000000001\n-- retort:revises " + parent + "\n"
                        + "-- retort:upgrade\nCREATE TABLE tb (id INTEGER);\nCOMMIT;\n");
                RetortConfig config = RetortConfig.of(dir.resolve("migrations" + good + perMigration), db.url());
                Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config))
                        .transactionPerMigration(perMigration).build();
                assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                        .hasMessageStartingWith("Revision b00000000001 (" + bad.toAbsolutePath() + ") failed: line 5: ")
                        .hasMessageContaining(engine == Engine.MARIADB || engine == Engine.H2 || perMigration
                                // where the run is one transaction, the run may reach it first: rolled back all the same
                                ? "Retort refuses this text on reading, and reads every revision of a run before the run"
                                + " sends anything: nothing was run. Fix the revision and run again."
                                : "the database is as it was before this run")
                        .hasMessageNotContaining("stays applied");
                assertThat(retort.current()).as(good + " good revisions before it").isEmpty();
                // this database's tables: MariaDB lists every database's for a null catalog, other tests' t1 among them
                try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[]{"TABLE"})) {
                    List<String> tables = new java.util.ArrayList<>();
                    while (rs.next()) tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    assertThat(tables).as(good + " good revisions before it").doesNotContain("t1", "tb");
                }
            }
        }
    }

    /** pg_dump's COPY FROM stdin block: refused online and offline, naming the revision, its file and the line. */
    @org.junit.jupiter.api.Test
    void postgresCopyFromStdinIsRefusedOnlineAndOffline() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Path file = versions.resolve("d1_data.sql");
            Files.writeString(file, "-- retort:revision d1d1d1d1d1d1\n-- retort:upgrade\n"
                    + "CREATE TABLE t (id int, v text);\nCOPY public.t (id, v) FROM stdin;\n1\ta;b\n2\tc\n\\.\n");
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String says = "line 4: COPY ... FROM STDIN is not supported in revisions";
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision d1d1d1d1d1d1 (" + file.toAbsolutePath() + ") failed: " + says)
                    .hasMessageContaining("nothing was run");
            assertThat(retort.current()).isEmpty();
            assertThatThrownBy(() -> retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision d1d1d1d1d1d1 (" + file.toAbsolutePath() + ") cannot be rendered offline: " + says);
        }
    }

    /**
     * t13-5: pg_dump's \\restrict / \\unrestrict lines (pg_dump 17.6, 15.14... write them around every plain dump)
     * are dropped online and from --sql alike; another psql meta-command is refused with the file and its line.
     */
    @org.junit.jupiter.api.Test
    void postgresPsqlMetaCommandLines() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("d1_dump.sql"), "-- retort:revision d1d1d1d1d1d1\n-- retort:upgrade\n"
                    + "\\restrict yrTXGSsPtbgZkUfzQrgUHI4N3aqlfm69AQXXHIKrsGdDUVN1DB79MeXT7ax4Wnw\n\n"
                    + "-- Dumped from database version 15.20\nSET statement_timeout = 0;\n"
                    + "CREATE TABLE t (id int, v text);\n\n\\unrestrict yrTXGSsPtbgZkUfzQrgUHI4N3aqlfm69AQXXHIKrsGdDUVN1DB79MeXT7ax4Wnw\n"
                    + "\n-- retort:downgrade\nDROP TABLE t;\n");
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String script = retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null);
            assertThat(script).contains("SET statement_timeout = 0;").contains("CREATE TABLE t (id int, v text);")
                    .doesNotContain("restrict");
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly("d1d1d1d1d1d1");

            Path file = versions.resolve("d2_connect.sql");
            Files.writeString(file, "-- retort:revision d2d2d2d2d2d2\n-- retort:revises d1d1d1d1d1d1\n-- retort:upgrade\n"
                    + "SELECT 1;\n\\connect other\nSELECT 2;\n");
            Retort again = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String says = "line 5: psql meta-command '\\connect' is not supported in revisions";
            assertThatThrownBy(() -> again.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision d2d2d2d2d2d2 (" + file.toAbsolutePath() + ") failed: " + says);
            assertThat(again.current()).containsExactly("d1d1d1d1d1d1");
            assertThatThrownBy(() -> again.sql(dev.retort.graph.Direction.UPGRADE, "head", null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision d2d2d2d2d2d2 (" + file.toAbsolutePath() + ") cannot be rendered offline: " + says);
        }
    }

    private static final String PARENT_CHILD = """
            -- retort:revision f1
            -- retort:upgrade
            CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent(id) ON DELETE CASCADE);
            INSERT INTO parent VALUES (1, 'a'), (2, 'b');
            INSERT INTO child VALUES (10, 1), (20, 2);
            -- retort:downgrade
            DROP TABLE child;
            DROP TABLE parent;
            """;

    /** sqlite.org's 12-step table rebuild, as SQL revisions copy it; {@code header} goes among the header lines. */
    private static String rebuild(String header) {
        return "-- retort:revision f2\n-- retort:revises f1\n" + header + "-- retort:upgrade\n"
                + "PRAGMA foreign_keys = OFF;\n"
                + "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n"
                + "INSERT INTO parent_new SELECT id, name FROM parent;\nDROP TABLE parent;\n"
                + "ALTER TABLE parent_new RENAME TO parent;\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;\n"
                + "-- retort:downgrade\n";
    }

    private static int children(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM child")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * t43-2: SQLite ignores PRAGMA foreign_keys = OFF inside a transaction, so a table rebuild in the run's
     * transaction deleted the referencing rows through ON DELETE CASCADE. With keys enforced the pragma is refused
     * with its line before it runs (the run rolls back), the --sql script stops there with a guard, and the revision
     * marked transactional false keeps every row. With keys off it runs as before.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysOffInTheRunsTransactionIsRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("f1.sql"), PARENT_CHILD);
            Path file = versions.resolve("f2.sql");
            Files.writeString(file, rebuild(""));
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url() + "?foreign_keys=true");
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            retort.upgrade("f1");
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision f2 (" + file.toAbsolutePath() + ") failed at statement on line 4:"
                            + " PRAGMA foreign_keys = OFF has no effect here: SQLite ignores it inside a transaction")
                    .hasMessageContaining("'-- retort:transactional false'")
                    .hasMessageContaining("Rolled back");
            assertThat(retort.current()).containsExactly("f1");
            assertThat(children(db)).isEqualTo(2);

            String script = retort.sql(dev.retort.graph.Direction.UPGRADE, "f1:head", null);
            assertThat(script).contains("PRAGMA foreign_keys = OFF;\n\nCREATE TEMP TABLE _retort_fk_off_guard (x);")
                    .contains("WHEN (SELECT foreign_keys FROM pragma_foreign_keys) BEGIN SELECT RAISE(ABORT, 'PRAGMA"
                            + " foreign_keys = OFF has no effect here");
            // the script's guard does what it says: in a transaction, with keys on, it stops the script
            try (Connection c = java.sql.DriverManager.getConnection(db.url() + "?foreign_keys=true");
                 Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("PRAGMA foreign_keys = OFF");
                st.execute("CREATE TEMP TABLE _retort_fk_off_guard (x)");
                String trigger = script.substring(script.indexOf("CREATE TEMP TRIGGER _retort_fk_off_guard"));
                st.execute(trigger.substring(0, trigger.indexOf("END;") + 3));
                assertThatThrownBy(() -> st.execute("INSERT INTO _retort_fk_off_guard VALUES (1)"))
                        .hasMessageContaining("PRAGMA foreign_keys = OFF has no effect here");
                c.rollback();
            }

            // transactional false, but inside a BEGIN of its own: ignored there too
            Files.writeString(file, rebuild("-- retort:transactional false\n").replace("-- retort:upgrade\n", "-- retort:upgrade\nBEGIN;\n"));
            Retort own = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            assertThatThrownBy(() -> own.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("failed at statement on line 6: PRAGMA foreign_keys = OFF has no effect here")
                    .hasMessageContaining("the revision has one of its own open (a BEGIN or SAVEPOINT it ran)");
            assertThat(own.current()).containsExactly("f1");
            assertThat(children(db)).isEqualTo(2);

            Files.writeString(file, rebuild("-- retort:transactional false\n"));
            Retort outside = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            outside.upgrade("head");
            assertThat(outside.current()).containsExactly("f2");
            assertThat(children(db)).isEqualTo(2);
            assertThat(outside.sql(dev.retort.graph.Direction.UPGRADE, "f1:head", null)).doesNotContain("_retort_fk_off_guard");
        }
    }

    /**
     * t46-1: a transactional-false rebuild ending in PRAGMA foreign_keys = ON (sqlite.org's 12 steps; autogenerate
     * wrote it too) left keys on for the rest of a run whose connection had them off, and a later revision's DELETE
     * emptied the child table through ON DELETE CASCADE, where separate runs kept its rows. Online the run puts keys
     * back after such a revision; the --sql script puts them back OFF and requires them off at its start.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysAreBackAsTheRunFoundThemAfterARevisionOutsideTheTransaction() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); TestDatabase offline = TestDatabase.create(Engine.SQLITE);
             TestDatabase enforcing = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("f1.sql"), PARENT_CHILD);
            Files.writeString(versions.resolve("f2.sql"), rebuild("-- retort:transactional false\n"));
            Files.writeString(versions.resolve("f3.sql"), "-- retort:revision f3\n-- retort:revises f2\n-- retort:upgrade\n"
                    + "DELETE FROM parent WHERE id = 1;\n-- retort:downgrade\nSELECT 1;\n");
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            retort.upgrade("head");
            assertThat(children(db)).as("one run keeps the child rows, as separate runs do").isEqualTo(2);

            // keys enforced by the URL: back on after f2, and f3 cascades, as in separate runs
            RetortConfig on = RetortConfig.of(dir.resolve("migrations"), enforcing.url() + "?foreign_keys=true");
            Retort.builder().config(on).scripts(ScriptDirectory.load(on)).build().upgrade("head");
            assertThat(children(enforcing)).isEqualTo(1);

            String script = retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null);
            assertThat(script).contains("ALTER TABLE parent_new RENAME TO parent;\n\nPRAGMA foreign_key_check;\n\n"
                    + "PRAGMA foreign_keys = ON;\n\nPRAGMA foreign_keys = OFF;")
                    .contains("RAISE(ABORT, 'Revision f2 sets PRAGMA foreign_keys outside a transaction");
            dev.retort.testing.Clients.feed(Engine.SQLITE, offline, script);
            assertThat(children(offline)).as("sqlite3 runs the script with keys off, as its shell has them").isEqualTo(2);

            // started with keys on, the script stops before anything runs
            TestDatabase fresh = TestDatabase.create(Engine.SQLITE);
            try (fresh) {
                Process p = new ProcessBuilder("sqlite3", "-bail", "-cmd", "PRAGMA foreign_keys = ON",
                        fresh.url().substring("jdbc:sqlite:".length())).redirectErrorStream(true).start();
                p.getOutputStream().write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                p.getOutputStream().close();
                String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.waitFor()).isNotZero();
                assertThat(said).contains("run it with PRAGMA foreign_keys = OFF");
                try (Connection c = fresh.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'retort_version'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
        }
    }

    /**
     * t45-2: the pragma in other spellings SQLite takes for it (quoted name, comment between the tokens, values it
     * reads as false) ran, and the rebuild's DROP TABLE emptied the child table. Each is refused now, and guarded in
     * the --sql script.
     */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysOffInEverySpellingIsRefused() throws Exception {
        for (String pragma : List.of("PRAGMA \"foreign_keys\" = OFF;", "PRAGMA [foreign_keys] = OFF;",
                "PRAGMA `foreign_keys` = OFF;", "PRAGMA /*x*/ foreign_keys = OFF;", "PRAGMA foreign_keys = 00;",
                "PRAGMA foreign_keys = -0;", "PRAGMA main.\"foreign_keys\"('false');")) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
                Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
                Files.writeString(versions.resolve("f1.sql"), PARENT_CHILD);
                Files.writeString(versions.resolve("f2.sql"), rebuild("").replace("PRAGMA foreign_keys = OFF;", pragma));
                RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url() + "?foreign_keys=true");
                Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
                retort.upgrade("f1");
                assertThatThrownBy(() -> retort.upgrade("head")).as(pragma).isInstanceOf(RetortException.class)
                        .hasMessageContaining("failed at statement on line 4: PRAGMA foreign_keys = OFF has no effect here");
                assertThat(children(db)).as(pragma).isEqualTo(2);
                assertThat(retort.sql(dev.retort.graph.Direction.UPGRADE, "f1:head", null)).as(pragma)
                        .contains(pragma + "\n\nCREATE TEMP TABLE _retort_fk_off_guard (x);");
            }
        }
    }

    /** t43-2: with foreign keys off (SQLite's default) the pragma changes nothing, and the rebuild runs in the transaction. */
    @org.junit.jupiter.api.Test
    void sqliteForeignKeysOffWhereTheyAreOffAlready() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("f1.sql"), PARENT_CHILD);
            Files.writeString(versions.resolve("f2.sql"), rebuild(""));
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly("f2");
            assertThat(children(db)).isEqualTo(2);
        }
    }

    /**
     * t37-3: a SQLite revision holding a sqlite3 .schema dump runs, online and offline, without its CREATE TABLE
     * sqlite_sequence, which SQLite refuses and makes by itself with the AUTOINCREMENT table.
     */
    @org.junit.jupiter.api.Test
    void sqliteSchemaDumpRevisionSkipsSqliteSequence() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("s1_dump.sql"), "-- retort:revision s1s1s1s1s1s1\n-- retort:upgrade\n"
                    + "CREATE TABLE t(id integer primary key autoincrement, x);\nCREATE TABLE sqlite_sequence(name,seq);\n"
                    + "CREATE INDEX ix on t(x);\n-- retort:downgrade\nDROP TABLE t;\n");
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String script = retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null);
            assertThat(script).contains("CREATE INDEX ix on t(x);").doesNotContain("sqlite_sequence(name,seq)");
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly("s1s1s1s1s1s1");
            try (java.sql.Connection c = db.connect();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO t (x) VALUES (1)");
                try (java.sql.ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 't'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
        }
    }

    /**
     * t81-8: a statement over the SQLite JDBC driver's default SQL length limit (1,000,000 bytes), a data revision's
     * one multi-row INSERT, runs online as the sqlite3 shell runs it from the --sql script (its limit, SQLite's
     * default, is 1,000,000,000), and a connection handed to the run gets its own limit back.
     */
    @org.junit.jupiter.api.Test
    void sqliteStatementOverAMegabyteRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            StringBuilder sql = new StringBuilder("-- retort:revision o1o1o1o1o1o1\n-- retort:upgrade\n"
                    + "CREATE TABLE big (id INTEGER PRIMARY KEY, s TEXT);\nINSERT INTO big (id, s) VALUES\n");
            int n = 45_000;
            for (int i = 1; i <= n; i++) sql.append("(").append(i).append(", 'row ").append(i).append("; it''s')")
                    .append(i < n ? ",\n" : ";\n");
            sql.append("-- retort:downgrade\nDROP TABLE big;\n");
            assertThat(sql.length()).isGreaterThan(1_000_000);
            Files.writeString(versions.resolve("o1.sql"), sql);
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            retort.upgrade("head");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM big")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(n);
            }
            // an application's connection a run is given: its limit is as it was when the run ends
            try (Connection c = db.connect()) {
                org.sqlite.SQLiteConnection sqlite = c.unwrap(org.sqlite.SQLiteConnection.class);
                int id = org.sqlite.SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH.getId();
                int before = sqlite.getDatabase().limit(id, -1);
                dev.retort.dialect.sqlite.SqliteDialect dialect = new dev.retort.dialect.sqlite.SqliteDialect();
                dialect.prepare(c);
                assertThat(sqlite.getDatabase().limit(id, -1)).isEqualTo(1_000_000_000);
                dialect.finish(c);
                assertThat(sqlite.getDatabase().limit(id, -1)).isEqualTo(before).isEqualTo(1_000_000);
            }
        }
    }

    /**
     * t15-9: a section ending inside a comment (or string, quoted name, dollar body) is refused before anything runs,
     * online and offline, naming the file and the line where it opens, instead of running the statements before it
     * and recording the revision as applied.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSectionEndingInsideACommentIsRefusedNamingTheLine(Engine engine) throws Exception {
        TestDatabase.assumeAvailable(engine);
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Path file = versions.resolve("u1.sql");
            Files.writeString(file, "-- retort:revision u1u1u1u1u1u1\n-- retort:upgrade\nCREATE TABLE a (id INTEGER);\n"
                    + "/* the old index, kept for reference\nCREATE INDEX a_old ON a (id);\nCREATE TABLE b (id INTEGER);\n"
                    + "-- retort:downgrade\nDROP TABLE a;\n");
            RetortConfig config = RetortConfig.of(dir.resolve("migrations"), db.url());
            Retort retort = Retort.builder().config(config).scripts(ScriptDirectory.load(config)).build();
            String says = "line 4: unterminated /* comment: it opens on this line and is never closed";
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision u1u1u1u1u1u1 (" + file.toAbsolutePath() + ") failed: " + says);
            assertThat(retort.current()).isEmpty();
            try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) assertThat(rs.getString("TABLE_NAME")).isNotIn("a", "A", "b", "B");
            }
            assertThatThrownBy(() -> retort.sql(dev.retort.graph.Direction.UPGRADE, "head", null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Revision u1u1u1u1u1u1 (" + file.toAbsolutePath() + ") cannot be rendered offline: " + says);
        }
    }
}
