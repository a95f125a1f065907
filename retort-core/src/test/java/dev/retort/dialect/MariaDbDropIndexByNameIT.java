package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.DropIndex;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t20-4: on MariaDB/MySQL index names are unique per table only: dropIndex(name) without a table is refused
 * when several tables have such an index, and finds the table when one has it (its rows, one per column, included).
 */
class MariaDbDropIndexByNameIT {
    @Test
    void anIndexNameSeveralTablesHaveIsRefusedNamingThem() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE zeta (id INT PRIMARY KEY, created INT, other INT)");
            s.execute("CREATE TABLE alpha (id INT PRIMARY KEY, created INT)");
            s.execute("CREATE INDEX ix_created ON zeta (created, other)");
            s.execute("CREATE INDEX ix_created ON alpha (created)");
            OperationRenderer r = d.renderer(RenderContext.online(c));
            assertThatThrownBy(() -> r.render(new DropIndex(null, null, "ix_created")))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("MariaDB/MySQL cannot drop index ix_created: tables alpha, zeta each have an index of that"
                            + " name; name the table: dropIndex(name, table)");
            s.execute("DROP INDEX ix_created ON alpha");
            // one table left, with a two-column index (two rows in STATISTICS): that one is dropped
            for (SqlStatement st : d.renderer(RenderContext.online(c)).render(new DropIndex(null, null, "ix_created"))) {
                s.execute(st.sql());
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.STATISTICS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'ix_created'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
