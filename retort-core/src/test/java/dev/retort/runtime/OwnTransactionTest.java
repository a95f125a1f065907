package dev.retort.runtime;

import dev.retort.script.SqlSplitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t81-2, t81-5: which revisions leave a transaction of their own open, read from their statements alike online and
 * in the --sql script.
 */
class OwnTransactionTest {

    private static OwnTransaction after(String dialect, String... statements) {
        OwnTransaction own = new OwnTransaction(SqlSplitter.forDialect(dialect));
        for (String sql : statements) own.ran(sql);
        return own;
    }

    @Test
    void aBeginWithoutItsCommitIsLeftOpen() {
        OwnTransaction own = after("postgresql", "CREATE TABLE t (a int)", "START TRANSACTION", "INSERT INTO t VALUES (1)");
        assertThat(own.open()).isTrue();
        assertThat(own.autocommitOff()).isFalse();
        assertThat(own.openedAt()).isEqualTo(1);
        assertThat(own.since()).isEqualTo("from its START TRANSACTION on");
        assertThat(after("sqlite", "BEGIN IMMEDIATE", "INSERT INTO t VALUES (1)").openedAt()).isZero();
        assertThat(after("sqlite", "/* c */ begin transaction", "SELECT 1").open()).isTrue();
        // one string of several statements (op.execute of a Java revision)
        assertThat(after("postgresql", "SELECT 1; BEGIN; INSERT INTO t VALUES (1)").open()).isTrue();
    }

    @Test
    void aBeginEndedByItsCommitOrRollbackIsNot() {
        assertThat(after("postgresql", "BEGIN", "INSERT INTO t VALUES (1)", "COMMIT").open()).isFalse();
        assertThat(after("sqlite", "BEGIN", "INSERT INTO t VALUES (1)", "END TRANSACTION").open()).isFalse();
        assertThat(after("mariadb", "START TRANSACTION", "ROLLBACK").open()).isFalse();
        // a savepoint's rollback ends nothing
        assertThat(after("postgresql", "BEGIN", "SAVEPOINT s", "ROLLBACK TO SAVEPOINT s").open()).isTrue();
        OwnTransaction reset = after("postgresql", "BEGIN");
        reset.reset();
        assertThat(reset.open()).isFalse();
    }

    @Test
    void blocksRoutinesAndTextAreNoTransaction() {
        assertThat(after("mariadb", "BEGIN NOT ATOMIC SELECT 1; END").open()).isFalse();
        assertThat(after("postgresql", "DO $$ BEGIN PERFORM 1; END $$").open()).isFalse();
        assertThat(after("sqlite", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END").open()).isFalse();
        assertThat(after("postgresql", "INSERT INTO t VALUES ('BEGIN')", "-- BEGIN\nSELECT 1").open()).isFalse();
        assertThat(after("mariadb", "SELECT 'SET autocommit = 0'").open()).isFalse();
    }

    @Test
    void autocommitSwitchedOffStaysOpenPastCommits() {
        OwnTransaction own = after("mariadb", "SET autocommit = 0", "INSERT INTO t VALUES (1)", "COMMIT", "INSERT INTO t VALUES (2)");
        assertThat(own.open()).isTrue();
        assertThat(own.autocommitOff()).isTrue();
        assertThat(own.openedAt()).isEqualTo(3);
        assertThat(own.since()).isEqualTo("after its COMMIT");
        assertThat(after("mariadb", "SET @@session.autocommit := OFF").autocommitOff()).isTrue();
        assertThat(after("mariadb", "SET SESSION sql_mode = '', autocommit = 0").autocommitOff()).isTrue();
        assertThat(after("h2", "SET AUTOCOMMIT FALSE").autocommitOff()).isTrue();
        assertThat(after("mariadb", "SET autocommit = 0", "INSERT INTO t VALUES (1)", "SET autocommit = 1").open()).isFalse();
        assertThat(after("h2", "SET AUTOCOMMIT OFF", "SET AUTOCOMMIT ON").open()).isFalse();
        assertThat(after("mariadb", "SET autocommit = 1").open()).isFalse();
        assertThat(after("mariadb", "SET @autocommit = 0").open()).as("a user variable").isFalse();
        assertThat(after("mariadb", "SET GLOBAL autocommit = 0").open()).as("other sessions'").isFalse();
    }
}
