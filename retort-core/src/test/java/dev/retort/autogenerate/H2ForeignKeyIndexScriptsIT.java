package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t54-7: a table created with a foreign key and an index over its columns has the key use that index (t49-6). A later
 * revision's dropIndex, in a separate {@code FROM:TO} script, dropped it bare and RunScript failed with "belongs to
 * constraint": the script knew nothing of the key. The script now first learns what the revisions up to FROM made,
 * and drops and re-adds the key around the index, as online and a script from base do. t54-3: the downgrade's
 * createIndex left the key's own index beside the re-created one (two identical indexes, unseen by check).
 */
class H2ForeignKeyIndexScriptsIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"online", "one script", "separate scripts"})
    void laterRevisionDropsTheIndexTheKeyUses(String mode) throws Exception {
        String url = "jdbc:h2:mem:t54_" + java.util.UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("r1.java"), """
                import dev.retort.migration.*;
                @Revision(id = "bbbb00000001", message = "base")
                class R1 extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.createTable("parent", column("id", INTEGER).primaryKey());
                        op.createTable("child", column("id", INTEGER).primaryKey(), column("p_id", INTEGER),
                            foreignKey("p_id").references("parent", "id").named("fk_child_p"),
                            index("ix_child_p").columns("p_id"));
                    }
                    @Override public void downgrade(Operations op) { op.dropTable("child"); op.dropTable("parent"); }
                }
                """);
        Files.writeString(versions.resolve("r2.java"), """
                import dev.retort.migration.*;
                @Revision(id = "bbbb00000002", revises = "bbbb00000001", message = "drop ix")
                class R2 extends Migration {
                    @Override public void upgrade(Operations op) { op.dropIndex("ix_child_p", "child"); }
                    @Override public void downgrade(Operations op) { op.createIndex("ix_child_p", "child", "p_id"); }
                }
                """);
        Files.writeString(dir.resolve("schema.sql"), "");
        try (Connection keep = DriverManager.getConnection(url)) {
            RetortConfig config = AutogeneratorIT.config(dir, url);
            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            switch (mode) {
                case "online" -> {
                    retort.upgrade("bbbb00000001");
                    retort.upgrade("head");
                }
                case "one script" -> run(keep, retort.sql(Direction.UPGRADE, "head", null));
                default -> {
                    run(keep, retort.sql(Direction.UPGRADE, "bbbb00000001", null));
                    run(keep, retort.sql(Direction.UPGRADE, "bbbb00000001:head", null));
                }
            }
            assertThat(indexes(keep)).as("the primary key's and the foreign key's own").containsExactlyInAnyOrder("id", "p_id");
            // t54-3: the downgrade re-creates the index, and the key gives up its own for it, as after the first upgrade
            if (mode.equals("online")) retort.downgrade("bbbb00000001");
            else run(keep, retort.sql(Direction.DOWNGRADE, "head:bbbb00000001", null));
            assertThat(indexes(keep)).as("after the downgrade: the primary key's and ix_child_p, which the key uses")
                    .containsExactlyInAnyOrder("id", "p_id");
            try (Statement s = keep.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = 'child' AND INDEX_NAME = 'ix_child_p'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (Statement s = keep.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    static void run(Connection c, String script) throws Exception {
        Path file = Files.createTempFile("t54", ".sql");
        try {
            Files.writeString(file, script);
            try (Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM '" + file.toString().replace("'", "''") + "' CHARSET 'UTF-8'");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Each index of child (H2's own included) as its column list. */
    static List<String> indexes(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT LISTAGG(COLUMN_NAME, ',') WITHIN GROUP (ORDER BY ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = 'child' GROUP BY INDEX_NAME""")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
