package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline script's statement layout: a terminator after a trailing line comment goes on its own line. */
class ScriptSinkTest {

    private static String written(String dialect, String sql) {
        Dialect d = Dialects.forName(dialect);
        StringBuilder out = new StringBuilder();
        new ScriptSink(d, null, out).statement(sql);
        return out.toString();
    }

    @Test
    void terminatorAfterTheEnginesLineComments() {
        assertThat(written("h2", "CREATE TABLE t (id INT) // slash comment")).isEqualTo("CREATE TABLE t (id INT) // slash comment\n;\n\n");
        assertThat(written("mariadb", "CREATE TABLE t (id INT) # hash")).isEqualTo("CREATE TABLE t (id INT) # hash\n;\n\n");
        assertThat(written("postgresql", "SELECT 1 -- done")).isEqualTo("SELECT 1 -- done\n;\n\n");
        assertThat(written("h2", "SELECT '// not a comment'")).isEqualTo("SELECT '// not a comment';\n\n");
        assertThat(written("sqlite", "SELECT 4 // 2")).as("no comment on SQLite").isEqualTo("SELECT 4 // 2;\n\n");
    }

    /** t13-6: the DELIMITER does not run together with the statement's end ('*' '/' then '//' reads as '*' '//'). */
    @Test
    void routineDelimiterDoesNotJoinTheStatementsEnd() {
        assertThat(written("mariadb", "/*!50003 CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END */"))
                .isEqualTo("DELIMITER $$\n/*!50003 CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END */$$"
                        + "\nDELIMITER ;\n\n");
        assertThat(written("mariadb", "CREATE PROCEDURE p() BEGIN SELECT 1; END")).startsWith("DELIMITER //\n").contains("END//\n");
        assertThat(ScriptSink.routineDelimiter("BEGIN SELECT '//'; END")).isEqualTo("$$");
        assertThat(ScriptSink.routineDelimiter("BEGIN SELECT '//$$'; END */")).isEqualTo(";;");
        assertThat(ScriptSink.routineDelimiter("BEGIN SELECT 1; END /")).isEqualTo("$$");
    }
}
