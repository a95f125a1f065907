package dev.retort.script;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** t42-2: a SQL revision's header read as a stream is the header the whole text gives, with the same refusals. */
class SqlHeaderStreamTest {
    @TempDir
    Path dir;

    private static final String TEXT = """
            -- retort:revision a1
            -- retort:revises a0, b0
            -- retort:message data load
            /* a comment
               before the upgrade */
            -- retort:transactional false

            -- retort:upgrade
            INSERT INTO t VALUES (1);
              -- a comment
            -- retort:downgrade
            DELETE FROM t;
            """;

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private void same(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path f = write("x.sql", bytes);
        Object whole;
        try {
            SqlRevisionParser.SqlRevision r = SqlRevisionParser.parse(RevisionText.decode(bytes, "F"), "F");
            whole = new SqlRevisionParser.Header(r.header(), r.transactional());
        } catch (RetortException e) {
            whole = e.getMessage();
        }
        Object streamed;
        try {
            streamed = SqlRevisionParser.parseHeader(f, "F");
        } catch (RetortException e) {
            streamed = e.getMessage();
        }
        assertThat(streamed).as(text.length() > 300 ? text.substring(0, 300) : text).isEqualTo(whole);
        assertThat(RevisionChecksums.fileChecksum(f)).isEqualTo(RevisionChecksums.fileChecksum(bytes));
        assertThat(RevisionChecksums.earlierChecksums(f)).isEqualTo(RevisionChecksums.earlierChecksums(bytes));
    }

    @Test
    void theStreamedHeaderIsTheWholeTextsHeader() throws Exception {
        String longLine = "INSERT INTO t VALUES " + "(1, 'x'), ".repeat(20_000) + "(2, 'y');";
        for (String text : List.of(TEXT, TEXT.replace("\n", "\r\n"), TEXT.replace("\n", "\r"), "\uFEFF" + TEXT,
                TEXT.replace("DELETE FROM t;\n", "DELETE FROM t;"), TEXT.replace("INSERT INTO t VALUES (1);", longLine),
                TEXT.replace("INSERT INTO t VALUES (1);", longLine + "\n--- retort:downgrade"),
                TEXT.replace("INSERT INTO t VALUES (1);", "  \t# Retort: upgrade"),
                TEXT.replace("-- retort:downgrade", "-- retort:upgrade"),
                TEXT.replace("-- retort:upgrade", "SELECT 1;\n-- retort:upgrade"),
                TEXT.replace("-- retort:upgrade\n", ""), TEXT.replace("a0, b0", "a0,,"),
                TEXT.replace("INSERT", "INSERT café"), TEXT.replace("INSERT", "INSERT \u2003-- retort:x"),
                TEXT.replace("DELETE", "\u0000DELETE"), TEXT.replace("a comment\n", "a comment */ SELECT 1;\n"))) {
            same(text);
        }
    }

    /**
     * t45-5: a marker-like line inside a string, quoted name, comment or body of a section is judged alike read as a
     * stream (the section read again through each engine's LineLexer, only when the line would be refused) and whole.
     */
    @Test
    void markerLinesInsideStringsAndBodiesAreJudgedAsWhenReadWhole() throws Exception {
        String strings = """
                -- retort:revision p2
                -- retort:upgrade
                INSERT INTO t (a) VALUES ('
                --- retort:downgrade is a section marker
                ');
                /* notes:
                -- retort:downgrade
                */
                CREATE TABLE "x
                -- Retort:upgrade
                " (a int);
                -- retort:downgrade
                DELETE FROM t WHERE a LIKE '%section
                -- retort:downgrade
                # retort: x
                %';
                """;
        String body = """
                -- retort:revision p3
                -- retort:upgrade
                CREATE FUNCTION h() RETURNS text LANGUAGE sql AS $$
                -- retort:downgrade
                SELECT 'x'
                $$;
                -- retort:downgrade
                DROP FUNCTION h();
                """;
        String longLine = "'" + "x".repeat(70_000) + " -- retort:downgrade " + "y".repeat(70_000);
        List<String> texts = List.of(strings, body,
                strings.replace("\n", "\r\n"), strings.replace("\n", "\r"), "\uFEFF" + strings,
                body.replace("\n", "\r\n"),
                // a string holding the first marker-like line after the upgrade: no downgrade section, then refused
                strings.replace("-- retort:downgrade\nDELETE", "-- retort:downgradex\nDELETE"),
                strings.replace("INSERT INTO t (a) VALUES ('", "INSERT INTO t (a) VALUES ('" + longLine),
                strings.replace("INSERT INTO t (a) VALUES ('", "INSERT INTO t (a) VALUES (" + longLine + "',\n'"),
                // the first downgrade marker inside a string everywhere, a near miss after it in the same string
                """
                -- retort:revision p4
                -- retort:upgrade
                INSERT INTO t VALUES ('
                -- retort:downgrade
                -- retort:message in the string
                --- retort:downgrade
                ');
                -- retort:downgrade
                DELETE FROM t;
                """,
                // inside for some engines only (MariaDB's 'it\'s' ends there), a header line after it
                """
                -- retort:revision p5
                -- retort:upgrade
                INSERT INTO t VALUES ('it\\', '
                -- retort:message x
                ');
                """,
                body.replace("$$", "$fn$"), body.replace("-- retort:downgrade\nSELECT", "/* retort:downgrade */\nSELECT"),
                TEXT.replace("INSERT INTO t VALUES (1);", "INSERT INTO t VALUES ('\n-- retort:upgrade\n');"));
        for (String text : texts) {
            same(text);
        }
        // and they are what the run reads: the strings are text, the body is refused with its note
        Path f = write("s.sql", strings.getBytes(StandardCharsets.UTF_8));
        assertThat(SqlRevisionParser.parseHeader(f, "F").header().id()).isEqualTo("p2");
        Path g = write("b.sql", body.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SqlRevisionParser.parseHeader(g, "F"))
                .hasMessageStartingWith("F:7: a second '-- retort:downgrade' section (the first is on line 4)")
                .hasMessageContaining("as PostgreSQL and H2 read the SQL, line 4 is inside a dollar-quoted body ($$...$$)");
    }

