package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connection opened ahead (the command line's head start) is the one a Retort of the same URL uses. */
class ConnectionHeadStartIT {
    @TempDir
    Path dir;

    @Test
    void aRetortOfTheSameUrlRunsOnTheHeadStartsConnection() throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        try (TestDatabase used = TestDatabase.create(Engine.POSTGRESQL);
             TestDatabase other = TestDatabase.create(Engine.POSTGRESQL)) {
            // opened to `other` while claiming `used`'s URL: which database changes tells which connection ran
            AtomicReference<Connection> opened = new AtomicReference<>();
            ConnectionHeadStart head = ConnectionHeadStart.of(used.url(), opening(other.url(), opened));
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(used.url()).build().withHeadStart(head);
            retort.upgrade("head");
            assertThat(versionRows(other)).containsExactly("aaaa00000001");
            assertThat(versionRows(used)).isNull(); // no version table: untouched
            assertThat(opened.get().isClosed()).as("closed by the run, as its own connection would be").isTrue();
            // taken once: the next call opens its own connection, to the URL it was given
            retort.upgrade("head");
            assertThat(versionRows(used)).containsExactly("aaaa00000001");
        }
    }

    @Test
    void aHeadStartForAnotherUrlIsClosedAndNotUsed() throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            AtomicReference<Connection> opened = new AtomicReference<>();
            ConnectionHeadStart head = ConnectionHeadStart.of(db.url() + "&ApplicationName=elsewhere", opening(db.url(), opened));
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build().withHeadStart(head);
            assertThat(retort.current()).isEmpty();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((opened.get() == null || !opened.get().isClosed()) && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(opened.get().isClosed()).isTrue();
        }
    }

    @Test
    void aFailedHeadStartFailsAsTheRunsOwnOpenWould() throws Exception {
        TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        String url = "jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=secret&connectTimeout=2";
        String display = "jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=***&connectTimeout=2";
        Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(url).build()
                .withHeadStart(ConnectionHeadStart.open(url, display));
        assertThatThrownBy(retort::current).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot connect to " + display)
                .hasMessageNotContaining("secret");
    }

    @Test
    void onlyServerUrlsAreOpenedAhead() {
        assertThat(ConnectionHeadStart.opensAhead("jdbc:postgresql://h/db")).isTrue();
        assertThat(ConnectionHeadStart.opensAhead("jdbc:mariadb://h/db")).isTrue();
        assertThat(ConnectionHeadStart.opensAhead("jdbc:mysql://h/db")).isTrue();
        assertThat(ConnectionHeadStart.opensAhead("jdbc:sqlite:/tmp/x.db")).isFalse();
        assertThat(ConnectionHeadStart.opensAhead("jdbc:h2:./x")).isFalse();
        assertThatThrownBy(() -> ConnectionHeadStart.open("jdbc:sqlite:/tmp/x.db", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Opens {@code url} and keeps the connection in {@code opened}, to be looked at afterwards. */
    private static java.util.function.Supplier<Connection> opening(String url, AtomicReference<Connection> opened) {
        return () -> {
            try {
                opened.set(DriverManager.getConnection(url));
                return opened.get();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The version table's rows, or null when it does not exist. */
    private static java.util.List<String> versionRows(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('retort_version') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) return null;
            }
            java.util.List<String> rows = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version_num FROM retort_version")) {
                while (rs.next()) rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
