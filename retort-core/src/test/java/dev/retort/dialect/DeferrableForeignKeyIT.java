package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.schema.Deferral;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t37-4: a Java revision with deferrable foreign keys (Django makes every key DEFERRABLE INITIALLY DEFERRED) runs up
 * and down, online and as a {@code --sql} script, on PostgreSQL and SQLite, and the keys are deferred there; MariaDB
 * and H2, which check every key at once, refuse the revision naming the key and its table.
 */
class DeferrableForeignKeyIT {
    private static final String A = """
            import dev.retort.migration.*;

            @Revision(id = "aaaa00000001")
            class CreateTables extends Migration {
                @Override public void upgrade(Operations op) {
                    op.createTable("p", column("id", INTEGER).primaryKey());
                    op.createTable("c",
                            column("id", INTEGER).primaryKey(),
                            column("p_id", INTEGER).references("p", "id").initiallyDeferred(),
                            column("q_id", INTEGER),
                            foreignKey("q_id").references("p", "id").onDelete("CASCADE").deferrable().named("c_q_fk"));
                }
                @Override public void downgrade(Operations op) {
                    op.dropTable("c");
                    op.dropTable("p");
                }
            }
            """;
    private static final String B = """
            import dev.retort.migration.*;

            @Revision(id = "bbbb00000002", revises = "aaaa00000001")
            class AddKey extends Migration {
                @Override public void upgrade(Operations op) {
                    op.addColumn("c", column("r_id", INTEGER));
                    op.createForeignKey("c_r_fk", "c", foreignKey("r_id").references("p", "id").initiallyDeferred());
                }
                @Override public void downgrade(Operations op) {
                    op.dropConstraint("c_r_fk", "c");
                    op.dropColumn("c", "r_id");
                }
            }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "SQLITE"})
    void runsOnlineAndOfflineWithTheKeysDeferred(Engine engine) throws Exception {
        revisions();
        try (TestDatabase db = TestDatabase.create(engine)) {
            Retort retort = retort(db);
            retort.upgrade("head");
            assertDeferrals(db, Map.of("p_id", Deferral.INITIALLY_DEFERRED, "q_id", Deferral.INITIALLY_IMMEDIATE,
                    "r_id", Deferral.INITIALLY_DEFERRED));
            // a child row before its parent, in one transaction: checked at COMMIT only
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                if (engine == Engine.SQLITE) s.execute("PRAGMA foreign_keys = ON");
                c.setAutoCommit(false);
                s.execute("INSERT INTO c (id, p_id, r_id) VALUES (1, 7, 7)");
                s.execute("INSERT INTO p (id) VALUES (7)");
                c.commit();
                c.setAutoCommit(true);
                s.execute("DELETE FROM c");
                s.execute("DELETE FROM p");
            }
            retort.downgrade("aaaa00000001");
            assertDeferrals(db, Map.of("p_id", Deferral.INITIALLY_DEFERRED, "q_id", Deferral.INITIALLY_IMMEDIATE));
            retort.downgrade("base");
            assertThat(userTables(db)).isEmpty();

            String up = retort.sql(Direction.UPGRADE, "head", null);
            assertThat(up).contains("DEFERRABLE INITIALLY DEFERRED", "DEFERRABLE INITIALLY IMMEDIATE");
            OpsHarness.runScript(db, up);
            assertDeferrals(db, Map.of("p_id", Deferral.INITIALLY_DEFERRED, "q_id", Deferral.INITIALLY_IMMEDIATE,
                    "r_id", Deferral.INITIALLY_DEFERRED));
            if (engine == Engine.POSTGRESQL) {
                // (SQLite drops a key offline only from a table the same script created: move-and-copy needs its definition)
                OpsHarness.runScript(db, retort.sql(Direction.DOWNGRADE, "head:aaaa00000001", null));
                assertDeferrals(db, Map.of("p_id", Deferral.INITIALLY_DEFERRED, "q_id", Deferral.INITIALLY_IMMEDIATE));
                OpsHarness.runScript(db, retort.sql(Direction.DOWNGRADE, "aaaa00000001:base", null));
                assertThat(userTables(db)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void isRefusedWhereKeysCannotBeDeferred(Engine engine) throws Exception {
        revisions();
        String name = engine == Engine.MARIADB ? "MariaDB/MySQL" : "H2";
        try (TestDatabase db = TestDatabase.create(engine)) {
            Retort retort = retort(db);
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("aaaa00000001")
                    .hasMessageContaining(name + " cannot create table c")
                    .hasMessageContaining("foreign key c_p_id_fkey (p_id) of table c is DEFERRABLE INITIALLY DEFERRED")
                    .hasMessageContaining("leave out .initiallyDeferred()");
            assertThat(userTables(db)).doesNotContain("c");
            assertThatThrownBy(() -> retort.sql(Direction.UPGRADE, "head", null)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("foreign key c_p_id_fkey (p_id) of table c is DEFERRABLE INITIALLY DEFERRED");
        }
    }

    private void revisions() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.java"), A);
        Files.writeString(versions.resolve("b.java"), B);
    }

    private Retort retort(TestDatabase db) {
        return Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
    }

    private static SchemaModel reflect(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return OpsHarness.dialect(db.engine()).reflector().reflect(c, null);
        }
    }

    private static java.util.List<String> userTables(TestDatabase db) throws SQLException {
        return reflect(db).tables().stream().map(Table::name).filter(n -> !n.toLowerCase().startsWith("retort_")).toList();
    }

    /** The keys of table c by their column, with their deferral as reflection reads it. */
    private static void assertDeferrals(TestDatabase db, Map<String, Deferral> expected) throws SQLException {
        Table c = reflect(db).tables().stream().filter(t -> t.name().equals("c")).findFirst().orElseThrow();
        assertThat(c.foreignKeys().stream().collect(Collectors.toMap(f -> f.columns().get(0), ForeignKey::deferral)))
                .isEqualTo(expected);
    }
}
