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
        assertThat(ScriptDirectory.fileChecksum(f)).isEqualTo(ScriptDirectory.fileChecksum(bytes));
        assertThat(ScriptDirectory.earlierChecksums(f)).isEqualTo(ScriptDirectory.earlierChecksums(bytes));
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
