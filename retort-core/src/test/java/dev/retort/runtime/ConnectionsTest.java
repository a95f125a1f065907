package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsTest {
    @Test
    void postgresqlSendsPlainStatementsWithTheSimpleProtocolUnlessTheUrlSaysOtherwise() {
        assertThat(Connections.properties("jdbc:postgresql://db/app?user=u"))
                .containsEntry("preferQueryMode", "extendedForPrepared");
        assertThat(Connections.properties("jdbc:postgresql://db/app?preferQueryMode=extended"))
                .doesNotContainKey("preferQueryMode");
        assertThat(Connections.properties("jdbc:sqlite:app.db")).isEmpty();
        assertThat(Connections.properties("jdbc:mariadb://db/app")).isEmpty();
    }

    /** t39-2: a server that accepts TCP and never answers hung pgjdbc's connect (sslmode=disable) without end. */
    @Test
    void aPostgresqlConnectIsBoundedUnlessTheUrlSetsItsOwnLoginTimeout() {
        assertThat(Connections.properties("jdbc:postgresql://db/app?sslmode=disable")).containsEntry("loginTimeout", "30");
        assertThat(Connections.properties("jdbc:postgresql://db/app?loginTimeout=3")).doesNotContainKey("loginTimeout");
        // t46-5: pgjdbc reads parameter names case-sensitively: it ignores these, so Retort's bound applies
        assertThat(Connections.properties("jdbc:postgresql://db/app?LOGINTIMEOUT=0")).containsEntry("loginTimeout", "30");
        assertThat(Connections.properties("jdbc:postgresql://db/app?sslmode=disable&logintimeout=5"))
                .containsEntry("loginTimeout", "30");
        assertThat(Connections.properties("jdbc:postgresql://db/app?x=1&loginTimeout=0")).doesNotContainKey("loginTimeout");
        assertThat(Connections.properties("jdbc:postgresql://db/app?preferquerymode=simple"))
                .containsEntry("preferQueryMode", "extendedForPrepared");
        assertThat(Connections.properties("jdbc:mariadb://db/app")).doesNotContainKey("loginTimeout");
    }

    /** t34-1: a SQLite URI's path is percent-encoded and ends at its '?' or '#'. */
    @Test
    void theFileOfASqliteUriIsItsDecodedPath() {
        assertThat(Connections.sqliteFile("jdbc:sqlite:file:/p/a%3Fb%23c%2541/app.db?cache=shared"))
                .isEqualTo(Path.of("/p/a?b#c%41/app.db"));
        assertThat(Connections.sqliteFile("jdbc:sqlite:file:/p/app.db#frag")).isEqualTo(Path.of("/p/app.db"));
        assertThat(Connections.sqliteFile("jdbc:sqlite:/p/h#x%41/app.db")).isEqualTo(Path.of("/p/h#x%41/app.db"));
        assertThat(Connections.sqliteFile("jdbc:sqlite:file:/p/x.db?mode=memory")).isNull();
    }

    /** Else H2's own shutdown hook closed the file under a run stopped by Ctrl-C, whose lock release then failed. */
    @Test
    void anEmbeddedH2FileIsLeftForRetortToClose() {
        assertThat(Connections.properties("jdbc:h2:file:/data/app")).containsEntry("DB_CLOSE_ON_EXIT", "FALSE");
        assertThat(Connections.properties("jdbc:h2:./data/app")).containsEntry("DB_CLOSE_ON_EXIT", "FALSE");
        assertThat(Connections.properties("jdbc:h2:./data/app;DB_CLOSE_ON_EXIT=TRUE")).doesNotContainKey("DB_CLOSE_ON_EXIT");
        // H2: Feature not supported: "AUTO_SERVER=TRUE && DB_CLOSE_ON_EXIT=FALSE"
        assertThat(Connections.properties("jdbc:h2:file:/data/app;AUTO_SERVER=TRUE")).doesNotContainKey("DB_CLOSE_ON_EXIT");
        assertThat(Connections.properties("jdbc:h2:mem:test")).isEmpty();
        assertThat(Connections.properties("jdbc:h2:tcp://db/app")).isEmpty();
    }

    /** r7-9: H2 wrote failed statements (passwords included) and failed logins to NAME.trace.db beside the database. */
    @Test
    void anEmbeddedH2FileWritesNoTraceFileUnlessTheUrlAsks(@TempDir Path dir) throws Exception {
        assertThat(Connections.properties("jdbc:h2:file:/data/app")).containsEntry("TRACE_LEVEL_FILE", "0");
        assertThat(Connections.properties("jdbc:h2:file:/data/app;TRACE_LEVEL_FILE=1")).doesNotContainKey("TRACE_LEVEL_FILE");
        String url = "jdbc:h2:file:" + dir.resolve("h2sql2");
        try (java.sql.Connection c = Connections.open(url, url, true); java.sql.Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> s.execute("CREATE USER IF NOT EXISTS r7_hz PASSWORD 'HSEC2' BOGUS"));
        }
        String wrong = url + ";USER=sa;PASSWORD=wrong";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Connections.open(wrong, wrong, true).close());
        assertThat(dir.resolve("h2sql2.trace.db")).doesNotExist();
    }

    /**
     * t72-1: the file of a URL naming H2's file systems ({@code nio:}, {@code split:}...) is the path after them: it
     * was looked for as a relative path named {@code nio:/...}, so a migrated database read as missing and empty.
     */
    @Test
    void anH2FileAfterItsFileSystemsIsThePathAfterThem() {
        assertThat(Connections.h2File("jdbc:h2:nio:/data/app;MODE=MySQL")).isEqualTo(Path.of("/data/app"));
        assertThat(Connections.h2File("jdbc:h2:split:nio:/data/app")).isEqualTo(Path.of("/data/app"));
        assertThat(Connections.h2File("jdbc:h2:split:28:/data/app")).isEqualTo(Path.of("/data/app"));
        assertThat(Connections.h2File("jdbc:h2:file:nioMapped:/data/app")).isEqualTo(Path.of("/data/app"));
        assertThat(Connections.h2File("jdbc:h2:retry:async:/data/app")).isEqualTo(Path.of("/data/app"));
        assertThat(Connections.h2File("jdbc:h2:nio:~/app")).isEqualTo(Path.of(System.getProperty("user.home"), "app"));
        // in H2's in-memory file systems there is no file to look for
        assertThat(Connections.h2File("jdbc:h2:memFS:app")).isNull();
        assertThat(Connections.h2File("jdbc:h2:split:nioMemLZF:app")).isNull();
        assertThat(Connections.missingFileDatabase("jdbc:h2:memFS:app")).isFalse();
    }

    @Test
    void fileDatabasesWarmUpInMemoryAndServersOpenEarly() {
        assertThat(Connections.warmUpUrl("jdbc:sqlite:data/app.db")).isEqualTo("jdbc:sqlite::memory:");
        assertThat(Connections.warmUpUrl("jdbc:sqlite::memory:")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:h2:./data/app")).isEqualTo("jdbc:h2:mem:");
        assertThat(Connections.warmUpUrl("jdbc:h2:mem:test")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:h2:tcp://db/app")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:postgresql://db/app")).isNull();
    }

    /** What the command line's head start calls before it knows the command will run: no side effects. */
    /** The database file's own folder is made (a project's data/); a deeper missing path is a typo, refused. */
    @Test
    void onlyTheSqliteFilesOwnFolderIsCreated(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("data/app.db");
        try (java.sql.Connection c = Connections.open(url, url, true)) {
            assertThat(dir.resolve("data/app.db")).exists();
        }
        String typo = "jdbc:sqlite:" + dir.resolve("typo/dir/x.db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Connections.open(typo, typo, true))
                .isInstanceOf(dev.retort.RetortException.class)
                .hasMessage("Cannot create " + typo + ": folder " + dir.resolve("typo") + " does not exist (Retort creates"
                        + " only the database file's own folder; check the path)");
        assertThat(dir.resolve("typo")).doesNotExist();
    }

    @Test
    void preparingADriverCreatesNothingConnectsNowhereAndNeverThrows(@TempDir Path dir) {
        Path sqlite = dir.resolve("sub/app.db");
        Path h2 = dir.resolve("h2/app");
        Connections.prepareDriver("jdbc:sqlite:" + sqlite);
        Connections.prepareDriver("jdbc:h2:" + h2);
        Connections.prepareDriver("jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=p");
        Connections.prepareDriver("jdbc:mariadb://127.0.0.1:1/nowhere");
        Connections.prepareDriver("jdbc:postgresql://[not a host"); // the real open reports it
        Connections.prepareDriver("jdbc:unknown:x");
        Connections.prepareDriver(null);
        assertThat(dir.resolve("sub")).doesNotExist();
        assertThat(dir.resolve("h2")).doesNotExist();
    }
}
