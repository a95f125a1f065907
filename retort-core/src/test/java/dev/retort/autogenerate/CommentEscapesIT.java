package dev.retort.autogenerate;

import dev.retort.runtime.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t57-18: javac reads a backslash-u escape even inside a // comment, where one of a line break ends the comment:
 * an enum label, a name or an expression that a note of the revision quotes must not break the revision's source.
 */
class CommentEscapesIT {
    @TempDir
    Path dir;

    @Test
    void aUnicodeEscapeInAnEnumLabelQuotedByANoteCompiles() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TYPE e AS ENUM ('a')");
            Files.createDirectories(dir.resolve("migrations/versions"));
            // standard_conforming_strings: the label holds a backslash, then u000a (and one of a carriage return)
            Files.writeString(dir.resolve("schema.sql"), "CREATE TYPE e AS ENUM ('a', 'x\\u000a y', 'z\\\\\\u000d w');");
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            String text = GeneratedRevisions.generate(config, "label", "aaaaaaaaaaa1");
            assertThat(text).contains("// PostgreSQL cannot remove an enum value: the downgrade leaves 'x\\\\u000a y' in place.");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head"); // compiles, and runs
            assertThat(DriftCheck.run(config)).isEmpty();
            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
        }
    }

    @Test
    void commentLinesKeepEscapesOutOfJavacsReach() {
        assertThat(JavaSource.comment("a\\u000a b")).containsExactly("// a\\\\u000a b");
        assertThat(JavaSource.comment("a\\\\u000a b")).containsExactly("// a\\\\u000a b"); // two backslashes: no escape already
        assertThat(JavaSource.comment("a\\\\\\uuu000d b")).containsExactly("// a\\\\\\\\uuu000d b");
        assertThat(JavaSource.comment("one\r\ntwo\rthree\nfour")).containsExactly("// one", "// two", "// three", "// four");
        assertThat(JavaSource.comment("c:\\path\\to")).containsExactly("// c:\\path\\to");
    }
}
