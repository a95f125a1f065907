package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight connections of one process opening a SQLite file that does not exist yet, then writing to it in
 * turn: when SQLite itself created the file on open, about one round in eight failed its first commit
 * with SQLITE_IOERR_DELETE_NOENT (another connection had deleted the rollback journal). Retort creates
 * the file before opening it; 40 rounds here would almost surely catch the race if it came back.
 */
class SqliteFileRaceIT {
    @TempDir
    Path dir;

    @Test
    void connectionsCreatingTheSameFileAtOnceAllCommit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 40; round++) {
                Path file = dir.resolve("race-" + round + ".db");
                String url = "jdbc:sqlite:" + file;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int n = t;
                    runs.add(pool.submit(() -> {
                        start.await();
                        try (Connection c = Connections.open(url, url, true)) {
                            c.unwrap(org.sqlite.SQLiteConnection.class).setBusyTimeout(60_000);
                            try (Statement s = c.createStatement()) {
                                s.execute("BEGIN IMMEDIATE");
                                s.execute("CREATE TABLE IF NOT EXISTS shared (id INTEGER)");
                                s.execute("CREATE TABLE t" + n + " (id INTEGER)");
                                s.execute("COMMIT");
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) run.get(60, TimeUnit.SECONDS); // rethrows a failed commit
                assertThat(Files.size(file)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
