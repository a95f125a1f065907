package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.graph.Direction;
import dev.retort.testing.Engine;
import dev.retort.testing.StubDataSource;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder's options, and messages that speak to a library caller in the builder's terms. */
class RetortBuilderIT {
    @TempDir
    Path dir;

    private Path revisions() throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        return dir.resolve("db");
    }

    /** library-api.md: class-path revisions need no source folder, so none is read, whatever the working directory holds. */
    @Test
    void xValuesMustBeGiven() {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("region", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Retort.builder().x(values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region = null");
    }

    @Test
    void classpathOnlyReadsNoFolder() {
        Retort retort = Retort.builder().classpath(getClass().getClassLoader(), "dev.retort.no.revisions.here")
                .url("jdbc:sqlite:" + dir.resolve("a.db")).build();
        assertThat(retort.config().versionLocations()).isEmpty();
        // and a package without revisions is an error, not an empty graph (t11-1)
        assertThatThrownBy(retort::heads).hasMessageStartingWith("No revisions in package dev.retort.no.revisions.here");
    }

    /** h2://mem/NAME keeps its database between the facade's connections. */
    @Test
    void aNamedInMemoryH2UrlKeepsTheMigration() throws Exception {
        Retort retort = Retort.builder().scriptLocation(revisions()).url("h2://mem/" + dir.getFileName()).build();
        retort.upgrade("heads");
        assertThat(retort.current()).containsExactly("aaaa00000001");
        retort.ensureUpToDate();
    }

    /** In-memory URLs that die with their connection are refused at first use, saying why; offline SQL still works. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:mem:gone", "h2://", "sqlite://", "jdbc:sqlite::memory:", "jdbc:sqlite:file:x?mode=memory&cache=shared"})
    void inMemoryUrlsThatLoseTheDatabaseAreRefused(String url) throws Exception {
        Retort retort = Retort.builder().scriptLocation(revisions()).url(url).build();
        assertThatThrownBy(() -> retort.upgrade("heads"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("lives in memory and is gone when its last connection closes")
                .hasMessageContaining(".dataSource(");
        assertThatThrownBy(retort::current).hasMessageContaining("lives in memory");
        assertThat(retort.sql(Direction.UPGRADE, "heads", null)).contains("CREATE TABLE account");
    }

    /** With the application's DataSource, the url is not needed: an unset variable in it waits for sql(), which needs it. */
    @Test
    void anUnsetUrlVariableIsNotFatalWithADataSource() throws Exception {
        revisions();
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, """
                [retort]
                script_location = "db"

                [env.production]
                url = "${DATABASE_URL}"
                """);
        try (TestDatabase db = TestDatabase.create(Engine.H2)) {
            Retort retort = Retort.builder().config(toml).env("production").environment(Map.of())
                    .dataSource(new RetortIT.DriverDataSource(db.url())).build();
            retort.upgrade("heads");
            assertThat(retort.current()).containsExactly("aaaa00000001");
            assertThatThrownBy(() -> retort.sql(Direction.UPGRADE, "heads", null))
                    .hasMessage("Offline mode needs a database URL to pick the SQL dialect: Environment variable DATABASE_URL "
                            + "is not set (used by 'url' in [env.production] of " + toml.toAbsolutePath().normalize() + "; write ${DATABASE_URL:-default} for a fallback)");
        }
        // without a DataSource the URL is what connects: still an error at once
        assertThatThrownBy(() -> Retort.builder().config(toml).env("production").environment(Map.of()).build())
                .hasMessageStartingWith("Environment variable DATABASE_URL is not set");
    }

    /**
     * t46-3: a DataSource is asked on the caller's thread (it may hand out thread-bound connections); one whose
     * getConnection() goes on after the cancel (here it swallows the interrupt) fails the run as cancelled as soon as
     * it returns, before it reads or changes anything. It went on to migrate (or failed later, not saying why).
     */
    @Test
    void aCancelWhileADataSourceConnectsFailsTheRunOnceTheConnectionIsHandedBack() throws Exception {
        Path db = revisions();
        try (TestDatabase h2 = TestDatabase.create(Engine.H2)) {
            java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            StubDataSource slow = () -> {
                asked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DriverManager.getConnection(h2.url());
            };
            Retort retort = Retort.builder().scriptLocation(db).dataSource(slow).build();
            java.util.concurrent.CompletableFuture<RunResult> run =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> retort.upgrade("heads"));
            assertThat(asked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(retort.cancel()).as("nothing under way yet").isFalse();
            release.countDown();
            assertThatThrownBy(() -> run.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(RetortException.class)
                    .hasMessage("Cancelled while connecting to the application's DataSource; nothing was changed");
            List<String> tables = new java.util.ArrayList<>();
            try (Connection c = DriverManager.getConnection(h2.url());
                 java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(tables).as("nothing made").doesNotContain("account", "retort_version");
        }
    }

    /**
     * f4-3: a cancel() while the DataSource's getConnection() waits for a free connection (a pool whose connections
     * are all taken) interrupts that wait, and the pool's failure for it fails the run as cancelled at once; the wait
     * ran to the pool's timeout (HikariCP's 30 s by default). The caller's thread is not left interrupted.
     */
    @Test
    void aCancelWhileAPoolWaitsForAFreeConnectionEndsTheWait() throws Exception {
        Path db = revisions();
        try (TestDatabase pg = TestDatabase.create(Engine.POSTGRESQL)) {
            java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(0); // the pool's connections are taken
            java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
            StubDataSource pool = () -> {
                asked.countDown();
                try {
                    if (!free.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new java.sql.SQLException("Connection is not available, request timed out after 60000ms");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // as HikariCP does
                    throw new java.sql.SQLException("Interrupted during connection acquisition", e);
                }
                return DriverManager.getConnection(pg.url());
            };
            Retort retort = Retort.builder().scriptLocation(db).dataSource(pool).build();
            java.util.concurrent.CompletableFuture<String> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    retort.upgrade("heads");
                    return "migrated";
                } catch (RuntimeException e) {
                    return e.getMessage() + (Thread.currentThread().isInterrupted() ? " (left interrupted)" : "");
                }
            });
            assertThat(asked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(retort.cancel()).as("nothing under way yet").isFalse();
            assertThat(run.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo("Cancelled while connecting to the application's DataSource; nothing was changed");
            try (Connection c = DriverManager.getConnection(pg.url());
                 java.sql.ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[]{"TABLE"})) {
                assertThat(rs.next()).as("nothing made").isFalse();
            }
        }
    }

    /**
     * A DataSource and a builder URL of another engine: the run uses the DataSource's engine and names the
     * DataSource; the URL only picks the dialect of sql(), as documented. It drove the connection with the URL's
     * SQL and named the URL's database (t11-3).
     */
    @Test
    void withADataSourceTheBuildersUrlOnlyPicksTheOfflineDialect() throws Exception {
        Path db = revisions();
        try (TestDatabase h2 = TestDatabase.create(Engine.H2)) {
            Retort retort = Retort.builder().scriptLocation(db).dataSource(new RetortIT.DriverDataSource(h2.url()))
                    .url("mariadb://root@127.0.0.1:1/never_connected").build();
            assertThat(retort.displayUrl()).isEqualTo("the application's DataSource");
            assertThat(retort.upgrade("heads").applied()).hasSize(1);
            assertThat(retort.current()).containsExactly("aaaa00000001");
            assertThat(retort.offlineDialect().name()).isEqualTo("mariadb");
        }
    }

    /**
     * Library messages name the facade's methods, not the command line's: an old application against a newer
     * database, version rows of which one lies below another, a config file that does not exist (t11-2).
     */
    @Test
    void libraryMessagesNameTheFacadesMethods() throws Exception {
        Path db = revisions();
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            st.execute("INSERT INTO retort_version VALUES ('ffff99999999')");
        }
        Retort old = Retort.builder().scriptLocation(db).url(url).build();
        assertThatThrownBy(old::ensureUpToDate)
                .hasMessageContaining("Use newer scripts, or stamp(\"<rev>\", true) to reset the version table")
                .hasMessageNotContaining("retort stamp");
        assertThatThrownBy(() -> old.upgrade("head")).hasMessageNotContaining("retort stamp");

        TestRevisions.writeAccountRevision(dir.resolve("db2/versions"));
        java.nio.file.Files.writeString(dir.resolve("db2/versions/b.sql"),
                "-- retort:revision bbbb00000002\n-- retort:revises aaaa00000001\n-- retort:upgrade\nSELECT 1;\n");
        String url2 = "jdbc:sqlite:" + dir.resolve("rows.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url2); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            st.execute("INSERT INTO retort_version VALUES ('aaaa00000001'), ('bbbb00000002')");
        }
        assertThatThrownBy(() -> Retort.builder().scriptLocation(dir.resolve("db2")).url(url2).build().upgrade("head"))
                .hasMessageContaining("record them with stamp(\"REVISION...\", true) (from these rows: stamp(\"bbbb00000002\", true))")
                .hasMessageNotContaining("retort stamp");

        assertThatThrownBy(() -> Retort.builder().config(dir.resolve("nope.toml")).build())
                .hasMessage("No configuration file at " + dir.resolve("nope.toml") + "; give the builder an existing"
                        + " retort.toml with .config(Path), or the revisions' folder with .scriptLocation(Path) and no file");
    }

    @Test
    void adviceNamesCommandsOrMethods() {
        dev.retort.config.Advice lib = dev.retort.config.Advice.library(false);
        dev.retort.config.Advice cli = dev.retort.config.Advice.COMMAND_LINE;
        assertThat(lib.stamp(List.of("a1"), false)).isEqualTo("stamp(\"a1\", false)");
        assertThat(lib.stamp(List.of("a1", "b2"), true)).isEqualTo("stamp(List.of(\"a1\", \"b2\"), true, null)");
        assertThat(cli.stamp(List.of("a1", "b2"), true)).isEqualTo("'retort stamp --purge a1 b2'");
        assertThat(lib.current()).isEqualTo("current()");
        assertThat(cli.current()).isEqualTo("'retort current'");
    }

    /** A multidb retort.toml: .database(NAME) is the command line's -n, and the message names it. */
    @Test
    void aMultidbConfigTakesItsSectionFromTheBuilder() throws Exception {
        revisions();
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, """
                [retort]
                script_location = "db"

                [databases.main]
                url = "sqlite:///main.db"

                [databases.reports]
                url = "sqlite:///reports.db"
                """);
        assertThatThrownBy(() -> Retort.builder().config(toml).environment(Map.of()).build())
                .hasMessageEndingWith("choose one with the builder's .database(NAME)")
                .hasMessageNotContaining("-n");
        Retort main = Retort.builder().config(toml).database("main").environment(Map.of()).build();
        main.upgrade("heads");
        assertThat(main.config().databaseName()).isEqualTo("main");
        assertThat(dir.resolve("main.db")).exists();
        assertThat(dir.resolve("reports.db")).doesNotExist();
        assertThatThrownBy(() -> Retort.builder().scriptLocation(dir.resolve("db")).database("main").build())
                .hasMessageContaining(".config(Path)");
    }

    /** Messages to a library caller name the builder's methods, not the command line's flags or retort.toml. */
    @Test
    void messagesSpeakTheBuildersLanguage() throws Exception {
        Path db = revisions();
        Retort noUrl = Retort.builder().scriptLocation(db).environment(Map.of("DATABASE_URL", "jdbc:h2:mem:x")).build();
        assertThatThrownBy(noUrl::current).hasMessage("No database URL: give the builder .url(...) or .dataSource(...)");
        assertThatThrownBy(() -> noUrl.sql(Direction.UPGRADE, "heads", null))
                .hasMessageContaining(".url(").hasMessageNotContaining("--url").hasMessageNotContaining("retort.toml");
        Retort url = Retort.builder().scriptLocation(db).url("postgresql://h/db").build();
        assertThatThrownBy(() -> url.sql(Direction.DOWNGRADE, "heads", null))
                .hasMessage("downgrade with sql(...) requires <fromrev>:<torev>");

        Path file = dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE held (x INT)"); // the write lock, until the rollback
            }
            Retort locked = Retort.builder().scriptLocation(db).url("jdbc:sqlite:" + file)
                    .lockTimeout(Duration.ofMillis(300)).build();
            assertThatThrownBy(() -> locked.upgrade("heads"))
                    .hasMessageEndingWith("Wait for it to finish, or raise the lock timeout (the builder's .lockTimeout(...))");
            holder.rollback();
        }
    }

    /**
     * t26-5: the advice to raise the lock timeout names where the value came from: the table of the file loaded that
     * sets it ([env.ci] of that file), or the builder's .lockTimeout(...); it said "lock_timeout in retort.toml" always.
     */
    @Test
    void theLockTimeoutAdviceNamesWhereTheValueCameFrom() throws Exception {
        Path db = revisions();
        Path file = dir.resolve("locked.db");
        Path toml = dir.resolve("other-config.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"db\"\nurl = \"sqlite:///locked.db\"\nlock_timeout = 60\n"
                + "[env.ci]\nlock_timeout = 0\n");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE held (x INT)"); // the write lock, until the rollback
            }
            dev.retort.config.RetortConfig ci = dev.retort.config.ConfigLoader.load(toml, "ci", null, null, Map.of(), Map.of());
            assertThatThrownBy(() -> Retort.of(ci, dev.retort.script.ScriptDirectory.load(ci)).upgrade("heads"))
                    .hasMessageEndingWith("Wait for it to finish, or raise lock_timeout in [env.ci] of " + toml);
            assertThatThrownBy(() -> Retort.builder().config(toml).env("ci").build().upgrade("heads"))
                    .hasMessageEndingWith("or raise the lock timeout (lock_timeout in [env.ci] of " + toml + ")");
            assertThatThrownBy(() -> Retort.builder().config(toml).env("ci").lockTimeout(Duration.ZERO).build().upgrade("heads"))
                    .hasMessageEndingWith("or raise the lock timeout (the builder's .lockTimeout(...))");
            // set nowhere: where it would go
            Files.writeString(toml, "[retort]\nscript_location = \"db\"\nurl = \"sqlite:///locked.db\"\n");
            dev.retort.config.RetortConfig none = dev.retort.config.ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
            assertThatThrownBy(() -> Retort.builder().config(none).lockTimeout(Duration.ZERO).build().upgrade("heads"))
                    .hasMessageEndingWith("or raise the lock timeout (the builder's .lockTimeout(...))");
            assertThat(Retort.of(none, dev.retort.script.ScriptDirectory.load(none)).settings().advice().lockTimeout())
                    .isEqualTo("lock_timeout in [retort] of " + toml);
            holder.rollback();
        }
    }

    /** The command line's -x values, from the builder. */
    @Test
    void xValuesReachTheRun() throws Exception {
        Retort retort = Retort.builder().scriptLocation(revisions()).x(Map.of("tenant", "acme")).build();
        assertThat(retort.settings().x()).containsEntry("tenant", "acme");
    }

    /** As the file's lock_timeout: a negative or too long timeout is refused, not quietly replaced. */
    @Test
    void aLockTimeoutOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Retort.builder().lockTimeout(Duration.ofSeconds(-7)))
                .hasMessage("lockTimeout(PT-7S) must not be negative");
        assertThatThrownBy(() -> Retort.builder().lockTimeout(Duration.ofDays(100)))
                .hasMessage("lockTimeout(PT2400H) must be at most 2147483 seconds (24 days; PostgreSQL's limit)");
        assertThat(Retort.builder().scriptLocation(dir).lockTimeout(Duration.ZERO).build().settings().lockTimeout()).isZero();
        assertThatThrownBy(() -> Retort.builder().lockTimeout(null)).isInstanceOf(dev.retort.RetortException.class)
                .hasMessageStartingWith(".lockTimeout(null): the lock timeout given is null (an unset setting?)");
    }
}
