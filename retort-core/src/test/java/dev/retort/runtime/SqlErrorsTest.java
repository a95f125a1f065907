package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorsTest {
    /** PostgreSQL's multi-line errors on one line: its Detail and Hint kept, the character position left out. */
    @Test
    void describeKeepsDetailAndHintAndDropsThePosition() {
        SQLException e = new SQLException("ERROR: permission denied for schema public\n  Position: 28");
        assertThat(SqlErrors.describe(e)).isEqualTo("ERROR: permission denied for schema public");
        SQLException unique = new SQLException("ERROR: duplicate key value violates unique constraint \"pk\"\n"
                + "  Detail: Key (id)=(1) already exists.\n  Hint: something");
        assertThat(SqlErrors.describe(unique))
                .isEqualTo("ERROR: duplicate key value violates unique constraint \"pk\" Detail: Key (id)=(1) already exists. Hint: something");
    }

    @Test
    void thePositionBecomesALineOfTheStatement() {
        String sql = "CREATE TABLE t (\n    id INTEGER,\n    name VARCHR(20)\n)";
        SQLException e = new SQLException("ERROR: type \"varchr\" does not exist\n  Position: " + (sql.indexOf("VARCHR") + 1));
        assertThat(SqlErrors.line(e, sql)).isEqualTo(3);
        assertThat(SqlErrors.line(new SQLException("no position"), sql)).isZero();
        // as sent with blank lines before it, counted as shown: from its first non-blank line
        String sent = "\n\n  " + sql;
        SQLException later = new SQLException("ERROR: type \"varchr\" does not exist\n  Position: " + (sent.indexOf("VARCHR") + 1));
        assertThat(SqlErrors.line(later, sent)).isEqualTo(3);
    }

    @Test
    void statementsThatRefuseATransactionAreRecognised() {
        assertThat(SqlErrors.needsNoTransaction(new SQLException("ERROR: VACUUM cannot run inside a transaction block", "25001"))).isTrue();
        assertThat(SqlErrors.needsNoTransaction(new SQLException("[SQLITE_ERROR] SQL error or missing database "
                + "(cannot VACUUM from within a transaction)"))).isTrue();
        assertThat(SqlErrors.needsNoTransaction(new SQLException("ERROR: syntax error at or near \"CREAT\"", "42601"))).isFalse();
    }

    private static SQLException h2(String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:"); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("did not fail: " + sql);
    }

    /**
     * t76-1: what a killed run left (a column, a sequence, a schema) is "there already" on H2 and SQLite too, as on
     * PostgreSQL and MariaDB: the rerun's failure then says an earlier run may have been interrupted, not "fix the revision".
     */
    @Test
    void whatIsThereAlreadyIsRecognisedOnH2AndSqlite() throws Exception {
        for (String url : List.of("jdbc:h2:mem:", "jdbc:sqlite::memory:")) {
            boolean h2 = url.startsWith("jdbc:h2");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (a INT, b INT)");
                s.execute("CREATE INDEX ix ON t (a)");
                s.execute("CREATE VIEW v AS SELECT a FROM t");
                List<String> again = new java.util.ArrayList<>(List.of("ALTER TABLE t ADD COLUMN a INT", "CREATE TABLE t (x INT)",
                        "CREATE INDEX ix ON t (b)", "CREATE VIEW v AS SELECT b FROM t"));
                if (h2) {
                    s.execute("CREATE SEQUENCE sq");
                    s.execute("CREATE SCHEMA sc");
                    s.execute("ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0)");
                    s.execute("CREATE DOMAIN dm AS INT");
                    again.addAll(List.of("CREATE SEQUENCE sq", "CREATE SCHEMA sc", "ALTER TABLE t ADD CONSTRAINT ck CHECK (b > 0)",
                            "CREATE DOMAIN dm AS INT"));
                } else {
                    s.execute("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
                    again.add("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
                }
                for (String sql : again) {
                    SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> s.execute(sql), SQLException.class);
                    assertThat(e != null).as(url + ": " + sql + " fails").isTrue();
                    assertThat(SqlErrors.isAlreadyExists(e)).as(url + ": " + sql + " -> " + e.getMessage() + " " + e.getSQLState()
                            + "/" + e.getErrorCode()).isTrue();
                }
            }
        }
    }

    /** t27-7: H2 echoes the whole statement, however long; the message keeps an excerpt as long as the run's own. */
    @Test
    void h2sEchoOfALongStatementIsCut() {
        String values = String.join(",", java.util.Collections.nCopies(20_000, "(1,'vvvvvvvvvvvvvvvvvvvv')"));
        String missing = SqlErrors.describe(h2("INSERT INTO nosuch VALUES " + values));
        assertThat(missing).startsWith("Table \"NOSUCH\" not found; SQL statement: INSERT INTO nosuch VALUES (1,'vvv")
                .endsWith(" ... [42102-232]").hasSizeLessThan(300);
        // a syntax error quotes the statement too, with [*] at the error: kept in view
        String syntax = SqlErrors.describe(h2("INSERT INTO t VALUES " + values + " garbage"));
        assertThat(syntax).startsWith("Syntax error in SQL statement \"INSERT INTO t VALUES (1,'vvv")
                .contains("'vvvvvvvvvvvvvvvvvvvv') [*]garbage\"; SQL statement: INSERT INTO t VALUES").endsWith(" ... [42000-232]")
                .hasSizeLessThan(600);
        // short statements as H2 gives them, on one line
        assertThat(SqlErrors.describe(h2("INSERT INTO t\nVALUES (1, 'x') garbage"))).isEqualTo("Syntax error in SQL statement"
                + " \"INSERT INTO t\\000aVALUES (1, 'x') [*]garbage\"; SQL statement: INSERT INTO t VALUES (1, 'x') garbage [42000-232]");
        assertThat(SqlErrors.describe(h2("INSERT INTO nosuch VALUES (1)")))
                .isEqualTo("Table \"NOSUCH\" not found; SQL statement: INSERT INTO nosuch VALUES (1) [42102-232]");
    }

    /** t26-4: what a DROP or ALTER finds gone already, on each engine; not the same error of another statement. */
    @Test
    void whatAStatementRemovesIsGoneAlready() {
        assertThat(SqlErrors.isAlreadyGone(new SQLException("(conn=1) Unknown table 'db.t03'", "42S02", 1051), "DROP TABLE t03")).isTrue();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("Can't DROP COLUMN `c`; check that it exists", "42000", 1091),
                "ALTER TABLE t DROP COLUMN c")).isTrue();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("Table \"T03\" not found", "42S02", 42102),
                "-- the old table\ndrop table t03")).isTrue();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("ERROR: index \"ix\" does not exist", "42704"), "DROP INDEX ix")).isTrue();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("[SQLITE_ERROR] SQL error or missing database (no such table: t)"),
                "DROP TABLE t")).isTrue();
        // a data statement naming a missing table is a broken revision, not a half-done one
        assertThat(SqlErrors.isAlreadyGone(new SQLException("Table 'db.t' doesn't exist", "42S02", 1146), "INSERT INTO t VALUES (1)")).isFalse();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("syntax", "42000", 1064), "DROP TABLE t")).isFalse();
        // t57-7: an ALTER that neither drops nor renames removes nothing: its missing object is its own failure
        assertThat(SqlErrors.isAlreadyGone(new SQLException("(conn=1) Table 'scratch.s1' doesn't exist", "42S02", 1146),
                "ALTER TABLE w ALTER COLUMN seqcol SET DEFAULT nextval(`scratch`.`s1`)")).isFalse();
        assertThat(SqlErrors.isAlreadyGone(new SQLException("Unknown column 'a' in 't'", "42S22", 1054),
                "ALTER TABLE t RENAME COLUMN a TO b")).isTrue();
    }
}
