package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Plan;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import static dev.retort.migration.Migration.INTEGER;
import static dev.retort.migration.Migration.TIMESTAMP;
import static dev.retort.migration.Migration.TIMESTAMPTZ;
import static dev.retort.migration.Migration.column;
import static dev.retort.migration.Migration.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Date-time values whose meaning depends on a time zone store the same thing online and offline, whatever
 * the zone of the JVM that runs Retort and the session's zone on the server.
 */
class TimeZoneIT {
    private static final String SESSION_ZONE = "+05:00";

    /** Instants of every kind, through bulkInsert and execute; all are 2026-01-02 01:04:05.123456 UTC but the last. */
    static TestRevisions mariaDbInstants() {
        return new TestRevisions().addCode("t1", List.of(), "instants", op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("tstz", TIMESTAMPTZ));
            op.bulkInsert("t", List.of(
                    row("id", 1, "tstz", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.ofHours(2))),
                    row("id", 2, "tstz", Instant.parse("2026-01-02T01:04:05.123456Z")),
                    row("id", 3, "tstz", ZonedDateTime.of(2026, 1, 1, 20, 4, 5, 123_456_000, ZoneId.of("America/New_York")))));
            op.execute("INSERT INTO t (id, tstz) VALUES (?, ?) /* ? */", 4,
                    OffsetDateTime.of(2026, 1, 2, 1, 4, 5, 123_456_000, ZoneOffset.UTC));
            op.execute("INSERT INTO t (id, tstz) VALUES (?, ?)", 5, java.util.Date.from(Instant.parse("2026-07-01T12:00:00Z")));
        });
    }

    @Test
    void mariaDbStoresTheInstantGivenWhateverTheJvmAndSessionZones() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = mariaDbInstants();
        Plan plan = revs.upgradeAll(Set.of());
        List<String> expected = List.of("1=2026-01-02 01:04:05.123456", "2=2026-01-02 01:04:05.123456",
                "3=2026-01-02 01:04:05.123456", "4=2026-01-02 01:04:05.123456", "5=2026-07-01 12:00:00.000000");
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB)) {
            TimeZone jvm = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            try (Connection on = online.connect()) {
                execute(on, "SET time_zone = '" + SESSION_ZONE + "'");
                new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            } finally {
                TimeZone.setDefault(jvm);
            }
            String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(plan, true, null);
            Clients.feed(Engine.MARIADB, offline, script, "--init-command=SET time_zone='" + SESSION_ZONE + "'");
            assertThat(mariaDbUtc(online)).containsExactlyElementsOf(expected);
            assertThat(mariaDbUtc(offline)).containsExactlyElementsOf(expected);
        }
    }

    /** Conversions the server makes in the session's zone: an instant into timestamp, a wall-clock time into timestamptz. */
    static TestRevisions postgresConversions() {
        return new TestRevisions().addCode("t1", List.of(), "conversions", op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("ts", TIMESTAMP), column("tstz", TIMESTAMPTZ));
            op.bulkInsert("t", List.of(row("id", 1, "ts", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                    "tstz", LocalDateTime.of(2026, 1, 2, 3, 4, 5))));
            op.execute("INSERT INTO t (id, ts, tstz) VALUES (?, ?, ?)", 2,
                    OffsetDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.UTC), LocalDateTime.of(2026, 7, 1, 12, 0));
        });
    }

    /**
     * psql's session takes its TimeZone from the server's settings (here the database's), pgjdbc's from the
     * JVM: a run online converts as the offline script does, and gives the connection back in pgjdbc's zone.
     */
    @ParameterizedTest(name = "database TimeZone {0}")
    @ValueSource(strings = {"America/New_York", "(the server's)"})
    void postgresConvertsInTheServersZoneNotTheJvms(String databaseZone) throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        Dialect dialect = Dialects.forName(Engine.POSTGRESQL.dialectName());
        TestRevisions revs = postgresConversions();
        Plan plan = revs.upgradeAll(Set.of());
        boolean newYork = databaseZone.equals("America/New_York");
        // in America/New_York (UTC-5 in January, UTC-4 in July); the test server's own zone is UTC
        List<String> expected = newYork
                ? List.of("1|2026-01-01 20:04:05|2026-01-02 08:04:05+00", "2|2026-07-01 08:00:00|2026-07-01 16:00:00+00")
                : List.of("1|2026-01-02 01:04:05|2026-01-02 03:04:05+00", "2|2026-07-01 12:00:00|2026-07-01 12:00:00+00");
        try (TestDatabase online = TestDatabase.create(Engine.POSTGRESQL); TestDatabase offline = TestDatabase.create(Engine.POSTGRESQL)) {
            for (TestDatabase db : List.of(online, offline)) {
                try (Connection c = db.connect()) {
                    if (newYork) execute(c, "ALTER DATABASE " + db.name() + " SET TimeZone = 'America/New_York'");
                }
            }
            TimeZone jvm = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            try (Connection on = online.connect()) {
                new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
                assertThat(show(on, "TimeZone")).as("pgjdbc's zone, given back").isEqualTo("Asia/Tokyo");
            } finally {
                TimeZone.setDefault(jvm);
            }
            String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(plan, true, null);
            Clients.feed(Engine.POSTGRESQL, offline, script);
            assertThat(postgresUtc(offline)).containsExactlyElementsOf(expected);
            assertThat(postgresUtc(online)).containsExactlyElementsOf(expected);
        }
    }

    /**
     * t27-2: applied_at holds the database's clock in UTC on every engine, online and offline, whatever the zone of
     * the JVM (Asia/Tokyo), of the database (PostgreSQL: America/New_York) or of the session (H2, MariaDB: another).
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void appliedAtIsUtcWhateverTheZones(Engine engine) throws Exception {
        if (engine != Engine.SQLITE && engine != Engine.H2) TestDatabase.assumeAvailable(engine);
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions revs = new TestRevisions().add("a1", List.of(), "one", "CREATE TABLE t (id INTEGER)", "DROP TABLE t");
        String sessionZone = engine == Engine.H2 ? "SET TIME ZONE 'America/Los_Angeles'"
                : engine == Engine.MARIADB ? "SET time_zone = '" + SESSION_ZONE + "'" : null;
        try (TestDatabase online = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine)) {
            if (engine == Engine.POSTGRESQL) {
                for (TestDatabase db : List.of(online, offline)) {
                    try (Connection c = db.connect()) {
                        execute(c, "ALTER DATABASE " + db.name() + " SET TimeZone = 'America/New_York'");
                    }
                }
            }
            Instant start = Instant.now();
            TimeZone jvm = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            try (Connection on = online.connect()) {
                if (sessionZone != null) execute(on, sessionZone);
                new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            } finally {
                TimeZone.setDefault(jvm);
            }
            String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
            if (engine == Engine.H2) {
                try (Connection c = offline.connect()) {
                    execute(c, sessionZone);
                    org.h2.tools.RunScript.execute(c, new java.io.StringReader(script));
                }
            } else if (engine == Engine.MARIADB) {
                Clients.feed(engine, offline, script, "--init-command=" + sessionZone);
            } else {
                Clients.feed(engine, offline, script);
            }
            Instant end = Instant.now();
            for (TestDatabase db : List.of(online, offline)) {
                // read in a session of the database's default zone, as a user would
                LocalDateTime appliedAt;
                try (Connection c = db.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT applied_at FROM retort_history")) {
                    assertThat(rs.next()).isTrue();
                    appliedAt = LocalDateTime.parse(rs.getString(1).substring(0, 19).replace(' ', 'T'));
                }
                assertThat(appliedAt).as(db == online ? "online" : "offline")
                        .isBetween(LocalDateTime.ofInstant(start, ZoneOffset.UTC).withNano(0).minusSeconds(1),
                                LocalDateTime.ofInstant(end, ZoneOffset.UTC).plusSeconds(1));
            }
        }
    }

    private static List<String> postgresUtc(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id || '|' || ts::text || '|' || tstz::text FROM t ORDER BY id")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> mariaDbUtc(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, CAST(tstz AS CHAR) FROM t ORDER BY id")) {
                while (rs.next()) out.add(rs.getInt(1) + "=" + rs.getString(2));
            }
            return out;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
