package dev.retort.runtime;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/operations.md's createTable sample runs as written, with the tables it references (t2-9). */
class OperationsDocIT {
    private static final Path PAGE = Path.of("../docs/operations.md");

    @TempDir
    Path dir;

    @Test
    void theCreateTableSampleRuns() throws Exception {
        String page = Files.readString(PAGE);
        Matcher m = Pattern.compile("### createTable elements\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("the createTable sample of " + PAGE).isTrue();
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:upgrade
                CREATE SCHEMA shop;
                CREATE TABLE shop.author (id INTEGER PRIMARY KEY);
                CREATE TABLE shop.series (id INTEGER PRIMARY KEY);
                """);
        Files.writeString(versions.resolve("b.java"), """
                import dev.retort.migration.*;

                @Revision(id = "bbbb00000002", revises = "aaaa00000001")
                class Sample extends Migration {
                    @Override public void upgrade(Operations op) {
                %s
                    }
                }
                """.formatted(m.group(1)));
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build().upgrade("heads");
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'fk_book_series'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("shop.series");
            }
        }
    }

    /** t55-10: the alterColumn sample runs as written on MariaDB (its ON UPDATE was on a VARCHAR column, refused by the server). */
    @Test
    void theAlterColumnSampleRunsOnMariaDb() throws Exception {
        String page = Files.readString(PAGE);
        Matcher m = Pattern.compile("### alterColumn\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("the alterColumn sample of " + PAGE).isTrue();
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:upgrade
                CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50), changed_at TIMESTAMP NULL);
                """);
        Files.writeString(versions.resolve("b.java"), """
                import dev.retort.migration.*;

                @Revision(id = "bbbb00000002", revises = "aaaa00000001")
                class Sample extends Migration {
                    @Override public void upgrade(Operations op) {
                %s
                    }
                }
                """.formatted(m.group(1)));
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build().upgrade("heads");
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT column_name, extra FROM information_schema.columns WHERE table_schema = database()"
                            + " AND table_name = 'account' AND column_name IN ('display_name', 'changed_at') ORDER BY 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("changed_at");
                assertThat(rs.getString(2)).containsIgnoringCase("on update");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("display_name");
            }
        }
    }
}
