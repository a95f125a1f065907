package dev.retort.autogenerate;

import dev.retort.schema.IndexElement;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** t18-9: SQLite collations and conflict clauses of a model: collations carried (see ColumnCollationIT), the others named. */
class SqliteModelClausesIT {
    @Test
    void anIndexElementsCollationIsCarriedAndTheRestNamed() throws Exception {
        SchemaModel[] model = new SchemaModel[1];
        String err = Stderr.of(() -> model[0] = Schemas.model(Engine.SQLITE, """
                CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL COLLATE NOCASE UNIQUE);
                CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE ON CONFLICT REPLACE);
                CREATE INDEX c_name_nocase ON c (name COLLATE NOCASE DESC);
                """));
        assertThat(err)
                .doesNotContain("Column p.email")
                .contains("Table c has ON CONFLICT REPLACE: autogenerate and check do not compare conflict clauses");
        assertThat(model[0].table("c").orElseThrow().indexes().get(0).elements())
                .containsExactly(IndexElement.expression("name COLLATE NOCASE DESC"));
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db)));
            assertThat(Schemas.reflect(db).table("c").orElseThrow().indexes().get(0).elements())
                    .containsExactly(IndexElement.expression("name COLLATE NOCASE DESC"));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db))).isEmpty();
            // an index without the collation is another index
            Schemas.execute(db, "DROP INDEX c_name_nocase; CREATE INDEX c_name_nocase ON c (name DESC)");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db))).isNotEmpty();
        }
    }
}
