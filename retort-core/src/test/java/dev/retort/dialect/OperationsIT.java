package dev.retort.dialect;

import dev.retort.migration.DefaultOperations;
import dev.retort.migration.Operations;
import dev.retort.ops.Change;
import dev.retort.ops.ColumnSpec;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.QualifiedName;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.TableElement;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testing.Engine;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.retort.dialect.OpsHarness.applyOnline;
import static dev.retort.dialect.OpsHarness.dialect;
import static dev.retort.dialect.OpsHarness.ops;
import static dev.retort.dialect.OpsHarness.runScript;
import static dev.retort.dialect.OpsHarness.script;
import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation on PostgreSQL, MariaDB, H2 and SQLite: applied online through JDBC, and rendered offline as
 * a script that the engine's own client runs on a fresh database; both must give the same schema
 * (and rows). Reversible changes followed by their reverse must give back the schema they started from.
 */
class OperationsIT {
    private static final Set<Engine> SERVERS_AND_H2 = EnumSet.of(Engine.POSTGRESQL, Engine.MARIADB, Engine.H2);
    private static final Set<Engine> ALL = EnumSet.allOf(Engine.class);

    record Case(String name, Set<Engine> engines, Consumer<Operations> setup, Consumer<Operations> change,
                boolean reversible) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** toString is not the name: the offline literal and the online value both use the name. */
    enum Color { RED, GREEN { @Override public String toString() { return "green!"; } } }

    private static boolean is(Operations op, String dialect) {
        return op.context().dialect().equals(dialect);
    }

    static Table table(String name, TableElement... elements) {
        return DefaultOperations.buildTable(QualifiedName.parse(name), List.of(elements));
    }

    private static final TableElement[] PARENT = {
            column("id", INTEGER).primaryKey(), column("name", string(40))};

