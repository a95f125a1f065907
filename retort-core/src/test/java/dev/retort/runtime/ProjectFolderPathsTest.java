package dev.retort.runtime;

import dev.retort.RetortException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A project folder whose name holds a character special to a database URL: the database is the file the URL names
 * in that folder, or the URL is refused; never another file (t34-1, t34-2).
 */
class ProjectFolderPathsTest {
    @TempDir
    Path tmp;

    private Path project(String folder, String url) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pp").resolve(folder));
        Files.createDirectories(dir.resolve("m/versions"));
        Files.writeString(dir.resolve("m/versions/c1.sql"), """
                -- retort:revision cccc00000001
                -- retort:upgrade
                CREATE TABLE f1 (id INTEGER PRIMARY KEY);
                -- retort:downgrade
                DROP TABLE f1;
                """);
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"m\"\nurl = \"" + url + "\"\n");
        return toml;
    }

    /** SQLite's URI form ends the path at '?' or '#' and decodes %XX: the folder used to be cut there (proj?v2: file proj). */
    @ParameterizedTest
    @ValueSource(strings = {"proj?v2", "hash#x", "p%41ct", "p?journal_mode=off", "p%3Fq#r?s&t=u"})
    void aSqliteDatabaseIsTheFileInTheProjectWhateverItsFolderIsNamed(String folder) throws Exception {
        String[] urls = {"sqlite:///data/a.db?cache=shared", "jdbc:sqlite:file:data/b.db?cache=shared",
                "jdbc:sqlite:file:data/c%20d.db", "jdbc:sqlite:data/e.db", "sqlite:///data/f.db"};
        String[] files = {"a.db", "b.db", "c d.db", "e.db", "f.db"};
        for (int i = 0; i < urls.length; i++) {
            Path toml = project(folder, urls[i]);
            Retort.builder().config(toml).build().upgrade("heads");
            Path db = toml.resolveSibling("data").resolve(files[i]);
            assertThat(db).as(urls[i]).isRegularFile();
            // read through a copy: the driver would cut this very path at its '?' too
            Path copy = Files.copy(db, tmp.resolve("check.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 ResultSet rs = c.createStatement().executeQuery("SELECT version_num FROM retort_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("cccc00000001");
            }
            assertThat(Retort.builder().config(toml).build().current()).as(urls[i]).containsExactly("cccc00000001");
        }
        // nothing beside the project folder
        try (var beside = Files.list(tmp.resolve("pp"))) {
            assertThat(beside).containsExactly(tmp.resolve("pp").resolve(folder));
        }
        try (var data = Files.list(tmp.resolve("pp").resolve(folder).resolve("data"))) {
            assertThat(data.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".db"))).hasSize(files.length);
        }
    }

    /** H2 has no escape for ';': a folder q;INIT=... opened the file q beside it and ran the rest as SQL. */
    @ParameterizedTest
    @ValueSource(strings = {"h2:///data/app", "jdbc:h2:./data/app"})
    void anH2PathWithASemicolonIsRefusedNamingIt(String url) throws Exception {
        Path toml = project("q;INIT=CREATE TABLE PWN(X INT)--", url);
        assertThatThrownBy(() -> Retort.builder().config(toml).build().upgrade("heads"))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining(toml.getParent().resolve("data/app").toString())
                .hasMessageContaining("holds a ';'");
        try (var beside = Files.list(tmp.resolve("pp"))) {
            assertThat(beside).containsExactly(toml.getParent());
        }
        assertThat(toml.resolveSibling("data")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proj?v2", "hash#x", "p%41ct"})
    void anH2DatabaseIsTheFileInTheProjectWhateverItsFolderIsNamed(String folder) throws Exception {
        Path toml = project(folder, "h2:///data/app");
        Retort.builder().config(toml).build().upgrade("heads");
        assertThat(toml.resolveSibling("data/app.mv.db")).isRegularFile();
        assertThat(Retort.builder().config(toml).build().current()).containsExactly("cccc00000001");
    }
}
