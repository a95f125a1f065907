package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.schema.Column;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t37-4: a column's {@code ON UPDATE CURRENT_TIMESTAMP} (MariaDB/MySQL, H2) is part of the column: reflected,
 * written by autogenerate ({@code serverOnUpdate}), made by upgrade online and offline, changed and dropped in
 * place, compared by check; PostgreSQL and SQLite refuse it naming the column and table.
 */
class ColumnOnUpdateIT {
    private static final String MARIADB = """
            CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(10),
                created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                touched DATETIME(3) NULL ON UPDATE CURRENT_TIMESTAMP(3));
            """;
    private static final String H2 = """
            CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(10),
                created TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
                updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP NOT NULL,
                touched TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3));
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void onUpdateIsMadeComparedChangedAndDropped(Engine engine) throws Exception {
        String schema = engine == Engine.MARIADB ? MARIADB : H2;
        try (TestDatabase db = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), schema);

            // reflection reads it, as a model writes it
            Column updated = Schemas.model(engine, schema).table("item").orElseThrow().columns().stream()
                    .filter(c -> c.name().equalsIgnoreCase("updated_at")).findFirst().orElseThrow();
            assertThat(updated.onUpdate()).isEqualTo("CURRENT_TIMESTAMP");

            String first = generate(config, "aaaaaaaaaaa1");
            assertThat(first).contains(".serverOnUpdate(\"CURRENT_TIMESTAMP\")", ".serverOnUpdate(\"CURRENT_TIMESTAMP(3)\")");
            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(stampedOnUpdate(db, "updated_at")).as("updated_at follows an update").isTrue();
            assertThat(stampedOnUpdate(db, "touched")).isTrue();
            assertThat(stampedOnUpdate(db, "created")).isFalse();

            String up = retort.sql(Direction.UPGRADE, "head", null);
            assertThat(up).containsIgnoringCase("ON UPDATE CURRENT_TIMESTAMP");
            feed(offline, up);
            assertThat(Schemas.reflect(offline).table("item")).isEqualTo(Schemas.reflect(db).table("item"));

            // moved from updated_at to created: check reports it, autogenerate alters both columns in place
            String moved = schema.replace("DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP", "DEFAULT CURRENT_TIMESTAMP")
                    .replace("created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,", "created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,")
                    .replace("created TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,", "created TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP NOT NULL,");
            assertThat(moved).isNotEqualTo(schema);
            Files.writeString(dir.resolve("schema.sql"), moved);
            assertThat(String.join("\n", DriftCheck.lines(config))).containsIgnoringCase("ON UPDATE none -> CURRENT_TIMESTAMP")
                    .containsIgnoringCase("ON UPDATE CURRENT_TIMESTAMP -> none");
            String second = generate(config, "bbbbbbbbbbb2");
            assertThat(second).contains(".serverOnUpdate(\"CURRENT_TIMESTAMP\")", ".dropServerOnUpdate()");
            retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(stampedOnUpdate(db, "updated_at")).isFalse();
            assertThat(stampedOnUpdate(db, "created")).isTrue();

            String up2 = retort.sql(Direction.UPGRADE, "aaaaaaaaaaa1:head", null);
            assertThat(Schemas.withoutCheckNotes(up2)).doesNotContain("-- Retort:");
            feed(offline, up2);
            assertThat(Schemas.reflect(offline).table("item")).isEqualTo(Schemas.reflect(db).table("item"));

            // and back, online and offline
            retort.downgrade("aaaaaaaaaaa1");
            String down = retort.sql(Direction.DOWNGRADE, "head:aaaaaaaaaaa1", null);
            assertThat(Schemas.withoutCheckNotes(down)).doesNotContain("-- Retort:");
            feed(offline, down);
            Files.writeString(dir.resolve("schema.sql"), schema);
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(stampedOnUpdate(db, "updated_at")).isTrue();
            assertThat(Schemas.reflect(offline).table("item")).isEqualTo(Schemas.reflect(db).table("item"));
        }
    }

    /**
     * t45-1, t45-3: a new precision of a TIMESTAMP/DATETIME column with CURRENT_TIMESTAMP(n) as its default and
     * ON UPDATE: autogenerate writes the type change, which carries both to the new precision online and in
     * {@code --sql} (MariaDB refused the old ON UPDATE and kept the old default, which check then reported), and
     * the downgrade puts both back at the old one. A Java revision (rendered when it runs) and a SQL one.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"MARIADB, false", "MARIADB, true", "H2, false", "H2, true"})
    void aNewPrecisionCarriesTheDefaultAndOnUpdate(Engine engine, boolean sqlFile) throws Exception {
        String before = engine == Engine.MARIADB ? """
                CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(10),
                    updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                    e DATETIME(3) NULL ON UPDATE CURRENT_TIMESTAMP(3));
                """ : """
                CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(10),
                    updated_at TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3) NOT NULL,
                    created_at TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
                    e TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3));
                """;
        String after = before.replace("(3)", "(6)");
        try (TestDatabase db = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine)) {
            Files.createDirectories(dir.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Files.writeString(dir.resolve("schema.sql"), before);
            generate(config, "aaaaaaaaaaa1", false);
            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            feed(offline, retort.sql(Direction.UPGRADE, "head", null));
            assertThat(DriftCheck.lines(config)).isEmpty();

            Files.writeString(dir.resolve("schema.sql"), after);
            // the clauses move with the type, and check says so
            assertThat(DriftCheck.lines(config)).hasSize(3).anySatisfy(l -> assertThat(l).containsIgnoringCase(
                    "default current_timestamp(3) -> current_timestamp(6), ON UPDATE CURRENT_TIMESTAMP(3) -> CURRENT_TIMESTAMP(6)"));
            String second = generate(config, "bbbbbbbbbbb2", sqlFile);
            retort = Retort.of(config, ScriptDirectory.load(config));
            retort.upgrade("head");
            assertThat(DriftCheck.lines(config)).as("check right after the upgrade of\n%s", second).isEmpty();
            assertThat(stampedOnUpdate(db, "w", "updated_at")).isTrue();
            assertThat(stampedOnUpdate(db, "w", "e")).isTrue();
            feed(offline, retort.sql(Direction.UPGRADE, "aaaaaaaaaaa1:head", null));
            assertThat(Schemas.reflect(offline).table("w")).isEqualTo(Schemas.reflect(db).table("w"));

            // and back: both clauses at the old precision again, online and offline
            retort.downgrade("aaaaaaaaaaa1");
            feed(offline, retort.sql(Direction.DOWNGRADE, "head:aaaaaaaaaaa1", null));
            Files.writeString(dir.resolve("schema.sql"), before);
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(stampedOnUpdate(db, "w", "updated_at")).isTrue();
            assertThat(Schemas.reflect(offline).table("w")).isEqualTo(Schemas.reflect(db).table("w"));
        }
    }

    /**
     * t45-1: a hand-written type change online (no existing state: the column is read) carries the ON UPDATE and
     * a default at the column's precision to the new one; a type that cannot have ON UPDATE is refused by name.
     */
    @Test
    void aHandWrittenTypeChangeOnMariaDbRestatesAtTheNewPrecision() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.execute(db, "CREATE TABLE v (id INT PRIMARY KEY, v VARCHAR(10),"
                    + " e DATETIME(2) NOT NULL DEFAULT now(2) ON UPDATE current_timestamp(2),"
                    + " d TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP)");
            Schemas.apply(db, List.of(dev.retort.ops.AlterColumn.builder(null, "v", "e")
                    .type(dev.retort.migration.Migration.timestamp(false, 6)).build()));
            Column e = Schemas.reflect(db).table("v").orElseThrow().column("e").orElseThrow();
            assertThat(e.type().toString()).contains("6");
            assertThat(e.serverDefault()).isEqualToIgnoringCase("current_timestamp(6)");
            assertThat(e.onUpdate()).isEqualToIgnoringCase("current_timestamp(6)");
            assertThat(stampedOnUpdate(db, "v", "e")).isTrue();

            assertThatThrownBy(() -> Schemas.apply(db, List.of(dev.retort.ops.AlterColumn.builder(null, "v", "d")
                    .type(dev.retort.migration.Migration.string(40)).build())))
                    .hasMessageContaining("column d has ON UPDATE CURRENT_TIMESTAMP, which a column of type VARCHAR(40) cannot have")
                    .hasMessageContaining(".dropServerOnUpdate()");
            Schemas.apply(db, List.of(dev.retort.ops.AlterColumn.builder(null, "v", "d")
                    .type(dev.retort.migration.Migration.string(40)).dropServerOnUpdate().build()));
            assertThat(Schemas.reflect(db).table("v").orElseThrow().column("d").orElseThrow().onUpdate()).isNull();
        }
    }

    /** Spellings the engine stores differently compare equal: now(), current_timestamp(), the column's precision. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "H2"})
    void equalClausesCompareEqual(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            SchemaModel model = SchemaBuilder.schema().table("item", t -> t
                    .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                    .column("a", SqlType.of(SqlType.Kind.TIMESTAMP), c -> c.serverOnUpdate("now()"))
                    .column("b", dev.retort.migration.Migration.timestamp(false, 3), c -> c.serverOnUpdate("CURRENT_TIMESTAMP"))
                    .column("c", dev.retort.migration.Migration.timestamp(false, 3), c -> c.serverOnUpdate("current_timestamp(3)"))).build();
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything()).entries()).isEmpty();
            // without the clause in the model, it is drift
            SchemaModel without = SchemaBuilder.schema().table("item", t -> t
                    .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                    .column("a", SqlType.of(SqlType.Kind.TIMESTAMP), c -> { })
                    .column("b", dev.retort.migration.Migration.timestamp(false, 3), c -> c.serverOnUpdate("CURRENT_TIMESTAMP"))
                    .column("c", dev.retort.migration.Migration.timestamp(false, 3), c -> c.serverOnUpdate("current_timestamp(3)"))).build();
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), without, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(diff.upgrade()).singleElement().satisfies(op -> assertThat(((dev.retort.ops.AlterColumn) op).onUpdate())
                    .isEqualTo(dev.retort.ops.Change.remove()));
            Schemas.apply(db, diff.upgrade());
            assertThat(SchemaComparator.diff(Schemas.reflect(db), without, Schemas.dialect(db), SchemaFilter.everything()).entries()).isEmpty();
            Schemas.apply(db, diff.downgrade());
            assertThat(SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything()).entries()).isEmpty();
        }
    }

    /** PostgreSQL and SQLite have no such clause: a revision asking for one is refused, naming the column and table. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "SQLITE"})
    void refusedWhereTheEngineHasNoOnUpdate(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
            Files.writeString(versions.resolve("a.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "aaaa00000001", message = "items")
                    class Items extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.createTable("item", column("id", INTEGER).primaryKey(),
                                    column("updated_at", TIMESTAMP).notNull().serverDefault("CURRENT_TIMESTAMP")
                                            .serverOnUpdate("CURRENT_TIMESTAMP"));
                        }
                        @Override public void downgrade(Operations op) { op.dropTable("item"); }
                    }
                    """);
            Files.writeString(versions.resolve("b.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "bbbb00000002", revises = "aaaa00000001", message = "stamp")
                    class Stamp extends Migration {
                        @Override public void upgrade(Operations op) {
                            op.alterColumn("item", "updated_at", a -> a.serverOnUpdate("CURRENT_TIMESTAMP")
                                    .existingType(TIMESTAMP).existingNullable(false).existingServerDefault(null).existingComment(null));
                        }
                    }
                    """);
            RetortConfig config = AutogeneratorIT.config(dir, db.url());
            Retort retort = Retort.of(config, ScriptDirectory.load(config));
            String name = engine == Engine.POSTGRESQL ? "PostgreSQL" : "SQLite";
            assertThatThrownBy(() -> retort.sql(Direction.UPGRADE, "aaaa00000001", null))
                    .hasMessageContaining(name + " cannot create table item: column updated_at of table item has ON UPDATE"
                            + " CURRENT_TIMESTAMP, and it has no ON UPDATE clause for columns");
            assertThatThrownBy(() -> retort.upgrade("aaaa00000001"))
                    .hasMessageContaining("column updated_at of table item has ON UPDATE CURRENT_TIMESTAMP");
            assertThat(Schemas.reflect(db).table("item")).isEmpty();

            // the alter of an existing table likewise
            Schemas.execute(db, "CREATE TABLE item (id INTEGER PRIMARY KEY, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            retort.stamp("aaaa00000001", false);
            assertThatThrownBy(() -> retort.sql(Direction.UPGRADE, "aaaa00000001:bbbb00000002", null))
                    .hasMessageContaining(name + " cannot alter column item.updated_at: column updated_at of table item:"
                            + " it has no ON UPDATE clause for columns");
            assertThatThrownBy(() -> retort.upgrade("head")).hasMessageContaining("column updated_at of table item");
        }
    }

    /** Whether updating another column of the row stamps {@code column}: set to 2000 first, then v updated. */
    private static boolean stampedOnUpdate(TestDatabase db, String column) throws Exception {
        return stampedOnUpdate(db, "item", column);
    }

    private static boolean stampedOnUpdate(TestDatabase db, String table, String column) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + table);
            s.executeUpdate("INSERT INTO " + table + " (id, v) VALUES (1, 'a')");
            s.executeUpdate("UPDATE " + table + " SET " + column + " = TIMESTAMP '2000-01-01 00:00:00'");
            s.executeUpdate("UPDATE " + table + " SET v = 'b'");
            try (ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table)) {
                rs.next();
                return rs.getTimestamp(1).toLocalDateTime().getYear() > 2000;
            }
        }
    }

    private static void feed(TestDatabase db, String script) throws Exception {
        if (db.engine() == Engine.MARIADB) SchemaFiles.feedMariaDb(db, script);
        else Schemas.execute(db, script);
    }

    private static String generate(RetortConfig config, String id) throws Exception {
        return generate(config, id, false);
    }

    private static String generate(RetortConfig config, String id, boolean sqlFile) throws Exception {
        RevisionGenerator.Request request = new RevisionGenerator.Request("change", sqlFile, List.of("head"), false,
                List.of(), List.of(), id, null, null, null, List.of());
        Path file = Autogenerator.generate(config, ScriptDirectory.load(config), request, Clock.systemUTC()).orElseThrow().path();
        return Files.readString(file);
    }
}
