package dev.retort.runtime;

import dev.retort.autogenerate.SchemaComparator;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.migration.DefaultOperations;
import dev.retort.migration.Operations;
import dev.retort.ops.QualifiedName;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.retort.migration.Migration.INTEGER;
import static dev.retort.migration.Migration.column;
import static dev.retort.migration.Migration.foreignKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB drops the foreign keys on a column with the column (InnoDB refuses to drop the index a key
 * needs): also when a constraint drop joins the statement, and offline for a key an inline
 * {@code references()} of createTable made.
 */
class MariaDbForeignKeyColumnDropIT {

    /** Two tables; c's keys: two from inline references() (unnamed), one named. */
    private static final java.util.function.Consumer<Operations> KEYS = op -> {
        op.createTable("p", column("id", INTEGER).primaryKey());
        op.createTable("c", column("id", INTEGER).primaryKey(), column("pid", INTEGER),
                column("qid", INTEGER).references("p", "id"), column("rid", INTEGER).references("p", "id"));
        op.createForeignKey("fk_c_p", "c", List.of("pid"), "p", List.of("id"));
    };

    static TestRevisions revisions() {
        return new TestRevisions()
                .addCode("f1", List.of(), "keys", KEYS)
                .addCode("f2", List.of("f1"), "drop a key, then a column with a key of its own", op -> {
                    op.dropConstraint("fk_c_p", "c");
                    op.dropColumn("c", "qid");
                })
                .addCode("f3", List.of("f2"), "drop a column whose key createTable made", op -> op.dropColumn("c", "rid"));
    }

    /** The keys createTable names are still the model's unnamed keys for autogenerate: no drift. */
    @Test
    void namedKeysOfCreateTableAreNoDrift() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = new TestRevisions().addCode("f1", List.of(), "keys", KEYS);
        SchemaModel model = new SchemaModel(List.of(
                DefaultOperations.buildTable(new QualifiedName(null, "p"), List.of(column("id", INTEGER).primaryKey())),
                DefaultOperations.buildTable(new QualifiedName(null, "c"), List.of(column("id", INTEGER).primaryKey(),
                        column("pid", INTEGER), column("qid", INTEGER).references("p", "id"),
                        column("rid", INTEGER).references("p", "id"),
                        foreignKey("pid").references("p", "id").named("fk_c_p")))), List.of(), List.of());
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            new Migrator(c, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            SchemaModel live = dialect.reflector().reflect(c, null);
            live = new SchemaModel(live.tables().stream().filter(t -> !t.name().startsWith("retort_")).toList(), List.of(), List.of());
            assertThat(live.table("c").orElseThrow().foreignKeys()).extracting(dev.retort.schema.ForeignKey::name)
                    .containsExactlyInAnyOrder("c_qid_fkey", "c_rid_fkey", "fk_c_p");
            assertThat(SchemaComparator.compare(live, model, dialect)).isEmpty();
        }
    }

    @Test
    void onlineAndOfflineDropTheColumnsAndTheirKeys() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions revs = revisions();
        String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(revs.upgradeAll(Set.of()), true, null);
        assertThat(script).contains("CONSTRAINT c_qid_fkey FOREIGN KEY (qid)", "CONSTRAINT c_rid_fkey FOREIGN KEY (rid)");
        try (TestDatabase online = TestDatabase.create(Engine.MARIADB); TestDatabase offline = TestDatabase.create(Engine.MARIADB);
             Connection on = online.connect(); Connection off = offline.connect()) {
            new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            Clients.feed(Engine.MARIADB, offline, script);
            Map<String, List<String>> expected = DbSnapshot.of(on, false);
            assertThat(DbSnapshot.of(off, false)).isEqualTo(expected);
            for (Connection c : List.of(on, off)) {
                assertThat(dialect.reflector().reflect(c, null).table("c").orElseThrow().columns())
                        .extracting(dev.retort.schema.Column::name).containsExactly("id", "pid");
            }
        }
    }
}
