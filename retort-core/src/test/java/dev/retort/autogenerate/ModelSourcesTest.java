package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSourcesTest {
    private final ModelContext sqlite = new ModelContext(null, Dialects.forName("sqlite"), null,
            ModelSourcesTest.class.getClassLoader());

    /** A class: model. */
    public static final class LibrarySchema implements ModelDefinition {
        @Override
        public SchemaModel model() {
            return SchemaBuilder.schema()
                    .table("author", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                    .build();
        }
    }

    /** A class: model through a static method. */
    public static final class StaticSchema {
        public static SchemaModel model() {
            return SchemaBuilder.schema().table("x", t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER))).build();
        }
    }

    /** A model() that throws: the message names the exception, not "null". */
    public static final class ThrowingSchema {
        public static SchemaModel model() {
            throw new IllegalStateException("boom");
        }
    }

    /** A ModelDefinition whose model() throws. */
    public static final class ThrowingDefinition implements ModelDefinition {
        @Override
        public SchemaModel model() {
            throw new UnsupportedOperationException("not yet");
        }
    }

    /** A model() that returns null. */
    public static final class NullSchema {
        public static SchemaModel model() {
            return null;
        }
    }

    /** Keys, indexes and foreign keys naming what the model lacks, and a column defined twice. */
    public static final class BrokenSchema {
        public static SchemaModel model() {
            return SchemaBuilder.schema()
                    .table("t", t -> t.column("id", SqlType.of(SqlType.Kind.BIGINT)).column("id", SqlType.of(SqlType.Kind.BIGINT))
                            .primaryKey("nope").index("ix_t", "gone")
                            .foreignKey("fk_t", java.util.List.of("id"), "nowhere", java.util.List.of("x")))
                    .table("u", t -> t.column("id", SqlType.of(SqlType.Kind.BIGINT))
                            .foreignKey("fk_u", java.util.List.of("id"), "t", java.util.List.of("missing")))
                    .build();
        }
    }

    /** A model with a sequence. */
    public static final class SequenceSchema {
        public static SchemaModel model() {
            return SchemaBuilder.schema().sequence("invoice_no", 1000L, 1L)
                    .table("invoice", t -> t.column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey())).build();
        }
    }

    /** t71-4: a table, a column and an index whose names PostgreSQL (63 bytes) would cut short. */
    public static final class LongNamesSchema {
        public static SchemaModel model() {
            return SchemaBuilder.schema()
                    .table("customer_relationship_management_contract_line_item_attribute_values", t -> t
                            .column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey())
                            .column("a_very_long_attribute_name_that_somebody_wrote_because_they_like_it", SqlType.of(SqlType.Kind.BIGINT))
                            .index("ix_".repeat(22), "id"))
                    .table("short_one", t -> t.column("é".repeat(31), SqlType.of(SqlType.Kind.BIGINT)))
                    .build();
        }
    }

    /** r10-1: a sql: model file that is not UTF-8 text says what it is, as a revision file does. */
    @Test
    void aSqlModelFileThatIsNotUtf8IsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema.sql");
        Files.write(file, "CREATE TABLE a (id INTEGER);\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertThatThrownBy(() -> ModelSources.load("sql:" + file, sqlite)).isInstanceOf(RetortException.class)
                .hasMessageContaining("is UTF-16").hasMessageContaining("save it as UTF-8");
        Files.write(file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';', '\n'});
        assertThatThrownBy(() -> ModelSources.load("sql:" + file, sqlite)).isInstanceOf(RetortException.class)
                .hasMessageContaining("not valid UTF-8 at line 1");
        Files.write(file, "CREATE TABLE a (id INTEGER);\u0000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ModelSources.load("sql:" + file, sqlite)).isInstanceOf(RetortException.class)
                .hasMessageContaining(":1: NUL byte");
    }

    @Test
    void classModelErrorsAreNamed() {
        assertThatThrownBy(() -> ModelSources.load("class:" + ThrowingSchema.class.getName(), sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("model() threw java.lang.IllegalStateException: boom")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ModelSources.load("class:" + ThrowingDefinition.class.getName(), sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("model() threw java.lang.UnsupportedOperationException: not yet");
        assertThatThrownBy(() -> ModelSources.load("class:" + NullSchema.class.getName(), sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("model() returned null");
    }

    @Test
    void classModelIsCheckedBeforeAnyRevision() {
        assertThatThrownBy(() -> ModelSources.load("class:" + BrokenSchema.class.getName(), sqlite))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("the model is inconsistent")
                .hasMessageContaining("table t defines column id twice")
                .hasMessageContaining("table t: its primary key names column nope, which the table does not have (it has id, id)")
                .hasMessageContaining("table t: index ix_t names column gone")
                .satisfies(e -> assertThat(e.getMessage()).as("a table outside the model, with no database to look it up in"
                        + " (offline), is not refused").doesNotContain("nowhere"))
                .hasMessageContaining("table u: foreign key fk_u refers to column t.missing, which table t does not have");
        assertThat(SchemaBuilder.problems(new LibrarySchema().model())).isEmpty();
    }

    /** t66-2: a foreign key's table outside the model is one when the database has it, a problem when it has not. */
    @Test
    void aForeignKeyToATableOutsideTheModelIsLookedUpInTheDatabase() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE Elsewhere (id INTEGER PRIMARY KEY)");
            ModelContext live = new ModelContext(null, Dialects.forName("sqlite"), c, ModelSourcesTest.class.getClassLoader());
            SchemaModel model = SchemaBuilder.schema()
                    .table("t", t -> t.column("id", SqlType.of(SqlType.Kind.BIGINT), col -> col.primaryKey())
                            .foreignKey("fk_out", java.util.List.of("id"), "elsewhere", java.util.List.of("id"))
                            .foreignKey(null, java.util.List.of("id"), "nowhere", java.util.List.of("id")))
                    .build();
            assertThat(SchemaBuilder.problems(model, ModelConsistency.tablesOf(live))).containsExactly(
                    "table t: foreign key (unnamed) refers to table nowhere, which neither the model nor the database has");
            assertThat(SchemaBuilder.problems(model)).isEmpty();
            assertThatThrownBy(() -> ModelSources.load("class:" + BrokenSchema.class.getName(), live))
                    .hasMessageContaining("table t: foreign key fk_t refers to table nowhere, which neither the model nor"
                            + " the database has");
        }
    }

    @Test
    void classModelSequencesAreLeftOutWhereTheDatabaseHasNone() {
        assertThat(ModelSources.load("class:" + SequenceSchema.class.getName(), sqlite).sequences()).isEmpty();
        ModelContext postgres = new ModelContext(null, Dialects.forName("postgresql"), null, ModelSourcesTest.class.getClassLoader());
        assertThat(ModelSources.load("class:" + SequenceSchema.class.getName(), postgres).sequences())
                .extracting(dev.retort.schema.Sequence::name).containsExactly("invoice_no");
    }

    /** An extension found by ServiceLoader (listed in test resources). */
    public static final class FakeSource implements ModelSource {
        @Override
        public String scheme() {
            return "fake";
        }

        @Override
        public SchemaModel load(String argument, ModelContext context) {
            return SchemaBuilder.schema().table(argument, t -> t.column("id", SqlType.of(SqlType.Kind.INTEGER))).build();
        }
    }

    @Test
    void classSources() {
        assertThat(ModelSources.load("class:" + LibrarySchema.class.getName(), sqlite).table("author")).isPresent();
        assertThat(ModelSources.load("class:" + StaticSchema.class.getName(), sqlite).table("x")).isPresent();
        assertThatThrownBy(() -> ModelSources.load("class:com.example.Missing", sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("com.example.Missing not found");
        assertThatThrownBy(() -> ModelSources.load("class:java.lang.String", sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("must implement dev.retort.autogenerate.ModelDefinition");
    }

    @Test
    void classSourceFileIsCompiled(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("model/app")).resolve("Shop.java");
        Files.writeString(src, """
                package app;

                import dev.retort.autogenerate.ModelDefinition;
                import dev.retort.schema.*;

                public class Shop implements ModelDefinition {
                    @Override public SchemaModel model() {
                        return SchemaBuilder.schema()
                            .table("item", t -> t.column("id", SqlType.of(SqlType.Kind.BIGINT), c -> c.primaryKey())
                                                 .column("price", SqlType.numeric(8, 2), c -> c.notNull()))
                            .build();
                    }
                }
                """);
        SchemaModel m = ModelSources.load("class:" + src, sqlite);
        assertThat(m.table("item").orElseThrow().column("price").orElseThrow().type()).isEqualTo(SqlType.numeric(8, 2));
        // saved with a byte-order mark (Windows editors): the package is still found, javac still takes it
        Files.writeString(src, "\uFEFF" + Files.readString(src).replace("\"item\"", "\"item2\""));
        assertThat(ModelSources.load("class:" + src, sqlite).table("item2")).isPresent();
        Files.writeString(src, "package app; public class Shop { int x = ; }");
        assertThatThrownBy(() -> ModelSources.load("class:" + src, sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("does not compile").hasMessageContaining("Shop.java");
    }

    @Test
    void extensionPointAndErrors() {
        assertThat(ModelSources.load("fake:widgets", sqlite).table("widgets")).isPresent();
        assertThatThrownBy(() -> ModelSources.load("jpa:com.example", sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("retort-jpa module");
        assertThatThrownBy(() -> ModelSources.load("schema.sql", sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("has no prefix");
        assertThatThrownBy(() -> ModelSources.load(null, sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("No target_metadata");
    }

    @Test
    void sqlFileInScratchSqlite(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema.sql");
        Files.writeString(file, "CREATE TABLE a (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL);\n"
                + "CREATE INDEX ix_a_name ON a (name);\n");
        SchemaModel m = ModelSources.load("sql:" + file, sqlite);
        assertThat(m.table("a").orElseThrow().indexes()).extracting(i -> i.name()).containsExactly("ix_a_name");
        assertThatThrownBy(() -> ModelSources.load("sql:" + dir.resolve("missing.sql"), sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("does not exist");
        Files.writeString(file, "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE a (id INTEGER);\n");
        assertThatThrownBy(() -> ModelSources.load("sql:" + file, sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("line 2");
    }

    /**
     * t80-1: a SQLite file that says nothing of transactions loads in one (SQLite reads its schema table through after
     * each CREATE, which a commit per statement doubles); one that manages its own (a sqlite3 .dump: PRAGMA, BEGIN
     * TRANSACTION, COMMIT) runs as written, as before; a failing statement is named by its line either way.
     */
    @Test
    void sqliteModelFilesWithAndWithoutTheirOwnTransaction(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema.sql");
        String tables = "CREATE TABLE a (id INTEGER PRIMARY KEY, x INT);\nCREATE INDEX ix_a_x ON a (x);\nINSERT INTO a VALUES (1, 2);\n";
        for (String text : new String[]{tables, "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n" + tables + "COMMIT;\n",
                "/* dumped */ begin;\n" + tables + "end;\n"}) {
            Files.writeString(file, text);
            assertThat(ModelSources.load("sql:" + file, sqlite).table("a").orElseThrow().indexes()).as(text)
                    .extracting(i -> i.name()).containsExactly("ix_a_x");
        }
        Files.writeString(file, tables + "CREATE INDEX ix_a_x ON a (id);\n");
        assertThatThrownBy(() -> ModelSources.load("sql:" + file, sqlite))
                .isInstanceOf(RetortException.class).hasMessageContaining("line 4");
    }

    /**
     * t37-3: sqlite3 .schema prints CREATE TABLE sqlite_sequence(name,seq) (and sqlite_stat1 after ANALYZE), which
     * SQLite refuses ("object name reserved for internal use"): the model leaves it out, SQLite makes it itself.
     */
    @Test
    void sqliteSchemaDumpWithItsInternalTablesIsAModel(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema.sql");
        Files.writeString(file, "CREATE TABLE t(id integer primary key autoincrement, x);\n"
                + "CREATE TABLE sqlite_sequence(name,seq);\nCREATE INDEX ix on t(x);\n"
                + "CREATE TABLE sqlite_stat1(tbl,idx,stat);\nCREATE TABLE IF NOT EXISTS \"sqlite_sequence\" (name, seq);\n");
        SchemaModel m = ModelSources.load("sql:" + file, sqlite);
        assertThat(m.tables()).extracting(t -> t.name()).containsExactly("t");
        assertThat(m.table("t").orElseThrow().columns().get(0).autoincrement()).isTrue();
    }

    /**
     * t71-4: PostgreSQL cut the names short when the revision ran, and every later comparison then proposed dropping
     * the table (or a rename); MariaDB refused the statement mid-revision. Refused up front, each name listed.
     */
    @Test
    void namesTheEngineCannotHoldAreRefusedBeforeAnythingIsWritten() {
        ModelContext pg = new ModelContext(null, Dialects.forName("postgresql"), null, ModelSourcesTest.class.getClassLoader());
        assertThatThrownBy(() -> ModelSources.load("class:" + LongNamesSchema.class.getName(), pg))
                .isInstanceOf(RetortException.class)
                .hasMessage("target_metadata 'class:" + LongNamesSchema.class.getName() + "' names what PostgreSQL cannot hold, "
                        + "so a revision would not create the model's names (shorten them):\n"
                        + "  - table customer_relationship_management_contract_line_item_attribute_values: it is 68 bytes long, "
                        + "and PostgreSQL names hold 63\n"
                        + "  - column a_very_long_attribute_name_that_somebody_wrote_because_they_like_it (table "
                        + "customer_relationship_management_contract_line_item_attribute_values): it is 67 bytes long, and "
                        + "PostgreSQL names hold 63\n"
                        + "  - index " + "ix_".repeat(22) + " (table customer_relationship_management_contract_line_item_attribute_values): "
                        + "it is 66 bytes long, and PostgreSQL names hold 63");
        ModelContext maria = new ModelContext(null, Dialects.forName("mariadb"), null, ModelSourcesTest.class.getClassLoader());
        assertThatThrownBy(() -> ModelSources.load("class:" + LongNamesSchema.class.getName(), maria))
                .hasMessageContaining("  - table customer_relationship_management_contract_line_item_attribute_values: it is 68 "
                        + "characters long, and MariaDB/MySQL names hold 64\n");
        // short_one's column of 31 two-byte characters (62 bytes) is held, so not listed above; a model that fits loads
        assertThat(ModelSources.load("class:" + StaticSchema.class.getName(), pg).tables()).hasSize(1);
    }
}
