package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An appended PostgreSQL enum value: the downgrade leaves it, so the upgrade must run again after it. */
class EnumValueIT {

    @Test
    void upgradeDowngradeUpgrade() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE person (id int PRIMARY KEY, m mood);");
            SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'meh'); CREATE TABLE person (id int PRIMARY KEY, m mood);");
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(RevisionSource.javaBodies(diff).upgrade()).contains("op.addEnumValueIfNotExists(\"mood\", \"meh\");");
            Schemas.apply(db, diff.upgrade());
            Schemas.apply(db, diff.downgrade());
            Schemas.apply(db, diff.upgrade());
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
