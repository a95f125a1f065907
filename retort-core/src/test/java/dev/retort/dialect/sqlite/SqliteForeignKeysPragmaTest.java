package dev.retort.dialect.sqlite;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t45-2: a {@code PRAGMA foreign_keys = OFF} is recognised in every spelling SQLite takes for it (the guard against
 * the 12-step rebuild's silent CASCADE missed the quoted names, comments, {@code 00} and {@code -0}). Each spelling
 * is checked against SQLite itself: what it leaves {@code foreign_keys} at is what Retort must read.
 */
class SqliteForeignKeysPragmaTest {

    private static final List<String> VALUES = List.of("OFF", "off", "0", "00", "-0", "-1", "+1", "+0", "1", "256",
            "257", "0x100", "0x1", "0x0", "0.5", "1.5", "1e0", ".5", "2147483648", "99999999999", "'1'", "' 1'", "'on'",
            "'ON'", "'off'", "\"off\"", "[off]", "`off`", "[on]", "full", "extra", "yes", "YES", "true", "no", "No",
            "false", "FALSE", "banana", "''", "delete", "default", "on", "On", "'-0'", "- 1", "- /* c */ 0");

    private static final List<String> NAMES = List.of("foreign_keys", "FOREIGN_KEYS", "\"foreign_keys\"",
            "[foreign_keys]", "`foreign_keys`", "'foreign_keys'", "main.foreign_keys", "\"main\".[foreign_keys]",
            "main . foreign_keys", "temp.\"Foreign_Keys\"", "/*x*/ foreign_keys /* y */", "-- c\nforeign_keys\n");

    /** What SQLite sets foreign_keys to after {@code pragma}, from ON; null where it refuses the statement. */
    private static Boolean sqlite(Connection c, String pragma) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
            try {
                st.execute(pragma);
            } catch (java.sql.SQLException e) {
                return null;
            }
            try (ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
                rs.next();
                return rs.getInt(1) != 0;
            }
        }
    }

    @Test
    void everySpellingIsReadAsSqliteReadsIt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            for (String name : NAMES) {
                for (String value : VALUES) {
                    for (String form : List.of("PRAGMA " + name + " = " + value, "pragma " + name + "(" + value + ");",
                            "  PRAGMA " + name + "=" + value + " -- note\n")) {
                        Boolean expected = sqlite(c, form);
                        if (expected == null) continue; // not SQL SQLite takes ('(- 1)' etc.)
                        assertThat(SqliteDialect.foreignKeysSetting(form)).as(form).isEqualTo(expected);
                        assertThat(SqliteDialect.switchesForeignKeysOff(form)).as(form).isEqualTo(!expected);
                    }
                }
            }
        }
    }

    @Test
    void otherStatementsAreNoSetting() {
        for (String sql : List.of("PRAGMA foreign_keys", "PRAGMA foreign_keys;", "PRAGMA \"foreign_keys\"",
                "PRAGMA foreign_key_list(t)", "PRAGMA defer_foreign_keys = OFF", "PRAGMA foreign_key_check",
                "SELECT 'PRAGMA foreign_keys = OFF'", "-- PRAGMA foreign_keys = OFF\nSELECT 1",
                "PRAGMA foreign_keys = OFF, 1", "PRAGMA a.b.foreign_keys = OFF", "EXPLAIN PRAGMA foreign_keys = OFF")) {
            assertThat(SqliteDialect.foreignKeysSetting(sql)).as(sql).isNull();
        }
    }

    @Test
    void aPragmaAmongSeveralStatementsOfOneStringIsGuardedInTheScript() {
        // op.execute("PRAGMA \"foreign_keys\" = OFF; DROP TABLE p"): the guard follows the pragma, before the DROP
        var renderer = new SqliteDialect().renderer(dev.retort.dialect.RenderContext.offline());
        List<String> sql = renderer.render(dev.retort.ops.Execute.of("PRAGMA \"foreign_keys\" = 00; DROP TABLE p"))
                .stream().map(dev.retort.dialect.SqlStatement::sql).toList();
        assertThat(sql.get(0)).isEqualTo("PRAGMA \"foreign_keys\" = 00");
        assertThat(sql.get(1)).isEqualTo("CREATE TEMP TABLE _retort_fk_off_guard (x)");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("DROP TABLE p");
        // alone, as a SQL revision's statement comes: guarded too
        assertThat(renderer.render(dev.retort.ops.Execute.of("PRAGMA [foreign_keys] = -0"))).hasSize(5);
        assertThat(renderer.render(dev.retort.ops.Execute.of("PRAGMA foreign_keys = 1"))).hasSize(1);
    }
}
