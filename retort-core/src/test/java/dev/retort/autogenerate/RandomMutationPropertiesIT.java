package dev.retort.autogenerate;

import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of schema mutations (bounded tries): a database built from a base model by the
 * comparator's own operations, then moved to the mutated model and back, must compare clean each time.
 */
class RandomMutationPropertiesIT {

    static SchemaModel base() {
        return SchemaBuilder.schema()
                .table("customer", t -> t
                        .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("name", SqlType.string(80), c -> c.notNull())
                        .column("email", SqlType.string(120))
                        .column("score", SqlType.of(SqlType.Kind.INTEGER), c -> c.serverDefault("0"))
                        .column("note", SqlType.of(SqlType.Kind.TEXT))
                        .check("ck_customer_score", "score >= 0")
                        .index("ix_customer_name", "name"))
                .table("orders", t -> t
                        .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("customer_id", SqlType.of(SqlType.Kind.INTEGER), c -> c.notNull())
                        .column("total", SqlType.numeric(10, 2), c -> c.serverDefault("0"))
                        .column("status", SqlType.string(20), c -> c.notNull().serverDefault("'new'"))
                        .column("placed_at", SqlType.timestamp(false))
                        .foreignKey("fk_orders_customer", List.of("customer_id"), "customer", List.of("id"), "CASCADE", null)
                        .index("ix_orders_status", "status"))
                .table("tag", t -> t
                        .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("label", SqlType.string(40), c -> c.notNull())
                        .unique("uq_tag_label", "label"))
                .build();
    }

    @Property(tries = 25)
    void sqlite(@ForAll long seed, @ForAll @Size(min = 1, max = 6) List<Mutations.Kind> kinds) throws Exception {
        roundTrip(Engine.SQLITE, seed, kinds, false);
    }

    @Property(tries = 8)
    void postgresql(@ForAll long seed, @ForAll @Size(min = 1, max = 6) List<Mutations.Kind> kinds) throws Exception {
        roundTrip(Engine.POSTGRESQL, seed, kinds, true);
    }

    @Property(tries = 10)
    void h2(@ForAll long seed, @ForAll @Size(min = 1, max = 6) List<Mutations.Kind> kinds) throws Exception {
        roundTrip(Engine.H2, seed, kinds, true);
    }

    @Property(tries = 5)
    void mariadb(@ForAll long seed, @ForAll @Size(min = 1, max = 6) List<Mutations.Kind> kinds) throws Exception {
        roundTrip(Engine.MARIADB, seed, kinds, true);
    }

    private static void roundTrip(Engine engine, long seed, List<Mutations.Kind> kinds, boolean comments) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            SchemaModel base = base();
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), base, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), base, Schemas.dialect(db))).isEmpty();
            Mutations m = new Mutations(seed, comments, true);
            SchemaModel target = base;
            for (Mutations.Kind k : kinds) target = m.apply(target, k);
            MutationRoundTrip.check(db, target);
        }
    }
}
