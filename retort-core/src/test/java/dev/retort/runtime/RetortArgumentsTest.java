package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    /** t58-3: without a file the empty URL was "Not a database URL: ''", with no hint of the unset variable. */
    @Test
    void anEmptyUrlWithoutAFileSaysWhereItCameFrom() throws Exception {
        project();
        for (String empty : List.of("", "  ")) {
            assertThatThrownBy(() -> Retort.builder().scriptLocation(dir.resolve("db")).url(empty).build())
                    .isInstanceOf(RetortException.class)
                    .hasMessage("the builder's .url(...) is empty (an unset variable?); give a database URL or leave the builder's .url(...) out");
        }
    }

    /**
     * t58-2: .env(NAME) without a file, and a .scriptLocation(...) or a second configuration beside .config(...),
     * were dropped without a word; refused as .database(NAME) without a file is.
     */
    @Test
    void settingsThatWouldBeIgnoredAreRefused() throws Exception {
        Path toml = project();
        Path other = Files.createDirectories(dir.resolve("other/versions")).getParent();
        assertThatThrownBy(() -> Retort.builder().scriptLocation(dir.resolve("db")).env("production")
                .url("jdbc:sqlite:" + dir.resolve("e.db")).build())
                .isInstanceOf(RetortException.class)
                .hasMessage("env(\"production\") applies the [env.production] table of a retort.toml: give the file with .config(Path)");
        RetortConfig loaded = Retort.builder().config(toml).environment(Map.of()).build().config();
        assertThatThrownBy(() -> Retort.builder().config(loaded).env("production").build())
                .hasMessageStartingWith("env(\"production\") applies the [env.production] table of a retort.toml")
                .hasMessageContaining("already loaded");
        assertThatThrownBy(() -> Retort.builder().scriptLocation(other).config(toml).environment(Map.of()).build())
                .isInstanceOf(RetortException.class)
                .hasMessage("scriptLocation(" + other + ") is for use without a configuration: the configuration's"
                        + " script_location and version_locations name the revisions' folders; leave out"
                        + " .scriptLocation(...) or .config(...)");
        assertThatThrownBy(() -> Retort.builder().config(loaded).scriptLocation(other).build())
                .hasMessageStartingWith("scriptLocation(" + other + ") is for use without a configuration");
        // t55-9: an empty name is an unset variable, not "No environment [env.] in ..."
        assertThatThrownBy(() -> Retort.builder().config(toml).env("").environment(Map.of()).build())
                .hasMessage(".env(\"\"): the environment's name is empty (an unset variable?); name one or leave .env(...) out");
        assertThatThrownBy(() -> Retort.builder().config(toml).database(" ").environment(Map.of()).build())
                .hasMessageStartingWith(".database(\" \"): the database section's name is empty (an unset variable?)");
        assertThatThrownBy(() -> Retort.builder().config(toml).config(loaded).build())
                .hasMessage(".config(Path) and .config(RetortConfig) both give the configuration: give one");
        // what stays allowed
        assertThat(Retort.builder().config(toml).environment(Map.of()).build().heads()).containsExactly("a0000001");
        assertThat(Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + dir.resolve("e.db")).build()
                .heads()).containsExactly("a0000001");
        assertThat(dir.resolve("e.db")).doesNotExist();
    }

    /** A target left out says so, not "Can't locate revision identified by ''"; nothing is created (t22-3). */
    @Test
    void aMissingTargetIsNamedAsMissing() throws Exception {
        project();
        Retort r = Retort.builder().scriptLocation(dir.resolve("db")).url("jdbc:sqlite:" + dir.resolve("m.db")).build();
        String target = System.getProperty("retort.test.unset.target");
        assertThatThrownBy(() -> r.upgrade(target)).isInstanceOf(RetortException.class)
                .hasMessage("upgrade(null): the target revision is not given (an unset setting?); name one, e.g. upgrade(\"heads\")");
        assertThatThrownBy(() -> r.upgrade(""))
                .hasMessage("upgrade(\"\"): the target revision is empty (an unset variable?); name one, e.g. upgrade(\"heads\")");
        assertThatThrownBy(() -> r.downgrade(null)).hasMessageStartingWith("downgrade(null): the target revision is not given")
                .hasMessageEndingWith("e.g. downgrade(\"-1\")");
        assertThatThrownBy(() -> r.stamp(null, true))
                .hasMessage("stamp(null, true): the target revision is not given (an unset setting?); name one, e.g. stamp(\"heads\", true)");
        assertThatThrownBy(() -> r.stamp(Arrays.asList("a0000001", null), false, null))
                .hasMessageStartingWith("stamp([\"a0000001\", null], false, ...): the target revision is not given");
        assertThatThrownBy(() -> r.stamp(List.of(), false, null)).hasMessageContaining("no target revision is given");
        assertThatThrownBy(() -> r.plan(Direction.UPGRADE, " "))
                .hasMessageStartingWith("plan(Direction.UPGRADE, \" \"): the target revision is empty");
        assertThat(dir.resolve("m.db")).as("refused before connecting").doesNotExist();
    }
}
