package dev.retort.autogenerate;

import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw types a class: or jpa: model spells its own way (Hibernate's columnDefinition = "TEXT", "float") compare
 * equal to what the engine stores for them, so check is clean after the revision that creates them.
 */
class RawTypeSpellingIT {
    private static final Map<Engine, List<String>> SPELLINGS = Map.of(
            Engine.H2, List.of("TEXT", "float", "numeric", "decimal", "real"),
            Engine.POSTGRESQL, List.of("float", "float(10)", "numeric", "real", "double precision", "text"),
            Engine.MARIADB, List.of("real", "numeric", "decimal", "year", "float", "text"));

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void rawSpellingsLeaveNoDrift(Engine engine) throws Exception {
        List<String> raws = SPELLINGS.get(engine);
        SchemaModel model = SchemaBuilder.schema().table("r", t -> {
            t.column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey());
            for (int i = 0; i < raws.size(); i++) t.column("c" + i, SqlType.raw(raws.get(i)));
        }).build();
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)))
                    .extracting(dev.retort.ops.Operation::describe).isEmpty();
        }
    }
}
