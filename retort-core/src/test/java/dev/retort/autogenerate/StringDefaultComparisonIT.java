package dev.retort.autogenerate;

import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** t57-14: a string default that looks like a number is a string: '1.10' is not '1.1' on a text column. */
class StringDefaultComparisonIT {
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void numberLikeStringDefaultsAreComparedAsStrings(Engine engine) throws Exception {
        String text = engine == Engine.MARIADB ? "varchar(20)" : "text";
        SchemaModel model = Schemas.model(engine, "CREATE TABLE t (id int PRIMARY KEY, ver varchar(10) DEFAULT '1.1', price "
                + text + " DEFAULT '5', v varchar(5) DEFAULT '1', amount decimal(6,2) DEFAULT 4.5)");
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, "CREATE TABLE t (id int PRIMARY KEY, ver varchar(10) DEFAULT '1.10', price " + text
                    + " DEFAULT '5.00', v varchar(5) DEFAULT '1.0', amount decimal(6,2) DEFAULT '4.50')");
            List<Operation> ops = SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db));
            assertThat(ops).extracting(Operation::describe).containsExactlyInAnyOrder(
                    "alter column t.ver", "alter column t.price", "alter column t.v");
            Schemas.apply(db, ops);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
