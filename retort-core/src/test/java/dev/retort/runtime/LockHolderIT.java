package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.LockKeys;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t76-3: a run killed during a long statement leaves its session holding the migration lock until the statement ends;
 * the next run's timeout names that session and how to end it, and Retort's PostgreSQL sessions carry an
 * application_name of their own.
 */
class LockHolderIT {
    private static final TestRevisions QUICK =
            new TestRevisions().add("q1", List.of(), "quick", "CREATE TABLE q (id int)", "DROP TABLE q");

    @Test
    void postgresTimeoutNamesTheSessionHoldingTheLock() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        Dialect dialect = Dialects.forName("postgresql");
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection orphan = db.connect();
             Connection run = db.connect()) {
            int pid;
            try (PreparedStatement ps = orphan.prepareStatement("SELECT pg_backend_pid(), pg_advisory_lock(?)")) {
                ps.setLong(1, LockKeys.number(settings.lockName("public")));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pid = rs.getInt(1);
                }
            }
            assertThatThrownBy(() -> new Migrator(run, dialect, settings, QUICK).run(QUICK::upgradeAll, false, null))
                    .hasMessageContaining("another run holds it: the PostgreSQL session with pid " + pid
                            + " (client 127.0.0.1, application_name 'retort', idle, its statement started ")
                    .hasMessageContaining("if no run is going, end the session with SELECT pg_terminate_backend(" + pid
                            + "). Otherwise wait for it to finish, or raise ");
        }
    }

    @Test
    void postgresSessionsCarryRetortsApplicationNameUnlessTheUrlSetsOne() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect();
             Connection own = Connections.open(db.url() + "&ApplicationName=shop", "test", false)) {
            assertThat(scalar(c, "SHOW application_name")).isEqualTo("retort");
            assertThat(scalar(own, "SHOW application_name")).isEqualTo("shop");
        }
    }

    @Test
    void mariaDbTimeoutNamesTheConnectionHoldingTheLock() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName("mariadb");
        RuntimeSettings settings = RuntimeSettings.defaults().withLockTimeout(Duration.ofSeconds(1));
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection orphan = db.connect();
             Connection run = db.connect()) {
            String id = scalar(orphan, "SELECT CONNECTION_ID()");
            try (PreparedStatement ps = orphan.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                ps.setString(1, settings.lockName(db.name()));
                ps.execute();
            }
            assertThatThrownBy(() -> new Migrator(run, dialect, settings, QUICK).run(QUICK::upgradeAll, false, null))
                    .hasMessageContaining("another run holds it: the connection with id " + id + " (client ")
                    .hasMessageContaining("if no run is going, end the connection with KILL " + id
                            + ". Otherwise wait for it to finish, or raise ");
        }
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
