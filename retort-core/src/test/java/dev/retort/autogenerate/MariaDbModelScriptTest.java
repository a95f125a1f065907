package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.script.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariaDbModelScriptTest {
    private static List<SqlSplitter.Statement> split(String sql) {
        return SqlSplitter.forDialect("mariadb").splitWithLines(sql);
    }

    @Test
    void aDumpsOwnDatabaseStatementsAreLeftOutAndItsQualifiersRemoved() {
        var prepared = MariaDbModelScript.prepare(split("""
                DROP SCHEMA IF EXISTS sakila;
                CREATE SCHEMA sakila;
                USE sakila;
                /*!40000 ALTER DATABASE `sakila` CHARACTER SET utf8mb4 */;
                CREATE TABLE film (id INT PRIMARY KEY, title VARCHAR(20) DEFAULT 'sakila.x');
                CREATE VIEW v AS SELECT f.id FROM sakila.film f JOIN `sakila` . `film` g ON g.id = f.id;
                """), Set.of("app", "test"), "schema.sql");
        assertThat(prepared.skipped()).extracting(SqlSplitter.Statement::line).containsExactly(1, 2, 3, 4);
        assertThat(prepared.statements()).extracting(SqlSplitter.Statement::sql).containsExactly(
                "CREATE TABLE film (id INT PRIMARY KEY, title VARCHAR(20) DEFAULT 'sakila.x')",
                "CREATE VIEW v AS SELECT f.id FROM film f JOIN `film` g ON g.id = f.id");
    }

    /** t7-7: a dump of several databases would fold them into the one scratch database; refused up front. */
    @Test
    void aFileOfSeveralDatabasesIsRefused() {
        assertThatThrownBy(() -> MariaDbModelScript.prepare(split("""
                CREATE DATABASE IF NOT EXISTS `phabricator_audit`;
                USE `phabricator_audit`;
                CREATE TABLE edge (id INT);
                CREATE DATABASE IF NOT EXISTS `phabricator_auth`;
                USE `phabricator_auth`;
                CREATE TABLE edge (id INT);
                """), Set.of(), "schema.sql"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("schema.sql creates or switches to 2 databases ('phabricator_audit' (line 1), 'phabricator_auth' (line 4))")
                .hasMessageContaining("a sql: model is one database");
        // dropping and recreating one database is one database
        assertThat(MariaDbModelScript.prepare(split("""
                DROP DATABASE IF EXISTS old_app;
                CREATE DATABASE app;
                USE app;
                CREATE TABLE t (id INT);
                """), Set.of(), "schema.sql").statements()).hasSize(1);
    }

    /** t18-4: mariadb-dump --databases puts executable comments inside the statement, before the name. */
    @Test
    void aDumpOfOneDatabaseWithVersionCommentsIsOneDatabase() {
        var prepared = MariaDbModelScript.prepare(split("""
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;

                USE `shop`;

                CREATE TABLE `item` (`id` int(11) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
                CREATE TABLE `note` (`id` int(11) /* shop.x */ NOT NULL, `t` varchar(9) DEFAULT '/*!1 x*/');
                """), Set.of("app"), "schema.sql");
        assertThat(prepared.skipped()).extracting(SqlSplitter.Statement::line).containsExactly(1, 3);
        assertThat(prepared.statements()).hasSize(2);
        assertThatThrownBy(() -> MariaDbModelScript.prepare(split("""
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `a`;
                USE `a`;
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `b`;
                """), Set.of(), "schema.sql"))
                .hasMessageContaining("creates or switches to 2 databases ('a' (line 1), 'b' (line 3))");
    }

    @Test
    void aQualifierNamingAnotherDatabaseOnTheServerIsRefused() {
        assertThatThrownBy(() -> MariaDbModelScript.prepare(split("""
                CREATE TABLE t (id INT);
                DROP TABLE App.orders;
                """), Set.of("app"), "schema.sql"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("schema.sql line 2")
                .hasMessageContaining("'app'");
    }

    @Test
    void aliasesStringsAndCommentsAreLeftAlone() {
        var prepared = MariaDbModelScript.prepare(split("""
                CREATE VIEW v AS SELECT t.id, 'app.x' AS s FROM items t -- app.y
                """), Set.of("app"), "schema.sql");
        assertThat(prepared.skipped()).isEmpty();
        assertThat(prepared.statements().get(0).sql()).contains("t.id", "'app.x'", "-- app.y");
    }

    /** t59-7: a dump's DEFINER clauses need SUPER or SET USER to run; a model leaves them out. */
    @Test
    void definerClausesAreLeftOut() {
        var prepared = MariaDbModelScript.prepare(split("""
                /*!50001 CREATE ALGORITHM=UNDEFINED */
                /*!50013 DEFINER=`root`@`127.0.0.1` SQL SECURITY DEFINER */
                /*!50001 VIEW `v` AS select 'DEFINER=`x`@`y`' AS `definer` from `t` */;
                CREATE DEFINER = 'app'@'%' PROCEDURE p() SELECT 1;
                CREATE DEFINER=root@localhost VIEW w AS SELECT 1 AS definer;
                CREATE DEFINER = CURRENT_USER() VIEW u AS SELECT 1;
                /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1 */;
                """), Set.of(), "schema.sql");
        assertThat(prepared.statements()).extracting(SqlSplitter.Statement::sql).containsExactly(
                "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013  SQL SECURITY DEFINER */\n"
                        + "/*!50001 VIEW `v` AS select 'DEFINER=`x`@`y`' AS `definer` from `t` */",
                "CREATE  PROCEDURE p() SELECT 1",
                "CREATE  VIEW w AS SELECT 1 AS definer",
                "CREATE  VIEW u AS SELECT 1",
                "/*!50003 CREATE*/ /*!50017 */ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1 */");
    }

    /** f3-3: the defaults a file's CREATE DATABASE states, which the scratch standing in for it must have. */
    @Test
    void theCreateDatabasesCharsetAndCollationAreKept() {
        var dump = MariaDbModelScript.prepare(split("""
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `app` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin */;
                USE `app`;
                /*!40000 ALTER DATABASE `app` CHARACTER SET latin1 COLLATE latin1_swedish_ci */;
                CREATE TABLE t (id INT PRIMARY KEY);
                """), Set.of(), "schema.sql");
        assertThat(dump.defaults()).isEqualTo(new MariaDbModelScript.Defaults("utf8mb4", "utf8mb4_bin", 1));
        assertThat(MariaDbModelScript.prepare(split("CREATE SCHEMA charset_app CHARSET = 'latin1';\nUSE charset_app;"),
                Set.of(), "schema.sql").defaults()).isEqualTo(new MariaDbModelScript.Defaults("latin1", null, 1));
        assertThat(MariaDbModelScript.prepare(split("CREATE DATABASE collate_app DEFAULT COLLATE=utf8mb4_unicode_ci;"),
                Set.of(), "schema.sql").defaults()).isEqualTo(new MariaDbModelScript.Defaults(null, "utf8mb4_unicode_ci", 1));
        // none stated, or only a later ALTER: the scratch keeps the application database's default
        assertThat(MariaDbModelScript.prepare(split("CREATE DATABASE charset_collate;\nUSE charset_collate;\n"
                + "ALTER DATABASE charset_collate COLLATE utf8mb4_bin;"), Set.of(), "schema.sql").defaults()).isNull();
    }
}