    /**
     * t46-6: a downgrade marker inside a string for MariaDB only ({@code 'it\'s}, closed by a later line that the other
     * engines' downgrade section opens a string on) and a second marker after it: a second downgrade section, refused
     * when the project is read and when it runs, saying which engines read the first marker inside what. The second
     * marker was taken as text (inside the string the downgrade section opens, for every engine), so the project was
     * read, and the run failed with 'unterminated string ... close it' about a string MariaDB closes.
     */
    @Test
    void aMarkerInsideABackslashEscapedStringForSomeEnginesOnlyIsExplained() throws Exception {
        String mariaDb = """
                -- retort:revision m1
                -- retort:upgrade
                CREATE TABLE t (a text);
                INSERT INTO t (a) VALUES ('it\\'s
                -- retort:downgrade
                ');
                -- retort:downgrade
                DROP TABLE t;
                """;
        String postgres = mariaDb.replace("('it\\'s", "(E'a\\'");
        for (String text : List.of(mariaDb, postgres, mariaDb.replace("\n", "\r\n"))) {
            same(text);
            Path f = write("m.sql", text.getBytes(StandardCharsets.UTF_8));
            for (org.assertj.core.api.ThrowableAssert.ThrowingCallable read : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                    () -> SqlRevisionParser.parseHeader(f, "F"), () -> SqlRevisionParser.parse(RevisionText.decode(
                            text.getBytes(StandardCharsets.UTF_8), "F"), "F"))) {
                assertThatThrownBy(read)
                        .hasMessageStartingWith("F:7: a second '-- retort:downgrade' section (the first is on line 5)")
                        .hasMessageContaining("read the SQL, line 5 is inside a string ('...') opened on line 4")
                        .hasMessageContaining("MariaDB/MySQL")
                        .hasMessageNotContaining("unterminated");
            }
        }
    }

    /**
     * t48-2: the same file without the second marker reads, and its run fails at the string the marker cut in two:
     * the message says that the marker line may be what cut it, not only to close a string that is closed.
     */
    @Test
    void aStringCutByTheOnlyDowngradeMarkerIsExplainedWhenItRuns() {
        String text = """
                -- retort:revision m1
                -- retort:upgrade
                CREATE TABLE t (a text);
                INSERT INTO t (a) VALUES ('it\\'s
                -- retort:downgrade
                ');
                """;
        SqlRevisionParser.SqlRevision r = SqlRevisionParser.parse(text, "F");
        SqlMigration m = new SqlMigration("m1", r.upgradeSql(), r.upgradeLine(), r.downgradeSql(), r.downgradeLine(), true);
        assertThatThrownBy(() -> m.upgradeStatements("mariadb"))
                .hasMessageStartingWith("line 4: unterminated string ('...')")
                .hasMessageContaining("if it is closed after line 5, '-- retort:downgrade', that line was read as the marker"
                        + " that ends the upgrade section")
                // t81-6: the string read without backslash escapes ends on its line: the other reading, as a note
                .hasMessageEndingWith(" (read without backslash escapes, as under sql_mode NO_BACKSLASH_ESCAPES, the"
                        + " section splits; Retort reads MariaDB strings with them, as it cannot know the session's"
                        + " sql_mode: write X'5C' or CHAR(92) for a backslash)");
    }

    @Test
    void encodingErrorsAreNamedByTheirLineAsWhenReadWhole() throws Exception {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(utf8, utf8.length);
        bad[TEXT.indexOf("DELETE")] = (byte) 0xE9;
        Path f = write("bad.sql", bad);
        assertThatThrownBy(() -> SqlRevisionParser.parseHeader(f, "F")).hasMessage(
                assertThrowsMessage(() -> RevisionText.decode(bad, "F")));
        Path utf16 = write("utf16.sql", TEXT.getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> SqlRevisionParser.parseHeader(utf16, "F")).hasMessageContaining("it is UTF-16");
        byte[] cutChar = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        cutChar[utf8.length] = (byte) 0xC3;
        Path cut = write("cut.sql", cutChar);
        assertThatThrownBy(() -> SqlRevisionParser.parseHeader(cut, "F")).hasMessage(
                assertThrowsMessage(() -> RevisionText.decode(cutChar, "F")));
    }

    private static String assertThrowsMessage(Runnable r) {
        try {
            r.run();
        } catch (RetortException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }
}
