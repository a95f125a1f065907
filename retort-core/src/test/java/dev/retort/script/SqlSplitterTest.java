package dev.retort.script;

import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SqlSplitterTest {

    private static List<String> sqlite(String sql) {
        return SqlSplitter.sqlite().split(sql);
    }

    @Test
    void splitsOnSemicolonsAndTrims() {
        assertThat(sqlite("  CREATE TABLE a (x INT) ;\nINSERT INTO a VALUES (1);SELECT 1"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "SELECT 1");
    }

    @Test
    void dropsEmptyAndCommentOnlyChunks() {
        assertThat(sqlite(";;\n-- nothing here\n;/* nor here */;\n  \n")).isEmpty();
        assertThat(sqlite("-- lead\n/* block */ SELECT 1; -- trailing\n")).containsExactly("SELECT 1");
    }

    @Test
    void ignoresSemicolonsInStringsWithDoubledQuotes() {
        assertThat(sqlite("INSERT INTO t VALUES ('a;b', 'it''s; fine');SELECT ';'"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT ';'");
    }

    @Test
    void ignoresSemicolonsInQuotedIdentifiers() {
        assertThat(sqlite("CREATE TABLE \"a;b\" ([c;d] INT, `e;f` INT, \"g\"\"h;\" INT); DROP TABLE [x]]y;]"))
                .containsExactly("CREATE TABLE \"a;b\" ([c;d] INT, `e;f` INT, \"g\"\"h;\" INT)", "DROP TABLE [x]]y;]");
    }

    @Test
    void ignoresSemicolonsAndQuotesInComments() {
        assertThat(sqlite("SELECT 1 -- it's; a comment\n, 2; /* don't; stop */ SELECT 3"))
                .containsExactly("SELECT 1 -- it's; a comment\n, 2", "SELECT 3");
    }

    @Test
    void mysqlBackslashEscapesInStrings() {
        List<String> got = SqlSplitter.mysql(false).split("INSERT INTO t VALUES ('a\\';b', \"c\\\";d\");SELECT 2");
        assertThat(got).containsExactly("INSERT INTO t VALUES ('a\\';b', \"c\\\";d\")", "SELECT 2");
        // without backslash escapes the same text has its string end at \'
        assertThat(sqlite("SELECT 'a\\';b'")).containsExactly("SELECT 'a\\'", "b'");
    }

    @Test
    void mysqlHashCommentsDashNeedsSpaceAndVersionComments() {
        SqlSplitter my = SqlSplitter.mysql(false);
        assertThat(my.split("# comment; here\nSELECT 1;")).containsExactly("SELECT 1");
        assertThat(my.split("SELECT 5--1;SELECT 2")).containsExactly("SELECT 5--1", "SELECT 2");
        assertThat(my.split("/*!40101 SET @OLD=@@X */;\n/* plain */;"))
                .containsExactly("/*!40101 SET @OLD=@@X */");
    }

    @Test
    void postgresDollarQuotes() {
        String fn = """
                CREATE FUNCTION f() RETURNS trigger AS $$
                BEGIN
                  NEW.x := 'a;b'; RETURN NEW;
                END;
                $$ LANGUAGE plpgsql""";
        String tagged = "CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $$ not the end; $body$ LANGUAGE sql";
        List<String> got = SqlSplitter.postgresql().split(fn + ";\n" + tagged + ";\nSELECT $1, a$b$c FROM t;");
        assertThat(got).containsExactly(fn, tagged, "SELECT $1, a$b$c FROM t");
    }

    @Test
    void postgresEscapeStringsAndNestedComments() {
        SqlSplitter pg = SqlSplitter.postgresql();
        assertThat(pg.split("SELECT E'it\\'s;'; SELECT 'plain\\'; SELECT 3"))
                .containsExactly("SELECT E'it\\'s;'", "SELECT 'plain\\'", "SELECT 3");
        assertThat(pg.split("/* outer /* inner; */ still; */ SELECT 1; SELECT ARRAY[1,2][1]"))
                .containsExactly("SELECT 1", "SELECT ARRAY[1,2][1]");
    }

    @Test
    void sqliteTriggerBodyStaysWhole() {
        String trigger = """
                CREATE TRIGGER IF NOT EXISTS trg AFTER UPDATE ON t FOR EACH ROW
                WHEN (CASE WHEN NEW.a > 0 THEN 1 ELSE 0 END) = 1
                BEGIN
                  UPDATE t SET b = CASE WHEN NEW.a = 1 THEN 'x;' ELSE 'y' END WHERE rowid = NEW.rowid;
                  SELECT RAISE(ABORT, 'no; way') WHERE NEW.a < 0;
                END""";
        assertThat(sqlite("CREATE TABLE t (a, b);\n" + trigger + ";\nBEGIN;\nINSERT INTO t VALUES (1, 2);\nEND;"))
                .containsExactly("CREATE TABLE t (a, b)", trigger, "BEGIN", "INSERT INTO t VALUES (1, 2)", "END");
    }

    @Test
    void mysqlProcedureWithoutDelimiterKeepsNestedBlocks() {
        String proc = """
                CREATE DEFINER=`root`@`localhost` PROCEDURE p(IN n INT)
                BEGIN
                  DECLARE i INT DEFAULT 0;
                  IF n > 0 THEN SET i = 1; END IF;
                  lbl: LOOP SET i = i + 1; IF i > n THEN LEAVE lbl; END IF; END LOOP lbl;
                  CASE i WHEN 1 THEN SELECT 'one;'; ELSE BEGIN SELECT 2; END; END CASE;
                  WHILE i > 0 DO SET i = i - 1; END WHILE;
                END""";
        assertThat(SqlSplitter.mysql(false).split(proc + ";\nCALL p(3);"))
                .containsExactly(proc, "CALL p(3)");
    }

    @Test
    void keywordsAsNamesOutsideRoutinesDoNotOpenBlocks() {
        assertThat(SqlSplitter.mysql(false).split("CREATE TABLE event (id INT, begin INT); SELECT 1; "
                + "CREATE OR REPLACE TEMPORARY TABLE trigger (case_no INT, begin DATE); SELECT 2"))
                .containsExactly("CREATE TABLE event (id INT, begin INT)", "SELECT 1",
                        "CREATE OR REPLACE TEMPORARY TABLE trigger (case_no INT, begin DATE)", "SELECT 2");
        assertThat(sqlite("CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END; SELECT 2"))
                .containsExactly("CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END", "SELECT 2");
    }

    @Test
    void mariadbAnonymousCompoundStatement() {
        String block = "BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; SELECT x; END";
        assertThat(SqlSplitter.mysql(false).split(block + "; SELECT 2;")).containsExactly(block, "SELECT 2");
    }

    @Test
    void standardSqlBeginAtomicBody() {
        String fn = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; END";
        assertThat(SqlSplitter.postgresql().split(fn + ";SELECT f(1);")).containsExactly(fn, "SELECT f(1)");
    }

    @Test
    void delimiterDirectiveWhenAsked() {
        String text = """
                DELIMITER ;;
                CREATE TRIGGER t1 AFTER INSERT ON a FOR EACH ROW BEGIN
                  INSERT INTO b VALUES (1);
                END;;
                DELIMITER ;
                SELECT 1;
                delimiter $$
                CREATE FUNCTION f() RETURNS INT DETERMINISTIC
                BEGIN RETURN 1; END$$
                DELIMITER ;
                SELECT 2;
                """;
        assertThat(SqlSplitter.mysql(true).split(text)).containsExactly(
                "CREATE TRIGGER t1 AFTER INSERT ON a FOR EACH ROW BEGIN\n  INSERT INTO b VALUES (1);\nEND",
                "SELECT 1",
                "CREATE FUNCTION f() RETURNS INT DETERMINISTIC\nBEGIN RETURN 1; END",
                "SELECT 2");
    }

    @Test
    void unterminatedLastStatementAndUnclosedQuoteAreKept() {
        assertThat(sqlite("SELECT 1; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(sqlite("SELECT 'open; still")).containsExactly("SELECT 'open; still");
    }

    @Test
    void reportsStartLines() {
        List<SqlSplitter.Statement> got = SqlSplitter.sqlite().splitWithLines(
                "-- header\n\nSELECT 'a\nb';\n/* c\n */ SELECT 2;\n\n\nSELECT 3");
        assertThat(got).extracting(SqlSplitter.Statement::line).containsExactly(3, 6, 9);
    }

    @Test
    void forDialectPicksTheRightLexer() {
        assertThat(SqlSplitter.forDialect("mariadb").options().backslashEscapes()).isTrue();
        assertThat(SqlSplitter.forDialect("mysql").options().delimiterDirective()).isTrue();
        assertThat(SqlSplitter.forDialect("postgresql").options().dollarQuotes()).isTrue();
        assertThat(SqlSplitter.forDialect("sqlite").options().bracketIdentifiers()).isTrue();
        assertThat(SqlSplitter.forDialect("h2").options().bracketIdentifiers()).isFalse();
    }

    private static final Pattern FIRST_WORD = Pattern.compile("^(?:/\\*!\\d*\\s*)?([A-Za-z]+)");
    private static final Set<String> STATEMENT_WORDS = Set.of("CREATE", "ALTER", "DROP", "SET", "SELECT", "COMMENT",
            "GRANT", "REVOKE", "DO", "INSERT", "UPDATE", "DELETE", "PRAGMA", "BEGIN", "COMMIT", "END", "USE",
            "PREPARE", "EXECUTE", "DEALLOCATE", "LOCK", "UNLOCK");

    /**
     * Every real schema splits into pieces that each begin with a statement keyword: a split in the
     * middle of a statement would leave a piece starting with something else.
     */
    @ParameterizedTest
    @CsvSource({
            "sqlite/chinook.sql, sqlite, 33",
            "sqlite/northwind.sql, sqlite, 88",
            "sqlite/sakila.sql, sqlite, 75",
            "sqlite/synapse.sql, sqlite, 285",
            "postgresql/pagila.sql, postgresql, 377",
            "postgresql/netbox.sql, postgresql, 1891",
            "postgresql/danbooru.sql, postgresql, 820",
            "postgresql/synapse.sql, postgresql, 411",
            "postgresql/liberapay.sql, postgresql, 244",
            "mysql/sakila.sql, mysql, 42",
            "mysql/phabricator.sql, mysql, 2133",
            "mysql/ambari.sql, mysql, 154",
    })
    void realSchemasSplitAtStatementBoundaries(String file, String dialect, int expected) throws IOException {
        Path path = TestDatabase.schemasDir().resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        SqlSplitter splitter = dialect.equals("mysql") ? SqlSplitter.mysql(true) : SqlSplitter.forDialect(dialect);
        List<String> statements = splitter.split(text);
        for (String st : statements) {
            var m = FIRST_WORD.matcher(st);
            assertThat(m.find()).as("statement in %s starts with a word: %s", file, abbreviate(st)).isTrue();
            assertThat(STATEMENT_WORDS).as("first word of %s in %s", abbreviate(st), file)
                    .contains(m.group(1).toUpperCase(Locale.ROOT));
            assertThat(st).doesNotEndWith(";");
        }
        assertThat(statements).hasSize(expected);
    }

    /** The offline script puts a terminator on its own line only after a real line comment. */
    @Test
    void endsInLineComment() {
        assertThat(SqlSplitter.generic().endsInLineComment("SELECT 1 -- done")).isTrue();
        assertThat(SqlSplitter.generic().endsInLineComment("INSERT INTO t VALUES ('a -- b')")).isFalse();
        assertThat(SqlSplitter.generic().endsInLineComment("SELECT 1 -- one\nFROM t")).isFalse();
        assertThat(SqlSplitter.generic().endsInLineComment("SELECT /* -- */ 1")).isFalse();
        assertThat(SqlSplitter.mysql(false).endsInLineComment("SELECT 'it\\'s -- x'")).isFalse();
        assertThat(SqlSplitter.mysql(false).endsInLineComment("SELECT 1 # done")).isTrue();
        assertThat(SqlSplitter.mysql(false).endsInLineComment("SELECT 1 --1")).as("MySQL: -- needs a space").isFalse();
        assertThat(SqlSplitter.postgresql().endsInLineComment("SELECT $$ -- $$")).isFalse();
        assertThat(SqlSplitter.postgresql().endsInLineComment("SELECT E'\\' -- x'")).isFalse();
        assertThat(SqlSplitter.h2().endsInLineComment("CREATE TABLE t (id INT) // done")).as("H2: // comment").isTrue();
        assertThat(SqlSplitter.h2().endsInLineComment("SELECT '// x'")).isFalse();
        assertThat(SqlSplitter.postgresql().endsInLineComment("SELECT 1 // 2")).as("an operator elsewhere").isFalse();
    }

    /**
     * psql sends nothing while a parenthesis is open (pg_dump writes multi-action rules so); a ')' without
     * its '(' does not count. The sqlite3 shell, the mysql client and H2's RunScript end a statement there.
     */
    @Test
    void postgresKeepsParenthesesWhole() {
        String rule = "CREATE RULE r AS ON INSERT TO t WHERE NEW.id = 99 DO ALSO (INSERT INTO log VALUES ('r;1');"
                + " INSERT INTO log VALUES (')'); /* ( */ INSERT INTO log VALUES ($$($$))";
        assertThat(SqlSplitter.postgresql().split(rule + ";\nSELECT 2;")).containsExactly(rule, "SELECT 2");
        assertThat(SqlSplitter.postgresql().split("SELECT 3 );\nSELECT 4")).containsExactly("SELECT 3 )", "SELECT 4");
        assertThat(SqlSplitter.postgresql().split("SELECT (1;\nSELECT 2);\nSELECT 5"))
                .containsExactly("SELECT (1;\nSELECT 2)", "SELECT 5");
        for (SqlSplitter other : List.of(SqlSplitter.sqlite(), SqlSplitter.mysql(true), SqlSplitter.h2())) {
            assertThat(other.split("SELECT (1; SELECT 2)")).containsExactly("SELECT (1", "SELECT 2)");
        }
    }

    /** H2 reads {@code //} as a line comment, as {@code --}: a terminator or placeholder in it is comment text. */
    @Test
    void h2SlashComments() {
        assertThat(SqlSplitter.h2().split("CREATE TABLE t (id INT) // it's; here\n;\nINSERT INTO t VALUES (1)"))
                .containsExactly("CREATE TABLE t (id INT) // it's; here", "INSERT INTO t VALUES (1)");
        assertThat(SqlSplitter.h2().skipNonCode("// ?\n?", 0)).isEqualTo(4);
        assertThat(SqlSplitter.sqlite().skipNonCode("// ?\n?", 0)).as("not a comment on SQLite").isZero();
    }

    /** What placeholders and qualifiers are looked for in: everything but strings, quoted names, comments, bodies. */
    @Test
    void skipNonCode() {
        SqlSplitter pg = SqlSplitter.postgresql();
        String sql = "SELECT 'a?b', \"c?\", $x$ ? $x$, /* ? /* ? */ ? */ ? -- ?\n, ?";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < sql.length(); ) {
            int skip = pg.skipNonCode(sql, i);
            if (skip > i) {
                i = skip;
            } else {
                code.append(sql.charAt(i++));
            }
        }
        assertThat(code.toString()).isEqualTo("SELECT , , ,  ? \n, ?");
        assertThat(SqlSplitter.mysql(false).skipNonCode("/*!40101 SET x = ? */", 0)).as("executable comment").isZero();
        assertThat(SqlSplitter.mysql(false).skipNonCode("'a\\'b' ?", 0)).isEqualTo(6);
        assertThat(SqlSplitter.sqlite().skipNonCode("[a?b] ?", 0)).isEqualTo(5);
        assertThat(SqlSplitter.sqlite().skipNonCode("'open", 0)).isEqualTo(5);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
