package dev.retort.dialect;

import dev.retort.dialect.mariadb.MariaDbDialect;
import dev.retort.dialect.postgresql.PostgresDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements only change a session setting the run puts back when it ends: a failed revision's message leaves
 * them out of what stays applied (r5-6).
 */
class SessionSettingsUndoneTest {
    @Test
    void postgresSettingsTheRunPutsBack() {
        Dialect pg = new PostgresDialect();
        for (String sql : new String[]{"SET ROLE r5_owner", "set role \"Mixed Case\";", "RESET ROLE",
                "SET SESSION AUTHORIZATION r5_owner", "RESET SESSION AUTHORIZATION", "SET statement_timeout = '2s'",
                "SET SESSION session_replication_role = replica", "SET search_path TO app, public",
                "SELECT pg_catalog.set_config('search_path', '', false)", "select set_config('role', 'x', false);"}) {
            assertThat(pg.undoneWhenRunEnds(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"SET work_mem = '1GB'", "SET LOCAL ROLE x", "SET roles_x = 1",
                "SELECT set_config('role', 'x', true)", "SET ROLE x; DROP TABLE t", "CREATE TABLE t (id INT)",
                "SELECT pg_catalog.set_config('search_path', '', false), 1/0"}) {
            assertThat(pg.undoneWhenRunEnds(sql)).as(sql).isFalse();
        }
    }

    /** mdb-fkc: the statements after which a MariaDB --sql script puts the checks and sql_mode back. */
    @Test
    void mariaDbScriptPutsTheChecksBackAfterAStatementSettingOne() {
        java.util.function.Predicate<String> changes = new MariaDbDialect().sessionSettingRestore().changes();
        for (String sql : new String[]{"SET foreign_key_checks = 0", "SET SESSION unique_checks:=0",
                "SET @@SESSION.check_constraint_checks = OFF", "set sql_mode='ANSI_QUOTES'",
                "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */",
                "SET STATEMENT foreign_key_checks=0 FOR INSERT INTO t VALUES (1)",
                // t53-3: a backquoted name, as any identifier may be
                "SET SESSION `foreign_key_checks` = 0", "SET @@session.`unique_checks` = 0", "SET `sql_mode` = ''",
                "SET LOCAL `check_constraint_checks`:=0"}) {
            assertThat(changes.test(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"SELECT @@SESSION.foreign_key_checks", "SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS",
                "INSERT INTO t SELECT @@sql_mode", "SELECT 1 WHERE @@unique_checks == 1",
                "SELECT `foreign_key_checks` FROM t", "SET @x = `sql_mode_x` = 1", "CREATE TABLE t (id INTEGER)"}) {
            assertThat(changes.test(sql)).as(sql).isFalse();
        }
    }

    /** pg-srr: the statements after which a PostgreSQL --sql script puts session_replication_role back. */
    @Test
    void postgresScriptPutsTheReplicationRoleBackAfterAStatementSettingIt() {
        java.util.function.Predicate<String> changes = new PostgresDialect().sessionSettingRestore().changes();
        for (String sql : new String[]{"SET session_replication_role = replica", "set local SESSION_REPLICATION_ROLE to 'replica'",
                "SET SESSION session_replication_role=replica;", "SELECT pg_catalog.set_config('session_replication_role', 'replica', false)",
                "RESET session_replication_role", "RESET ALL",
                "DO $$BEGIN EXECUTE 'SET session_replication_role = replica'; END$$"}) {
            assertThat(changes.test(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"SHOW session_replication_role", "SELECT current_setting('session_replication_role')",
                "SET ROLE owner", "SET statement_timeout = 0", "CREATE TABLE t (id INTEGER)"}) {
            assertThat(changes.test(sql)).as(sql).isFalse();
        }
    }

    /** h2-refint: H2's database-wide SET REFERENTIAL_INTEGRITY, put back after the revision, online and offline. */
    @Test
    void h2ReferentialIntegrityIsPutBack() {
        Dialect h2 = new dev.retort.dialect.h2.H2Dialect();
        java.util.function.Predicate<String> changes = h2.databaseSettingRestore().changes();
        assertThat(h2.databaseSettingRestore().putBack()).isEqualTo("SET REFERENTIAL_INTEGRITY TRUE");
        assertThat(h2.sessionSettingRestore().changes()).isSameAs(changes);
        for (String sql : new String[]{"SET REFERENTIAL_INTEGRITY FALSE", "set referential_integrity false;",
                "-- load\nSET REFERENTIAL_INTEGRITY = 0", "SET  REFERENTIAL_INTEGRITY\nTRUE"}) {
            assertThat(changes.test(sql)).as(sql).isTrue();
            assertThat(h2.undoneWhenRunEnds(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"ALTER TABLE t SET REFERENTIAL_INTEGRITY FALSE", "SET MODE MySQL",
                "INSERT INTO t VALUES ('SET REFERENTIAL_INTEGRITY FALSE')", "CREATE TABLE t (id INT)"}) {
            assertThat(changes.test(sql)).as(sql).isFalse();
            assertThat(h2.undoneWhenRunEnds(sql)).as(sql).isFalse();
        }
    }

    @Test
    void mariaDbSettingsTheRunPutsBack() {
        Dialect maria = new MariaDbDialect();
        for (String sql : new String[]{"SET foreign_key_checks = 0", "SET SESSION unique_checks=0;",
                "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */",
                "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */".replace("@OLD_FOREIGN_KEY_CHECKS", "1"),
                "USE other", "SET check_constraint_checks = 0", "SET sql_mode = 'ANSI_QUOTES'", "SET SESSION sql_mode = \"\"", "SET @@sql_mode = DEFAULT",
                // mariadb-dump's (t24-4)
                "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */", "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */",
                "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */",
                // backquoted names, as the put-back's predicate takes them (t53-3)
                "SET SESSION `foreign_key_checks` = 0", "SET @@session.`unique_checks` = 0", "SET `sql_mode` = ''"}) {
            assertThat(maria.undoneWhenRunEnds(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"SET ROLE admin", "SET max_statement_time = 1", "SET GLOBAL foreign_key_checks = 0",
                "SET GLOBAL sql_mode = 'ANSI_QUOTES'", "SET sql_mode = 'ANSI_QUOTES'; DROP TABLE t",
                "CREATE TABLE t (id INT)"}) {
            assertThat(maria.undoneWhenRunEnds(sql)).as(sql).isFalse();
        }
    }

    /**
     * t43-4: user variables and the session's other variables change nothing in the database either: mariadb-dump's
     * executable comments ({@code /*!} and {@code /*M!} alike) and a revision's own SETs are all left out of the list.
     */
    @Test
    void mariaDbSessionOnlyStatements() {
        Dialect maria = new MariaDbDialect();
        for (String sql : new String[]{"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */", "SET @x = 1", "SET @x := 'a'",
                "/*!40101 SET NAMES utf8mb4 */", "SET NAMES utf8mb4 COLLATE utf8mb4_bin", "/*!40103 SET TIME_ZONE='+00:00' */",
                "/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */", "SET SESSION max_statement_time = 1.5",
                "SET @@SESSION.wait_timeout = 10", "/*M!100616 SET NOTE_VERBOSITY=@OLD_NOTE_VERBOSITY */",
                "SET foreign_key_checks = 0"}) {
            assertThat(maria.sessionOnly(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"SET GLOBAL max_connections = 10", "SET @@GLOBAL.wait_timeout = 10",
                "SET autocommit = 1", "SET @@autocommit = 1", "SET PASSWORD = PASSWORD('x')", "SET ROLE admin",
                "SET DEFAULT ROLE admin", "SET @x = (SELECT f())", "SET @x = f()", "SET STATEMENT max_statement_time=1 FOR DROP TABLE t",
                "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET @x = 1; DROP TABLE t", "/*!40101 CREATE TABLE t (a int) */"}) {
            assertThat(maria.sessionOnly(sql)).as(sql).isFalse();
        }
        assertThat(new PostgresDialect().sessionOnly("SET work_mem = '1GB'")).isFalse(); // as before: listed there
    }

    @Test
    void sqliteForeignKeysTheRunPutsBack() {
        Dialect sqlite = new dev.retort.dialect.sqlite.SqliteDialect();
        for (String sql : new String[]{"PRAGMA foreign_keys = OFF", "pragma foreign_keys=0;", "PRAGMA foreign_keys = 'on'"}) {
            assertThat(sqlite.undoneWhenRunEnds(sql)).as(sql).isTrue();
        }
        for (String sql : new String[]{"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = OFF; DROP TABLE t", "PRAGMA foreign_key_check"}) {
            assertThat(sqlite.undoneWhenRunEnds(sql)).as(sql).isFalse();
        }
    }
}