    private static final TableElement[] ITEM = {
            column("id", INTEGER).primaryKey(), column("parent_id", INTEGER), column("name", string(50)),
            column("qty", INTEGER).notNull().serverDefault("0"), column("code", string(10)).notNull()};

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("create table with every portable type", ALL, op -> { }, op -> {
            List<TableElement> cols = new ArrayList<>(List.of(
                    column("id", BIGINT).primaryKey().autoincrement(),
                    column("flag", BOOLEAN).notNull().serverDefault("FALSE"),
                    column("small", SMALLINT), column("i", INTEGER), column("amount", numeric(10, 2)),
                    column("r", REAL), column("d", DOUBLE),
                    column("s", string(50)).notNull().serverDefault("'x'").comment("a string, it's commented"),
                    column("t", TEXT), column("c", chars(3)), column("day", DATE), column("at", TIME),
                    column("ts", TIMESTAMP), column("tstz", TIMESTAMPTZ), column("bin", binary(16)),
                    column("bl", BLOB), column("u", UUID), column("j", JSON), column("rw", raw("VARCHAR(7)")),
                    tableComment("every type")));
            if (!is(op, "mariadb") && !is(op, "sqlite")) cols.add(column("iv", INTERVAL));
            if (!is(op, "postgresql")) cols.add(column("e", enumOf(null, "a", "b'c")));
            op.createTable("everything", cols.toArray(TableElement[]::new));
        }, true));
        c.add(new Case("create table with keys, checks, references and indexes", ALL,
                op -> op.createTable("parent", PARENT), op -> op.createTable("child",
                column("id", INTEGER).primaryKey(),
                column("parent_id", INTEGER).references("parent", "id").onDelete("CASCADE"),
                column("code", string(20)).notNull().unique(),
                column("qty", INTEGER),
                column("other_id", INTEGER),
                check("qty >= 0").named("ck_child_qty"),
                foreignKey("other_id").references("parent", "id").onUpdate("SET NULL").named("fk_child_other"),
                unique("parent_id", "qty").named("uq_child_pq"),
                index("ix_child_qty", "qty")), true));
        c.add(new Case("drop table carrying its definition", ALL,
                op -> op.createTable("item", ITEM), op -> op.dropTable(table("item", ITEM)), true));
        c.add(new Case("rename table", ALL,
                op -> op.createTable("item", ITEM), op -> op.renameTable("item", "article"), true));
        c.add(new Case("add columns", ALL, op -> op.createTable("item", ITEM), op -> {
            op.addColumn("item", column("note", string(100)).comment("free text"));
            op.addColumn("item", column("n", INTEGER).notNull().serverDefault("7"));
        }, true));
        c.add(new Case("add an auto-increment key column", ALL, op -> {
            op.createTable("bare", column("v", INTEGER).notNull());
            op.bulkInsert("bare", List.of(row("v", 10), row("v", 20)));
        }, op -> op.addColumn("bare", column("id", INTEGER).primaryKey().autoincrement()), true));
        c.add(new Case("add an auto-increment column to a keyed table", SERVERS_AND_H2, op -> op.createTable("item", ITEM),
                op -> op.addColumn("item", column("n", BIGINT).autoincrement()), true));
        c.add(new Case("add a unique auto-increment column", SERVERS_AND_H2, op -> op.createTable("item", ITEM),
                op -> op.addColumn("item", column("n", BIGINT).autoincrement().unique()), true));
        c.add(new Case("drop column carrying its definition", ALL, op -> op.createTable("item", ITEM),
                op -> op.invoke(new DropColumn(null, "item", "name", Column.of("name", string(50)), false)), true));
        c.add(new Case("drop a column added with references()", ALL, op -> {
            op.createTable("team", column("id", INTEGER).primaryKey());
            op.createTable("player", column("id", INTEGER).primaryKey(), column("name", string(20)));
            op.addColumn("player", column("team_id", INTEGER).references("team", "id"));
        }, op -> op.dropColumn("player", "team_id"), false));
        c.add(new Case("alter column type, nullability, default, comment", ALL,
                op -> op.createTable("item", ITEM), op -> {
            op.alterColumn("item", "name", a -> a.type(string(200)).nullable(false)
                    .existing(Column.of("name", string(50))));
            op.alterColumn("item", "qty", a -> a.type(BIGINT).serverDefault("5")
                    .existing(Column.of("qty", INTEGER).withNullable(false).withServerDefault("0")));
            op.alterColumn("item", "code", a -> a.comment("the code").nullable(true)
                    .existing(Column.of("code", string(10)).withNullable(false)));
        }, true));
        c.add(new Case("drop default, rename columns", ALL, op -> op.createTable("item", ITEM), op -> {
            op.alterColumn("item", "qty", a -> a.dropServerDefault().existingServerDefault("0"));
            op.renameColumn("item", "name", "title");
            op.alterColumn("item", "code", a -> a.newName("sku").type(string(30))
                    .existing(Column.of("code", string(10)).withNullable(false)));
        }, true));
        c.add(new Case("MariaDB online alter keeps collation, auto-increment and ON UPDATE", EnumSet.of(Engine.MARIADB),
                op -> op.execute("CREATE TABLE m (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                        + "name VARCHAR(20) COLLATE utf8mb4_bin NOT NULL DEFAULT 'a''b', "
                        + "ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)) COMMENT 'x'"),
                op -> {
            op.alterColumn("m", "id", a -> a.comment("the id").existingType(INTEGER).existingNullable(false)
                    .existingServerDefault(null).existingComment(null).existingAutoincrement(true));
            op.alterColumn("m", "name", a -> a.comment("binary").existingType(raw("VARCHAR(20) COLLATE utf8mb4_bin"))
                    .existingNullable(false).existingServerDefault("'a''b'").existingComment(null));
            op.alterColumn("m", "ts", a -> a.comment("stamp").existingType(raw("TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)"))
                    .existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP(3)").existingComment(null));
        }, false));
        c.add(new Case("alter type with USING", EnumSet.of(Engine.POSTGRESQL), op -> {
            op.createTable("item", column("id", INTEGER).primaryKey(), column("code", TEXT));
            op.bulkInsert("item", List.of(row("id", 1, "code", "10"), row("id", 2, "code", "20")));
        }, op -> op.alterColumn("item", "code", a -> a.type(INTEGER).using("code::integer").existingType(TEXT)), true));
        c.add(new Case("create indexes", ALL, op -> op.createTable("item", ITEM), op -> {
            op.createIndex("ix_item_name", "item", "name");
            op.createUniqueIndex("ux_item_code_qty", "item", "code", "qty");
            op.createIndex("ix_item_parent", "item", i -> i.columns("parent_id").ifNotExists());
        }, true));
        c.add(new Case("partial, expression and concurrent indexes", EnumSet.of(Engine.POSTGRESQL, Engine.SQLITE),
                op -> op.createTable("item", ITEM), op -> {
            op.createIndex("ix_item_lower", "item", i -> i.expression("lower(name)").columns("qty"));
            op.createIndex("ix_item_positive", "item", i -> i.columns("qty").where("qty > 0").unique());
            op.createIndex("ix_item_conc", "item", i -> i.columns("code").concurrently());
        }, true));
        c.add(new Case("index methods", EnumSet.of(Engine.POSTGRESQL, Engine.MARIADB, Engine.H2),
                op -> op.createTable("doc", column("id", INTEGER).primaryKey(), column("body", TEXT), column("tag", string(20))),
                op -> {
            String method = switch (op.context().dialect()) {
                case "postgresql" -> "hash";
                case "mariadb" -> "FULLTEXT";
                default -> "HASH";
            };
            String col = op.context().dialect().equals("h2") ? "tag" : "body";
            op.invoke(new dev.retort.ops.CreateIndex(null, "doc",
                    new Index("ix_doc_m", List.of(IndexElement.column(col)), false, null, method), false, false));
        }, true));
        c.add(new Case("drop index carrying its definition", ALL, op -> {
            op.createTable("item", ITEM);
            op.createIndex("ix_item_name", "item", "name", "qty");
        }, op -> op.invoke(new DropIndex(null, "item", "ix_item_name",
                new Index("ix_item_name", List.of(IndexElement.column("name"), IndexElement.column("qty")), false, null),
                false, false)), true));
        c.add(new Case("create primary key", ALL,
                op -> op.createTable("bare", column("id", INTEGER).notNull(), column("v", INTEGER)),
                op -> op.createPrimaryKey("pk_bare", "bare", "id"), true));
        c.add(new Case("create unique, check and foreign key constraints", ALL, op -> {
            op.createTable("parent", PARENT);
            op.createTable("item", ITEM);
        }, op -> {
            op.createUniqueConstraint("uq_item_code", "item", "code");
            op.createCheckConstraint("ck_item_qty", "item", "qty >= 0");
            op.createForeignKey("fk_item_parent", "item",
                    foreignKey("parent_id").references("parent", "id").onDelete("SET NULL").onUpdate("CASCADE"));
        }, true));
        c.add(new Case("drop constraints carrying their definitions", ALL, op -> {
            op.createTable("parent", PARENT);
            op.createTable("item", ITEM);
            op.createUniqueConstraint("uq_item_code", "item", "code");
            op.createCheckConstraint("ck_item_qty", "item", "qty >= 0");
            op.createForeignKey("fk_item_parent", "item", List.of("parent_id"), "parent", List.of("id"));
        }, op -> {
            op.invoke(DropConstraint.of(null, "item", new UniqueConstraint("uq_item_code", List.of("code"))));
            op.invoke(DropConstraint.of(null, "item", new CheckConstraint("ck_item_qty", "qty >= 0")));
            op.invoke(DropConstraint.of(null, "item", new ForeignKey("fk_item_parent", List.of("parent_id"), null,
                    "parent", List.of("id"), null, null)));
        }, true));
        c.add(new Case("sequences", SERVERS_AND_H2, op -> { }, op -> {
            op.createSequence("seq_a");
            op.createSequence("seq_b", 100, 5);
        }, true));
        c.add(new Case("enum types", EnumSet.of(Engine.POSTGRESQL), op -> { }, op -> {
            op.createEnumType("mood", "sad", "ok");
            op.createTable("person", column("id", INTEGER).primaryKey(), column("m", enumOf("mood", "sad", "ok")));
        }, true));
        c.add(new Case("add enum value", EnumSet.of(Engine.POSTGRESQL), op -> op.createEnumType("mood", "sad", "ok"), op -> {
            op.addEnumValue("mood", "happy");
            op.invoke(new dev.retort.ops.AddEnumValue(null, "mood", "meh", "ok", null, true));
        }, false));
        c.add(new Case("table comments", SERVERS_AND_H2, op -> op.createTable("item", ITEM), op -> {
            op.invoke(new SetTableComment(null, "item", "things we sell, it's true", Change.remove()));
        }, true));
        c.add(new Case("execute and bulk insert", ALL, op -> op.createTable("item", ITEM), op -> {
            op.bulkInsert("item", List.of(
                    row("id", 1, "name", "o'neil", "qty", 3, "code", "a\\b"),
                    row("id", 2, "name", null, "qty", 0, "code", "ünï ✓ 𝄞"),
                    row("id", 3, "code", "l\nb\tt\r")));
            op.execute("INSERT INTO item (id, name, qty, code) VALUES (?, ?, ?, ?)", 4, "what? -- not a comment", 9, "?'");
            op.execute("UPDATE item SET qty = qty + 1 WHERE code <> '?'");
        }, false));
        c.add(new Case("jsonb ? operators are not placeholders", EnumSet.of(Engine.POSTGRESQL), op -> {
            op.createTable("doc", column("id", INTEGER).primaryKey(), column("body", JSON));
            op.createTable("hit", column("id", INTEGER), column("how", string(10)));
            op.execute("INSERT INTO doc VALUES (1, '{\"a\": 1}'), (2, '{\"b\": 2}'), (3, '{\"a\": 1, \"b\": 2}')");
        }, op -> {
            // without parameters the SQL is sent as written: ? ?| ?& are operators
            op.execute("INSERT INTO hit SELECT id, 'has a' FROM doc WHERE body ? 'a'");
            op.execute("INSERT INTO hit SELECT id, 'any' FROM doc WHERE body ?| array['a', 'b'] AND body ?& array['a']");
            // with parameters ?? is a literal ?
            op.execute("INSERT INTO hit SELECT id, ? FROM doc WHERE body ?? ? AND body ??& array[?, 'b']", "both", "a", "a");
            op.execute("INSERT INTO hit SELECT id, ? FROM doc WHERE body ??| array['b'] AND id > ?", "b", 1);
        }, false));
        c.add(new Case("nasty literal values survive offline inlining", ALL, op -> op.createTable("val",
                column("id", INTEGER).primaryKey(), column("s", string(100)), column("t", TEXT),
                column("b", BOOLEAN), column("n", numeric(20, 6)), column("dbl", DOUBLE), column("day", DATE),
                column("at", TIME), column("ts", TIMESTAMP), column("bin", binary(300)), column("u", UUID)), op -> {
            byte[] allBytes = new byte[256];
            for (int i = 0; i < 256; i++) allBytes[i] = (byte) i;
            List<Map<String, Object>> rows = new ArrayList<>();
            String[] nasty = {"it's", "''", "\\", "\\'", "back\\slash\\", "' OR 1=1 --", "$$ $x$ dollar",
                    "\"double\" `tick`", "ünïcödé ✓ 日本語 𝄞 🎉", "new\nline\r\n\ttab", "?", "/* c */ -- d", "NULL", ""};
            for (int i = 0; i < nasty.length; i++) {
                rows.add(row("id", i, "s", nasty[i], "t", nasty[i] + nasty[(i + 1) % nasty.length], "b", i % 2 == 0,
                        "n", new BigDecimal("-12345678901234.123456").add(BigDecimal.valueOf(i)), "dbl", 0.1 * i,
                        "day", LocalDate.of(1999, 12, 31).plusDays(i), "at", java.time.LocalTime.of(23, 59, 58, 123_000_000),
                        "ts", LocalDateTime.of(2026, 1, 22, 10, 30, 0, 999_999_000).plusHours(i),
                        "bin", i == 0 ? allBytes : new byte[]{(byte) i, 0, (byte) 0xff, '\'', '\\'},
                        "u", java.util.UUID.nameUUIDFromBytes(nasty[i].getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            rows.add(row("id", 100, "s", null, "t", null, "b", null, "n", null, "dbl", null, "day", null, "at", null,
                    "ts", null, "bin", null, "u", null));
            op.bulkInsert("val", rows);
        }, false));
        c.add(new Case("Instant and ZonedDateTime values", EnumSet.of(Engine.POSTGRESQL, Engine.H2, Engine.SQLITE),
                op -> op.createTable("ev", column("id", INTEGER).primaryKey(), column("at", TIMESTAMPTZ)), op -> {
            // pgjdbc takes neither as a parameter: Retort binds them as the OffsetDateTime they are
            op.bulkInsert("ev", List.of(row("id", 1, "at", java.time.Instant.parse("2026-01-02T03:04:05Z")),
                    row("id", 2, "at", java.time.ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, java.time.ZoneId.of("Europe/Paris")))));
            op.execute("INSERT INTO ev (id, at) VALUES (?, ?), (?, ?)", 3, java.time.Instant.parse("2026-07-01T00:00:00.5Z"),
                    4, java.time.ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, java.time.ZoneId.of("America/New_York")));
        }, false));
        // t29-4: SQLite's script wrote TIME WITH TIME ZONE '...', a syntax error there; as text, as the online run binds
        c.add(new Case("OffsetTime values", EnumSet.of(Engine.POSTGRESQL, Engine.H2, Engine.SQLITE),
                op -> op.createTable("ot", column("id", INTEGER).primaryKey(), column("t", time(true))), op -> {
            op.bulkInsert("ot", List.of(row("id", 1, "t", java.time.OffsetTime.of(1, 2, 0, 0, java.time.ZoneOffset.ofHours(2)))));
            op.execute("INSERT INTO ot (id, t) VALUES (?, ?)", 2, java.time.OffsetTime.of(23, 59, 58, 5000, java.time.ZoneOffset.UTC));
        }, false));
        c.add(new Case("float values store their decimal", ALL, op -> op.createTable("num",
                column("id", INTEGER).primaryKey(), column("r", REAL), column("d", DOUBLE), column("n", numeric(20, 10))), op -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            float[] values = {0.1f, 1.1f, -0.0025f, 123456.79f, 3.0e-7f, 16777216f};
            for (int i = 0; i < values.length; i++) rows.add(row("id", i, "r", values[i], "d", values[i], "n", values[i]));
            op.bulkInsert("num", rows);
            op.execute("INSERT INTO num (id, r, d, n) VALUES (?, ?, ?, ?)", 100, 0.7f, 0.7f, 0.7f);
        }, false));
        c.add(new Case("enum values stored by name", ALL, op -> op.createTable("paint",
                column("id", INTEGER).primaryKey(), column("c", string(10))), op -> {
            op.bulkInsert("paint", List.of(row("id", 1, "c", Color.RED), row("id", 2, "c", Color.GREEN)));
            op.execute("INSERT INTO paint (id, c) VALUES (?, ?)", 3, Color.GREEN);
        }, false));
        c.add(new Case("NaN and infinities", EnumSet.of(Engine.POSTGRESQL, Engine.H2), op -> op.createTable("num",
                column("id", INTEGER).primaryKey(), column("r", REAL), column("d", DOUBLE)), op -> {
            op.bulkInsert("num", List.of(row("id", 1, "r", Float.NaN, "d", Double.NaN),
                    row("id", 2, "r", Float.POSITIVE_INFINITY, "d", Double.NEGATIVE_INFINITY),
                    row("id", 3, "r", Float.NEGATIVE_INFINITY, "d", Double.POSITIVE_INFINITY)));
            op.execute("INSERT INTO num (id, r, d) VALUES (?, ?, ?)", 4, Float.NaN, Double.NaN);
        }, false));
        c.add(new Case("dates BC, past 9999, infinite, and sub-microsecond times as pgjdbc stores them", EnumSet.of(Engine.POSTGRESQL),
                op -> op.createTable("ev", column("id", INTEGER).primaryKey(), column("d", DATE), column("ts", TIMESTAMP),
                        column("t", TIME), column("tz", TIMESTAMPTZ)), op -> {
            op.execute("INSERT INTO ev VALUES (?, ?, ?, ?, ?)", 1, java.time.LocalDate.of(-43, 3, 15),
                    java.time.LocalDateTime.of(0, 1, 1, 12, 0), java.time.LocalTime.of(0, 0, 0, 500),
                    java.time.OffsetDateTime.of(-43, 3, 15, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(2)));
            op.bulkInsert("ev", List.of(row("id", 2, "d", java.time.LocalDate.MAX,
                    "ts", java.time.LocalDateTime.of(10000, 12, 31, 23, 59, 59, 999_999_500),
                    "t", java.time.LocalTime.of(23, 59, 59, 999_999_700), "tz", java.time.OffsetDateTime.MIN)));
            // as text, so that the snapshot compares what PostgreSQL stored, whatever the driver reads back
            op.execute("CREATE TABLE ev_text AS SELECT id, d::text AS d, ts::text AS ts, t::text AS t,"
                    + " (tz AT TIME ZONE 'UTC')::text AS tz FROM ev");
        }, false));
        c.add(new Case("infinities, through the sqlite3 shell", EnumSet.of(Engine.SQLITE), op -> op.createTable("num",
                column("id", INTEGER).primaryKey(), column("r", REAL), column("d", DOUBLE)), op -> {
            op.bulkInsert("num", List.of(row("id", 1, "r", Float.POSITIVE_INFINITY, "d", Double.NEGATIVE_INFINITY)));
            op.execute("INSERT INTO num (id, r, d) VALUES (?, ?, ?)", 2, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            // stored as real infinities, online and offline (quote() spells them by the library's version: Inf, 9.0e+999)
            op.execute("CREATE TABLE num_inf AS SELECT id, typeof(r) AS tr, typeof(d) AS td, r > 1.7976931348623157e308 AS r_pos,"
                    + " r < -1.7976931348623157e308 AS r_neg, d > 1.7976931348623157e308 AS d_pos, d < -1.7976931348623157e308 AS d_neg FROM num");
        }, false));
        c.add(new Case("NUL and CR in strings, through the sqlite3 shell", EnumSet.of(Engine.SQLITE), op -> op.createTable("val",
                column("id", INTEGER).primaryKey(), column("s", TEXT)), op -> {
            op.bulkInsert("val", List.of(row("id", 1, "s", "a\0b"), row("id", 2, "s", "\0tab\there\r\0end\r\n")));
            op.execute("INSERT INTO val (id, s) VALUES (?, ?)", 3, "x\0");
            op.execute("CREATE TABLE val_hex AS SELECT id, hex(s) AS h FROM val"); // the rows' text stops at the NUL
        }, false));
        c.add(new Case("schema-qualified names", EnumSet.of(Engine.POSTGRESQL, Engine.H2),
                op -> op.execute("CREATE SCHEMA audit"), op -> {
            op.createTable("audit.parent", PARENT);
            op.createTable("audit.log", column("id", INTEGER).primaryKey(),
                    column("parent_id", INTEGER).references("audit.parent", "id"), column("msg", string(20)));
            op.createIndex("ix_log_msg", "audit.log", "msg");
            op.addColumn("audit.log", column("level", INTEGER));
            op.alterColumn("audit.log", "msg", a -> a.type(string(80)).existing(Column.of("msg", string(20))));
            op.createSequence("audit.log_seq");
            op.inSchema("audit").createUniqueConstraint("uq_log_msg", "log", "msg");
            op.renameTable("audit.parent", "owner");
        }, true));
        c.add(new Case("inSchema: a referenced table with a dot in its name (t9-16)", EnumSet.of(Engine.POSTGRESQL, Engine.H2),
                op -> op.execute("CREATE SCHEMA odd"), op -> {
            Operations s = op.inSchema("odd");
            s.createTable("we.ird", column("id", INTEGER).primaryKey(), column("v", string(10)));
            s.createTable("kid", column("id", INTEGER).primaryKey(), column("wid", INTEGER).references("we.ird", "id"),
                    column("wid2", INTEGER));
            s.createForeignKey("fk_kid_wid2", "kid", List.of("wid2"), "we.ird", List.of("id"));
        }, true));
        c.add(new Case("rename table with a schema-qualified new name (t9-14)", EnumSet.of(Engine.POSTGRESQL, Engine.H2),
                op -> {
            op.execute("CREATE SCHEMA audit");
            op.createTable("audit.a", column("id", INTEGER).primaryKey());
        }, op -> {
            op.renameTable("audit.a", "audit.b");
            op.addColumn("audit.b", column("x", INTEGER));
        }, true));
        c.add(new Case("reserved words, mixed case and odd characters", ALL, op -> { }, op -> {
            op.createTable("order", column("select", INTEGER).primaryKey(), column("Mixed Case", string(10)),
                    column("we\"ird`name", INTEGER), column("user", string(5)).notNull());
            op.createTable("group", column("key", INTEGER).primaryKey(),
                    column("order", INTEGER).references("order", "select"));
            op.createIndex("index", "order", "Mixed Case", "user");
            op.renameColumn("order", "we\"ird`name", "from");
            op.addColumn("order", column("table", INTEGER));
        }, true));
        return c;
    }

    static Stream<Arguments> engineCases() {
        List<Arguments> out = new ArrayList<>();
        for (Case k : cases()) for (Engine e : k.engines()) out.add(Arguments.of(e, k));
        return out.stream();
    }

    /**
     * The shared snapshot, plus for SQLite the CHECK constraints, which JDBC metadata does not show there:
     * read from the CREATE TABLE texts SQLite stores, as {@code check <table> <expression>} lines.
     */
    static List<String> snapshot(Engine engine, Connection c) throws java.sql.SQLException {
        List<String> lines = new ArrayList<>(SchemaSnapshot.of(engine, c));
        if (engine != Engine.SQLITE) return lines;
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")) {
            while (rs.next()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(CONSTRAINT\\s+(\\S+)\\s+)?CHECK\\s*\\((.*?)\\)(,|\\s*\\)$|\\s*\\n)")
                        .matcher(rs.getString(2).strip());
                while (m.find()) lines.add("check " + rs.getString(1) + " " + m.group(2) + " " + m.group(3).strip());
            }
        }
        Collections.sort(lines);
        return lines;
    }

    /** MariaDB/MySQL: a second primary key for a new auto-increment column is refused before any SQL runs. */
    @org.junit.jupiter.api.Test
    void mariaDbRefusesAnAutoIncrementPrimaryKeyOnAKeyedTable() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.createTable("item", ITEM)));
            List<String> before = snapshot(Engine.MARIADB, c);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> applyOnline(d, c, ops(Engine.MARIADB,
                            op -> op.addColumn("item", column("n", BIGINT).primaryKey().autoincrement()))))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("MariaDB/MySQL cannot add column item.n")
                    .hasMessageContaining("already has a primary key; make the new column unique()");
            assertThat(snapshot(Engine.MARIADB, c)).isEqualTo(before);
        }
    }

    /**
     * MariaDB/MySQL: MODIFY restates the whole column, so what Retort's operation does not change must be read
     * and restated: a JSON column's json_valid check, INVISIBLE, ON UPDATE together with INVISIBLE, and a
     * generated column's expression; what a generated column cannot have is refused before any SQL runs.
     */
    @org.junit.jupiter.api.Test
    void mariaDbAlterColumnKeepsChecksInvisibilityAndGeneratedColumns() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect();
             java.sql.Statement s = c.createStatement()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.createTable("doc", column("id", INTEGER).primaryKey(), column("body", JSON));
                op.execute("ALTER TABLE doc ADD COLUMN secret INT INVISIBLE, ADD COLUMN ts TIMESTAMP(3) NOT NULL"
                        + " DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3) INVISIBLE,"
                        + " ADD COLUMN g INT AS (id + 1) VIRTUAL, ADD COLUMN st INT AS (id * 2) STORED");
            }));
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.alterColumn("doc", "body", a -> a.nullable(false));
                op.alterColumn("doc", "secret", a -> a.comment("hidden"));
                op.alterColumn("doc", "ts", a -> a.comment("stamp"));
                op.alterColumn("doc", "g", a -> a.comment("generated"));
                op.alterColumn("doc", "st", a -> a.type(BIGINT));
            }));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("INSERT INTO doc (id, body) VALUES (1, 'not json')"))
                    .hasMessageContaining("CONSTRAINT");
            s.execute("INSERT INTO doc (id, body) VALUES (2, '{\"a\": 1}')");
            List<String> columns = new ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, EXTRA, COLUMN_COMMENT,"
                    + " GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = 'doc' ORDER BY ORDINAL_POSITION")) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                            + " " + rs.getString(5) + " " + rs.getString(6));
                }
            }
            assertThat(columns).containsExactly(
                    "id int(11) NO   null",
                    "body longtext NO   null",
                    "secret int(11) YES INVISIBLE hidden null",
                    "ts timestamp(3) NO on update current_timestamp(3), INVISIBLE stamp null",
                    "g int(11) YES VIRTUAL GENERATED generated `id` + 1",
                    "st bigint(20) YES STORED GENERATED  `id` * 2");
            assertThat(count(s, "SELECT st FROM doc WHERE id = 2")).isEqualTo(4);

            List<String> before = snapshot(Engine.MARIADB, c);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.alterColumn("doc", "g", a -> a.nullable(false));
            }))).isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("MariaDB/MySQL cannot alter column doc.g")
                    .hasMessageContaining("generated column");
            assertThat(snapshot(Engine.MARIADB, c)).isEqualTo(before);
        }
    }

    private static long count(java.sql.Statement s, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Strings bulk-inserted into JSON (and PostgreSQL enum) columns are stored as the document (the value),
     * online as offline: PostgreSQL would refuse a varchar parameter for jsonb, H2 would store a JSON string.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Engine.class, names = {"POSTGRESQL", "H2"})
    void bulkInsertedJsonIsTheDocumentOnlineAndOffline(Engine engine) throws Exception {
        boolean pg = engine == Engine.POSTGRESQL;
        List<Operation> revision = ops(engine, op -> {
            if (pg) op.createEnumType("mood", "happy", "sad");
            op.createTable("doc", column("id", INTEGER).primaryKey(), column("body", JSON),
                    column("m", pg ? enumOf("mood", "happy", "sad") : enumOf(null, "happy", "sad")));
            op.bulkInsert("doc", List.of(row("id", 1, "body", "{\"a\": 1}", "m", "sad"),
                    row("id", 2, "body", "[1, 2]", "m", null), row("id", 3, "body", null, "m", "happy")));
        });
        String query = pg ? "SELECT string_agg(id || ':' || coalesce(jsonb_typeof(body), '-') || ':' || coalesce(m::text, '-'), ',' ORDER BY id) FROM doc"
                : "SELECT LISTAGG(id || ':' || CASE WHEN body IS JSON OBJECT THEN 'object' WHEN body IS JSON ARRAY THEN 'array'"
                + " WHEN body IS NULL THEN '-' ELSE 'other' END || ':' || coalesce(CAST(m AS VARCHAR), '-'), ',')"
                + " WITHIN GROUP (ORDER BY id) FROM doc";
        String expected = "1:object:sad,2:array:-,3:-:happy";
        Dialect d = dialect(engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            applyOnline(d, c, revision);
            try (java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                assertThat(rs.getString(1)).as("online").isEqualTo(expected);
            }
        }
        String script = script(d, revision);
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script);
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                assertThat(rs.getString(1)).as("offline:\n" + script).isEqualTo(expected);
            }
        }
    }

    /**
     * H2: a text column made JSON holds the documents its text spelled (H2's own conversion made JSON strings of
     * them), with a PostgreSQL-style bare cast or none, online and offline; made text again it holds their text.
     */
    @org.junit.jupiter.api.Test
    void h2TextToJsonKeepsTheDocumentsAndBack() throws Exception {
        Engine engine = Engine.H2;
        Dialect d = dialect(engine);
        List<Operation> setup = ops(engine, op -> {
            op.createTable("ev", column("id", INTEGER).primaryKey(), column("payload", TEXT), column("v", string(40)));
            op.bulkInsert("ev", List.of(row("id", 1, "payload", "{\"a\": 1}", "v", "[1, 2]"),
                    row("id", 2, "payload", "\"s\"", "v", "3"), row("id", 3, "payload", null, "v", null)));
        });
        List<Operation> toJson = ops(engine, op -> {
            op.alterColumn("ev", "payload", a -> a.type(JSON).using("payload::jsonb").existingType(TEXT));
            op.alterColumn("ev", "v", a -> a.type(JSON).existingType(string(40)));
        });
        List<Operation> toText = ops(engine, op -> {
            op.alterColumn("ev", "payload", a -> a.type(TEXT).existingType(JSON));
            op.alterColumn("ev", "v", a -> a.type(string(40)).existingType(JSON));
        });
        String documents = "SELECT LISTAGG(id || '=' || coalesce(CAST(JSON_OBJECT('p': payload, 'v': v) AS VARCHAR), '-'), ';')"
                + " WITHIN GROUP (ORDER BY id) FROM ev";
        String expected = "1={\"p\":{\"a\":1},\"v\":[1,2]};2={\"p\":\"s\",\"v\":3};3={\"p\":null,\"v\":null}";
        String texts = "SELECT LISTAGG(id || '=' || coalesce(payload, '-') || '|' || coalesce(v, '-'), ';') WITHIN GROUP (ORDER BY id) FROM ev";
        String expectedTexts = "1={\"a\":1}|[1,2];2=\"s\"|3;3=-|-";
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            applyOnline(d, c, toJson);
            assertThat(queryOne(c, documents)).as("online").isEqualTo(expected);
            applyOnline(d, c, toText);
            assertThat(queryOne(c, texts)).as("online, back to text").isEqualTo(expectedTexts);
        }
        List<Operation> all = new ArrayList<>(setup);
        all.addAll(toJson);
        String script = script(d, all);
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script);
            try (Connection c = db.connect()) {
                assertThat(queryOne(c, documents)).as("offline:\n" + script).isEqualTo(expected);
            }
            runScript(db, script(d, toText));
            try (Connection c = db.connect()) {
                assertThat(queryOne(c, texts)).as("offline, back to text").isEqualTo(expectedTexts);
            }
        }
    }

    /** r9-11: H2 2.x converts with USING: an expression other than a bare cast is passed on, into JSON as the document. */
    @org.junit.jupiter.api.Test
    void h2TypeChangeTakesAUsingExpression() throws Exception {
        Engine engine = Engine.H2;
        Dialect d = dialect(engine);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, ops(engine, op -> {
                op.createTable("q", column("id", INTEGER).primaryKey(), column("s", string(20)), column("p", TEXT));
                op.bulkInsert("q", List.of(row("id", 1, "s", " 12 ", "p", " {\"a\": 1} ")));
                op.alterColumn("q", "s", a -> a.type(INTEGER).using("trim(s) || '0'").existingType(string(20)));
                op.alterColumn("q", "p", a -> a.type(JSON).using("trim(p)").existingType(TEXT));
            }));
            assertThat(queryOne(c, "SELECT s || '|' || CAST(JSON_OBJECT('p': p) AS VARCHAR) FROM q")).isEqualTo("120|{\"p\":{\"a\":1}}");
        }
    }

    private static String queryOne(Connection c, String sql) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * NULLS FIRST/LAST in an index element: PostgreSQL and H2 take it; MariaDB and SQLite have none, and Retort
     * refuses it, naming the engine, before any statement runs, online and offline (t9-11).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Engine.class)
    void nullsOrderInIndexElements(Engine engine) throws Exception {
        Dialect d = dialect(engine);
        List<Operation> all = ops(engine, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("score", INTEGER),
                    index("ix0").expression("score DESC NULLS LAST"));
            op.createIndex("ix1", "t", i -> i.expression("score DESC NULLS LAST"));
            op.createIndex("ix2", "t", i -> i.expression("score nulls first").columns("id"));
        });
        if (engine == Engine.POSTGRESQL || engine == Engine.H2) {
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                applyOnline(d, c, all);
            }
            try (TestDatabase db = TestDatabase.create(engine)) {
                runScript(db, script(d, all));
            }
            return;
        }
        String name = engine == Engine.MARIADB ? "MariaDB" : "SQLite";
        for (int i = 0; i < all.size(); i++) {
            Operation op = all.get(i);
            String described = "create index ix" + i;
            try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
                if (i > 0) applyOnline(d, c, List.of(ops(engine, o -> o.createTable("t", column("id", INTEGER).primaryKey(),
                        column("score", INTEGER))).get(0)));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.renderer(RenderContext.online(c)).render(op))
                        .isInstanceOf(dev.retort.RetortException.class).hasMessageContaining(name)
                        .hasMessageContaining(described).hasMessageContaining("NULLS FIRST/LAST");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.renderer(RenderContext.offline()).render(op))
                    .isInstanceOf(dev.retort.RetortException.class).hasMessageContaining(name).hasMessageContaining("NULLS FIRST/LAST");
        }
    }

    /**
     * SQLite offline: a column of a table the script did not create is dropped in place (what works for an
     * ordinary column), with a warning in the script saying when it fails and what to do (t9-7).
     */
    @org.junit.jupiter.api.Test
    void sqliteOfflineDropColumnOfAnUnknownTableWarns() throws Exception {
        Dialect d = dialect(Engine.SQLITE);
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE)) {
            try (Connection c = db.connect()) {
                applyOnline(d, c, ops(Engine.SQLITE, op -> op.createTable("c", column("id", INTEGER).primaryKey(),
                        column("x", INTEGER), column("note", string(10)).unique())));
            }
            String script = script(d, ops(Engine.SQLITE, op -> op.dropColumn("c", "x")));
            assertThat(script).contains("-- Retort: table c was not created in this script")
                    .contains("run this revision online").contains("ALTER TABLE c DROP COLUMN x");
            runScript(db, script);
            try (Connection c = db.connect(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM pragma_table_info('c') WHERE name = 'x'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            String unique = script(d, ops(Engine.SQLITE, op -> op.dropColumn("c", "note")));
            assertThat(unique).contains("-- Retort: table c");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runScript(db, unique)).isInstanceOf(AssertionError.class);
        }
        String known = script(d, ops(Engine.SQLITE, op -> {
            op.createTable("k", column("id", INTEGER).primaryKey(), column("x", INTEGER), column("u", INTEGER).unique());
            op.dropColumn("k", "x");
            op.dropColumn("k", "u");
        }));
        assertThat(known).doesNotContain("-- Retort").contains("ALTER TABLE k DROP COLUMN x").contains("_retort_tmp_k");
    }

    /** The values of op.execute fill jsonb and enum columns online as their literals do offline (t9-13). */
    @org.junit.jupiter.api.Test
    void executeValuesFillJsonbAndEnumColumnsOnlineAsOffline() throws Exception {
        List<Operation> revision = ops(Engine.POSTGRESQL, op -> {
            op.createEnumType("mood", "happy", "sad");
            op.createTable("doc", column("id", INTEGER).primaryKey(), column("body", JSON), column("m", enumOf("mood", "happy", "sad")),
                    column("s", string(20)));
            op.execute("INSERT INTO doc (id, body, m, s) VALUES (?, ?, ?, ?)", 1, "{\"a\": 1}", "sad", "x");
            op.execute("INSERT INTO doc (id, body, s) VALUES (?, ?, ? || 'y')", 2, "[1, 2]", "x");
            op.execute("UPDATE doc SET m = ?, body = ? WHERE id = ?", "happy", "{\"b\": 2}", 2);
        });
        String query = "SELECT string_agg(id || ':' || jsonb_typeof(body) || ':' || coalesce(m::text, '-') || ':' || s, ',' ORDER BY id) FROM doc";
        String expected = "1:object:sad:x,2:object:happy:xy";
        Dialect d = dialect(Engine.POSTGRESQL);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            applyOnline(d, c, revision);
            try (java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                assertThat(rs.getString(1)).as("online").isEqualTo(expected);
            }
        }
        String script = script(d, revision);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            runScript(db, script);
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                assertThat(rs.getString(1)).as("offline:\n" + script).isEqualTo(expected);
            }
        }
    }

    /**
     * CONCURRENTLY cannot run in a transaction: PostgreSQL's renderer refuses it inside one before sending anything,
     * and the dialect tells a runner which operations a transactional revision must not hold.
     */
    @org.junit.jupiter.api.Test
    void postgresConcurrentIndexInsideATransactionIsRefusedBeforeAnythingRuns() throws Exception {
        TestDatabase.assumeAvailable(Engine.POSTGRESQL);
        Dialect d = dialect(Engine.POSTGRESQL);
        List<Operation> conc = ops(Engine.POSTGRESQL, op -> op.createIndex("ix_item_conc", "item", i -> i.columns("code").concurrently()));
        assertThat(d.allowsInTransaction(conc.get(0))).isFalse();
        assertThat(dialect(Engine.H2).allowsInTransaction(conc.get(0))).isTrue();
        assertThat(dialect(Engine.SQLITE).allowsInTransaction(conc.get(0))).isTrue();
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.POSTGRESQL, op -> op.createTable("item", ITEM)));
            c.setAutoCommit(false);
            OperationRenderer r = d.renderer(RenderContext.online(c));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.render(conc.get(0)))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("PostgreSQL cannot create index ix_item_conc on item: CONCURRENTLY cannot run"
                            + " inside a transaction; mark the revision transactional = false");
            c.rollback();
            c.setAutoCommit(true);
            OpsHarness.run(c, r.render(conc.get(0))); // outside one it runs
        }
    }

    /** What SQLite cannot do is refused with a message naming SQLite; what it has no place for (comments) is left out. */
    @org.junit.jupiter.api.Test
    void sqliteRefusesOrIgnoresWhatItHasNot() throws Exception {
        Dialect d = dialect(Engine.SQLITE);
        OperationRenderer r = d.renderer(RenderContext.offline());
        record Refusal(Consumer<Operations> body, String message) { }
        List<Refusal> refusals = List.of(
                new Refusal(op -> op.createSequence("seq_a"), "SQLite cannot create sequence seq_a: it has no sequences"),
                new Refusal(op -> op.createSequence("seq_b", 100, 5), "it has no sequences"),
                new Refusal(op -> op.dropSequence("seq_a"), "it has no sequences"),
                new Refusal(op -> op.createTable("t", column("id", INTEGER), column("iv", INTERVAL)),
                        "SQLite cannot create table t: column iv: it has no interval type (type INTERVAL)"),
                new Refusal(op -> {
                    op.createTable("u", column("id", INTEGER).primaryKey(), column("code", TEXT));
                    op.alterColumn("u", "code", a -> a.type(INTEGER).using("CAST(code AS INTEGER)").existingType(TEXT));
                }, "SQLite cannot alter column u.code: it has no USING clause"),
                new Refusal(op -> op.invoke(new dev.retort.ops.CreateIndex(null, "t",
                        new Index("ix", List.of(IndexElement.column("id")), false, null, "hash"), false, false)),
                        "index method"));
        for (Refusal refusal : refusals) {
            List<Operation> ops = ops(Engine.SQLITE, refusal.body());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> { for (Operation op : ops) r.render(op); })
                    .isInstanceOf(dev.retort.RetortException.class).hasMessageContaining(refusal.message())
                    .hasMessageContaining("SQLite");
        }
        // Comments: no statement at all, online or offline, and the schema does not change.
        List<Operation> setup = ops(Engine.SQLITE, op -> op.createTable("item", ITEM));
        List<Operation> comments = ops(Engine.SQLITE, op -> {
            op.setTableComment("item", "things");
            op.setColumnComment("item", "name", "the name");
            op.dropTableComment("item");
        });
        for (Operation op : comments) assertThat(r.render(op)).as(op.describe()).isEmpty();
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            List<String> before = snapshot(Engine.SQLITE, c);
            applyOnline(d, c, comments);
            assertThat(snapshot(Engine.SQLITE, c)).isEqualTo(before);
        }
        assertThat(script(d, ops(Engine.SQLITE, op -> op.createTable("c", column("id", INTEGER).comment("x"),
                tableComment("y"))))).doesNotContain("COMMENT").contains("CREATE TABLE c");
    }

    /**
     * Dropping a column of a unique key over several columns drops the key with it, as PostgreSQL and SQLite do
     * (MariaDB refused the DROP COLUMN with "Key column ... doesn't exist", t9-12); a plain index just loses the column.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Engine.class)
    void droppingAColumnOfAMultiColumnUniqueKeyDropsTheKey(Engine engine) throws Exception {
        List<Operation> setup = ops(engine, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("a", INTEGER), column("b", INTEGER),
                    unique("a", "b").named("uq_ab"));
            op.createIndex("ix_ba", "t", "b", "a");
            op.bulkInsert("t", List.of(row("id", 1, "a", 1, "b", 1), row("id", 2, "a", 1, "b", 2)));
        });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(dialect(engine), c, setup);
            applyOnline(dialect(engine), c, ops(engine, op -> op.dropColumn("t", "b")));
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO t (id, a) VALUES (3, 1)"); // the key went with the column
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE a = 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                }
            }
        }
    }

    /** A TIME keeps its fraction of a second on every engine (H2's own TIME would round 10:30:00.5 to 10:30:01, t9-4). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void timeKeepsItsFractionOnlineAndOffline(Engine engine) throws Exception {
        java.time.LocalTime half = java.time.LocalTime.of(10, 30, 0, 500_000_000);
        List<Operation> all = ops(engine, op -> {
            op.createTable("v", column("id", INTEGER).primaryKey(), column("tm", TIME));
            op.bulkInsert("v", List.of(row("id", 1, "tm", half)));
        });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(dialect(engine), c, all);
            assertThat(timeOf(c)).isEqualTo(half);
        }
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script(dialect(engine), all));
            try (Connection c = db.connect()) {
                assertThat(timeOf(c)).as("offline").isEqualTo(half);
            }
        }
    }

    private static java.time.LocalTime timeOf(Connection c) throws java.sql.SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT tm FROM v")) {
            assertThat(rs.next()).isTrue();
            return rs.getObject(1, java.time.LocalTime.class);
        }
    }

    /**
     * A foreign key naming no referenced columns means the referenced table's primary key (SQL's REFERENCES t),
     * online and offline, on every engine; reflected back, it compares equal to the model that wrote it (t9-9).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Engine.class)
    void referencesWithoutColumnsMeanThePrimaryKey(Engine engine) throws Exception {
        Dialect d = dialect(engine);
        List<Operation> all = ops(engine, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("a", INTEGER));
            op.createTable("t5", column("id", INTEGER).primaryKey(), column("tid", INTEGER), foreignKey("tid").references("t"));
            op.createForeignKey("fk_t_a", "t", List.of("a"), "t", List.of());
            op.addColumn("t5", column("other", INTEGER));
            op.createForeignKey("fk_t5_other", "t5", List.of("other"), "t", List.of());
        });
        dev.retort.schema.SchemaModel model = new dev.retort.schema.SchemaModel(List.of(
                table("t", column("id", INTEGER).primaryKey(), column("a", INTEGER),
                        foreignKey("a").references("t").named("fk_t_a")),
                table("t5", column("id", INTEGER).primaryKey(), column("tid", INTEGER), column("other", INTEGER),
                        foreignKey("tid").references("t"), foreignKey("other").references("t").named("fk_t5_other"))),
                List.of(), List.of());
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, all);
            assertReferencesThePrimaryKey(engine, c);
            List<Operation> diff = dev.retort.autogenerate.SchemaComparator.compare(
                    d.reflector().reflect(c, null), model, d);
            assertThat(diff).as("autogenerate after the revision")
                    .filteredOn(o -> o instanceof dev.retort.ops.CreateForeignKey || o instanceof dev.retort.ops.DropConstraint)
                    .isEmpty();
        }
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script(d, all));
            try (Connection c = db.connect()) {
                assertReferencesThePrimaryKey(engine, c);
            }
        }
    }

    private static void assertReferencesThePrimaryKey(Engine engine, Connection c) throws java.sql.SQLException {
        try (var st = c.createStatement()) {
            if (engine == Engine.SQLITE) st.execute("PRAGMA foreign_keys = ON");
            st.execute("INSERT INTO t (id, a) VALUES (1, NULL)");
            st.execute("INSERT INTO t (id, a) VALUES (2, 1)");
            st.execute("INSERT INTO t5 (id, tid, other) VALUES (10, 2, 1)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute("INSERT INTO t5 (id, tid) VALUES (11, 3)"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }

    /** MariaDB needs the columns written: offline they are known only for a table the script created (t9-9). */
    @org.junit.jupiter.api.Test
    void mariaDbOfflineReferenceWithoutColumnsToAnUnknownTableIsRefused() {
        OperationRenderer r = dialect(Engine.MARIADB).renderer(RenderContext.offline());
        List<Operation> ops = ops(Engine.MARIADB, op -> op.createTable("t5", column("id", INTEGER).primaryKey(),
                column("tid", INTEGER), foreignKey("tid").references("t")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.render(ops.get(0)))
                .isInstanceOf(dev.retort.RetortException.class)
                .hasMessageContaining("MariaDB").hasMessageContaining("references(\"t\", \"id\")");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("engineCases")
    void onlineEqualsOfflineAndReverseRestores(Engine engine, Case k) throws Exception {
        Dialect d = dialect(engine);
        List<Operation> setup = ops(engine, k.setup());
        List<Operation> change = ops(engine, k.change());
        List<String> online;
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            List<String> before = snapshot(engine, c);
            applyOnline(d, c, change);
            online = snapshot(engine, c);
            assertThat(online).as("the change must change something").isNotEqualTo(before);
            if (k.reversible()) {
                List<Operation> reverse = new ArrayList<>();
                for (Operation op : change) {
                    reverse.add(op.reverse().orElseThrow(() -> new AssertionError(op + " should be reversible")));
                }
                Collections.reverse(reverse);
                applyOnline(d, c, reverse);
                SchemaSnapshot.assertSame(snapshot(engine, c), before, "after reversing");
            }
        }
        List<Operation> all = new ArrayList<>(setup);
        all.addAll(change);
        String script = script(d, all);
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script);
            try (Connection c = db.connect()) {
                SchemaSnapshot.assertSame(snapshot(engine, c), online, "offline script:\n" + script + "\n");
            }
        }
    }
}
