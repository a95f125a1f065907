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

    /** A '$' as the text's last character is no dollar quote (it threw StringIndexOutOfBoundsException). */
    @Test
    void aDollarThatEndsTheTextOpensNothing() {
        assertThat(SqlSplitter.postgresql().split("SELECT 1;\nSELECT a$")).containsExactly("SELECT 1", "SELECT a$");
        assertThat(SqlSplitter.postgresql().split("SELECT 1 $")).containsExactly("SELECT 1 $");
        assertThat(SqlSplitter.generic().split("SELECT 1 $")).containsExactly("SELECT 1 $");
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
        // t15-10: MariaDB's own executable comments, as mariadb-dump writes them, are code too
        assertThat(my.split("/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\n/*Mx plain */;"))
                .containsExactly("/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */");
        assertThat(my.skipNonCode("/*M!100100 SET x = ? */", 0)).isZero();
        assertThat(SqlSplitter.postgresql().split("/*M!100100 SET x = 1 */;")).isEmpty();
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

    /** t13-3: a word after '.' is a qualified column (NEW.begin, NEW.end), never BEGIN/END/IF/CASE. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mariadb|CREATE TRIGGER ev_bi BEFORE INSERT ON ev FOR EACH ROW\\nBEGIN\\n  SET NEW.n = NEW.begin;\\nEND;\\nINSERT INTO ev (id, begin) VALUES (1, 5);",
            "mariadb|CREATE TRIGGER ev_bi BEFORE INSERT ON ev FOR EACH ROW\\nBEGIN\\n  SET NEW.end = 1;\\nEND;\\nINSERT INTO ev (id) VALUES (1);",
            "mariadb|CREATE TRIGGER tr BEFORE INSERT ON ev FOR EACH ROW BEGIN SET NEW.n = NEW . end + NEW.if + NEW.case; END;\\nSELECT 1;",
            "sqlite|CREATE TRIGGER tr AFTER INSERT ON ev BEGIN\\n  UPDATE ev SET n = NEW.id WHERE id = NEW.end;\\nEND;\\nINSERT INTO ev (id) VALUES (1);",
            "sqlite|CREATE TRIGGER tr AFTER INSERT ON ev BEGIN UPDATE ev SET n = NEW.begin WHERE id = NEW.case; END;\\nSELECT 1;",
            "postgresql|CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT t.end FROM t; END;\\nSELECT 1;",
            "h2|CREATE TRIGGER tr BEFORE INSERT ON ev FOR EACH ROW BEGIN SET NEW.n = NEW.begin; END;\\nSELECT 1;",
    })
    void qualifiedKeywordsAreNames(String dialect, String escaped) {
        String sql = escaped.replace("\\n", "\n");
        List<String> statements = SqlSplitter.forDialect(dialect).split(sql);
        assertThat(statements).as(sql).hasSize(2);
        assertThat(statements.get(0)).endsWith("END");
    }

    /** t13-4: H2 nests block comments, as its parser and RunScript do. */
    @Test
    void h2NestsBlockComments() {
        assertThat(SqlSplitter.h2().split("CREATE TABLE x (id INT);\n/* block; /* nested */ */\nINSERT INTO x VALUES (1);"))
                .containsExactly("CREATE TABLE x (id INT)", "INSERT INTO x VALUES (1)");
        assertThat(SqlSplitter.h2().split("SELECT 1 /* a /* b; */ c; */ + 1; SELECT 2"))
                .containsExactly("SELECT 1 /* a /* b; */ c; */ + 1", "SELECT 2");
    }

    /** t13-8: a trigger or routine whose body is a bare compound statement, without BEGIN (MariaDB accepts it). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\\n  IF NEW.n IS NULL THEN SET NEW.n = 7; ELSE SET NEW.n = NEW.n + 1; END IF",
            "CREATE PROCEDURE p3() WHILE @z < 1 DO SET @z = 1; END WHILE",
            "CREATE PROCEDURE p3() IF @z THEN SELECT 1; END IF",
            "CREATE PROCEDURE p3() REPEAT SET @z = 1; UNTIL 1 END REPEAT",
            "CREATE PROCEDURE p3() lbl: LOOP SET @z = 1; LEAVE lbl; END LOOP lbl",
            "CREATE PROCEDURE p3() CASE @z WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE",
            "CREATE PROCEDURE IF NOT EXISTS p3() IF (@z > 1) AND @y THEN SET @a = IF(@z, 1, 2); DROP TABLE IF EXISTS x; END IF",
            "CREATE TRIGGER IF NOT EXISTS tr BEFORE INSERT ON t FOR EACH ROW IF NEW.a THEN IF NEW.b THEN SET NEW.n = 1; END IF; SET NEW.m = REPEAT('x', 2); END IF",
            "CREATE PROCEDURE p3() WHILE @z < 3 DO IF @z = 1 THEN SET @y = 1; END IF; WHILE @y < 2 DO SET @y = @y + 1; END WHILE; SET @z = @z + 1; END WHILE",
            "CREATE PROCEDURE p3() IF @z THEN BEGIN IF @y THEN SELECT 1; END IF; SELECT 2; END; END IF",
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO REPEAT SET @z = @z + 1; UNTIL @z > 3 END REPEAT",
            "CREATE FUNCTION f(x INT) RETURNS INT RETURN IF(x > 0, REPEAT('a', x), 0)",
            "CREATE TRIGGER IF NOT EXISTS tr BEFORE INSERT ON t FOR EACH ROW SET NEW.n = IF(NEW.a, 1, 2)",
            "CREATE PROCEDURE p3() SELECT IF(@a, 1, 2), CASE WHEN @b THEN 1 END",
            "CREATE PROCEDURE p3() IF CASE WHEN @b THEN 1 END = 1 THEN SELECT 1; END IF",
    })
    void mariadbBareCompoundBodies(String escaped) {
        String body = escaped.replace("\\n", "\n");
        String sql = "CREATE TABLE t (id INT, n INT);\n" + body + ";\nINSERT INTO t (id) VALUES (1);";
        assertThat(SqlSplitter.mysql(true).split(sql)).as(sql)
                .containsExactly("CREATE TABLE t (id INT, n INT)", body, "INSERT INTO t (id) VALUES (1)");
    }

    /** t13-5: psql meta-command lines come back flagged, on their own, and end at the end of their line. */
    @Test
    void psqlMetaCommandLines() {
        String sql = "\\restrict abc; def\n\n-- Dumped\nSET statement_timeout = 0;\n  \\connect other\nSELECT 1;\n\\unrestrict abc\n";
        List<SqlSplitter.Statement> statements = SqlSplitter.postgresql().splitWithLines(sql);
        assertThat(statements).extracting(SqlSplitter.Statement::sql).containsExactly(
                "\\restrict abc; def", "SET statement_timeout = 0", "\\connect other", "SELECT 1", "\\unrestrict abc");
        assertThat(statements).extracting(SqlSplitter.Statement::metaCommand).containsExactly(true, false, true, false, true);
        assertThat(statements).extracting(SqlSplitter.Statement::line).containsExactly(1, 4, 5, 6, 7);
        assertThat(statements.get(2).metaCommandName()).isEqualTo("connect");
        assertThat(SqlSplitter.postgresql().split(sql)).containsExactly("SET statement_timeout = 0", "SELECT 1");
        assertThat(SqlSplitter.postgresql().split("SELECT E'a\\nb\n\\x'; SELECT '\n\\x'"))
                .as("inside strings a backslash is text").hasSize(2);
        assertThat(SqlSplitter.mysql(true).splitWithLines("\\x\nSELECT 1;")).extracting(SqlSplitter.Statement::metaCommand)
                .containsExactly(false);
        // t43-3: psql reads a meta-command anywhere outside strings, after a statement on its line too
        List<SqlSplitter.Statement> midLine = SqlSplitter.postgresql().splitWithLines(
                "CREATE TABLE t (a int); \\i x.sql\nSELECT format('%I', 'a')\n  \\gexec\nSELECT 'a\\b', E'\\'';");
        // (a statement around a meta-command goes on after it; it is refused anyway, but for \\restrict lines)
        assertThat(midLine).extracting(SqlSplitter.Statement::sql).startsWith("CREATE TABLE t (a int)", "\\i x.sql", "\\gexec");
        assertThat(midLine).hasSize(4);
        assertThat(midLine).extracting(SqlSplitter.Statement::metaCommand).containsExactly(false, true, true, false);
        assertThat(midLine).extracting(SqlSplitter.Statement::line).containsExactly(1, 1, 3, 2);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** t15-9: a whole section must close what it opens; where it does not, the line where it opens is named. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "postgresql | SELECT 1;\\n/* old\\nSELECT 2; | 2 | unterminated /* comment",
            "postgresql | SELECT 1;\\nSELECT 'it''s\\n; | 2 | unterminated string ('...')",
            "postgresql | CREATE FUNCTION f() RETURNS int AS $body$\\nSELECT 1; | 1 | unterminated dollar-quoted body ($body$...$body$)",
            "postgresql | SELECT \"a\\n; | 1 | unterminated quoted name (\"...\")",
            "mariadb | SELECT `a;\\nSELECT 1; | 1 | unterminated quoted name (`...`)",
            "h2 | /* outer /* inner */ still open\\nSELECT 1; | 1 | unterminated /* comment",
    })
    void splitWholeRefusesATextEndingInsideSomething(String dialect, String sql, int line, String what) {
        String text = sql.replace("\\n", "\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlSplitter.forDialect(dialect).splitWhole(text))
                .isInstanceOf(SqlSplitter.Unclosed.class)
                .hasMessageStartingWith("line " + line + ": " + what + ": it opens on this line");
        // the lenient split keeps its behaviour (for statements already split, and free text)
        SqlSplitter.forDialect(dialect).splitWithLines(text);
    }

    @Test
    void splitWholeAcceptsClosedConstructs() {
        assertThat(SqlSplitter.postgresql().splitWhole("/* a */ SELECT 'x;' || $q$ y $q$; -- tail"))
                .extracting(SqlSplitter.Statement::sql).containsExactly("SELECT 'x;' || $q$ y $q$");
        assertThat(SqlSplitter.h2().splitWhole("/* a /* b */ c */ SELECT 1;")).hasSize(1);
    }

    /**
     * t81-7: PostgreSQL continues an escape string across whitespace holding a line break (and -- comments after it),
     * keeping its backslash escapes, as psql's lexer does: {@code E'first '} + newline + {@code 'it\'s; second'} is
     * one string. Without the line break, or after a block comment, the next string is a standard one.
     */
    @Test
    void postgresEscapeStringContinuesOnTheNextLine() {
        SqlSplitter pg = SqlSplitter.postgresql();
        String reported = "INSERT INTO t VALUES (E'first '\n'it\\'s; second');\nINSERT INTO t VALUES ('x');";
        assertThat(pg.split(reported))
                .containsExactly("INSERT INTO t VALUES (E'first '\n'it\\'s; second')", "INSERT INTO t VALUES ('x')");
        // a backslash in the continued part: psql splitting a script reads it as a character, so a run is refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pg.splitWhole("SELECT 1;\n" + reported))
                .isInstanceOf(SqlSplitter.Unclosed.class)
                .hasMessageStartingWith("line 3: this string continues the escape string E'...' of line 2 across a"
                        + " line break, where PostgreSQL reads its backslashes as escapes but psql")
                .hasMessageContaining("(E'a ' || E'b\\'c')");
        // without one, psql and PostgreSQL read it alike
        assertThat(pg.splitWhole("INSERT INTO t VALUES (E'first\\n'\n'it''s; second');\nSELECT 2;"))
                .extracting(SqlSplitter.Statement::sql)
                .containsExactly("INSERT INTO t VALUES (E'first\\n'\n'it''s; second')", "SELECT 2");
        assertThat(pg.split("SELECT E'a'  \n  -- c\n\t'b\\'; c'; SELECT 2"))
                .containsExactly("SELECT E'a'  \n  -- c\n\t'b\\'; c'", "SELECT 2");
        assertThat(pg.split("SELECT E'a'\n'b'\n'c\\'; d'; SELECT 2")).containsExactly("SELECT E'a'\n'b'\n'c\\'; d'", "SELECT 2");
        // not continued: a standard string, whose backslash is a character
        assertThat(pg.split("SELECT E'a' 'b\\'; SELECT 2")).containsExactly("SELECT E'a' 'b\\'", "SELECT 2");
        assertThat(pg.split("SELECT E'a' -- c\n'b\\'; SELECT 2")).containsExactly("SELECT E'a' -- c\n'b\\'", "SELECT 2");
        assertThat(pg.split("SELECT E'a'\n/* c */ 'b\\'; SELECT 2")).containsExactly("SELECT E'a'\n/* c */ 'b\\'", "SELECT 2");
        assertThat(pg.split("SELECT 'a'\n'b\\'; SELECT 2")).containsExactly("SELECT 'a'\n'b\\'", "SELECT 2");
        assertThat(pg.split("SELECT E'a';\n'b\\'; SELECT 2")).containsExactly("SELECT E'a'", "'b\\'", "SELECT 2");
    }

    /** t81-7: PostgreSQL escape strings continued across line breaks and comments, in both passes' agreement tests. */
    private static final String CONTINUED_ESCAPE_STRINGS = """
            SELECT E'first '
            'it\\'s
            ', E'a' -- c
            'b\\'
            ', E'c'
              -- note
            	'd\\'
            '; SELECT 'x'
            ;
            """;

    /**
     * t45-5: LineStates, the lexical pass a revision's sections are read with, says a line starts inside something
     * exactly where the splitter, given the text up to that line, finds it unclosed: the two read strings, names,
     * comments and bodies alike, on every engine.
     */
    @Test
    void lineStatesAgreeWithTheSplitter() {
        String text = """
                INSERT INTO t VALUES ('a
                -- x', "b
                c", `d
                e`, [f
                g], E'h\\'
                i', 'j\\'
                k');
                /* l /* m */
                n */ -- o 'p
                SELECT $$ q
                $$, $tag$ r $x$
                $tag$, a$b, $1, '--' || 's
                ';
                \\echo 't
                SELECT 1 // u '
                ;
                SELECT /*!40101 v
                */ 'w' # x '
                , '
                y';
                """ + CONTINUED_ESCAPE_STRINGS;
        for (String dialect : List.of("postgresql", "mariadb", "sqlite", "h2", "generic")) {
            SqlSplitter splitter = SqlSplitter.forDialect(dialect);
            SqlSplitter.LineStates states = splitter.lineStates(text, 0, 1);
            int line = 1;
            for (int at = 0; at >= 0 && at < text.length(); at = text.indexOf('\n', at) + 1, line++) {
                if (at == 0) continue;
                String inside = states.insideAt(at);
                boolean unclosed;
                try {
                    splitter.splitWhole(text.substring(0, at));
                    unclosed = false;
                } catch (SqlSplitter.Unclosed e) {
                    // (or a closed escape string continued with a backslash, t81-7: refused, but no construct left open)
                    unclosed = e.reason().startsWith("unterminated");
                    if (unclosed) assertThat(inside).as(dialect + " line " + line).endsWith("opened on line " + e.line());
                }
                assertThat(inside != null).as(dialect + " line " + line + ": " + inside).isEqualTo(unclosed);
            }
        }
    }

    /**
     * t45-5: LineLexer, which reads a section given as a stream (a header read in bounded memory), says what
     * LineStates says at every line start, however the lines are cut into pieces.
     */
    @Test
    void lineLexerAgreesWithLineStatesInAnyPieces() {
        String text = """
                INSERT INTO t VALUES ('a
                -- x', "b
                c", `d
                e`, [f
                g], E'h\\'
                i', 'j\\'
                k', 'l\\
                m');
                /* l /* m */
                n */ -- o 'p
                SELECT $$ q
                $$, $tag$ r $x$
                $tag$, a$b, $1, '--' || 's
                ';
                \\echo 't
                SELECT 1 // u '
                ;
                SELECT /*!40101 v
                */ 'w' # x '
                , '
                y'; SELECT $
                $a$ $a
                $a$; SELECT 1 -
                - 2, 3 --
                , 4 /
                * 5 */ , '6'
                '', E
                'z\\' ''
                ';
                SELECT 1; /* *
                / ' */ SELECT $b$ x $b$ -- end
                """ + CONTINUED_ESCAPE_STRINGS;
        for (String dialect : List.of("postgresql", "mariadb", "sqlite", "h2", "generic")) {
            SqlSplitter splitter = SqlSplitter.forDialect(dialect);
            for (int piece : new int[]{1, 2, 3, 5, 1000}) {
                SqlSplitter.LineStates states = splitter.lineStates(text, 0, 1);
                SqlSplitter.LineLexer lexer = splitter.lineLexer(1);
                int line = 1;
                for (int at = 0; at < text.length(); line++) {
                    int eol = text.indexOf('\n', at);
                    for (int p = at; p < eol; p += piece) lexer.feed(text, p, Math.min(p + piece, eol));
                    lexer.endLine();
                    at = eol + 1;
                    if (at >= text.length()) break;
                    assertThat(lexer.inside()).as(dialect + " line " + (line + 1) + ", pieces of " + piece)
                            .isEqualTo(states.insideAt(at));
                }
            }
        }
    }
}
