package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import dev.retort.testing.Engine;
import dev.retort.testing.StubDataSource;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library API as an application uses it at start-up. */
class RetortIT {
    @TempDir
    Path dir;

    private void revisions() throws IOException {
        Path v = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        Files.writeString(v.resolve("b.java"), """
                import dev.retort.migration.*;

                @Revision(id = "bbbb00000002", revises = "aaaa00000001", message = "seed")
                class Seed extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("INSERT INTO account (id, name) VALUES (?, ?)", 1, "o'neil");
                    }
                }
                """);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void startupFlow(Engine engine) throws Exception {
        revisions();
        try (TestDatabase db = TestDatabase.create(engine)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            assertThat(retort.current()).isEmpty();
            assertThat(retort.heads()).containsExactly("bbbb00000002");
            assertThat(retort.needsMigration()).isTrue();
            assertThatThrownBy(retort::ensureUpToDate)
                    .isInstanceOf(NotUpToDateException.class)
                    .hasMessageStartingWith("Target database is not up to date (")
                    .hasMessageContaining("2 revision(s) pending: aaaa00000001 (accounts), bbbb00000002 (seed)")
                    .satisfies(e -> assertThat(((NotUpToDateException) e).pending()).hasSize(2));

            RunResult r = retort.upgrade("head");
            assertThat(r.applied()).hasSize(2);
            assertThat(retort.current()).containsExactly("bbbb00000002");
            assertThat(retort.needsMigration()).isFalse();
            retort.ensureUpToDate();

            // the Java revision has no downgrade: refused before anything runs, naming it
            assertThatThrownBy(() -> retort.downgrade("base"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Revision bbbb00000002 (")
                    .hasMessageContaining("has no downgrade and cannot be reverted; nothing was run")
                    .satisfies(e -> assertThat(((MigrationFailedException) e).revision()).isEqualTo("bbbb00000002"));
            assertThat(retort.current()).containsExactly("bbbb00000002");

            retort.stamp("aaaa00000001", false);
            assertThat(retort.current()).containsExactly("aaaa00000001");
            assertThat(retort.downgrade("base").applied()).hasSize(1);
            assertThat(retort.current()).isEmpty();
        }
    }

    @Test
    void dataSourceAndOfflineSql() throws Exception {
        revisions();
        try (TestDatabase db = TestDatabase.create(Engine.H2)) {
            DataSource ds = new DriverDataSource(db.url());
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).dataSource(ds).build();
            retort.upgrade("heads");
            assertThat(retort.current()).containsExactly("bbbb00000002");
            assertThat(retort.displayUrl()).isEqualTo("the application's DataSource");
            // offline with a DataSource: the configured URL still names the dialect
            RetortConfig config = RetortConfig.of(dir.resolve("db"), "jdbc:postgresql://db.example/app");
            assertThat(Retort.builder().config(config).dataSource(ds).build().sql(Direction.UPGRADE, "head", null))
                    .startsWith("-- Run with: psql -v ON_ERROR_STOP=1").contains("\n\nBEGIN;");
        }
        Retort offline = Retort.builder().scriptLocation(dir.resolve("db")).url("postgresql://u:pw@db.example/app").build();
        String sql = offline.sql(Direction.UPGRADE, "head", null);
        assertThat(sql).startsWith("-- Run with: psql").contains("SET client_encoding = 'UTF8';\n\nBEGIN;").contains("INSERT INTO account (id, name) VALUES (1, 'o''neil');");
        assertThat(offline.displayUrl()).isEqualTo("postgresql://u:***@db.example/app");
        assertThatThrownBy(() -> offline.sql(Direction.UPGRADE, "current:head", null))
                .hasMessageStartingWith("'current' cannot be used with sql(...)");
    }

    @Test
    void unknownRevisionInTheDatabaseSaysItIsAhead() throws Exception {
        revisions();
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            retort.upgrade("head");
            try (Connection c = db.connect()) {
                c.createStatement().execute("UPDATE retort_version SET version_num = 'ffff00000009'");
            }
            assertThatThrownBy(retort::needsMigration)
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Can't locate revision identified by 'ffff00000009'.")
                    .hasMessageContaining("the database is probably ahead of these scripts");
        }
    }

    /** library-api.md: the cause of a failed statement's MigrationFailedException is the database's own SQLException. */
    @Test
    void aFailedStatementsCauseIsTheDatabasesException() throws Exception {
        revisions();
        Files.writeString(dir.resolve("db/versions/c.sql"), """
                -- retort:revision cccc00000003
                -- retort:revises bbbb00000002
                -- retort:upgrade
                INSERT INTO account (id, name) VALUES (1, 'again');
                """);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            assertThatThrownBy(() -> retort.upgrade("head"))
                    .isInstanceOf(MigrationFailedException.class)
                    .cause().isInstanceOf(java.sql.SQLException.class).hasMessageContaining("UNIQUE");
        }
    }

    /** Reading never creates an embedded database file; a write refused before it wrote anything leaves none. */
    @Test
    void embeddedFilesAreNotCreatedByReadingOrByARefusedRun() throws Exception {
        revisions();
        Path sqlite = dir.resolve("data/app.db");
        Retort lite = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + sqlite).build();
        assertThat(lite.current()).isEmpty();
        assertThatThrownBy(() -> lite.upgrade("zzzz")).hasMessageContaining("Can't locate revision identified by 'zzzz'");
        assertThat(sqlite).doesNotExist();

        Path h2 = dir.resolve("h2/app");
        Retort h2Retort = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:h2:file:" + h2).build();
        assertThat(h2Retort.current()).isEmpty();
        assertThat(h2Retort.needsMigration()).isTrue();
        assertThat(dir.resolve("h2")).doesNotExist();
        h2Retort.upgrade("head");
        assertThat(h2Retort.current()).containsExactly("bbbb00000002");
        // a URL H2 refuses DB_CLOSE_ON_EXIT=FALSE with still connects
        Retort autoServer = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:h2:file:" + h2 + ";AUTO_SERVER=TRUE").build();
        assertThat(autoServer.current()).containsExactly("bbbb00000002");
    }

