package dev.retort.dialect.sqlite;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.dialect.sqlite.SqliteTableInfo.StoredSql;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteReflectorIT {
    private final SqliteReflector reflector = new SqliteReflector(new SqliteDialect());

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, tables, foreign keys, CREATE INDEX indexes (SOURCES.md)
            "chinook, 11, 11, 11",
            "northwind, 13, 13, 0",
            "sakila, 16, 22, 24",
            "synapse, 134, 14, 148",
    })
    void sharedSchemaCounts(String file, int tables, int fks, int indexes) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, file);
            SchemaModel model = reflector.reflect(c, null);
            assertThat(model.tables()).hasSize(tables);
            assertThat(model.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum()).isEqualTo(fks);
            assertThat(model.tables().stream().mapToInt(t -> t.indexes().size()).sum()).isEqualTo(indexes);
        }
    }

    /**
     * t80-1: each table's indexes, the views naming it and other tables' triggers naming it are read per table, once
     * per schema (a walk of the whole schema per table was quadratic): each lands on its own table only, whatever the
     * case it is named in.
     */
    @Test
    void indexesViewsAndTriggersAreEachTablesOwn() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, x INT, y INT)");
            s.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, x INT)");
            s.execute("CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT)");
            s.execute("CREATE INDEX ix_a_x ON a (x)");
            s.execute("CREATE INDEX ix_a_y ON a (y DESC)");
            s.execute("CREATE INDEX ix_b_x ON b (x)");
            s.execute("CREATE VIEW v_ab AS SELECT a.x FROM a JOIN \"B\" ON a.id = \"B\".id");
            s.execute("CREATE VIEW v_b AS SELECT x FROM B");
            s.execute("CREATE TRIGGER t_a AFTER INSERT ON a BEGIN INSERT INTO log (what) VALUES ('a'); UPDATE b SET x = 0; END");
            s.execute("CREATE TRIGGER t_log AFTER DELETE ON log BEGIN DELETE FROM log WHERE id = 0; END");
            var tables = reflector.reflectTables(c, null);
            assertThat(tables.get("a").table().indexes()).extracting(Index::name).containsExactly("ix_a_x", "ix_a_y");
            assertThat(tables.get("b").table().indexes()).extracting(Index::name).containsExactly("ix_b_x");
            assertThat(tables.get("log").table().indexes()).isEmpty();
            assertThat(tables.get("a").views()).extracting(StoredSql::name).containsExactly("v_ab");
            assertThat(tables.get("b").views()).extracting(StoredSql::name).containsExactly("v_ab", "v_b");
            assertThat(tables.get("log").views()).isEmpty();
            // a trigger on a table is its own (triggers()), not another table's naming it; t_log names only log
            assertThat(tables.get("a").otherTriggers()).isEmpty();
            assertThat(tables.get("b").otherTriggers()).extracting(StoredSql::name).containsExactly("t_a");
            assertThat(tables.get("log").otherTriggers()).extracting(StoredSql::name).containsExactly("t_a");
        }
    }

    @Test
    void chinookTypesAndBrackets() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, "chinook");
            Table track = reflector.reflect(c, null).table("Track").orElseThrow();
            assertThat(track.column("UnitPrice").orElseThrow().type()).isEqualTo(SqlType.numeric(10, 2));
            assertThat(track.column("Name").orElseThrow().type()).isEqualTo(SqlType.string(200));
            assertThat(track.column("Name").orElseThrow().nullable()).isFalse();
            assertThat(track.column("Composer").orElseThrow().nullable()).isTrue();
            assertThat(track.primaryKey()).isEqualTo(new PrimaryKey("PK_Track", List.of("TrackId")));
            assertThat(track.foreignKeys()).contains(
                    new ForeignKey(null, List.of("AlbumId"), null, "Album", List.of("AlbumId"), null, null));
            assertThat(track.indexes()).extracting(Index::name).contains("IFK_TrackAlbumId");
            Table invoice = reflector.reflect(c, null).table("Invoice").orElseThrow();
            assertThat(invoice.column("InvoiceDate").orElseThrow().type()).isEqualTo(SqlType.timestamp(false));
        }
    }

    @Test
    void northwindIdentifiersWithSpacesChecksAndAutoincrement() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, "northwind");
            SchemaModel model = reflector.reflect(c, null);
            Table details = model.table("Order Details").orElseThrow();
            assertThat(details.primaryKey().columns()).containsExactly("OrderID", "ProductID");
            assertThat(details.checkConstraints()).extracting(CheckConstraint::expression)
                    .containsExactly("[Discount]>=(0) AND [Discount]<=(1)", "[Quantity]>(0)", "[UnitPrice]>=(0)");
            assertThat(details.foreignKeys()).extracting(ForeignKey::refTable).containsExactlyInAnyOrder("Orders", "Products");
            Table categories = model.table("Categories").orElseThrow();
            Column id = categories.column("CategoryID").orElseThrow();
            assertThat(id.autoincrement()).isTrue();
            assertThat(id.nullable()).isFalse();
            assertThat(categories.column("Picture").orElseThrow().type()).isEqualTo(SqlType.of(SqlType.Kind.BLOB));
            // backtick-quoted PK column
            assertThat(model.table("Customers").orElseThrow().primaryKey().columns()).containsExactly("CustomerID");
            assertThat(model.tables()).extracting(Table::name).doesNotContain("sqlite_sequence");
        }
    }

    @Test
    void sakilaNamedChecksAndSynapseSkipsVirtualTables() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, "sakila");
            Table film = reflector.reflect(c, null).table("film").orElseThrow();
            assertThat(film.checkConstraints()).extracting(CheckConstraint::name)
                    .containsExactly("CHECK_special_features", "CHECK_special_rating");
            assertThat(film.checkConstraints().get(1).expression()).isEqualTo("rating in ('G','PG','PG-13','R','NC-17')");
            assertThat(reflector.reflectTables(c, null).get("film").triggers()).isNotEmpty();
        }
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            SqliteSchemas.load(c, "synapse");
            SchemaModel model = reflector.reflect(c, null);
            assertThat(model.tables()).extracting(Table::name)
                    .doesNotContain("event_search", "event_search_content", "user_directory_search_segdir");
            assertThat(model.tables().stream().flatMap(t -> t.indexes().stream()).filter(i -> i.where() != null))
                    .hasSize(12);
        }
    }

    @Test
    void everyDetailOfAHandWrittenTable() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE)");
            s.execute("""
                    CREATE TABLE [odd table] (
                      `the id` INTEGER NOT NULL,
                      "name, with comma" VARCHAR(40) DEFAULT 'a,(b)' CONSTRAINT ck_len CHECK (length("name, with comma") > 0),
                      parent_id INTEGER CONSTRAINT fk_inline REFERENCES parent (id) ON DELETE CASCADE,
                      price NUMERIC(8,3) NOT NULL DEFAULT 0,
                      flag BOOLEAN,
                      raw_t  UNSIGNED BIG INT,
                      code TEXT,
                      created DATETIME DEFAULT CURRENT_TIMESTAMP, -- a comment, with (parens)
                      CONSTRAINT pk_odd PRIMARY KEY (`the id`),
                      CONSTRAINT uq_code UNIQUE (code, parent_id),
                      UNIQUE (price),
                      CONSTRAINT fk_code FOREIGN KEY (code) REFERENCES parent (code) ON UPDATE SET NULL,
                      CHECK (price >= 0)
                    ) WITHOUT ROWID""");
            s.execute("CREATE UNIQUE INDEX ix_partial ON [odd table] (code) WHERE flag = 1");
            s.execute("CREATE INDEX ix_expr ON [odd table] (lower(code), price DESC)");
            s.execute("CREATE VIRTUAL TABLE docs USING fts5(body)");

            var infos = reflector.reflectTables(c, null);
            assertThat(infos.keySet()).containsExactly("odd table", "parent");
            SqliteTableInfo info = infos.get("odd table");
            Table t = info.table();
            assertThat(info.options()).isEqualTo("WITHOUT ROWID");
            assertThat(t.primaryKey()).isEqualTo(new PrimaryKey("pk_odd", List.of("the id")));
            assertThat(t.column("name, with comma").orElseThrow().serverDefault()).isEqualTo("'a,(b)'");
            assertThat(t.column("price").orElseThrow()).isEqualTo(new Column("price", SqlType.numeric(8, 3), false, "0", false, null));
            assertThat(t.column("flag").orElseThrow().type()).isEqualTo(SqlType.of(SqlType.Kind.BOOLEAN));
            assertThat(t.column("raw_t").orElseThrow().type()).isEqualTo(SqlType.raw("UNSIGNED BIG INT"));
            assertThat(t.column("created").orElseThrow().serverDefault()).isEqualTo("CURRENT_TIMESTAMP");
            assertThat(t.checkConstraints()).containsExactly(
                    new CheckConstraint("ck_len", "length(\"name, with comma\") > 0"),
                    new CheckConstraint(null, "price >= 0"));
            assertThat(t.uniqueConstraints()).containsExactlyInAnyOrder(
                    new UniqueConstraint("uq_code", List.of("code", "parent_id")),
                    new UniqueConstraint(null, List.of("price")));
            assertThat(t.foreignKeys()).containsExactlyInAnyOrder(
                    new ForeignKey("fk_inline", List.of("parent_id"), null, "parent", List.of("id"), "CASCADE", null),
                    new ForeignKey("fk_code", List.of("code"), null, "parent", List.of("code"), null, "SET NULL"));
            assertThat(t.indexes()).containsExactlyInAnyOrder(
                    new Index("ix_partial", List.of(IndexElement.column("code")), true, "flag = 1"),
                    // a descending element keeps its order (t1-14)
                    new Index("ix_expr", List.of(IndexElement.expression("lower(code)"), IndexElement.expression("price DESC")),
                            false, null));
            assertThat(infos.get("parent").referencedBy()).containsExactly("odd table");
            assertThat(info.collations()).isEmpty();
            assertThat(infos.get("parent").table().column("id").orElseThrow().nullable()).isFalse();
        }
    }
}
