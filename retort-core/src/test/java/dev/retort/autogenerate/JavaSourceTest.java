package dev.retort.autogenerate;

import dev.retort.dialect.Dialects;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden output of the Java renderer: what users read in a generated revision. */
class JavaSourceTest {

    @Test
    void rendersCreateTableAndItsInverse() {
        SchemaModel model = SchemaBuilder.schema()
                .table("account", t -> t
                        .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey().autoincrement())
                        .column("email", SqlType.string(200), c -> c.notNull().comment("login \"name\""))
                        .column("created_at", SqlType.timestamp(true), c -> c.serverDefault("CURRENT_TIMESTAMP"))
                        .unique("uq_account_email", "email")
                        .index("ix_account_created", "created_at")
                        .comment("people"))
                .build();
        SchemaComparator.Diff diff = SchemaComparator.diff(SchemaModel.empty(), model, Dialects.forName("postgresql"),
                SchemaFilter.everything());
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(diff);
        assertThat(bodies.upgrade()).containsExactly("""
                op.createTable("account",
                        column("id", BIGINT).notNull().autoincrement(),
                        column("email", string(200)).notNull().comment("login \\"name\\""),
                        column("created_at", TIMESTAMPTZ).serverDefault("CURRENT_TIMESTAMP"),
                        primaryKey("id"),
                        unique("email").named("uq_account_email"),
                        index("ix_account_created").columns("created_at"),
                        tableComment("people"));""");
        assertThat(bodies.downgrade()).containsExactly("op.dropTable(\"account\");");
        assertThat(bodies.imports()).isEmpty();
    }

    /** An unconstrained PostgreSQL numeric is written with the helper, not the SqlType record. */
    @Test
    void numericWithoutPrecisionUsesTheHelper() {
        SchemaModel model = SchemaBuilder.schema().table("price", t -> t.column("amount", SqlType.of(SqlType.Kind.NUMERIC))).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(SchemaModel.empty(), model, Dialects.forName("postgresql"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).containsExactly("""
                op.createTable("price",
                        column("amount", numeric()));""");
    }

    /** A constraint Retort cannot drop is named in the TODO note as SQL, not as a record. */
    @Test
    void unnamedConstraintNoteReadsAsSql() {
        SchemaModel db = SchemaBuilder.schema().table("person", t -> t.column("age", SqlType.of(SqlType.Kind.INTEGER))
                .check(null, "age >= 0")).build();
        SchemaModel model = SchemaBuilder.schema().table("person", t -> t.column("age", SqlType.of(SqlType.Kind.INTEGER))).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(db, model, Dialects.forName("sqlite"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).contains(
                "// TODO: the database has an unnamed constraint on person that the model does not: CHECK (age >= 0)");
    }

    /** Issue 7: PostgreSQL indexes with a method, operator classes and DESC are index operations, not raw SQL. */
    @Test
    void postgresIndexesWithMethodOpclassAndOrderAreIndexOperations() {
        SchemaModel a = SchemaBuilder.schema().table("post", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER))
                .column("tags", SqlType.of(SqlType.Kind.TEXT)).column("score", SqlType.of(SqlType.Kind.INTEGER))).build();
        SchemaModel b = SchemaBuilder.schema().table("post", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER))
                .column("tags", SqlType.of(SqlType.Kind.TEXT)).column("score", SqlType.of(SqlType.Kind.INTEGER))
                .index(new dev.retort.schema.Index("ix_post_tags", List.of(dev.retort.schema.IndexElement.expression("tags gin_trgm_ops")),
                        false, null, "gin"))
                .index(new dev.retort.schema.Index("ix_post_score", List.of(dev.retort.schema.IndexElement.expression("score DESC NULLS LAST"),
                        dev.retort.schema.IndexElement.column("id")), false, null, null))).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(a, b, Dialects.forName("postgresql"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).containsExactlyInAnyOrder(
                "op.createIndex(\"ix_post_tags\", \"post\", i -> i.expression(\"tags gin_trgm_ops\").using(\"gin\"));",
                "op.createIndex(\"ix_post_score\", \"post\", i -> i.expression(\"score DESC NULLS LAST\").columns(\"id\"));");
        assertThat(String.join("\n", bodies.upgrade())).doesNotContain("op.execute");
    }

    @Test
    void rendersAlterColumnWithExistingState() {
        SchemaModel a = SchemaBuilder.schema().table("t", t -> t.column("n", SqlType.string(10))).build();
        SchemaModel b = SchemaBuilder.schema().table("t", t -> t.column("n", SqlType.string(20), c -> c.notNull())).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(a, b, Dialects.forName("mariadb"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).containsExactly("""
                op.alterColumn("t", "n", a -> a.type(string(20)).nullable(false)
                          .existingType(string(10)).existingNullable(true).existingServerDefault(null).existingComment(null));""");
    }

    @Test
    void dropConstraintImportsItsType() {
        SchemaModel a = SchemaBuilder.schema().table("t", t -> t.column("n", SqlType.string(10)).unique("uq_n", "n")).build();
        SchemaModel b = SchemaBuilder.schema().table("t", t -> t.column("n", SqlType.string(10))).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(a, b, Dialects.forName("postgresql"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).containsExactly("op.dropConstraint(\"uq_n\", \"t\", ConstraintType.UNIQUE);");
        assertThat(bodies.downgrade()).containsExactly("op.createUniqueConstraint(\"uq_n\", \"t\", \"n\");");
        assertThat(bodies.imports()).containsExactly("dev.retort.ops.ConstraintType");
        assertThat(List.of(JavaSource.str("a\u00e9\n"))).containsExactly("\"a\\u00e9\\n\"");
    }

    @Test
    void fractionalSecondPrecisionUsesTheMigrationHelpers() {
        SqlType datetime0 = new SqlType(SqlType.Kind.TIMESTAMP, null, 0, null, false, null, null, null);
        SqlType time3tz = new SqlType(SqlType.Kind.TIME, null, 3, null, true, null, null, null);
        assertThat(JavaSource.type(datetime0)).isEqualTo("timestamp(false, 0)");
        assertThat(JavaSource.type(time3tz)).isEqualTo("time(true, 3)");
        // what the helpers build is the same type again
        assertThat(dev.retort.migration.Migration.timestamp(false, 0)).isEqualTo(datetime0);
        assertThat(dev.retort.migration.Migration.time(true, 3)).isEqualTo(time3tz);
    }
}
