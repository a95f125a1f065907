package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t42-3: a statement longer than MariaDB's max_allowed_packet makes the server drop the connection, and the driver
 * says only "Socket error": the failure names both sizes and the two ways out.
 */
class MariaDbPacketSizeIT {

    @Test
    void aStatementOverMaxAllowedPacketSaysSo() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            long max;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                rs.next();
                max = rs.getLong(1);
            }
            String big = "INSERT INTO big VALUES (1, '" + "x".repeat((int) max + (1 << 20)) + "')";
            TestRevisions revs = new TestRevisions()
                    .add("p1", List.of(), "table", "CREATE TABLE big (id INTEGER, note LONGTEXT)", null)
                    .add("p2", List.of("p1"), "data", big, null)
                    .add("p3", List.of("p2"), "small", "INSERT INTO big VALUES (2, 'y')", null);
            Migrator migrator = new Migrator(c, dialect, RuntimeSettings.defaults(), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision p2")
                    .hasMessageContaining("The statement is " + (big.length() >> 20) + " MB (" + big.length()
                            + " bytes), larger than the server's max_allowed_packet (" + (max >> 20) + " MB")
                    .hasMessageContaining("split it into smaller statements")
                    .hasMessageContaining("raise max_allowed_packet");
        }
    }

    /** A large statement within the limit runs, and one that fails otherwise gets no such hint. */
    @Test
    void aLargeStatementWithinTheLimitRunsAndOtherFailuresGetNoHint() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            String large = "INSERT INTO big VALUES (1, '" + "x".repeat(200_000) + "')";
            TestRevisions revs = new TestRevisions()
                    .add("q1", List.of(), "table", "CREATE TABLE big (id INTEGER, note LONGTEXT)", null)
                    .add("q2", List.of("q1"), "data", large, null)
                    .add("q3", List.of("q2"), "broken", large.replace("INTO big", "INTO missing"), null);
            Migrator migrator = new Migrator(c, dialect, RuntimeSettings.defaults(), revs);
            assertThatThrownBy(() -> migrator.run(revs::upgradeAll, false, null))
                    .hasMessageContaining("Revision q3")
                    .hasMessageNotContaining("max_allowed_packet");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT LENGTH(note) FROM big")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(200_000);
            }
        }
    }
}