    /**
     * H2 writes each failed statement into {@code <db>.trace.db} next to the database: the first run on a new
     * database (upgrade, stamp) must find the version and history tables missing without a failing read (t12-5).
     */
    @Test
    void aFirstRunOnANewH2DatabaseLeavesNoTraceFile() throws Exception {
        revisions();
        Path up = dir.resolve("h2up/db");
        Retort upgrade = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:h2:file:" + up).build();
        upgrade.upgrade("head");
        assertThat(upgrade.current()).containsExactly("bbbb00000002");
        Path stamp = dir.resolve("h2stamp/db");
        Retort stamped = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:h2:file:" + stamp).build();
        stamped.stamp("head", false);
        assertThat(stamped.current()).containsExactly("bbbb00000002");
        assertThat(dir.resolve("h2up/db.mv.db")).exists();
        assertThat(dir.resolve("h2up/db.trace.db")).doesNotExist();
        assertThat(dir.resolve("h2stamp/db.trace.db")).doesNotExist();
    }

    /** running.md: a broken script is reported before an unreachable server. */
    @Test
    void aBrokenGraphIsReportedBeforeAnUnreachableServer() throws Exception {
        revisions();
        Files.writeString(dir.resolve("db/versions/x.sql"), """
                -- retort:revision abab00000002
                -- retort:revises 999999999999
                -- retort:upgrade
                SELECT 1;
                """);
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url("postgresql://app:pw@127.0.0.1:1/app").build();
        assertThatThrownBy(() -> retort.upgrade("head")).hasMessageContaining("999999999999").hasMessageNotContaining("Cannot connect");

        Files.delete(dir.resolve("db/versions/x.sql"));
        Files.writeString(dir.resolve("db/versions/y.java"), """
                import dev.retort.migration.*;

                @Revision(id = "cccc00000003", revises = "bbbb00000002", message = "typo")
                class Typo extends Migration {
                    @Override public void upgrade(Operations op) { op.excute("SELECT 1"); }
                }
                """);
        // a Java revision that does not compile: not compiled at all while the server is unreachable, for a
        // read (SPEC §3: reads compile nothing) or a run (which compiles its plan once connected), so the
        // compile error cannot hide why the database cannot be reached
        Retort again = Retort.builder().scriptLocation(dir.resolve("db")).url("postgresql://app:pw@127.0.0.1:1/app").build();
        assertThatThrownBy(again::current).hasMessageStartingWith("Cannot connect to ");
        assertThatThrownBy(() -> again.upgrade("head")).hasMessageStartingWith("Cannot connect to ");
        assertThat(dir.resolve(".retort/cache")).doesNotExist();
    }

