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

    /** t24-3: what MariaDB commits for besides DDL, and what it may (a CALL): each checked against MariaDB 10.11. */
    @Test
    void mariaDbStatementsThatCommit() {
        Dialect maria = new MariaDbDialect();
        commits(maria, true, "/*!40000 ALTER TABLE t DISABLE KEYS */", "/*!40000 ALTER TABLE `t` ENABLE KEYS */;",
                "/*M!100100 ALTER TABLE t COMMENT 'x' */", "/*! ALTER TABLE t COMMENT 'x' */",
                "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */\n/*!50001 VIEW v AS SELECT 1 */",
                "LOCK TABLES t WRITE", "lock table t read", "ANALYZE TABLE t", "ANALYZE NO_WRITE_TO_BINLOG TABLE t PERSISTENT FOR ALL",
                "OPTIMIZE TABLE t", "REPAIR LOCAL TABLE t", "CHECK TABLE t", "FLUSH TABLES", "FLUSH PRIVILEGES", "RESET QUERY CACHE",
                "SET autocommit = 1", "SET @@autocommit=ON", "SET SESSION autocommit = 1", "set sql_mode = '', autocommit = 1",
                "BEGIN", "BEGIN WORK;", "START TRANSACTION", "COMMIT", "SET PASSWORD = PASSWORD('x')",
                "SET STATEMENT max_statement_time = 10 FOR ALTER TABLE t ADD x INT");
        commits(maria, null, "CALL mk()", "call mk", "EXECUTE IMMEDIATE 'CREATE TABLE x (id INT)'", "EXECUTE s",
                "BEGIN NOT ATOMIC CREATE TABLE x (id INT); END", "UNLOCK TABLES", "/*!50700 ALTER TABLE t COMMENT 'x' */");
        commits(maria, false, "SET autocommit = 0", "SET @autocommit = 1", "SET GLOBAL autocommit = 1", "SET sql_mode = 'ANSI_QUOTES'",
                "CHECKSUM TABLE t", "ANALYZE SELECT * FROM t", "INSERT INTO t VALUES (1)", "DO 1", "SAVEPOINT s",
                "/*!40101 SET NAMES utf8mb4 */", "/* LOCK TABLES t WRITE */ SELECT 1", "SET STATEMENT max_statement_time = 10 FOR SELECT 1",
                "SAVEPOINT s");
    }

    /** H2 commits for ANALYZE and for the SETs of database settings; a CALL of a Java function commits if it does. */
    @Test
    void h2StatementsThatCommit() {
        Dialect h2 = new H2Dialect();
        commits(h2, true, "ANALYZE", "ANALYZE TABLE t", "COMMENT ON TABLE t IS 'x'", "SET AUTOCOMMIT TRUE", "COMMIT", "SCRIPT");
        commits(h2, null, "CALL MK()", "SET MODE MySQL", "SET REFERENTIAL_INTEGRITY FALSE");
        commits(h2, false, "SET AUTOCOMMIT FALSE", "SET SCHEMA s", "SET @x = 1", "SET LOCK_TIMEOUT 1000", "SET TIME ZONE 'UTC'",
                "CHECKPOINT", "SAVEPOINT s", "MERGE INTO t KEY (id) VALUES (1)");
    }

    /** t27-1: a table's SET REFERENTIAL_INTEGRITY and BACKUP commit nothing on H2 2.3, unlike the database's SET. */
    @Test
    void h2TableReferentialIntegrityAndBackupCommitNothing() {
        Dialect h2 = new H2Dialect();
        commits(h2, false, "ALTER TABLE t1 SET REFERENTIAL_INTEGRITY FALSE", "alter table if exists s.t1 set referential_integrity true check",
                "ALTER TABLE \"my \"\"odd\"\" table\" SET REFERENTIAL_INTEGRITY TRUE NOCHECK", "BACKUP TO '/tmp/b.zip'",
                "CHECKPOINT SYNC");
        commits(h2, true, "ALTER TABLE t1 ADD x INT", "ALTER TABLE t1 ALTER COLUMN c SET DEFAULT 'SET REFERENTIAL_INTEGRITY'");
        commits(h2, null, "SET REFERENTIAL_INTEGRITY FALSE");
    }
}
