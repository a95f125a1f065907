package dev.retort.dialect;

import dev.retort.autogenerate.SchemaComparator;
import dev.retort.ops.Operation;
import dev.retort.ops.TableElement;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.dialect.OpsHarness.applyOnline;
import static dev.retort.dialect.OpsHarness.dialect;
import static dev.retort.dialect.OpsHarness.ops;
import static dev.retort.dialect.OpsHarness.runScript;
import static dev.retort.dialect.OpsHarness.script;
import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t49-6: on H2, a createTable with a foreign key and an index over the key's columns (sakila's {@code idx_fk_...})
 * leaves one index, which the key uses, as the model file does. Previously the key, written inside CREATE TABLE,
 * got an index of its own and the CREATE INDEX after it made a second. Online and offline, with no drift
 * afterwards; dropping the index afterwards still works (the key gets its own index back).
 */
class H2ForeignKeyIndexIT {
    private static final TableElement[] FILM_ACTOR = {
            column("actor_id", INTEGER).notNull().references("actor", "id"),
            column("film_id", INTEGER).notNull(),
            column("note", string(20)),
            primaryKey("actor_id", "film_id"),
            foreignKey("film_id").references("film", "id").onDelete("CASCADE"),
            index("idx_fk_film_actor_film", "film_id"),
            // an index with more columns than the key is not used by H2: the key keeps its own
            index("ix_film_actor_film_note", "film_id", "note")};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"online", "offline"})
    void oneIndexPerForeignKey(String mode) throws Exception {
        List<Operation> create = ops(Engine.H2, op -> {
            op.createTable("actor", column("id", INTEGER).primaryKey());
            op.createTable("film", column("id", INTEGER).primaryKey());
            op.createTable("film_actor", FILM_ACTOR);
        });
        Dialect h2 = dialect(Engine.H2);
        SchemaModel model = new SchemaModel(List.of(OperationsIT.table("actor", column("id", INTEGER).primaryKey()),
                OperationsIT.table("film", column("id", INTEGER).primaryKey()), OperationsIT.table("film_actor", FILM_ACTOR)),
                List.of(), List.of());
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            if (mode.equals("online")) applyOnline(h2, c, create);
            else runScript(db, script(h2, create));
            assertThat(indexesOf(c, "FILM_ACTOR")).containsExactlyInAnyOrder(
                    "ACTOR_ID,FILM_ID", // the primary key's
                    "FILM_ID", // idx_fk_film_actor_film, which the key on film_id uses
                    "FILM_ID,NOTE",
                    "ACTOR_ID"); // H2's own for the key on actor_id, which no index serves
            assertThat(SchemaComparator.compare(h2.reflector().reflect(c, null), model, h2)).isEmpty();

        }
        // the key then gets an index of its own back (offline: for a table the same script created)
        List<Operation> createAndDrop = ops(Engine.H2, op -> {
            op.createTable("actor", column("id", INTEGER).primaryKey());
            op.createTable("film", column("id", INTEGER).primaryKey());
            op.createTable("film_actor", FILM_ACTOR);
            op.dropIndex("idx_fk_film_actor_film", "film_actor");
        });
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            if (mode.equals("online")) applyOnline(h2, c, createAndDrop);
            else runScript(db, script(h2, createAndDrop));
            assertThat(indexesOf(c, "FILM_ACTOR")).containsExactlyInAnyOrder("ACTOR_ID,FILM_ID", "FILM_ID", "FILM_ID,NOTE",
                    "ACTOR_ID");
            assertThat(h2.reflector().reflect(c, null).table("film_actor").orElseThrow().indexes())
                    .extracting(dev.retort.schema.Index::name).containsExactly("ix_film_actor_film_note");
        }
    }

    /**
     * t54-8: createTable makes a key use an index over its columns in another order (or the first of two such
     * indexes); the same script's dropIndex of it dropped it bare, and RunScript failed with "belongs to constraint".
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"online", "offline"})
    void dropOfAReorderedIndexTheKeyUses(String mode) throws Exception {
        List<Operation> ops = ops(Engine.H2, op -> {
            op.createTable("parent", column("a", INTEGER).notNull(), column("b", INTEGER).notNull(), primaryKey("a", "b"));
            op.createTable("child", column("id", INTEGER).primaryKey(), column("a", INTEGER), column("b", INTEGER),
                    foreignKey("a", "b").references("parent", "a", "b").named("fk_ab").onDelete("CASCADE"),
                    index("ix_ba", "b", "a"), index("ix_ab_u", "a", "b"));
            op.dropIndex("ix_ba", "child");
            op.dropIndex("ix_ab_u", "child");
        });
        Dialect h2 = dialect(Engine.H2);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            if (mode.equals("online")) applyOnline(h2, c, ops);
            else runScript(db, script(h2, ops));
            assertThat(indexesOf(c, "CHILD")).containsExactlyInAnyOrder("ID", "A,B");
            assertThat(h2.reflector().reflect(c, null).table("child").orElseThrow().indexes()).isEmpty();
        }
    }

    /** Each index of the table (H2's own included) as its column list. */
    private static List<String> indexesOf(Connection c, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT LISTAGG(COLUMN_NAME, ',') WITHIN GROUP (ORDER BY ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = '""" + table + "' GROUP BY INDEX_NAME")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
