package dev.retort.dialect.sqlite;

import dev.retort.RetortException;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreatePrimaryKey;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.retort.dialect.sqlite.SqliteTableCopyIT.checksum;
import static dev.retort.dialect.sqlite.SqliteTableCopyIT.count;
import static dev.retort.dialect.sqlite.SqliteTableCopyIT.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every operation through the SQLite renderer, online and offline; move-and-copy grouped per table. */
class SqliteMoveAndCopyIT {
    private final SqliteDialect dialect = new SqliteDialect();
    private final SqliteReflector reflector = new SqliteReflector(dialect);

    /** Renders and runs operations the way a migration run does: each op's statements right away. */
    private static List<SqlStatement> apply(Connection c, OperationRenderer r, Operation... ops) throws SQLException {
        List<SqlStatement> all = new ArrayList<>();
        for (Operation op : ops) all.addAll(exec(c, r.render(op)));
        all.addAll(exec(c, r.flush()));
        return all;
    }

    private static List<SqlStatement> exec(Connection c, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement s : statements) {
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                for (int i = 0; i < s.params().size(); i++) ps.setObject(i + 1, s.params().get(i));
                ps.execute();
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + " in: " + s.sql(), e);
            }
        }
        return statements;
    }

    private static long copies(List<SqlStatement> statements) {
        return statements.stream().filter(s -> s.sql().matches("(?s)CREATE TABLE (\\w+\\.)?\"?_retort_tmp_.*")).count();
    }

    private static Table account() {
        return new Table(null, "account", List.of(
                new Column("id", SqlType.of(Kind.INTEGER), false, null, true, null),
                new Column("name", SqlType.string(50), false, null, false, null),
                new Column("email", SqlType.string(100), true, null, false, null),
                new Column("balance", SqlType.numeric(10, 2), true, "0", false, null),
                new Column("owner_id", SqlType.of(Kind.INTEGER), true, null, false, null)),
                new PrimaryKey("pk_account", List.of("id")),
                List.of(new ForeignKey("fk_owner", List.of("owner_id"), null, "owner", List.of("id"), "CASCADE", null)),
                List.of(new UniqueConstraint("uq_account_email", List.of("email"))),
                List.of(new CheckConstraint("ck_balance", "balance >= 0")),
                List.of(new Index("ix_account_name", List.of(IndexElement.column("name")), false, null)), null);
    }

    private static Table owner() {
        return new Table(null, "owner", List.of(new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null),
                new Column("label", SqlType.of(Kind.TEXT), true, null, false, null)),
                new PrimaryKey(null, List.of("id")), List.of(), List.of(), List.of(), List.of(), null);
    }

    private Table reflect(Connection c, String table) throws SQLException {
        return reflector.reflect(c, null).table(table).orElseThrow();
    }

    @Test
    void everyOperationOnline() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, new CreateTable(owner()), new CreateTable(account()));
            Table created = reflect(c, "account");
            assertThat(created.primaryKey()).isEqualTo(new PrimaryKey("pk_account", List.of("id")));
            assertThat(created.column("id").orElseThrow().autoincrement()).isTrue();
            assertThat(created.foreignKeys()).containsExactly(account().foreignKeys().get(0));
            assertThat(created.uniqueConstraints()).isEqualTo(account().uniqueConstraints());
            assertThat(created.checkConstraints()).isEqualTo(account().checkConstraints());
            assertThat(created.indexes()).isEqualTo(account().indexes());

            apply(c, r, new BulkInsert(null, "owner", List.of(Map.of("id", 1, "label", "o1"))),
                    new Execute("INSERT INTO account (name, email, owner_id) VALUES (?, ?, ?)", List.of("ann", "a@x", 1)));

            // in place: a plain column added, renamed, dropped
            List<SqlStatement> st = apply(c, r, new AddColumn(null, "account", Column.of("nick", SqlType.of(Kind.TEXT))));
            assertThat(copies(st)).isZero();
            st = apply(c, r, AlterColumn.builder(null, "account", "nick").newName("nickname").build());
            assertThat(copies(st)).isZero();
            assertThat(reflect(c, "account").column("nickname")).isPresent();
            st = apply(c, r, new DropColumn(null, "account", "nickname"));
            assertThat(copies(st)).isZero();
            assertThat(reflect(c, "account").column("nickname")).isEmpty();

            // by move-and-copy, each on its own
            st = apply(c, r, new AddColumn(null, "account", new Column("status", SqlType.string(10), false, "(upper('new'))", false, null)));
            assertThat(copies(st)).isEqualTo(1);
            assertThat(reflect(c, "account").column("status").orElseThrow().nullable()).isFalse();
            st = apply(c, r, AlterColumn.builder(null, "account", "name").type(SqlType.string(80)).build());
            assertThat(copies(st)).isEqualTo(1);
            assertThat(reflect(c, "account").column("name").orElseThrow().type()).isEqualTo(SqlType.string(80));
            apply(c, r, AlterColumn.builder(null, "account", "email").nullable(false).build());
            assertThat(reflect(c, "account").column("email").orElseThrow().nullable()).isFalse();
            apply(c, r, AlterColumn.builder(null, "account", "balance").serverDefault("10").build());
            assertThat(reflect(c, "account").column("balance").orElseThrow().serverDefault()).isEqualTo("10");
            apply(c, r, AlterColumn.builder(null, "account", "balance").dropServerDefault().build());
            assertThat(reflect(c, "account").column("balance").orElseThrow().serverDefault()).isNull();
            apply(c, r, AlterColumn.builder(null, "account", "status").type(SqlType.of(Kind.TEXT)).newName("state").build());
            assertThat(reflect(c, "account").column("state").orElseThrow().type()).isEqualTo(SqlType.of(Kind.TEXT));

            apply(c, r, new DropConstraint(null, "account", "uq_account_email", ConstraintType.UNIQUE, null));
            assertThat(reflect(c, "account").uniqueConstraints()).isEmpty();
            apply(c, r, new CreateUniqueConstraint(null, "account", new UniqueConstraint("uq_name", List.of("name"))));
            assertThat(reflect(c, "account").uniqueConstraints()).containsExactly(new UniqueConstraint("uq_name", List.of("name")));
            apply(c, r, new DropConstraint(null, "account", "ck_balance", ConstraintType.CHECK, null));
            apply(c, r, new CreateCheckConstraint(null, "account", new CheckConstraint("ck_name", "length(name) > 0")));
            assertThat(reflect(c, "account").checkConstraints()).containsExactly(new CheckConstraint("ck_name", "length(name) > 0"));
            apply(c, r, new DropConstraint(null, "account", "fk_owner", ConstraintType.FOREIGN_KEY, null));
            assertThat(reflect(c, "account").foreignKeys()).isEmpty();
            // (owner's key is dropped while no foreign key references it: t73-4)
            apply(c, r, new DropConstraint(null, "owner", null, ConstraintType.PRIMARY_KEY, null));
            assertThat(reflect(c, "owner").primaryKey()).isNull();
            apply(c, r, new CreatePrimaryKey(null, "owner", new PrimaryKey("pk_owner", List.of("id"))));
            assertThat(reflect(c, "owner").primaryKey()).isEqualTo(new PrimaryKey("pk_owner", List.of("id")));
            ForeignKey fk = new ForeignKey("fk_owner2", List.of("owner_id"), null, "owner", List.of("id"), null, "CASCADE");
            apply(c, r, new CreateForeignKey(null, "account", fk));
            assertThat(reflect(c, "account").foreignKeys()).containsExactly(fk);

            // indexes, rename and drop table
            Index partial = new Index("ix_state", List.of(IndexElement.expression("lower(state)")), false, "state IS NOT NULL");
            apply(c, r, new CreateIndex(null, "account", partial));
            assertThat(reflect(c, "account").indexes()).contains(partial);
            apply(c, r, new DropIndex(null, "account", "ix_state", null, false, false));
            assertThat(reflect(c, "account").indexes()).doesNotContain(partial);
            apply(c, r, new RenameTable(null, "account", "client"));
            Table client = reflect(c, "client");
            assertThat(client.indexes()).extracting(Index::name).containsExactly("ix_account_name");
            assertThat(count(c, "SELECT count(*) FROM client WHERE name = 'ann' AND email = 'a@x' AND owner_id = 1")).isEqualTo(1);
            apply(c, r, new DropTable(null, "client", null, false));
            assertThat(reflector.reflect(c, null).table("client")).isEmpty();
            assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE name LIKE '_retort%'")).isZero();
        }
    }

    /** Two foreign keys on the same columns: each keeps its own name through copies, and only the named one is dropped. */
    @Test
    void foreignKeysOnTheSameColumnsKeepTheirOwnNames() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            Table parent = new Table(null, "parent", List.of(new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null)),
                    new PrimaryKey(null, List.of("id")), List.of(), List.of(), List.of(), List.of(), null);
            ForeignKey cascade = new ForeignKey(null, List.of("pid"), null, "parent", List.of("id"), "CASCADE", null);
            ForeignKey named = new ForeignKey("fk_child_parent_upd", List.of("pid"), null, "parent", List.of("id"), null, "CASCADE");
            Table child = new Table(null, "child", List.of(new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null),
                    Column.of("pid", SqlType.of(Kind.INTEGER)), Column.of("note", SqlType.string(10))),
                    new PrimaryKey(null, List.of("id")), List.of(cascade, named), List.of(), List.of(), List.of(), null);
            apply(c, r, new CreateTable(parent), new CreateTable(child));
            assertThat(reflect(c, "child").foreignKeys()).containsExactly(cascade, named);

            apply(c, r, AlterColumn.builder(null, "child", "note").type(SqlType.string(50)).build());
            assertThat(reflect(c, "child").foreignKeys()).containsExactly(cascade, named);
            apply(c, r, new DropConstraint(null, "child", "fk_child_parent_upd", null, null));
            assertThat(reflect(c, "child").foreignKeys()).containsExactly(cascade);

            // a named key, then a second one on the same column added by a copy (sakila's payment.staff_id)
            s.execute("CREATE TABLE payment (id INTEGER PRIMARY KEY, staff_id INTEGER NOT NULL,"
                    + " CONSTRAINT fk_payment_staff FOREIGN KEY (staff_id) REFERENCES parent (id))");
            ForeignKey second = new ForeignKey("fk_payment_staff2", List.of("staff_id"), null, "parent", List.of("id"), null, null);
            apply(c, r, new CreateForeignKey(null, "payment", second));
            assertThat(reflect(c, "payment").foreignKeys()).extracting(ForeignKey::name)
                    .containsExactly("fk_payment_staff", "fk_payment_staff2");
            apply(c, r, new DropConstraint(null, "payment", "fk_payment_staff2", null, null));
            assertThat(reflect(c, "payment").foreignKeys()).extracting(ForeignKey::name).containsExactly("fk_payment_staff");
        }
    }

    /** Columns a copy does not change keep their definition as written; changed ones keep the clauses not changed. */
    @Test
    void aCopyKeepsOnConflictClausesAndConstraintNamesAsWritten() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, label TEXT NOT NULL ON CONFLICT REPLACE DEFAULT 'none',"
                    + " slug TEXT UNIQUE ON CONFLICT IGNORE, n INT,"
                    + " note TEXT CONSTRAINT nn_note NOT NULL CONSTRAINT df_note DEFAULT 'x' CHECK (note <> ''),"
                    + " CONSTRAINT uq_tag_label UNIQUE (label) ON CONFLICT ROLLBACK)");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, AlterColumn.builder(null, "tag", "n").type(SqlType.of(Kind.BIGINT)).build());
            String sql = tableSql(c, "tag");
            assertThat(sql).contains("label TEXT NOT NULL ON CONFLICT REPLACE DEFAULT 'none',",
                    "slug TEXT UNIQUE ON CONFLICT IGNORE,", "n BIGINT,",
                    "note TEXT CONSTRAINT nn_note NOT NULL CONSTRAINT df_note DEFAULT 'x' CHECK (note <> ''),",
                    "CONSTRAINT uq_tag_label UNIQUE (label) ON CONFLICT ROLLBACK");
            assertThat(sql).doesNotContain("UNIQUE (slug)").doesNotContain("CHECK (note <> '')\n");

            // the clauses still act: NULL is replaced by the default, a duplicate slug is ignored
            s.execute("INSERT INTO tag (id, label, slug) VALUES (1, NULL, 'a')");
            s.execute("INSERT INTO tag (id, label, slug) VALUES (2, 'b', 'a')");
            assertThat(count(c, "SELECT count(*) FROM tag WHERE label = 'none'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM tag")).isEqualTo(1);

            // a changed column keeps what the change does not touch, names included
            apply(c, r, AlterColumn.builder(null, "tag", "label").type(SqlType.string(20)).build(),
                    AlterColumn.builder(null, "tag", "note").serverDefault("'y'").build(),
                    AlterColumn.builder(null, "tag", "slug").nullable(false).build());
            sql = tableSql(c, "tag");
            assertThat(sql).contains("label VARCHAR(20) NOT NULL ON CONFLICT REPLACE DEFAULT 'none',",
                    "slug TEXT UNIQUE ON CONFLICT IGNORE NOT NULL,",
                    "note TEXT CONSTRAINT nn_note NOT NULL CONSTRAINT df_note DEFAULT 'y' CHECK (note <> ''),");
            apply(c, r, AlterColumn.builder(null, "tag", "note").nullable(true).dropServerDefault().build());
            assertThat(tableSql(c, "tag")).contains("note TEXT CHECK (note <> ''),");
        }
    }

    /** Table constraints that stay keep their place in the CREATE TABLE; new ones come after them. */
    @Test
    void tableConstraintsKeepTheirOrderAndNewOnesAreAppended() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER, note TEXT,"
                    + " FOREIGN KEY (pid) REFERENCES parent(id), UNIQUE (note), CHECK (length(note) < 50))");
            s.execute("INSERT INTO parent VALUES (1)");
            s.execute("INSERT INTO child VALUES (1, 1, 'a')");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, AlterColumn.builder(null, "child", "note").type(SqlType.string(50)).build());
            assertThat(tableSql(c, "child")).isEqualTo("CREATE TABLE \"child\" (\n    id INTEGER PRIMARY KEY,\n"
                    + "    pid INTEGER,\n    note VARCHAR(50),\n    FOREIGN KEY (pid) REFERENCES parent(id),\n"
                    + "    UNIQUE (note),\n    CHECK (length(note) < 50)\n)");

            apply(c, r, new CreateUniqueConstraint(null, "child", new UniqueConstraint("uq_pid", List.of("pid"))));
            assertThat(tableSql(c, "child")).endsWith("    FOREIGN KEY (pid) REFERENCES parent(id),\n"
                    + "    UNIQUE (note),\n    CHECK (length(note) < 50),\n    CONSTRAINT uq_pid UNIQUE (pid)\n)");
            assertThat(count(c, "SELECT count(*) FROM child WHERE id = 1 AND pid = 1 AND note = 'a'")).isEqualTo(1);
        }
    }

    /** A new type replaces only the type: no NOT NULL is added to a key column declared without one. */
    @Test
    void aTypeChangeOfAKeyColumnAddsNoNotNull() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"T\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)");
            s.execute("CREATE TABLE k (code TEXT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO \"T\" (name) VALUES ('a'), ('b')");
            s.execute("INSERT INTO k VALUES ('x', 1)");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, AlterColumn.builder(null, "T", "Id").type(SqlType.of(Kind.BIGINT)).build(),
                    AlterColumn.builder(null, "T", "name").type(SqlType.string(10)).build());
            // an AUTOINCREMENT key stays INTEGER: its text does not change at all
            assertThat(tableSql(c, "T")).isEqualTo("CREATE TABLE \"T\" (\n    \"Id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                    + "    name VARCHAR(10)\n)");
            apply(c, r, AlterColumn.builder(null, "k", "code").type(SqlType.string(10)).build());
            assertThat(tableSql(c, "k")).isEqualTo("CREATE TABLE \"k\" (\n    code VARCHAR(10) PRIMARY KEY,\n    v INT\n)");
            assertThat(count(c, "SELECT count(*) FROM \"T\" WHERE \"Id\" = 2 AND name = 'b'")).isEqualTo(1);
            assertThat(count(c, "SELECT seq FROM sqlite_sequence WHERE name = 'T'")).isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM k WHERE code = 'x' AND v = 1")).isEqualTo(1);
        }
    }

    /** Comments between the definitions of a CREATE TABLE stay with the definitions they belong to. */
    @Test
    void commentsStayWithTheirDefinitions() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE cm (
                      -- the key
                      id INTEGER PRIMARY KEY, -- rowid alias
                      /* shown to users */ name TEXT NOT NULL, -- up to 50
                      qty INT /* pieces */ DEFAULT 0 -- a count
                      ,
                      gone TEXT UNIQUE, /* goes away */
                      -- every name once
                      UNIQUE (name) /* by name */ -- really
                    )""");
            s.execute("INSERT INTO cm (id, name, qty, gone) VALUES (1, 'a', 2, 'g')");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, AlterColumn.builder(null, "cm", "name").type(SqlType.string(50)).build(),
                    new DropColumn(null, "cm", "gone"));
            assertThat(tableSql(c, "cm")).isEqualTo("""
                    CREATE TABLE "cm" (
                        -- the key
                        id INTEGER PRIMARY KEY, -- rowid alias
                        /* shown to users */ name VARCHAR(50) NOT NULL, -- up to 50
                        qty INT /* pieces */ DEFAULT 0, -- a count
                        -- every name once
                        UNIQUE (name) /* by name */ -- really
                    )""");
            assertThat(count(c, "SELECT count(*) FROM cm WHERE id = 1 AND name = 'a' AND qty = 2")).isEqualTo(1);
            // a comment ending a line before a comma does not swallow it
            apply(c, r, AlterColumn.builder(null, "cm", "qty").type(SqlType.of(Kind.BIGINT)).build());
            assertThat(tableSql(c, "cm")).contains("    qty BIGINT DEFAULT 0, -- a count\n");
            assertThat(count(c, "SELECT count(*) FROM cm WHERE id = 1 AND name = 'a' AND qty = 2")).isEqualTo(1);
        }
    }

    /** A STRICT table takes only INT, INTEGER, REAL, TEXT, BLOB and ANY: portable types are mapped to those. */
    @Test
    void strictTablesGetTheTypesStrictAllows() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE st (id INTEGER PRIMARY KEY, s TEXT, n INT) STRICT");
            s.execute("INSERT INTO st VALUES (1, 'abc', 12)");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, AlterColumn.builder(null, "st", "s").type(SqlType.string(10)).build(),
                    AlterColumn.builder(null, "st", "n").type(SqlType.numeric(10, 2)).build(),
                    new AddColumn(null, "st", new Column("flag", SqlType.of(Kind.BOOLEAN), false, "0", false, null)));
            apply(c, r, new AddColumn(null, "st", Column.of("u", SqlType.of(Kind.UUID))),
                    new AddColumn(null, "st", Column.of("at", SqlType.timestamp(false))));
            String sql = tableSql(c, "st");
            assertThat(sql).contains("s TEXT", "n REAL", "flag INTEGER NOT NULL DEFAULT 0").endsWith("STRICT");
            assertThat(sql.replaceAll("\\s+", " ")).contains("u TEXT", "at TEXT");
            assertThat(count(c, "SELECT count(*) FROM st WHERE s = 'abc' AND n = 12.0 AND flag = 0")).isEqualTo(1);

            assertThatThrownBy(() -> apply(c, dialect.renderer(RenderContext.online(c)),
                    AlterColumn.builder(null, "st", "s").type(SqlType.raw("VARCHAR(3)")).build()))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("STRICT")
                    .hasMessageContaining("VARCHAR(3)")
                    .hasMessageContaining("INT, INTEGER, REAL, TEXT, BLOB or ANY");
        }
    }

    private static String tableSql(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void fourChangesToA100kRowTableInOneRevisionMakeOneCopy() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            s.execute(series(50) + "INSERT INTO parent SELECT value FROM series");
            s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id),"
                    + " amount TEXT, label TEXT, legacy TEXT)");
            s.execute("CREATE INDEX ix_big_parent ON big (parent_id)");
            s.execute("CREATE TABLE audit (n INTEGER)");
            s.execute("CREATE TRIGGER tr_big AFTER INSERT ON big BEGIN INSERT INTO audit VALUES (new.id); END");
            s.execute(series(100_000) + "INSERT INTO big SELECT value, value % 50 + 1, CAST(value AS TEXT),"
                    + " 'label ' || value, 'x' FROM series");
            s.execute("DELETE FROM audit");
            String query = "SELECT id, parent_id, amount, label FROM big ORDER BY id";
            String before = checksum(c, query);

            c.setAutoCommit(false); // a revision runs in one transaction
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            List<SqlStatement> st = apply(c, r,
                    AlterColumn.builder(null, "big", "amount").type(SqlType.of(Kind.BIGINT)).build(),
                    AlterColumn.builder(null, "big", "label").nullable(false).build(),
                    new CreateCheckConstraint(null, "big", new CheckConstraint("ck_amount", "amount > 0")),
                    new DropColumn(null, "big", "legacy"));
            c.commit();
            c.setAutoCommit(true);

            assertThat(copies(st)).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM big")).isEqualTo(100_000);
            assertThat(checksum(c, query)).isEqualTo(before);
            Table big = reflect(c, "big");
            assertThat(big.column("amount").orElseThrow().type()).isEqualTo(SqlType.of(Kind.BIGINT));
            assertThat(big.column("label").orElseThrow().nullable()).isFalse();
            assertThat(big.column("legacy")).isEmpty();
            assertThat(big.checkConstraints()).containsExactly(new CheckConstraint("ck_amount", "amount > 0"));
            assertThat(big.indexes()).extracting(Index::name).containsExactly("ix_big_parent");
            assertThat(big.foreignKeys()).extracting(ForeignKey::refTable).containsExactly("parent");
            s.execute("INSERT INTO big (id, parent_id, amount, label) VALUES (200000, 1, 5, 'l')");
            assertThat(count(c, "SELECT count(*) FROM audit")).isEqualTo(1); // the trigger is back
        }
    }

    @Test
    void offlineScriptGivesTheSameSchemaAsTheOnlineRun() throws Exception {
        Operation[] revision = {
                new CreateTable(owner()), new CreateTable(account()),
                new Execute("CREATE INDEX ix_lower ON account (lower(email))", List.of()),
                new Execute("CREATE TRIGGER tr_account AFTER INSERT ON account BEGIN SELECT 1; END", List.of()),
                AlterColumn.builder(null, "account", "name").type(SqlType.of(Kind.TEXT)).nullable(true).build(),
                new DropConstraint(null, "account", "ck_balance", ConstraintType.CHECK, null),
                new CreateIndex(null, "account", new Index("ix_email", List.of(IndexElement.column("email")), true, null)),
                new DropColumn(null, "account", "owner_id"),
                new AddColumn(null, "account", new Column("created", SqlType.timestamp(false), false, "CURRENT_TIMESTAMP", false, null)),
        };
        SchemaModel online;
        String onlineTriggers;
        String triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name";
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            apply(c, dialect.renderer(RenderContext.online(c)), revision);
            online = reflector.reflect(c, null);
            onlineTriggers = checksum(c, triggers);
            assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")).isEqualTo(1);
        }
        OperationRenderer offline = dialect.renderer(RenderContext.offline());
        List<SqlStatement> script = new ArrayList<>();
        for (Operation op : revision) script.addAll(offline.render(op));
        script.addAll(offline.flush());
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SqlStatement st : script) s.execute(dialect.inline(st));
            assertThat(reflector.reflect(c, null)).isEqualTo(online);
            assertThat(checksum(c, triggers)).isEqualTo(onlineTriggers);
        }
        assertThat(online.table("account").orElseThrow().column("owner_id")).isEmpty();
        assertThat(online.table("account").orElseThrow().foreignKeys()).isEmpty();
    }

    /**
     * Offline, a copy works from the schema the script built, raw SQL included: a table created or altered by raw
     * SQL, a renamed table whose trigger and referencing keys SQLite rewrote. The script's database is the online
     * one, text of sqlite_master and data alike.
     */
    @Test
    void offlineCopiesFollowRawSqlAndRenamesAsOnline() throws Exception {
        Table customer = new Table(null, "customer", List.of(Column.of("id", SqlType.of(Kind.INTEGER)),
                Column.of("name", SqlType.of(Kind.TEXT))), new PrimaryKey(null, List.of("id")), List.of(), List.of(),
                List.of(), List.of(), null);
        Table orders = new Table(null, "orders", List.of(Column.of("id", SqlType.of(Kind.INTEGER)),
                Column.of("cid", SqlType.of(Kind.INTEGER)), Column.of("note", SqlType.of(Kind.TEXT))),
                new PrimaryKey(null, List.of("id")), List.of(new ForeignKey(null, List.of("cid"), null, "customer",
                List.of("id"), null, null)), List.of(), List.of(), List.of(), null);
        Operation[] revision = {
                new CreateTable(customer), new CreateTable(orders),
                new Execute("CREATE TABLE legacy (id INTEGER PRIMARY KEY, a TEXT)", List.of()),
                new Execute("ALTER TABLE legacy ADD COLUMN b TEXT", List.of()),
                new Execute("INSERT INTO legacy (id, a, b) VALUES (1, 'x', 'keep me')", List.of()),
                new Execute("CREATE TRIGGER trg AFTER INSERT ON customer BEGIN UPDATE customer SET name = upper(name)"
                        + " WHERE id = NEW.id; END", List.of()),
                new RenameTable(null, "customer", "client"),
                AlterColumn.builder(null, "client", "name").nullable(false).serverDefault("'x'").build(),
                AlterColumn.builder(null, "orders", "note").nullable(false).serverDefault("''").build(),
                AlterColumn.builder(null, "legacy", "a").nullable(false).build(),
                new Execute("INSERT INTO client (id, name) VALUES (1, 'ann')", List.of()),
                new Execute("INSERT INTO orders (id, cid, note) VALUES (1, 1, 'n')", List.of()),
        };
        String master = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
        String data = "SELECT (SELECT group_concat(id || a || b) FROM legacy), (SELECT group_concat(name) FROM client)";
        String onlineMaster;
        String onlineData;
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            apply(c, dialect.renderer(RenderContext.online(c)), revision);
            onlineMaster = checksum(c, master);
            onlineData = checksum(c, data);
        }
        List<SqlStatement> script = new ArrayList<>();
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            for (Operation op : revision) script.addAll(offline.render(op));
            script.addAll(offline.flush());
        }
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SqlStatement st : script) s.execute(dialect.inline(st));
            assertThat(checksum(c, master)).isEqualTo(onlineMaster);
            s.execute("PRAGMA foreign_keys = ON");
            try (java.sql.ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).as("foreign keys point at the renamed table").isFalse();
            }
            assertThat(checksum(c, data)).isEqualTo(onlineData);
            try (java.sql.ResultSet rs = s.executeQuery(data)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1xkeep me");
                assertThat(rs.getString(2)).isEqualTo("ANN");
            }
        }
    }

    /**
     * A copy written into a script (offline, or a SQL revision autogenerate renders on a scratch copy) of a table
     * others reference stops where foreign keys are enforced, before the drop deletes the children's rows.
     */
    @Test
    void aScriptedCopyOfAReferencedTableStopsWhenForeignKeysAreEnforced() throws Exception {
        Operation[] setup = {
                new Execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(10))", List.of()),
                new Execute("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE)", List.of())};
        Operation change = AlterColumn.builder(null, "parent", "name").nullable(false).serverDefault("''").build();
        List<SqlStatement> offlineScript = new ArrayList<>();
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            for (Operation op : setup) offlineScript.addAll(offline.render(op));
            offlineScript.addAll(offline.render(change));
            offlineScript.addAll(offline.flush());
        }
        List<SqlStatement> scratchScript;
        try (TestDatabase scratch = TestDatabase.create(Engine.SQLITE); Connection c = scratch.connect()) {
            for (Operation op : setup) apply(c, dialect.renderer(RenderContext.online(c)), op);
            scratchScript = apply(c, dialect.renderer(RenderContext.scratch(c)), change);
        }
        for (List<SqlStatement> script : List.of(offlineScript, scratchScript)) {
            boolean withSetup = script == offlineScript;
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
                if (!withSetup) for (Operation op : setup) apply(c, dialect.renderer(RenderContext.online(c)), op);
                s.execute("PRAGMA foreign_keys = ON");
                c.setAutoCommit(false);
                int from = 0;
                if (withSetup) {
                    for (; from < 2; from++) s.execute(dialect.inline(script.get(from)));
                }
                s.execute("INSERT INTO parent VALUES (1, 'a')");
                s.execute("INSERT INTO child VALUES (10, 1)");
                int start = from;
                assertThatThrownBy(() -> {
                    for (SqlStatement st : script.subList(start, script.size())) s.execute(dialect.inline(st));
                }).hasMessageContaining("Table parent is rebuilt by move-and-copy");
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        // with foreign keys off (the default) the same script keeps every row
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SqlStatement st : offlineScript.subList(0, 2)) s.execute(dialect.inline(st));
            s.execute("INSERT INTO parent VALUES (1, 'a')");
            s.execute("INSERT INTO child VALUES (10, 1)");
            for (SqlStatement st : offlineScript.subList(2, offlineScript.size())) s.execute(dialect.inline(st));
            assertThat(count(c, "SELECT count(*) FROM child")).isEqualTo(1);
        }
    }

    /** An unnamed CHECK dropped by its definition is matched exactly in its literals: 'a' is not 'A'. */
    @Test
    void anUnnamedCheckIsMatchedByItsLiteralsExactly() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, s TEXT, CHECK (s <> 'a'), CHECK (s <> 'A'))");
            apply(c, dialect.renderer(RenderContext.online(c)), new DropConstraint(null, "c", null, ConstraintType.CHECK,
                    new CheckConstraint(null, "S  <>  'A'")));
            assertThat(reflect(c, "c").checkConstraints()).extracting(CheckConstraint::expression).containsExactly("s <> 'a'");
            assertThatThrownBy(() -> apply(c, dialect.renderer(RenderContext.online(c)), new DropConstraint(null, "c", null,
                    ConstraintType.CHECK, new CheckConstraint(null, "s <> 'A '"))))
                    .isInstanceOf(RetortException.class).hasMessageContaining("it has no unnamed");
        }
    }

    /** SQLite's driver runs the first statement of a string and ignores the rest: op.execute runs them all. */
    @Test
    void executeRunsEveryStatementOfAString() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, new Execute("CREATE TABLE a (x int); CREATE TABLE b (x int);\n"
                    + "CREATE TRIGGER tr AFTER INSERT ON a BEGIN INSERT INTO b VALUES (NEW.x); INSERT INTO b VALUES (0); END",
                    List.of()), new Execute("INSERT INTO a VALUES (?)", List.of(7)));
            assertThat(count(c, "SELECT count(*) FROM b")).isEqualTo(2);
            assertThatThrownBy(() -> r.render(new Execute("INSERT INTO a VALUES (?); INSERT INTO a VALUES (?)", List.of(1, 2))))
                    .isInstanceOf(RetortException.class).hasMessageContaining("give each statement its own op.execute");
        }
    }

    /**
     * The replay follows savepoints (a revision undoing part of itself), and a statement on a table the script did
     * not create leaves only that table unknown: later copies of tables the script made still work.
     */
    @Test
    void offlineReplayFollowsSavepointsAndIgnoresTablesFromBeforeTheScript() {
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            for (String sql : List.of("SAVEPOINT sp1", "CREATE TABLE foo (id INTEGER PRIMARY KEY, c INT)", "ROLLBACK TO sp1",
                    "RELEASE sp1", "CREATE TABLE foo (id INTEGER PRIMARY KEY, d INT)", "ALTER TABLE older ADD COLUMN x INT")) {
                offline.render(new Execute(sql, List.of()));
            }
            List<SqlStatement> copy = new ArrayList<>(offline.render(
                    AlterColumn.builder(null, "foo", "d").type(SqlType.of(Kind.BIGINT)).existingType(SqlType.of(Kind.INTEGER)).build()));
            copy.addAll(offline.flush());
            assertThat(copies(copy)).isEqualTo(1);
            assertThatThrownBy(() -> offline.render(AlterColumn.builder(null, "older", "x").nullable(false).build()))
                    .hasMessageContaining("table older was not created earlier in this run");
        }
    }

    /** A schema statement the in-memory copy cannot replay leaves later copies refused, naming that statement. */
    @Test
    void offlineCopyAfterAStatementThatCouldNotBeFollowedIsRefused() {
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            offline.render(new CreateTable(item()));
            offline.render(new Execute("CREATE TABLE item (x INT)", List.of())); // the real script fails there too
            assertThatThrownBy(() -> offline.render(AlterColumn.builder(null, "item", "name").nullable(false).build()))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("replaying it in memory, which failed at CREATE TABLE item (x INT)")
                    .hasMessageContaining("already exists");
        }
    }

    @Test
    void offlineDropOfAColumnAViewUsesIsRefused() {
        OperationRenderer offline = dialect.renderer(RenderContext.offline());
        Table t = new Table(null, "t", List.of(Column.of("a", SqlType.of(Kind.INTEGER)), Column.of("b", SqlType.of(Kind.TEXT))),
                null, List.of(), List.of(new UniqueConstraint(null, List.of("b"))), List.of(), List.of(), null);
        offline.render(new CreateTable(t));
        offline.render(new Execute("CREATE VIEW v AS SELECT a, b FROM t", List.of()));
        assertThatThrownBy(() -> {
            offline.render(new DropColumn(null, "t", "b"));
            offline.flush();
        }).isInstanceOf(RetortException.class).hasMessageContaining("view v uses a column this revision drops");
    }

    /** A table whose column "name" SQLite drops in place (no key, index, check or trigger uses it). */
    private static Table item() {
        return new Table(null, "item", List.of(Column.of("id", SqlType.of(Kind.INTEGER)), Column.of("name", SqlType.of(Kind.TEXT)),
                Column.of("price", SqlType.of(Kind.INTEGER))), new PrimaryKey(null, List.of("id")), List.of(),
                List.of(new UniqueConstraint(null, List.of("price"))), List.of(), List.of(), null);
    }

    /**
     * t20-3: a trigger of another table that writes the column (SQLite's DROP COLUMN looks at the table's own
     * triggers only) is refused, in place as by move-and-copy, online and offline, naming the trigger.
     */
    @Test
    void dropOfAColumnAnotherTablesTriggerUsesIsRefused() throws Exception {
        String trigger = "CREATE TRIGGER trg2 AFTER INSERT ON log BEGIN UPDATE item SET name = 'touched' WHERE id = 1; END";
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            apply(c, r, new CreateTable(item()), new Execute("CREATE TABLE log (m TEXT)", List.of()),
                    new Execute(trigger, List.of()));
            assertThatThrownBy(() -> r.render(new DropColumn(null, "item", "name")))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("Cannot change SQLite table item: trigger trg2 uses a column this revision drops; drop the"
                            + " trigger first (op.execute(\"DROP TRIGGER trg2\")) and create it anew if still wanted");
            assertThat(reflect(c, "item").column("name")).isPresent();
            // by move-and-copy (a column in a key is not dropped in place) too
            assertThatThrownBy(() -> {
                OperationRenderer copy = dialect.renderer(RenderContext.online(c));
                copy.render(new DropColumn(null, "item", "price"));
                copy.render(new DropColumn(null, "item", "name"));
                copy.flush();
            }).isInstanceOf(RetortException.class).hasMessageContaining("trigger trg2 uses a column this revision drops");
            // a column the trigger does not use is still dropped in place
            List<SqlStatement> st = apply(c, dialect.renderer(RenderContext.online(c)),
                    new AddColumn(null, "item", Column.of("note", SqlType.of(Kind.TEXT))), new DropColumn(null, "item", "note"));
            assertThat(copies(st)).isZero();
            assertThat(reflect(c, "item").column("note")).isEmpty();
        }
        OperationRenderer offline = dialect.renderer(RenderContext.offline());
        offline.render(new CreateTable(item()));
        offline.render(new Execute("CREATE TABLE log (m TEXT)", List.of()));
        offline.render(new Execute(trigger, List.of()));
        assertThatThrownBy(() -> {
            offline.render(new DropColumn(null, "item", "name"));
            offline.flush();
        }).isInstanceOf(RetortException.class).hasMessageContaining("trigger trg2 uses a column this revision drops");
    }

    @Test
    void inPlaceDropOfAColumnAViewUsesIsRefusedOnlineBeforeAnythingRuns() throws Exception {
        for (String view : List.of("CREATE VIEW v_item AS SELECT \"id\", \"name\" FROM \"item\"",
                "CREATE VIEW v_item AS SELECT id, name FROM item")) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect()) {
                OperationRenderer r = dialect.renderer(RenderContext.online(c));
                apply(c, r, new CreateTable(item()), new Execute(view, List.of()),
                        new Execute("INSERT INTO item VALUES (1, 'pen', 3)", List.of()));
                assertThatThrownBy(() -> r.render(new DropColumn(null, "item", "name")))
                        .as(view).isInstanceOf(RetortException.class)
                        .hasMessageContaining("view v_item uses a column this revision drops")
                        .hasMessageContaining("DROP VIEW v_item");
                assertThat(reflect(c, "item").column("name")).isPresent();
                try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT name FROM v_item")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("pen");
                }
                // a column no view uses is still dropped in place
                List<SqlStatement> st = apply(c, dialect.renderer(RenderContext.online(c)),
                        new AddColumn(null, "item", Column.of("note", SqlType.of(Kind.TEXT))),
                        new DropColumn(null, "item", "note"));
                assertThat(copies(st)).isZero();
                assertThat(reflect(c, "item").column("note")).isEmpty();
            }
        }
    }

    @Test
    void inPlaceDropOfAColumnAViewUsesIsRefusedOffline() {
        for (String view : List.of("CREATE VIEW v_item AS SELECT \"id\", \"name\" FROM \"item\"",
                "CREATE VIEW v_item AS SELECT id, name FROM item")) {
            OperationRenderer offline = dialect.renderer(RenderContext.offline());
            offline.render(new CreateTable(item()));
            offline.render(new Execute(view, List.of()));
            assertThatThrownBy(() -> {
                offline.render(new DropColumn(null, "item", "name"));
                offline.flush();
            }).as(view).isInstanceOf(RetortException.class)
                    .hasMessageContaining("view v_item uses a column this revision drops");
            // once the view is dropped, the column goes in place
            offline.render(new Execute("DROP VIEW v_item", List.of()));
            assertThat(offline.render(new DropColumn(null, "item", "name")))
                    .extracting(SqlStatement::sql).containsExactly("ALTER TABLE item DROP COLUMN name");
        }
    }

    @Test
    void offlineMoveAndCopyOfAnUnknownTableIsRefusedClearly() {
        OperationRenderer offline = dialect.renderer(RenderContext.offline());
        assertThatThrownBy(() -> offline.render(AlterColumn.builder(null, "legacy", "x").nullable(false).build()))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("offline (--sql) mode")
                .hasMessageContaining("needs the table's definition")
                .hasMessageContaining("legacy");
    }

    /**
     * t32-5: dropping a column a generated column is computed from is refused before anything runs, naming the
     * generated column, online and offline (the copy's CREATE TABLE failed with "no such column: k").
     */
    @Test
    void dropOfAColumnAGeneratedColumnUsesIsRefusedBeforeAnythingRuns() throws Exception {
        String create = "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, k INT, g INT GENERATED ALWAYS AS (k * 2) VIRTUAL)";
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(create);
            s.execute("INSERT INTO item (id, name, k) VALUES (1, 'a', 1), (2, NULL, 2)");
            String before = checksum(c, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            assertThatThrownBy(() -> apply(c, r, new DropColumn(null, "item", "k")))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("generated column g is computed from column k, which this revision drops");
            assertThat(checksum(c, "SELECT type, name, sql FROM sqlite_master ORDER BY name")).isEqualTo(before);
            // a column it does not use goes as before
            apply(c, dialect.renderer(RenderContext.online(c)), new DropColumn(null, "item", "name"));
            assertThat(count(c, "SELECT sum(g) FROM item")).isEqualTo(6);
        }
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            offline.render(new Execute(create, List.of()));
            assertThatThrownBy(() -> {
                offline.render(new DropColumn(null, "item", "k"));
                offline.flush();
            }).isInstanceOf(RetortException.class).hasMessageContaining("generated column g");
        }
    }

    /** t32-6: offline, a table of an attached database (ATTACH is not replayed) is refused as unknown, not with a raw error. */
    @Test
    void offlineMoveAndCopyOfAnAttachedTableIsRefusedClearly() {
        try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
            offline.render(new Execute("ATTACH DATABASE '/tmp/nowhere.db' AS aux", List.of()));
            assertThatThrownBy(() -> offline.render(AlterColumn.builder("aux", "item", "qty").type(SqlType.of(Kind.BIGINT))
                    .nullable(false).build()))
                    .isInstanceOf(RetortException.class)
                    .hasMessageContaining("SQLite cannot alter column")
                    .hasMessageContaining("in offline (--sql) mode")
                    .hasMessageContaining("table aux.item is in attached database aux, which the script does not follow"
                            + " (ATTACH is not replayed). Run this revision online.")
                    .hasMessageNotContaining("sqlite_master");
        }
    }

    @Test
    void enforcedForeignKeysInATransactionOnAReferencedTableAreRefusedBeforeAnythingRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("CREATE TABLE ch (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE)");
            s.execute("INSERT INTO p VALUES (1, 'a')");
            s.execute("INSERT INTO ch VALUES (1, 1)");
            s.execute("PRAGMA foreign_keys = ON");
            c.setAutoCommit(false);
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            r.render(AlterColumn.builder(null, "p", "v").nullable(false).build());
            assertThatThrownBy(r::flush).isInstanceOf(RetortException.class)
                    .hasMessageContaining("inside a transaction while foreign keys are enforced")
                    .hasMessageContaining("[ch]")
                    // t44-4: the way that keeps the keys on is named
                    .hasMessageContaining("mark the revision '-- retort:transactional false' (a Java revision:"
                            + " @Revision(transactional = false)), where Retort switches them off around the copy");
            c.rollback();
            c.setAutoCommit(true);

            // outside a transaction it is done, with enforcement switched off around the copy
            List<SqlStatement> st = apply(c, dialect.renderer(RenderContext.online(c)),
                    AlterColumn.builder(null, "p", "v").nullable(false).build());
            assertThat(st.get(0).sql()).isEqualTo("PRAGMA foreign_keys = OFF");
            assertThat(count(c, "SELECT count(*) FROM ch")).isEqualTo(1);
            assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1);
            assertThat(reflect(c, "p").column("v").orElseThrow().nullable()).isFalse();
        }
    }

    @Test
    void attachedDatabaseIsASchema() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE ':memory:' AS aux");
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            Table parent = new Table("aux", "parent", List.of(new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null)),
                    new PrimaryKey(null, List.of("id")), List.of(), List.of(), List.of(), List.of(), null);
            Table child = new Table("aux", "child", List.of(
                    new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null),
                    new Column("parent_id", SqlType.of(Kind.INTEGER), true, null, false, null),
                    new Column("made", SqlType.of(Kind.TEXT), true, "datetime('now')", false, null)),
                    new PrimaryKey(null, List.of("id")),
                    List.of(new ForeignKey("fk_parent", List.of("parent_id"), null, "parent", List.of("id"), null, null)),
                    List.of(), List.of(), List.of(new Index("ix_child_parent", List.of(IndexElement.column("parent_id")), false, null)), null);
            apply(c, r, new CreateTable(parent), new CreateTable(child),
                    new Execute("INSERT INTO aux.child (id, parent_id) VALUES (1, NULL)", List.of()));
            List<SqlStatement> st = apply(c, r, AlterColumn.builder("aux", "child", "made").nullable(false).build(),
                    new AddColumn("aux", "child", Column.of("note", SqlType.of(Kind.TEXT)), true),
                    new DropColumn("aux", "child", "nothing", null, true));
            assertThat(copies(st)).isEqualTo(1);
            Table after = reflector.reflect(c, "aux").table("child").orElseThrow();
            assertThat(after.schema()).isEqualTo("aux");
            assertThat(after.column("made").orElseThrow().nullable()).isFalse();
            assertThat(after.column("note")).isPresent();
            assertThat(after.indexes()).extracting(Index::name).containsExactly("ix_child_parent");
            assertThat(after.foreignKeys()).extracting(ForeignKey::refTable).containsExactly("parent");
            assertThat(count(c, "SELECT count(*) FROM aux.child WHERE made IS NOT NULL")).isEqualTo(1);
            assertThat(reflector.reflect(c, null).tables()).isEmpty();

            // IF [NOT] EXISTS on columns, which SQLite's ALTER TABLE lacks, in place
            assertThat(apply(c, r, new AddColumn("aux", "child", Column.of("note", SqlType.of(Kind.TEXT)), true))).isEmpty();
            assertThat(apply(c, r, new DropColumn("aux", "child", "nothing", null, true))).isEmpty();
            apply(c, r, new DropColumn("aux", "child", "note", null, true));
            assertThat(reflector.reflect(c, "aux").table("child").orElseThrow().column("note")).isEmpty();
        }
    }

    @Test
    void aFailingCopyInARevisionTransactionLeavesEverythingAsBefore() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)");
            s.execute("CREATE INDEX ix_t_a ON t (a)");
            s.execute(series(1000) + "INSERT INTO t SELECT value, 'a' || value, CASE WHEN value = 999 THEN NULL ELSE 'b' END FROM series");
            String master = "SELECT type, name, sql FROM sqlite_master ORDER BY name";
            String schemaBefore = checksum(c, master);
            String rowsBefore = checksum(c, "SELECT * FROM t ORDER BY id");
            c.setAutoCommit(false);
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            assertThatThrownBy(() -> apply(c, r,
                    new CreateIndex(null, "t", new Index("ix_t_b", List.of(IndexElement.column("b")), false, null)),
                    AlterColumn.builder(null, "t", "a").type(SqlType.string(20)).build(),
                    AlterColumn.builder(null, "t", "b").nullable(false).build()))
                    .hasMessageContaining("NOT NULL constraint failed");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(checksum(c, master)).isEqualTo(schemaBefore);
            assertThat(checksum(c, "SELECT * FROM t ORDER BY id")).isEqualTo(rowsBefore);
            assertThat(count(c, "PRAGMA legacy_alter_table")).isZero();
        }
    }

    /**
     * t32-1: the copy keeps the table's ON CONFLICT REPLACE / IGNORE clauses, but must not be resolved by them:
     * rows that collide under the new shape ('1', '01' and '1.0' as INTEGER; 'a' and 'A' with NOCASE) fail the copy,
     * which leaves the table as it was, online (in a transaction and in the savepoint outside one) and offline.
     */
    @Test
    void rowsCollidingInTheCopyFailItInsteadOfBeingReplacedOrIgnored() throws Exception {
        String[] setup = {
                "CREATE TABLE code (c TEXT PRIMARY KEY ON CONFLICT REPLACE, label TEXT)",
                "CREATE TABLE tag (id INTEGER PRIMARY KEY, t TEXT UNIQUE ON CONFLICT IGNORE, n TEXT)",
                "INSERT INTO code VALUES ('1', 'one'), ('01', 'zero-one'), ('1.0', 'one-point-zero')",
                "INSERT INTO tag VALUES (1, 'a', 'x'), (2, 'A', 'y')"};
        Operation[] changes = {
                AlterColumn.builder(null, "code", "c").type(SqlType.of(Kind.INTEGER)).existingType(SqlType.of(Kind.TEXT)).build(),
                AlterColumn.builder(null, "tag", "t").type(SqlType.raw("TEXT COLLATE NOCASE")).existingType(SqlType.of(Kind.TEXT)).build()};
        String master = "SELECT type, name, sql FROM sqlite_master ORDER BY name";
        String rows = "SELECT 'code', c, label FROM code UNION ALL SELECT 'tag', t, n FROM tag ORDER BY 1, 2";
        for (boolean inTransaction : List.of(true, false)) {
            for (Operation change : changes) {
                try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
                    for (String sql : setup) s.execute(sql);
                    String schemaBefore = checksum(c, master);
                    String rowsBefore = checksum(c, rows);
                    c.setAutoCommit(!inTransaction);
                    OperationRenderer r = dialect.renderer(RenderContext.online(c));
                    assertThatThrownBy(() -> apply(c, r, change)).hasMessageContaining("UNIQUE constraint failed")
                            .hasMessageContaining("INSERT OR ABORT INTO _retort_tmp_");
                    if (inTransaction) {
                        c.rollback();
                    } else {
                        s.execute("ROLLBACK TO retort_move_and_copy");
                        s.execute("RELEASE retort_move_and_copy");
                    }
                    c.setAutoCommit(true);
                    assertThat(checksum(c, master)).isEqualTo(schemaBefore);
                    assertThat(checksum(c, rows)).isEqualTo(rowsBefore);
                }
            }
        }
        // offline the script holds the same INSERT OR ABORT, and stops there
        for (Operation change : changes) {
            List<SqlStatement> script = new ArrayList<>();
            try (OperationRenderer offline = dialect.renderer(RenderContext.offline())) {
                for (String sql : setup) script.addAll(offline.render(new Execute(sql, List.of())));
                script.addAll(offline.render(change));
                script.addAll(offline.flush());
            }
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> {
                    for (SqlStatement st : script) s.execute(dialect.inline(st));
                }).hasMessageContaining("UNIQUE constraint failed");
                assertThat(count(c, "SELECT count(*) FROM code") + count(c, "SELECT count(*) FROM tag")).isEqualTo(5);
            }
        }
    }

    /**
     * t32-2: a transactional-false revision that opened a transaction itself (BEGIN, SAVEPOINT) runs on a connection
     * in autocommit mode, where PRAGMA foreign_keys = OFF does nothing: the copy of a referenced table is refused
     * before anything runs, as in the run's transaction, instead of dropping the table with keys enforced (which
     * cascaded to the child rows).
     */
    @Test
    void enforcedForeignKeysInATransactionTheRevisionOpenedItselfAreRefusedBeforeAnythingRuns() throws Exception {
        for (String[] own : List.of(new String[] {"BEGIN", "COMMIT"}, new String[] {"SAVEPOINT s1", "RELEASE s1"})) {
            try (TestDatabase db = TestDatabase.create(Engine.SQLITE); Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)");
                s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)");
                s.execute("CREATE TABLE other (id INTEGER PRIMARY KEY, name TEXT)");
                s.execute("INSERT INTO parent VALUES (1, 'a'), (2, 'b')");
                s.execute("INSERT INTO child VALUES (10, 1), (11, 2)");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute(own[0]);
                OperationRenderer r = dialect.renderer(RenderContext.online(c));
                r.render(AlterColumn.builder(null, "parent", "name").type(SqlType.string(10)).existingType(SqlType.of(Kind.TEXT)).build());
                assertThatThrownBy(r::flush).isInstanceOf(RetortException.class)
                        .hasMessageContaining("inside a transaction the revision opened itself")
                        .hasMessageContaining("[child]");
                // an unreferenced table is copied in it, keys deferred to its end
                apply(c, dialect.renderer(RenderContext.online(c)),
                        AlterColumn.builder(null, "other", "name").type(SqlType.string(10)).existingType(SqlType.of(Kind.TEXT)).build());
                s.execute(own[1]);
                assertThat(count(c, "SELECT count(*) FROM child")).isEqualTo(2);
                assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1);
                assertThat(reflect(c, "other").column("name").orElseThrow().type()).isEqualTo(SqlType.string(10));

                // with no transaction open, the pragma is switched off around the copy, and the children stay
                apply(c, dialect.renderer(RenderContext.online(c)),
                        AlterColumn.builder(null, "parent", "name").type(SqlType.string(10)).existingType(SqlType.of(Kind.TEXT)).build());
                assertThat(count(c, "SELECT count(*) FROM child")).isEqualTo(2);
                assertThat(count(c, "PRAGMA foreign_keys")).isEqualTo(1);
            }
        }
    }
}
