package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.graph.Plan;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import static dev.retort.migration.Migration.INTEGER;
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
            OfflineScriptIT.feed(Engine.MARIADB, offline, script, "--init-command=SET time_zone='" + SESSION_ZONE + "'");
            assertThat(mariaDbUtc(online)).containsExactlyElementsOf(expected);
            assertThat(mariaDbUtc(offline)).containsExactlyElementsOf(expected);
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
