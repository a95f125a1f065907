package dev.retort.autogenerate;

import dev.retort.ops.AlterColumn;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Models that SQLite stores its own way: the revision generated from them leaves a clean check behind. */
class SqliteModelIT {

    /** docs/sqlite.md: AUTOINCREMENT is written INTEGER PRIMARY KEY AUTOINCREMENT whatever integer type is given. */
    @Test
    void bigintAutoincrementKeyIsInteger() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("account", t -> t
                .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey().autoincrement())
                .column("email", SqlType.string(200), c -> c.notNull())).build();
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            // a type change written by hand on that key copies the table with INTEGER, which SQLite accepts
            Schemas.apply(db, List.of(AlterColumn.builder(null, "account", "email").type(SqlType.string(300))
                    .existing(Schemas.reflect(db).tables().get(0).column("email").orElseThrow()).build(),
                    AlterColumn.builder(null, "account", "id").type(SqlType.of(SqlType.Kind.BIGINT))
                            .existingType(SqlType.of(SqlType.Kind.INTEGER)).build()));
            assertThat(Schemas.reflect(db).tables().get(0).column("id").orElseThrow().autoincrement()).isTrue();
        }
    }

    /** docs/sqlite.md: comments are ignored on SQLite, so they are not drift either. */
    @Test
    void commentsAreNotCompared() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("account", t -> t
                .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                .column("email", SqlType.string(200), c -> c.comment("where we write"))
                .comment("who pays")).build();
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
