package dev.retort.autogenerate;

import dev.retort.ops.Operation;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t57-5: the casts PostgreSQL adds itself are not changes, those that change a value are: the casts of a
 * default, a check and an index expression as pg_get_expr prints them.
 */
class PostgresCastComparisonIT {
    private static final String LIVE = """
            CREATE TABLE ev (id int PRIMARY KEY, data jsonb, ts timestamp DEFAULT now(), amount numeric,
                CONSTRAINT amt_chk CHECK (amount > 0.5));
            CREATE INDEX ix_ev_n ON ev ((data->>'n'));
            """;

    @Test
    void aCastThatChangesTheValueIsAChange() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE ev (id int PRIMARY KEY, data jsonb, ts timestamp DEFAULT now()::date, amount numeric,
                    CONSTRAINT amt_chk CHECK (amount::integer > 0.5));
                CREATE INDEX ix_ev_n ON ev (((data->>'n')::int));
                """);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, LIVE);
            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db));
            assertThat(ops).extracting(Operation::describe).anySatisfy(d -> assertThat(d).contains("ts"))
                    .anySatisfy(d -> assertThat(d).contains("amt_chk"))
                    .anySatisfy(d -> assertThat(d).contains("ix_ev_n"));
            Schemas.apply(db, ops);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            // and back: the plain forms against the cast ones
            SchemaModel plain = Schemas.model(Engine.POSTGRESQL, LIVE);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), plain, Schemas.dialect(db))).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    /** What PostgreSQL prints for a model's casts-free spelling (a class: or jpa: model's) is no change. */
    @Test
    void theCastsPostgresAddsAreNoChange() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, """
                    CREATE TABLE item (id int PRIMARY KEY, code varchar(10) DEFAULT 'x', qty int DEFAULT -1, price numeric DEFAULT 0,
                        made date, seen timestamp, tags varchar(5)[] DEFAULT '{}',
                        CONSTRAINT code_in CHECK (code IN ('a', 'b')), CONSTRAINT qty_half CHECK (qty > 0.5),
                        CONSTRAINT price_neg CHECK (price > -1), CONSTRAINT made_seen CHECK (made <= seen));
                    CREATE INDEX ix_code ON item (lower(code));
                    CREATE INDEX ix_cat ON item ((code || '-x'));
                    CREATE INDEX ix_part ON item (id) WHERE code = 'x' AND qty > 0.5;
                    """);
            SchemaModel model = SchemaBuilder.schema().table("item", t -> t
                    .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.notNull().primaryKey())
                    .column("code", SqlType.string(10), c -> c.serverDefault("'x'"))
                    .column("qty", SqlType.of(SqlType.Kind.INTEGER), c -> c.serverDefault("-1"))
                    .column("price", SqlType.raw("numeric"), c -> c.serverDefault("0"))
                    .column("made", SqlType.of(SqlType.Kind.DATE))
                    .column("seen", SqlType.timestamp(false))
                    .column("tags", SqlType.raw("character varying(5)[]"), c -> c.serverDefault("'{}'"))
                    .check("code_in", "code IN ('a', 'b')").check("qty_half", "qty > 0.5")
                    .check("price_neg", "price > -1").check("made_seen", "made <= seen")
                    .index(new Index("ix_code", List.of(IndexElement.expression("lower(code)")), false, null, null))
                    .index(new Index("ix_cat", List.of(IndexElement.expression("code || '-x'")), false, null, null))
                    .index(new Index("ix_part", List.of(IndexElement.column("id")), false, "code = 'x' AND qty > 0.5", null)))
                    .build();
            SchemaModel live = Schemas.reflect(db);
            List<Operation> ops = SchemaComparator.compare(live, model, Schemas.dialect(db));
            assertThat(ops).extracting(Operation::describe).isEmpty();
        }
    }
}
