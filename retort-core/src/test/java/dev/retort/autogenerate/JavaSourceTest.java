package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.migration.Migration;
import dev.retort.migration.Operations;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * A constraint Retort cannot drop (an H2 one reflected without its engine-made name) is named in the TODO
     * note as SQL, not as a record; SQLite drops an unnamed one by its definition, reversibly.
     */
    @Test
    void unnamedConstraintNoteReadsAsSql() {
        SchemaModel db = SchemaBuilder.schema().table("person", t -> t.column("age", SqlType.of(SqlType.Kind.INTEGER))
                .check(null, "age >= 0")).build();
        SchemaModel model = SchemaBuilder.schema().table("person", t -> t.column("age", SqlType.of(SqlType.Kind.INTEGER))).build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(db, model, Dialects.forName("h2"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).contains(
                "// TODO: the database has an unnamed constraint on person that the model does not: CHECK (age >= 0)");
        RevisionSource.JavaBodies sqlite = RevisionSource.javaBodies(
                SchemaComparator.diff(db, model, Dialects.forName("sqlite"), SchemaFilter.everything()));
        assertThat(sqlite.upgrade()).containsExactly("op.dropConstraint(\"person\", check(\"age >= 0\"));");
        assertThat(sqlite.downgrade()).containsExactly("op.createCheckConstraint(null, \"person\", \"age >= 0\");");
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
                          .existingType(string(10)).existingNullable(true).existingServerDefault(null).existingComment(null).existingOnUpdate(null));""");
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

    /**
     * A diff of a large schema (netbox and the like) is split into helper methods: one method holding every
     * statement is more than the JVM's 64 KB of bytecode ("code too large"). The revision compiles and runs its
     * operations in the diff's order.
     */
    @Test
    void largeDiffCompilesAsHelperMethodsInOrder(@TempDir Path dir) throws Exception {
        int tables = 400;
        SchemaBuilder builder = SchemaBuilder.schema();
        for (int i = 0; i < tables; i++) {
            String name = "t%03d".formatted(i);
            builder.table(name, t -> t
                    .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey().autoincrement())
                    .column("name", SqlType.string(100), c -> c.notNull())
                    .column("note", SqlType.of(SqlType.Kind.TEXT), c -> c.comment("note of " + name))
                    .column("amount", SqlType.numeric(12, 2), c -> c.serverDefault("0"))
                    .column("created_at", SqlType.timestamp(true), c -> c.serverDefault("CURRENT_TIMESTAMP"))
                    .column("active", SqlType.of(SqlType.Kind.BOOLEAN), c -> c.notNull())
                    .unique("uq_" + name + "_name", "name")
                    .index("ix_" + name + "_created", "created_at"));
        }
        SchemaComparator.Diff diff = SchemaComparator.diff(SchemaModel.empty(), builder.build(),
                Dialects.forName("postgresql"), SchemaFilter.everything());
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(diff);

        Files.createDirectories(dir.resolve("migrations/versions"));
        Path toml = dir.resolve("retort.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"migrations\"\n");
        RetortConfig config = ConfigLoader.load(toml, null, null, null, Map.of(), Map.of());
        RevisionGenerator.Request request = new RevisionGenerator.Request("full", false, List.of("head"), false, List.of(),
                List.of(), "b16b16b16b16", null, RevisionSource.javaBody("upgrade", bodies.upgrade()),
                RevisionSource.javaBody("downgrade", bodies.downgrade()),
                bodies.imports().stream().map(i -> "import " + i + ";").toList());
        new RevisionGenerator(ScriptDirectory.load(config), Clock.systemUTC()).generate(request);

        String upgrade = RevisionSource.javaBody("upgrade", bodies.upgrade());
        assertThat(upgrade).contains("        upgradePart1(op);\n        upgradePart2(op);\n")
                .contains("\n    private void upgradePart1(Operations op) {\n");
        // a small body is written as it always was: in the method itself
        assertThat(RevisionSource.javaBody("upgrade", bodies.upgrade().subList(0, 3))).doesNotContain("Part1")
                .startsWith("        // ### commands auto generated by Retort - please adjust! ###\n        op.createTable(\"t000\",\n");

        ScriptDirectory scripts = ScriptDirectory.load(config);
        scripts.prepare(List.of("b16b16b16b16")); // compiles: a single upgrade method is "code too large"
        Migration m = scripts.migration("b16b16b16b16");
        List<String> calls = new ArrayList<>();
        Operations ops = (Operations) Proxy.newProxyInstance(Operations.class.getClassLoader(), new Class<?>[]{Operations.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + " " + args[0]);
                    return null;
                });
        m.upgrade(ops);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < tables; i++) expected.add("createTable t%03d".formatted(i));
        assertThat(calls).isEqualTo(expected);
        calls.clear();
        m.downgrade(ops);
        assertThat(calls).hasSize(tables).allMatch(c -> c.startsWith("dropTable t"));
        assertThat(calls).isEqualTo(diff.downgradeEntries().stream()
                .map(e -> "dropTable " + ((dev.retort.ops.DropTable) e.operation()).name()).toList());
    }

    /** t37-4: the deferral is written with the builder methods a revision uses, in a new table and an added key. */
    @Test
    void deferrableForeignKeysAreWrittenWithTheirDeferral() {
        SchemaModel before = SchemaBuilder.schema()
                .table("p", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                .table("q", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("p_id", SqlType.of(SqlType.Kind.INTEGER)))
                .build();
        SchemaModel after = SchemaBuilder.schema()
                .table("p", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                .table("q", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("p_id", SqlType.of(SqlType.Kind.INTEGER))
                        .foreignKey(new dev.retort.schema.ForeignKey("q_p_fk", List.of("p_id"), null, "p", List.of("id"),
                                null, null, dev.retort.schema.Deferral.INITIALLY_IMMEDIATE)))
                .table("c", t -> t.column("p_id", SqlType.of(SqlType.Kind.INTEGER))
                        .foreignKey(new dev.retort.schema.ForeignKey("c_p_fk", List.of("p_id"), null, "p", List.of("id"),
                                "CASCADE", null, dev.retort.schema.Deferral.INITIALLY_DEFERRED)))
                .build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(before, after, Dialects.forName("postgresql"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).contains("""
                op.createTable("c",
                        column("p_id", INTEGER),
                        foreignKey("p_id").references("p", "id").named("c_p_fk").onDelete("CASCADE").initiallyDeferred());""",
                "op.createForeignKey(\"q_p_fk\", \"q\", foreignKey(\"p_id\").references(\"p\", \"id\").deferrable());");
    }

    /**
     * t57-13: a check or key the model has NOT VALID is added with .notValid() to an existing table, created plain in
     * a new one (no rows to leave unchecked); one the database has NOT VALID and the model valid is validated, and the
     * downgrade says why it leaves it so.
     */
    @Test
    void notValidConstraintsAreWrittenAndValidated() {
        SqlType integer = SqlType.of(SqlType.Kind.INTEGER);
        SchemaModel before = SchemaBuilder.schema()
                .table("p", t -> t.column("id", integer, c -> c.primaryKey()))
                .table("q", t -> t.column("id", integer, c -> c.primaryKey()).column("p_id", integer).column("n", integer)
                        .check(new CheckConstraint("q_old", "n < 100", true))
                        .foreignKey(new dev.retort.schema.ForeignKey("q_old_fk", List.of("id"), null, "p", List.of("id"),
                                null, null, null, true)))
                .build();
        SchemaModel after = SchemaBuilder.schema()
                .table("p", t -> t.column("id", integer, c -> c.primaryKey()))
                .table("q", t -> t.column("id", integer, c -> c.primaryKey()).column("p_id", integer).column("n", integer)
                        .check("q_old", "n < 100")
                        .check(new CheckConstraint("q_n_pos", "n > 0", true))
                        .foreignKey(new dev.retort.schema.ForeignKey("q_old_fk", List.of("id"), null, "p", List.of("id"),
                                null, null, null, false))
                        .foreignKey(new dev.retort.schema.ForeignKey("q_p_fk", List.of("p_id"), null, "p", List.of("id"),
                                "CASCADE", null, null, true)))
                .table("c", t -> t.column("n", integer).check(new CheckConstraint("c_n_pos", "n > 0", true))
                        .foreignKey(new dev.retort.schema.ForeignKey("c_p_fk", List.of("n"), null, "p", List.of("id"),
                                null, null, null, true)))
                .build();
        RevisionSource.JavaBodies bodies = RevisionSource.javaBodies(
                SchemaComparator.diff(before, after, Dialects.forName("postgresql"), SchemaFilter.everything()));
        assertThat(bodies.upgrade()).contains(
                "op.createCheckConstraint(\"q_n_pos\", \"q\", check(\"n > 0\").notValid());",
                "op.createForeignKey(\"q_p_fk\", \"q\", foreignKey(\"p_id\").references(\"p\", \"id\").onDelete(\"CASCADE\").notValid());",
                "op.validateConstraint(\"q\", \"q_old\");",
                "op.validateConstraint(\"q\", \"q_old_fk\");",
                """
                op.createTable("c",
                        column("n", INTEGER),
                        check("n > 0").named("c_n_pos"),
                        foreignKey("n").references("p", "id").named("c_p_fk"));""");
        assertThat(String.join("\n", bodies.downgrade()))
                .contains("// Constraint q_old on q stays validated: a constraint cannot be made NOT VALID again,")
                .contains("// Constraint q_old_fk on q stays validated")
                .doesNotContain("validateConstraint").doesNotContain("TODO");
    }
}
