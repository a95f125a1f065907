package dev.retort.dialect;

import dev.retort.dialect.h2.H2Dialect;
import dev.retort.dialect.mariadb.MariaDbDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements commit the open transaction where DDL is not transactional, as MariaDB 10.11 and H2 2.3 do it
 * (each case checked against them): what of a failed revision stays applied.
 */
class ImplicitCommitsTest {
    private static void commits(Dialect d, Boolean expected, String... statements) {
        for (String sql : statements) assertThat(d.commitsImplicitly(sql)).as(sql).isEqualTo(expected);
    }

    /** t24-1: CREATE and DROP of a temporary table commit nothing on MariaDB; other DDL on one does. */
    @Test
    void mariaDbTemporaryTables() {
        Dialect maria = new MariaDbDialect();
        commits(maria, false, "CREATE TEMPORARY TABLE scratch (id INT)", "create or replace temporary table s AS SELECT 1",
                "DROP TEMPORARY TABLE IF EXISTS scratch", "-- scratch\nCREATE TEMPORARY TABLE s (id INT)",
                "# scratch\n/* a */ drop temporary table s", "UPDATE t SET a = 1", "SELECT 1");
        commits(maria, true, "CREATE TABLE t (id INT)", "ALTER TABLE scratch ADD x INT", "CREATE INDEX i ON scratch (id)",
                "TRUNCATE TABLE scratch", "DROP TABLE scratch", "CREATE TEMPORARY SEQUENCE s", "/* c */ GRANT SELECT ON t TO u",
                "RENAME TABLE a TO b");
    }

    /** H2 commits for a temporary table's DDL, unless it is TRANSACTIONAL, and not for CREATE/ALTER SEQUENCE. */
    @Test
    void h2TemporaryTablesAndSequences() {
        Dialect h2 = new H2Dialect();
        commits(h2, false, "CREATE LOCAL TEMPORARY TABLE s (id INT) TRANSACTIONAL",
                "create global temporary table s (id int) transactional", "CREATE SEQUENCE s", "ALTER SEQUENCE s RESTART WITH 5",
                "UPDATE t SET a = 1");
        commits(h2, true, "CREATE LOCAL TEMPORARY TABLE s (id INT)", "CREATE TEMPORARY TABLE s (id INT)", "DROP TABLE s",
                "DROP SEQUENCE s", "// c\nCREATE TABLE t (id INT)", "ALTER TABLE t ADD x INT");
    }
}
