package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.ops.AlterColumn;
import dev.retort.runtime.Retort;
import dev.retort.schema.SqlType;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.autogenerate.GeneratedRevisions.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t75-3: MariaDB makes a STORED generated column plain (and a plain one STORED) in place, but refuses to make a
 * column VIRTUAL or not (ERROR 1907). The first is done, online and offline; the second is a TODO in the revision,
 * and an operation asking for it is refused before any SQL runs, rather than restating the old expression and
 * passing for done.
 */
class MariaDbGeneratedColumnChangeIT {
    private static final String ONE = """
            CREATE TABLE item (id INT PRIMARY KEY, qty INT NOT NULL, price DECIMAL(8,2),
                total DECIMAL(12,2) AS (qty * price) VIRTUAL, total_s DECIMAL(12,2) AS (qty * price) STORED,
                twice INT AS (qty * 2) VIRTUAL);
            """;
    private static final String TWO = """
            CREATE TABLE item (id INT PRIMARY KEY, qty INT NOT NULL, price DECIMAL(8,2),
                total DECIMAL(12,2), total_s DECIMAL(12,2), twice INT AS (qty * 2) STORED);
            """;

    @TempDir
    Path dir;

    @Test
    void storedMadePlainInPlaceAndVirtualChangesAreTodos() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), ONE);
            generate(config, "one", "aaaaaaaaaaa1");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO item (id, qty, price) VALUES (1, 5, 2.5)");
            }

            Files.writeString(dir.resolve("schema.sql"), TWO);
            String text = generate(config, "two", "aaaaaaaaaaa2");
            assertThat(text).contains("TODO: column item.total is ", "TODO: column item.twice is ",
                    "MariaDB cannot make a column VIRTUAL or not in place");
            assertThat(text).doesNotContain("alterColumn(\"item\", \"total\"", "alterColumn(\"item\", \"twice\"");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(definitions(db)).containsExactly("total:VIRTUAL GENERATED", "total_s:", "twice:VIRTUAL GENERATED");
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT total_s FROM item")) {
                rs.next();
                assertThat(rs.getString(1)).as("a STORED column made plain keeps its values").isEqualTo("12.50");
            }
            // what is left is what the TODOs say, not the column made plain in place
            assertThat(DriftCheck.lines(config)).as("revision:\n%s", text).noneMatch(l -> l.contains("total_s"))
                    .anyMatch(l -> l.contains("item.total ")).anyMatch(l -> l.contains("item.twice"));

            String up = Retort.of(config, ScriptDirectory.load(config)).sql(Direction.UPGRADE, "head", null);
            Clients.feed(Engine.MARIADB, offline, up);
            assertThat(definitions(offline)).containsExactly("total:VIRTUAL GENERATED", "total_s:", "twice:VIRTUAL GENERATED");

            Retort.of(config, ScriptDirectory.load(config)).downgrade("aaaaaaaaaaa1");
            assertThat(definitions(db)).containsExactly("total:VIRTUAL GENERATED", "total_s:STORED GENERATED", "twice:VIRTUAL GENERATED");
        }
    }

    @Test
    void anOperationMakingAColumnVirtualOrNotIsRefusedBeforeAnySql() throws Exception {
        Dialect d = Dialects.forName("mariadb");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, qty INT NOT NULL, v INT AS (qty * 2) VIRTUAL)");
            for (RenderContext context : List.of(RenderContext.online(c), RenderContext.offline())) {
                assertThatThrownBy(() -> d.renderer(context).render(AlterColumn.builder(null, "item", "v").type(SqlType.raw("INT"))
                        .existingType(SqlType.raw("INT AS (`qty` * 2) VIRTUAL")).existingNullable(true).existingServerDefault(null)
                        .existingComment(null).build()))
                        .isInstanceOf(RetortException.class)
                        .hasMessageContaining("column v is a VIRTUAL generated column and would become a plain column,"
                                + " which MariaDB cannot do in place");
            }
        }
    }

    /** Each column after price: name, then EXTRA's kind of generated column (empty for a plain one). */
    private static List<String> definitions(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COLUMN_NAME, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'item' AND ORDINAL_POSITION > 3 ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) out.add(rs.getString(1) + ":" + rs.getString(2));
        }
        return out;
    }
}
