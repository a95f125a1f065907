package dev.retort.runtime;

import dev.retort.testing.Stderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t58-6: a DataSource whose database lives in memory and dies with its last connection (H2 mem: without
 * DB_CLOSE_DELAY=-1, SQLite :memory:) lost an upgrade before the next call, silently ("upgrade worked, then not up to
 * date"); the same URL given to the builder is refused. The DataSource may keep the database (a connection the
 * application holds), so the facade warns, once, naming the database, and runs as before.
 */
class InMemoryDataSourceIT {
    private static final String WARNING = "lives in memory";

    @Test
    void anH2MemoryDatabaseWithoutCloseDelayIsWarnedOfOnce(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:t58mem_" + System.nanoTime());
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).dataSource(ds).build();
        String err = Stderr.of(() -> {
            retort.upgrade("heads");
            assertThat(retort.current()).isEmpty(); // the reason for the warning: the upgrade is gone
        });
        assertThat(err).containsOnlyOnce("WARN").contains("The DataSource's database " + ds.getURL() + " lives in memory"
                + " (H2, without DB_CLOSE_DELAY=-1) and is gone when its last connection closes, and Retort takes a"
                + " connection for each call and closes it: a migration is lost before the next call unless the"
                + " application keeps the database open (a connection held for its life, a pool that keeps one, or"
                + " ;DB_CLOSE_DELAY=-1 in its URL).");
        // kept open by the application: it works, and the warning says only "unless"
        try (Connection held = ds.getConnection()) {
            Retort kept = Retort.builder().scriptLocation(versions.getParent()).dataSource(ds).build();
            kept.upgrade("heads");
            assertThat(kept.current()).containsExactly("aaaa00000001");
        }
    }

    @Test
    void keptMemoryDatabasesAndFilesAreNotWarnedOf(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:t58kept_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        org.sqlite.SQLiteDataSource file = new org.sqlite.SQLiteDataSource();
        file.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        for (javax.sql.DataSource ds : new javax.sql.DataSource[]{h2, file}) {
            Retort retort = Retort.builder().scriptLocation(versions.getParent()).dataSource(ds).build();
            String err = Stderr.of(() -> {
                retort.upgrade("heads");
                assertThat(retort.current()).containsExactly("aaaa00000001");
            });
            assertThat(err).doesNotContain(WARNING);
        }
    }

    @Test
    void aSqliteMemoryDatabaseIsWarnedOf(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite::memory:");
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).dataSource(ds).build();
        String err = Stderr.of(() -> assertThat(retort.current()).isEmpty());
        assertThat(err).contains("The DataSource's database jdbc:sqlite::memory: lives in memory (SQLite; a :memory: one is"
                + " each connection's own) and is gone when its last connection closes").doesNotContain("DB_CLOSE_DELAY");
    }
}
