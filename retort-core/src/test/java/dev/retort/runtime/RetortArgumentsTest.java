package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the facade says of arguments an application left unset (null from System.getenv or getProperty). */
class RetortArgumentsTest {
    @TempDir
    Path dir;

    /** A retort.toml whose url is a SQLite file, and one revision. */
    private Path project() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("0001_init.sql"), """
                -- retort:revision a0000001
                -- retort:message init

                -- retort:upgrade
                CREATE TABLE account (id INTEGER PRIMARY KEY);

                -- retort:downgrade
                DROP TABLE account;
                """);
        Path sqlite = dir.resolve("file.db");
        return Files.writeString(dir.resolve("retort.toml"),
                "[retort]\nscript_location = \"db\"\nurl = \"jdbc:sqlite:" + sqlite.toString().replace('\\', '/') + "\"\n");
    }

    /** .url(System.getenv("PROD_URL")) with the variable unset: refused as an empty URL is, not the file's database (t22-2). */
    @Test
    void aNullUrlIsRefusedNotTakenForNone() throws Exception {
        Path toml = project();
        assertThatThrownBy(() -> Retort.builder().config(toml).environment(Map.of()).url(null).build().upgrade("heads"))
                .isInstanceOf(RetortException.class)
                .hasMessage(".url(null): the database URL given is null (an unset environment variable?);"
                        + " give a database URL or leave the builder's .url(...) out");
        assertThatThrownBy(() -> Retort.builder().config(toml).environment(Map.of()).url("").build())
                .hasMessage("the builder's .url(...) is empty (an unset variable?); give a database URL or leave the builder's .url(...) out");
        assertThat(dir.resolve("file.db")).as("the config file's database is left alone").doesNotExist();
    }
}