    /** Dry runs compile nothing (SPEC §3), yet refuse a downgrade through a Java revision without one, as the run does. */
    @Test
    void dryRunsCompileNothing() throws Exception {
        revisions(); // bbbb00000002 is a Java revision without a downgrade
        Files.writeString(dir.resolve("db/versions/c.java"), """
                import dev.retort.migration.*;

                @Revision(id = "cccc00000003", revises = "bbbb00000002", message = "reversible")
                final class Reversible extends dev.retort.migration.Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    // void downgrade(Operations op) in a comment does not count
                    @Override
                    public void downgrade(Operations op) { op.execute("SELECT 2"); }
                }
                """);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            retort.upgrade("heads");
            deleteTree(dir.resolve(".retort"));

            Retort fresh = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            fresh.verifyRunnable(fresh.plan(Direction.DOWNGRADE, "bbbb00000002"));
            assertThatThrownBy(() -> fresh.verifyRunnable(fresh.plan(Direction.DOWNGRADE, "aaaa00000001")))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Revision bbbb00000002 (")
                    .hasMessageEndingWith("has no downgrade and cannot be reverted; nothing would be run");
            // a Java file that does not compile does not stop an upgrade's dry run either
            Files.writeString(dir.resolve("db/versions/d.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "dddd00000004", revises = "cccc00000003")
                    class Broken extends Migration {
                        @Override public void upgrade(Operations op) { op.bogus(); }
                    }
                    """);
            Retort broken = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            broken.verifyRunnable(broken.plan(Direction.UPGRADE, "heads"));
            assertThat(dir.resolve(".retort/cache")).doesNotExist();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void unreachableServerNamesTheMaskedUrl() throws Exception {
        revisions();
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db"))
                .url("postgresql://app:hunter2@127.0.0.1:1/app").build();
        assertThatThrownBy(retort::current)
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot connect to postgresql://app:***@127.0.0.1:1/app: ")
                .hasMessageNotContaining("hunter2");
    }

    /**
     * {@code jdbc:postgresql://user:pass@host/db}: neither driver reads credentials there (they took them
     * for part of the host or port and echoed the password in their error); Retort passes them as
     * properties. A wrong port still fails with one line that does not show the password.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void jdbcUrlsWithCredentialsBeforeTheHostConnect(Engine engine) throws Exception {
        revisions();
        try (TestDatabase db = TestDatabase.create(engine)) {
            String url = engine == Engine.POSTGRESQL
                    ? db.url().replace("jdbc:postgresql://", "jdbc:postgresql://postgres:trust-ignores-it@").replace("?user=postgres", "")
                    : db.url().replace("jdbc:mariadb://", "jdbc:mariadb://root:@").replace("?user=root&password=", "");
            assertThat(url).contains("@127.0.0.1:").doesNotContain("?");
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(url).build();
            retort.upgrade("head");
            assertThat(retort.current()).containsExactly("bbbb00000002");

            String wrongPort = url.replace(":trust-ignores-it@", ":hunter2@").replace("root:@", "root:hunter2@")
                    .replaceFirst(":(3306|5432)/", ":1/");
            Retort unreachable = Retort.builder().scriptLocation(dir.resolve("db")).url(wrongPort).build();
            assertThatThrownBy(unreachable::current)
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Cannot connect to ")
                    .hasMessageContaining(":***@127.0.0.1:1/")
                    .hasMessageNotContaining("hunter2");
        }
    }

    /** The smallest DataSource: what an application's pool looks like to Retort. */
    record DriverDataSource(String url) implements StubDataSource {
        @Override public Connection getConnection() throws java.sql.SQLException { return DriverManager.getConnection(url); }
    }
}
