package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.migration.Operations;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.Operation;
import dev.retort.testing.Engine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL each engine gets for operations, offline (no connection), and what each engine refuses. */
class RenderingTest {

    private static List<String> sql(Engine engine, Consumer<Operations> body) {
        Dialect d = OpsHarness.dialect(engine);
        OperationRenderer r = d.renderer(RenderContext.offline());
        List<String> out = new ArrayList<>();
        for (Operation op : OpsHarness.ops(engine, body)) for (SqlStatement s : r.render(op)) out.add(d.inline(s));
        for (SqlStatement s : r.flush()) out.add(d.inline(s));
        return out;
    }

    /**
     * {@link #sql}, with each MariaDB column restatement whose check the server appends (t75-5) as the statement it
     * appends to: what the tests using it look at is the column's restatement.
     */
    private static List<String> plain(Engine engine, Consumer<Operations> body) {
        List<String> out = new ArrayList<>();
        for (String s : sql(engine, body)) {
            int set = s.indexOf("SET @retort_sql = CONCAT('");
            if (s.equals("EXECUTE IMMEDIATE @retort_sql") && !out.isEmpty() && out.get(out.size() - 1).startsWith("\u0000")) {
                out.set(out.size() - 1, out.get(out.size() - 1).substring(1));
                continue;
            }
            if (set < 0 || !s.contains("information_schema.CHECK_CONSTRAINTS")) {
                out.add(s);
                continue;
            }
            String comments = s.substring(0, set).replaceAll("(?m)^-- Retort: (alter column \\S+ restates the whole column: a CHECK|  ).*\n", "");
            String literal = s.substring(set + "SET @retort_sql = CONCAT('".length(), s.indexOf("',\n  COALESCE(("));
            out.add("\u0000" + comments + literal.replace("''", "'"));
        }
        return out;
    }

    @Test
    void offlineMariaDbColumnRestatementKeepsTheColumnsOwnCheck() {
        assertThat(sql(Engine.MARIADB, op -> op.alterColumn("orders", "status", a -> a.type(string(30))
                .existingType(string(20)).existingNullable(true).existingServerDefault(null).existingComment(null)
                .existingCollation(null)))).containsExactly("-- Retort: alter column orders.status restates the whole column: a"
                        + " CHECK written in its definition, if any, is kept, read from information_schema when the script runs"
                        + " (MariaDB syntax). It runs:\n"
                        + "-- Retort:   ALTER TABLE orders MODIFY COLUMN status VARCHAR(30) NULL [CHECK (<the column's check>)]\n"
                        + "SET @retort_sql = CONCAT('ALTER TABLE orders MODIFY COLUMN status VARCHAR(30) NULL',\n"
                        + "  COALESCE((SELECT CONCAT(' CHECK (', CHECK_CLAUSE, ')') FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND CONSTRAINT_NAME = 'status'"
                        + " AND LEVEL = 'Column' AND CHECK_CLAUSE <> 'json_valid(`status`)'), ''))",
                "EXECUTE IMMEDIATE @retort_sql");
        // a column of a table the script created has no check but the ones the script wrote
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("s", string(20)));
            op.alterColumn("t", "s", a -> a.type(string(30)));
        })).last().isEqualTo("ALTER TABLE t MODIFY COLUMN s VARCHAR(30) NULL");
    }

    /**
     * Offline MariaDB drop of a foreign key whose index another key may need: the statement, {@code head} then the
     * index of such a key then {@code tail}, is built by the server from its catalog (t52-1).
     */
    private static java.util.function.Consumer<String> builtByTheServer(String head, String tail) {
        // t54-4: what it does, in words and as the two statements it can run, for a reviewer of the script
        return s -> assertThat(s).startsWith("-- Retort: drops ").contains("\n-- Retort:   " + head + tail + "\n")
                .contains("\n-- Retort:   " + head + "ADD INDEX <key> (<columns of key>), " + tail + "\n")
                .contains("\nSET @retort_sql = CONCAT('" + head + "', COALESCE((SELECT CONCAT('ADD INDEX")
                .contains("information_schema.KEY_COLUMN_USAGE").endsWith("), ''),\n  '" + tail + "')");
    }

    private static java.util.function.Consumer<String> executed() {
        return s -> assertThat(s).isEqualTo("EXECUTE IMMEDIATE @retort_sql");
    }

    private static final Consumer<Operations> ACCOUNT = op -> op.createTable("account",
            column("id", INTEGER).primaryKey(),
            column("name", string(50)).notNull(),
            column("created_at", TIMESTAMP).serverDefault("CURRENT_TIMESTAMP"));

    @Test
    void createTableAsTheSpecExampleOnEachEngine() {
        assertThat(sql(Engine.POSTGRESQL, ACCOUNT)).containsExactly("""
                CREATE TABLE account (
                    id INTEGER NOT NULL,
                    name VARCHAR(50) NOT NULL,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (id)
                )""");
        assertThat(sql(Engine.MARIADB, ACCOUNT)).containsExactly("""
                CREATE TABLE account (
                    id INT NOT NULL,
                    name VARCHAR(50) NOT NULL,
                    created_at DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6),
                    PRIMARY KEY (id)
                )""");
        assertThat(sql(Engine.H2, ACCOUNT)).containsExactly("""
                CREATE TABLE account (
                    id INTEGER NOT NULL,
                    name VARCHAR(50) NOT NULL,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (id)
                )""");
    }

    /** SQLite's table options are written after the column list there, STRICT with the types it takes; ignored elsewhere. */
    @Test
    void sqliteTableOptions() {
        Consumer<Operations> pair = op -> op.createTable("pair",
                column("a", INTEGER), column("b", string(20)), column("at", TIMESTAMP), column("n", numeric(8, 2)),
                primaryKey("a", "b"), sqliteStrict(), sqliteWithoutRowid());
        assertThat(sql(Engine.SQLITE, pair)).containsExactly("""
                CREATE TABLE pair (
                    a INTEGER NOT NULL,
                    b TEXT NOT NULL,
                    at TEXT,
                    n REAL,
                    PRIMARY KEY (a, b)
                ) WITHOUT ROWID, STRICT""");
        for (Engine other : List.of(Engine.POSTGRESQL, Engine.MARIADB, Engine.H2)) {
            assertThat(String.join("\n", sql(other, pair))).doesNotContain("ROWID", "STRICT");
        }
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> op.createTable("k", column("a", INTEGER), sqliteWithoutRowid())))
                .isInstanceOf(RetortException.class).hasMessageContaining("a WITHOUT ROWID table needs a primary key");
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> op.createTable("k", column("a", raw("VARCHAR(3)")), sqliteStrict())))
                .isInstanceOf(RetortException.class).hasMessageContaining("STRICT").hasMessageContaining("VARCHAR(3)");
        // a generated column's declared type is what STRICT checks; its AS (...) clause is kept
        assertThat(sql(Engine.SQLITE, op -> op.createTable("g", column("v", INTEGER),
                column("w", raw("INT GENERATED ALWAYS AS (v + 1) VIRTUAL")), sqliteStrict())).get(0))
                .contains("w INT GENERATED ALWAYS AS (v + 1) VIRTUAL");
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> op.createTable("g", column("v", INTEGER),
                column("w", raw("VARCHAR(3) AS (v)")), sqliteStrict())))
                .isInstanceOf(RetortException.class).hasMessageContaining("generated column w is declared VARCHAR(3)");
        // offline, an added column of a STRICT table this script created takes a STRICT type too
        assertThat(sql(Engine.SQLITE, op -> {
            pair.accept(op);
            op.addColumn("pair", column("u", UUID));
        })).last().isEqualTo("ALTER TABLE pair ADD COLUMN u TEXT");
    }

    /** A quoted column with a sort order is quoted as the engine quotes (MariaDB reads "x" as a string); a bare one stays. */
    @Test
    void orderedColumnIsQuotedForTheEngine() {
        assertThat(sql(Engine.MARIADB, op -> op.createIndex("ix", "t", i -> i.expression("\"placedAt\" DESC").expression("total DESC"))))
                .containsExactly("CREATE INDEX ix ON t (`placedAt` DESC, total DESC)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.createIndex("ix", "t", i -> i.expression("`placedAt` DESC").expression("Total DESC"))))
                .containsExactly("CREATE INDEX ix ON t (\"placedAt\" DESC, Total DESC)");
    }

    /** Issue 7: index elements keep their ordering and operator class outside the parentheses. */
    @Test
    void indexElementsWithOrderOrOperatorClassAreNotWrappedWhole() {
        assertThat(sql(Engine.POSTGRESQL, op -> op.createIndex("ix", "t", i -> i.expression("name DESC NULLS LAST")
                .expression("lower(email) text_pattern_ops").expression("\"Code\" COLLATE \"C\"").expression("a + b"))))
                .containsExactly("CREATE INDEX ix ON t (name DESC NULLS LAST, (lower(email)) text_pattern_ops, "
                        + "\"Code\" COLLATE \"C\", (a + b))");
        assertThat(sql(Engine.POSTGRESQL, op -> op.createIndex("ix_tags", "t", i -> i.expression("tags gin_trgm_ops").using("gin"))))
                .containsExactly("CREATE INDEX ix_tags ON t USING gin (tags gin_trgm_ops)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.createIndex("ix_l", "t", i -> i.expression("lower(email)"))))
                .containsExactly("CREATE INDEX ix_l ON t ((lower(email)))");
    }

    /** Issue 7: a revision written on PostgreSQL with a bare col::type cast still runs on H2. */
    @Test
    void h2DropsABareCastOfTheColumnAndPassesAnyOtherUsing() {
        assertThat(sql(Engine.H2, op -> op.alterColumn("account", "name", a -> a.type(string(80))
                .using("\"name\"::VARCHAR(80)").existingType(string(40)))))
                .containsExactly("ALTER TABLE account ALTER COLUMN name SET DATA TYPE VARCHAR(80)");
        assertThat(sql(Engine.H2, op -> op.alterColumn("account", "at", a -> a.type(TIMESTAMPTZ)
                .using("at::timestamp with time zone").existingType(TIMESTAMP))))
                .containsExactly("ALTER TABLE account ALTER COLUMN at SET DATA TYPE TIMESTAMP WITH TIME ZONE");
        // r9-11: H2 2.x has USING: any other expression is passed on
        assertThat(sql(Engine.H2, op -> op.alterColumn("account", "name", a -> a.type(string(80))
                .using("name || 'x'").existingType(string(40)))))
                .containsExactly("ALTER TABLE account ALTER COLUMN name SET DATA TYPE VARCHAR(80) USING name || 'x'");
        assertThat(sql(Engine.H2, op -> op.alterColumn("account", "name", a -> a.type(string(80))
                .using("other::VARCHAR(80)").existingType(string(40)))))
                .containsExactly("ALTER TABLE account ALTER COLUMN name SET DATA TYPE VARCHAR(80) USING other::VARCHAR(80)");
        assertThat(sql(Engine.H2, op -> op.alterColumn("ev", "p", a -> a.type(JSON).using("trim(p)").existingType(TEXT))))
                .containsExactly("ALTER TABLE ev ALTER COLUMN p SET DATA TYPE JSON USING (trim(p)) FORMAT JSON");
    }

    @Test
    void commentsAreStatementsOnPostgresAndInlineOnMariaDb() {
        Consumer<Operations> body = op -> op.createTable("t", column("id", INTEGER).autoincrement().primaryKey()
                .comment("it's the id"), tableComment("a table"));
        assertThat(sql(Engine.POSTGRESQL, body)).containsExactly("""
                CREATE TABLE t (
                    id INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                    PRIMARY KEY (id)
                )""", "COMMENT ON TABLE t IS 'a table'", "COMMENT ON COLUMN t.id IS 'it''s the id'");
        assertThat(sql(Engine.MARIADB, body)).containsExactly("""
                CREATE TABLE t (
                    id INT NOT NULL AUTO_INCREMENT COMMENT 'it''s the id',
                    PRIMARY KEY (id)
                ) COMMENT='a table'""");
    }

    @Test
    void alterColumnOnPostgresIsOneStatementPerChangeWithTheRenameLast() {
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("s.account", "name", a -> a.type(string(100))
                .using("name::varchar(100)").nullable(true).serverDefault("'x'").comment("c").newName("title")
                .existingCollation(null))))
                .hasSize(7).startsWith(
                        // t44-3: the default is set after a type change with USING, the old one dropped before it
                        "ALTER TABLE s.account ALTER COLUMN name DROP DEFAULT",
                        "ALTER TABLE s.account ALTER COLUMN name TYPE VARCHAR(100) USING name::varchar(100)",
                        "ALTER TABLE s.account ALTER COLUMN name DROP NOT NULL",
                        "ALTER TABLE s.account ALTER COLUMN name SET DEFAULT 'x'",
                        "COMMENT ON COLUMN s.account.name IS 'c'",
                        "ALTER TABLE s.account RENAME COLUMN name TO title");
        assertThat(sql(Engine.H2, op -> op.alterColumn("account", "qty", a -> a.type(BIGINT).nullable(false).dropServerDefault())))
                .containsExactly("ALTER TABLE account ALTER COLUMN qty SET DATA TYPE BIGINT",
                        "ALTER TABLE account ALTER COLUMN qty SET NOT NULL",
                        "ALTER TABLE account ALTER COLUMN qty DROP DEFAULT");
    }

    /**
     * t44-3: PostgreSQL casts a column's default to the new type itself, and refuses the type change where no
     * assignment cast exists, as for the changes that need USING (varchar to an enum or to integer): the default is
     * dropped before such a change and set after it, the new one or, where the revision leaves it, the old one.
     */
    @Test
    void postgresTypeChangeWithUsingTakesTheDefaultOffAndPutsItBack() {
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "tier", a -> a.type(enumOf("account_tier", "basic", "gold"))
                .using("tier::account_tier").serverDefault("'basic'::account_tier").existingType(string(10))
                .existingNullable(false).existingServerDefault("'basic'::character varying").existingComment(null))))
                .containsExactly("ALTER TABLE account ALTER COLUMN tier DROP DEFAULT",
                        "ALTER TABLE account ALTER COLUMN tier TYPE account_tier USING tier::account_tier",
                        "ALTER TABLE account ALTER COLUMN tier SET DEFAULT 'basic'::account_tier");
        // the default removed: dropped before the type, once
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "level", a -> a.type(INTEGER).using("level::integer")
                .dropServerDefault().existingType(string(5)).existingServerDefault("'1'::character varying"))))
                .containsExactly("ALTER TABLE account ALTER COLUMN level DROP DEFAULT",
                        "ALTER TABLE account ALTER COLUMN level TYPE INTEGER USING level::integer");
        // the default left as it is: set back as the revision knows it
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "level", a -> a.type(INTEGER).using("level::integer")
                .existingType(string(5)).existingServerDefault("'1'"))))
                .containsExactly("ALTER TABLE account ALTER COLUMN level DROP DEFAULT",
                        "ALTER TABLE account ALTER COLUMN level TYPE INTEGER USING level::integer",
                        "ALTER TABLE account ALTER COLUMN level SET DEFAULT '1'");
        // t46-2: DEFAULT NULL, kept by PostgreSQL as NULL::character varying: dropped, and not set back as the old type's NULL
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "score", a -> a.type(numeric(6, 2))
                .using("score::NUMERIC(6, 2)").existingType(string(8)).existingNullable(true)
                .existingServerDefault("NULL::character varying").existingComment(null))))
                .containsExactly("ALTER TABLE account ALTER COLUMN score DROP DEFAULT",
                        "ALTER TABLE account ALTER COLUMN score TYPE NUMERIC(6, 2) USING score::NUMERIC(6, 2)");
        for (String typedNull : List.of("NULL", "(NULL)::text", "null::character varying(8)[]", "NULL::\"Tier\"",
                "NULL::timestamp(3) without time zone")) {
            assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "score", a -> a.type(INTEGER)
                    .using("score::integer").existingType(string(8)).existingServerDefault(typedNull))))
                    .as(typedNull).containsExactly("ALTER TABLE account ALTER COLUMN score DROP DEFAULT",
                            "ALTER TABLE account ALTER COLUMN score TYPE INTEGER USING score::integer");
        }
        // an expression that only begins with NULL is a default: set back
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "score", a -> a.type(TEXT)
                .using("score::text").existingType(string(8)).existingServerDefault("COALESCE(NULL, 'x')"))))
                .endsWith("ALTER TABLE account ALTER COLUMN score SET DEFAULT COALESCE(NULL, 'x')");
        // nothing to take off: no default, an unknown one, an identity column, or no USING
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "level", a -> a.type(INTEGER).using("level::integer")
                .existingType(string(5)).existingServerDefault(null))))
                .containsExactly("ALTER TABLE account ALTER COLUMN level TYPE INTEGER USING level::integer");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "level", a -> a.type(INTEGER).using("level::integer"))))
                .containsExactly("ALTER TABLE account ALTER COLUMN level TYPE INTEGER USING level::integer");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "id", a -> a.type(BIGINT).using("id::bigint")
                .existingType(INTEGER).existingServerDefault("0").existingAutoincrement(true))))
                // then the serial's sequence (t57-3, postgresSerialTypeChangeTakesItsSequenceAlongOffline)
                .hasSize(2).first().isEqualTo("ALTER TABLE account ALTER COLUMN id TYPE BIGINT USING id::bigint");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("account", "level", a -> a.type(BIGINT).serverDefault("2")
                .existingType(INTEGER).existingServerDefault("1"))))
                .containsExactly("ALTER TABLE account ALTER COLUMN level TYPE BIGINT",
                        "ALTER TABLE account ALTER COLUMN level SET DEFAULT 2");
    }

    @Test
    void alterColumnOnMariaDbRestatesTheWholeColumnFromTheExistingState() {
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("account", "name", a -> a.nullable(false)
                .existingType(string(50)).existingNullable(true).existingServerDefault("'x'").existingComment("c")
                .existingCollation(null))))
                .containsExactly("ALTER TABLE account MODIFY COLUMN name VARCHAR(50) NOT NULL DEFAULT 'x' COMMENT 'c'");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("account", "name", a -> a.newName("title").type(TEXT)
                .existingNullable(false).existingServerDefault(null).existingComment(null).existingCollation(null))))
                .containsExactly("ALTER TABLE account CHANGE COLUMN name title TEXT NOT NULL");
        assertThat(plain(Engine.MARIADB, op -> {
            op.alterColumn("account", "qty", a -> a.serverDefault("0"));
            op.renameColumn("account", "qty", "quantity");
        })).containsExactly("ALTER TABLE account ALTER COLUMN qty SET DEFAULT 0",
                "ALTER TABLE account RENAME COLUMN qty TO quantity");
    }

    /** t7-2: ON UPDATE and a collation of the column's own are restated from the existing state offline, as online. */
    @Test
    void alterColumnOnMariaDbRestatesOnUpdateAndCollation() {
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("actor", "last_update", a -> a.nullable(true)
                .existingType(timestamp(true, 0)).existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP")
                .existingComment(null).existingOnUpdate("CURRENT_TIMESTAMP").existingCollation(null))))
                .containsExactly("ALTER TABLE actor MODIFY COLUMN last_update TIMESTAMP(0) NULL DEFAULT CURRENT_TIMESTAMP(0)"
                        + " ON UPDATE CURRENT_TIMESTAMP(0)");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("staff", "password", a -> a.nullable(false).serverDefault("''")
                .existingType(string(40)).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate(null).existingCollation("utf8mb3_bin"))))
                .containsExactly("ALTER TABLE staff MODIFY COLUMN password VARCHAR(40) COLLATE utf8mb3_bin NOT NULL DEFAULT ''");
        // a new string type keeps it, as online (t9-8); another type has none, and the reverse knows it
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("staff", "password", a -> a.type(string(60))
                .existingType(string(40)).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate(null).existingCollation("utf8mb3_bin"))))
                .containsExactly("ALTER TABLE staff MODIFY COLUMN password VARCHAR(60) COLLATE utf8mb3_bin NULL");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("staff", "password", a -> a.type(INTEGER)
                .existingType(string(40)).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate(null).existingCollation("utf8mb3_bin"))))
                .containsExactly("ALTER TABLE staff MODIFY COLUMN password INT NULL");
    }

    /** t37-4: a column's ON UPDATE, made, set and dropped; MariaDB matches its precision to the type as for DEFAULT. */
    @Test
    void columnOnUpdateWhereTheEngineHasIt() {
        Consumer<Operations> create = op -> op.createTable("item", column("id", INTEGER).primaryKey(),
                column("updated_at", TIMESTAMP).notNull().serverDefault("CURRENT_TIMESTAMP").serverOnUpdate("CURRENT_TIMESTAMP"),
                column("touched", timestamp(false, 3)).serverOnUpdate("CURRENT_TIMESTAMP"));
        assertThat(plain(Engine.MARIADB, create).get(0)).contains(
                "updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),",
                "touched DATETIME(3) NULL ON UPDATE CURRENT_TIMESTAMP(3)");
        assertThat(sql(Engine.H2, create).get(0)).contains(
                "updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP NOT NULL,",
                "touched TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP");
        assertThat(plain(Engine.MARIADB, op -> op.addColumn("item", column("seen", TIMESTAMP).serverOnUpdate("now()"))))
                .containsExactly("ALTER TABLE item ADD COLUMN seen DATETIME(6) NULL ON UPDATE CURRENT_TIMESTAMP(6)");

        // set and dropped: MariaDB restates the column (MODIFY), H2 has its own ALTER COLUMN forms
        Consumer<Operations> set = op -> op.alterColumn("item", "created", a -> a.serverOnUpdate("CURRENT_TIMESTAMP")
                .existingType(TIMESTAMP).existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP").existingComment(null)
                .existingOnUpdate(null));
        assertThat(plain(Engine.MARIADB, set)).containsExactly(
                "ALTER TABLE item MODIFY COLUMN created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)");
        assertThat(sql(Engine.H2, set)).containsExactly("ALTER TABLE item ALTER COLUMN created SET ON UPDATE CURRENT_TIMESTAMP");
        Consumer<Operations> drop = op -> op.alterColumn("item", "updated_at", a -> a.dropServerOnUpdate()
                .existingType(TIMESTAMP).existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP").existingComment(null)
                .existingOnUpdate("CURRENT_TIMESTAMP"));
        assertThat(plain(Engine.MARIADB, drop)).containsExactly(
                "ALTER TABLE item MODIFY COLUMN updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
        assertThat(sql(Engine.H2, drop)).containsExactly("ALTER TABLE item ALTER COLUMN updated_at DROP ON UPDATE");
        // a MODIFY for another reason keeps the clause the column has
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("item", "updated_at", a -> a.comment("stamp")
                .existingType(TIMESTAMP).existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP").existingComment(null)
                .existingOnUpdate("CURRENT_TIMESTAMP")))).containsExactly("ALTER TABLE item MODIFY COLUMN updated_at DATETIME(6)"
                + " NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) COMMENT 'stamp'");
        // offline, a column the script created is known: its ON UPDATE is kept without existingOnUpdate
        assertThat(plain(Engine.MARIADB, op -> {
            create.accept(op);
            op.alterColumn("item", "updated_at", a -> a.nullable(true));
        })).last().isEqualTo("ALTER TABLE item MODIFY COLUMN updated_at DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)");
    }

    /**
     * t45-1, t45-3: a MODIFY that changes a TIMESTAMP/DATETIME's precision restates its default and ON UPDATE at
     * the new precision (MariaDB refuses an ON UPDATE at another, and would keep the old default's); the reverse
     * puts both back. A new type that cannot have ON UPDATE is refused unless the operation drops it.
     */
    @Test
    void mariaDbPrecisionChangeCarriesDefaultAndOnUpdate() {
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "updated_at", a -> a.type(raw("TIMESTAMP(6)"))
                .existingType(raw("TIMESTAMP(3)")).existingNullable(false).existingServerDefault("current_timestamp(3)")
                .existingComment(null).existingOnUpdate("CURRENT_TIMESTAMP(3)"))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
                        + " ON UPDATE CURRENT_TIMESTAMP(6)");
        // the reverse, as autogenerate writes it (existing state: the operation's new type, the default as it was)
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "updated_at", a -> a.type(raw("TIMESTAMP(3)"))
                .existingType(raw("TIMESTAMP(6)")).existingNullable(false).existingServerDefault("current_timestamp(3)")
                .existingComment(null).existingOnUpdate("CURRENT_TIMESTAMP(3)"))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN updated_at TIMESTAMP(3) NOT NULL DEFAULT current_timestamp(3)"
                        + " ON UPDATE CURRENT_TIMESTAMP(3)");
        // to no precision, and a default coarser than the column on purpose stays
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "e", a -> a.type(raw("DATETIME"))
                .existingType(raw("DATETIME(2)")).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate("current_timestamp(2)"))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN e DATETIME NULL ON UPDATE CURRENT_TIMESTAMP");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "c", a -> a.type(raw("TIMESTAMP(6)"))
                .existingType(raw("TIMESTAMP(3)")).existingNullable(false).existingServerDefault("current_timestamp(1)")
                .existingComment(null).existingOnUpdate(null))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN c TIMESTAMP(6) NOT NULL DEFAULT current_timestamp(1)");
        // t46-7: without existingType, a default coarser than the new type may be at the old type's precision (online:
        // moved) or coarser on purpose (kept): refused, asking for existingType, not kept where the run moves it
        assertThatThrownBy(() -> plain(Engine.MARIADB, op -> op.alterColumn("w", "updated_at", a -> a.type(raw("TIMESTAMP(6)"))
                .existingNullable(false).existingServerDefault("current_timestamp(3)")
                .existingComment(null).existingOnUpdate("current_timestamp(3)"))))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("the default current_timestamp(3) of column updated_at moves to the new type's precision")
                .hasMessageContaining("give existingType(...)");
        // at the new precision already, or with no default of that kind, there is nothing to tell
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "updated_at", a -> a.type(raw("TIMESTAMP(6)"))
                .existingNullable(false).existingServerDefault("current_timestamp(6)")
                .existingComment(null).existingOnUpdate(null))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
        // the refusal for missing parts names existingType for this case too
        assertThatThrownBy(() -> plain(Engine.MARIADB, op -> op.alterColumn("w", "updated_at", a -> a.type(raw("TIMESTAMP(6)")))))
                .hasMessageContaining("existingType(...) where a new TIMESTAMP/DATETIME type meets a CURRENT_TIMESTAMP(n) default");
        // a type without ON UPDATE: refused, naming the way out; with dropServerOnUpdate it runs
        assertThatThrownBy(() -> plain(Engine.MARIADB, op -> op.alterColumn("w", "d", a -> a.type(string(40))
                .existingType(TIMESTAMP).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate("CURRENT_TIMESTAMP"))))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("cannot alter column w.d: column d has ON UPDATE CURRENT_TIMESTAMP, which a column of type"
                        + " VARCHAR(40) cannot have")
                .hasMessageContaining("dropServerOnUpdate()");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("w", "d", a -> a.type(string(40)).dropServerOnUpdate()
                .existingType(TIMESTAMP).existingNullable(true).existingServerDefault(null)
                .existingComment(null).existingOnUpdate("CURRENT_TIMESTAMP"))))
                .containsExactly("ALTER TABLE w MODIFY COLUMN d VARCHAR(40) NULL");
    }

    /**
     * t55-10: MariaDB/MySQL take ON UPDATE on TIMESTAMP and DATETIME columns only: one asked of another type is
     * refused while rendering (online before its SQL is sent, and in a --sql script), naming column and type.
     */
    @Test
    void mariaDbOnUpdateOnAColumnThatCannotHaveItIsRefused() {
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.alterColumn("account", "name", a -> a.type(string(200))
                .serverOnUpdate("CURRENT_TIMESTAMP").existingType(string(50)).existingNullable(true)
                .existingServerDefault(null).existingComment(null))))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("MariaDB/MySQL cannot alter column account.name: column name has type VARCHAR(200),"
                        + " which cannot have ON UPDATE CURRENT_TIMESTAMP: only a TIMESTAMP or DATETIME column can");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.alterColumn("account", "name", a -> a
                .serverOnUpdate("CURRENT_TIMESTAMP").existingType(string(50)).existingNullable(true)
                .existingServerDefault(null).existingComment(null))))
                .hasMessageStartingWith("MariaDB/MySQL cannot alter column account.name: column name has type VARCHAR(50),");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.createTable("account", column("id", INTEGER).primaryKey(),
                column("name", string(50)).serverOnUpdate("CURRENT_TIMESTAMP"))))
                .hasMessageStartingWith("MariaDB/MySQL cannot create table account: column name has type VARCHAR(50),");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.addColumn("account", column("n", INTEGER)
                .serverOnUpdate("CURRENT_TIMESTAMP"))))
                .hasMessageStartingWith("MariaDB/MySQL cannot add column account.n: column n has type INT,");
        // the documented example, with a TIMESTAMP column, renders
        assertThat(sql(Engine.MARIADB, op -> op.addColumn("account", column("changed", TIMESTAMP)
                .serverOnUpdate("CURRENT_TIMESTAMP")))).hasSize(1);
    }

    /** t37-4: PostgreSQL and SQLite have no ON UPDATE for columns: refused, naming the column and table, not left out. */
    @Test
    void columnOnUpdateRefusedWhereTheEngineHasNone() {
        for (Engine engine : List.of(Engine.POSTGRESQL, Engine.SQLITE)) {
            String name = engine == Engine.POSTGRESQL ? "PostgreSQL" : "SQLite";
            assertThatThrownBy(() -> sql(engine, op -> op.createTable("item", column("id", INTEGER).primaryKey(),
                    column("updated_at", TIMESTAMP).serverOnUpdate("CURRENT_TIMESTAMP"))))
                    .isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(name + " cannot create table item: column updated_at of table item has ON UPDATE"
                            + " CURRENT_TIMESTAMP, and it has no ON UPDATE clause for columns");
            assertThatThrownBy(() -> sql(engine, op -> op.addColumn("item", column("updated_at", TIMESTAMP).notNull()
                    .serverDefault("CURRENT_TIMESTAMP").serverOnUpdate("CURRENT_TIMESTAMP"))))
                    .hasMessageStartingWith(name + " cannot add column item.updated_at: column updated_at of table item has ON UPDATE");
            assertThatThrownBy(() -> sql(engine, op -> op.alterColumn("item", "updated_at", a -> a.nullable(false)
                    .dropServerOnUpdate().existingType(TIMESTAMP).existingNullable(true))))
                    .hasMessageStartingWith(name + " cannot alter column item.updated_at: column updated_at of table item:"
                            + " it has no ON UPDATE clause for columns");
        }
    }

    /** t7-2: without them, a column that could have them gets a comment in the script saying they are dropped. */
    @Test
    void alterColumnOnMariaDbSaysWhatItCannotKnow() {
        List<String> out = plain(Engine.MARIADB, op -> op.alterColumn("actor", "last_update", a -> a.nullable(true)
                .existingType(timestamp(true, 0)).existingNullable(false).existingServerDefault("CURRENT_TIMESTAMP").existingComment(null)));
        assertThat(out).containsExactly("-- Retort: alter column actor.last_update restates the whole column without"
                + " existingOnUpdate(...): an ON UPDATE clause the column has is dropped (give null for none)\n"
                + "ALTER TABLE actor MODIFY COLUMN last_update TIMESTAMP(0) NULL DEFAULT CURRENT_TIMESTAMP(0)");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("staff", "password", a -> a.nullable(false)
                .existingType(string(40)).existingNullable(true).existingServerDefault(null).existingComment(null))).get(0))
                .startsWith("-- Retort: alter column staff.password restates the whole column without existingCollation(...): a"
                        + " collation of the column's own becomes the table's");
        // r9-9: a new string type keeps the column's collation (a new length is not a new collation), so unknown there too
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("k", "name", a -> a.type(string(100)).existingType(string(50))
                .existingNullable(false).existingServerDefault(null).existingComment(null).existingOnUpdate(null))))
                .containsExactly("-- Retort: alter column k.name restates the whole column without existingCollation(...): a"
                        + " collation of the column's own becomes the table's (give null for none)\n"
                        + "ALTER TABLE k MODIFY COLUMN name VARCHAR(100) NOT NULL");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("k", "name", a -> a.type(INTEGER).existingType(string(50))
                .existingNullable(false).existingServerDefault(null).existingComment(null).existingOnUpdate(null))))
                .containsExactly("ALTER TABLE k MODIFY COLUMN name INT NOT NULL");
        // a column that can have neither gets no comment, nor does one whose raw type says it
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("t", "n", a -> a.nullable(false)
                .existingType(INTEGER).existingNullable(true).existingServerDefault(null).existingComment(null))))
                .containsExactly("ALTER TABLE t MODIFY COLUMN n INT NOT NULL");
        assertThat(plain(Engine.MARIADB, op -> op.alterColumn("t", "s", a -> a.nullable(false)
                .existingType(raw("VARCHAR(20) COLLATE utf8mb4_bin")).existingNullable(true).existingServerDefault(null)
                .existingComment(null))))
                .containsExactly("ALTER TABLE t MODIFY COLUMN s VARCHAR(20) COLLATE utf8mb4_bin NOT NULL");
    }

    /**
     * t20-2: offline on PostgreSQL, a new string type restates the collation the script gave the column, as online;
     * where it cannot be known (a table the script did not create, no existingCollation) the script says so.
     */
    @Test
    void postgresTypeChangeOfflineKeepsTheCollationTheScriptGave() {
        assertThat(sql(Engine.POSTGRESQL, op -> {
            op.createTable("w", column("id", INTEGER).primaryKey(), column("name", string(20)).collation("C").notNull());
            op.alterColumn("w", "name", a -> a.type(string(50)));
        })).last().isEqualTo("ALTER TABLE w ALTER COLUMN name TYPE VARCHAR(50) COLLATE \"C\"");
        // a type that takes no collation ends it; a later string type gets the default
        assertThat(sql(Engine.POSTGRESQL, op -> {
            op.createTable("w", column("name", string(20)).collation("C"));
            op.alterColumn("w", "name", a -> a.type(INTEGER).using("length(name)"));
            op.alterColumn("w", "name", a -> a.type(string(50)));
        })).last().isEqualTo("ALTER TABLE w ALTER COLUMN name TYPE VARCHAR(50)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("w", "name", a -> a.type(string(50)))))
                .containsExactly("-- Retort: alter column w.name changes the type without existingCollation(...): a collation"
                        + " of the column's own becomes the new type's default (give null for none)\n"
                        + "ALTER TABLE w ALTER COLUMN name TYPE VARCHAR(50)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("w", "name", a -> a.type(string(50)).existingCollation(null))))
                .containsExactly("ALTER TABLE w ALTER COLUMN name TYPE VARCHAR(50)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("w", "n", a -> a.type(BIGINT))))
                .containsExactly("ALTER TABLE w ALTER COLUMN n TYPE BIGINT");
    }

    /** r9-6: a collation name that is not a plain word is quoted as the engine quotes identifiers. */
    @Test
    void collationNamesAreQuotedWhereTheyNeedIt() {
        Consumer<Operations> body = op -> {
            op.createTable("k", column("name", string(50)).notNull().collation("Mixed Case"), column("c", TEXT).collation("NOCASE"));
            op.addColumn("k", column("n2", string(20)).collation("we\"ird"));
        };
        assertThat(sql(Engine.SQLITE, body)).anySatisfy(s -> assertThat(s).contains("name VARCHAR(50) COLLATE \"Mixed Case\" NOT NULL",
                "c TEXT COLLATE NOCASE")).anySatisfy(s -> assertThat(s).contains("COLLATE \"we\"\"ird\""));
        assertThat(sql(Engine.MARIADB, body)).anySatisfy(s -> assertThat(s).contains("COLLATE `Mixed Case` NOT NULL"))
                .anySatisfy(s -> assertThat(s).contains("COLLATE `we\"ird`"));
        assertThat(sql(Engine.POSTGRESQL, body)).anySatisfy(s -> assertThat(s).contains("COLLATE \"Mixed Case\" NOT NULL",
                "COLLATE \"NOCASE\"")).anySatisfy(s -> assertThat(s).contains("COLLATE \"we\"\"ird\""));
    }

    @Test
    void mariaDbOfflineRefusesToGuessTheColumnItMustRestate() {
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.alterColumn("account", "name", a -> a.nullable(false))))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("MariaDB/MySQL cannot alter column account.name")
                .hasMessageContaining("existingType, existingServerDefault, existingComment")
                .hasMessageContaining("existingCollation(...) for a character column");
    }

    @Test
    void indexes() {
        Consumer<Operations> body = op -> op.createIndex("ix", "s.t",
                i -> i.expression("lower(email)").columns("id").unique().where("id > 0").concurrently().ifNotExists());
        assertThat(sql(Engine.POSTGRESQL, body)).containsExactly(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON s.t ((lower(email)), id) WHERE id > 0");
        assertThat(sql(Engine.POSTGRESQL, op -> op.dropIndex("ix", "s.t"))).containsExactly("DROP INDEX s.ix");
        // offline, a table the script did not create: a foreign key may need the index (t9-1)
        assertThat(sql(Engine.MARIADB, op -> op.dropIndex("ix", "t"))).containsExactly("-- InnoDB refuses this if the index"
                + " is the only one a foreign key can use (when it was created, InnoDB dropped the key's own index);"
                + " online Retort adds the key's index back first\nDROP INDEX ix ON t");
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("p", INTEGER).references("t", "id"));
            op.createIndex("ix", "t", "p");
            op.dropIndex("ix", "t");
        })).last().isEqualTo("ALTER TABLE t ADD INDEX IF NOT EXISTS t_p_fkey (p), DROP INDEX ix");
        // t40-10: a new index serving the key removes the key's own index, InnoDB's or one a downgrade put back
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("p", INTEGER).references("t", "id"),
                    column("n", INTEGER));
            op.createIndex("ix", "t", "p", "n");
            op.dropIndex("t_p_fkey", "t");
        })).containsSubsequence("CREATE INDEX ix ON t (p, n)", "DROP INDEX IF EXISTS t_p_fkey ON t",
                "DROP INDEX IF EXISTS t_p_fkey ON t");
        assertThat(sql(Engine.H2, op -> op.createIndex("ix", "s.t", i -> i.columns("a").concurrently())))
                .as("CONCURRENTLY is a PostgreSQL hint; H2 builds the index normally")
                .containsExactly("CREATE INDEX s.ix ON s.t (a)");
        assertThat(sql(Engine.H2, op -> op.dropIndex("s.ix"))).containsExactly("-- H2 refuses this if a foreign key uses the index"
                + " (the table was not made by the revisions up to here); online Retort drops and re-adds the key around it\nDROP INDEX s.ix");
    }

    @Test
    void indexMethods() {
        java.util.function.Function<String, Consumer<Operations>> with = m -> op -> op.invoke(new dev.retort.ops.CreateIndex(
                null, "t", new dev.retort.schema.Index("ix", List.of(dev.retort.schema.IndexElement.column("doc")), false, null, m)));
        assertThat(sql(Engine.POSTGRESQL, with.apply("gin"))).containsExactly("CREATE INDEX ix ON t USING gin (doc)");
        assertThat(sql(Engine.POSTGRESQL, with.apply("btree"))).containsExactly("CREATE INDEX ix ON t (doc)");
        assertThat(sql(Engine.MARIADB, with.apply("FULLTEXT"))).containsExactly("CREATE FULLTEXT INDEX ix ON t (doc)");
        assertThat(sql(Engine.H2, with.apply("hash"))).containsExactly("CREATE HASH INDEX ix ON t (doc)");
        assertThatThrownBy(() -> sql(Engine.MARIADB, with.apply("gin"))).isInstanceOf(RetortException.class)
                .hasMessageContaining("MariaDB/MySQL cannot create index ix on t: it has no index method 'gin'");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, with.apply("gin; DROP TABLE x"))).isInstanceOf(RetortException.class);
    }

    @Test
    void constraintsAreDroppedByKindOnMariaDb() {
        assertThat(sql(Engine.MARIADB, op -> {
            op.dropConstraint("fk", "t", ConstraintType.FOREIGN_KEY);
            op.dropConstraint("uq", "t", ConstraintType.UNIQUE);
            op.dropConstraint("ck", "t", ConstraintType.CHECK);
            op.dropConstraint("PRIMARY", "t", ConstraintType.PRIMARY_KEY);
            op.dropConstraint("whatever", "t");
        })).satisfiesExactly(builtByTheServer("ALTER TABLE t DROP FOREIGN KEY fk, ", "DROP INDEX IF EXISTS fk"),
                executed(), builtByTheServer("ALTER TABLE t ", "DROP INDEX uq"), executed(), // t54-1: a key may need its index
                // t75-1: a check written in column ck's definition cannot be dropped by name; the server picks
                s -> assertThat(s).startsWith("-- Retort: drops check constraint ck of t.")
                        .contains("\n-- Retort:   ALTER TABLE t DROP CONSTRAINT ck\n")
                        .contains("\n-- Retort:   ALTER TABLE t MODIFY COLUMN ck <its definition without the check>\n")
                        .contains("LEVEL = 'Column'").endsWith("'ALTER TABLE t DROP CONSTRAINT ck')"),
                executed(),
                s -> assertThat(s).isEqualTo("ALTER TABLE t DROP PRIMARY KEY"),
                builtByTheServer("ALTER TABLE t DROP CONSTRAINT whatever, ", "DROP INDEX IF EXISTS whatever"), executed());
        // the kind of a constraint the script created is known offline (t9-3, t9-15)
        assertThat(sql(Engine.MARIADB, op -> {
            op.createPrimaryKey("pk_t", "t", "id");
            op.createForeignKey("fk_t", "t", List.of("p"), "p", List.of("id"));
            op.dropConstraint("fk_t", "t");
            op.dropConstraint("pk_t", "t");
        })).satisfiesExactly(s -> assertThat(s).isEqualTo("ALTER TABLE t ADD CONSTRAINT pk_t PRIMARY KEY (id)"),
                s -> assertThat(s).isEqualTo("ALTER TABLE t ADD CONSTRAINT fk_t FOREIGN KEY (p) REFERENCES p (id)"),
                builtByTheServer("ALTER TABLE t DROP FOREIGN KEY fk_t, ", "DROP INDEX IF EXISTS fk_t"), executed(),
                s -> assertThat(s).isEqualTo("ALTER TABLE t DROP PRIMARY KEY"));
        // a table the script created, whose other keys cannot use the dropped key's index: dropped as it is (t52-1)
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("p", INTEGER), column("q", INTEGER),
                    foreignKey("q").references("p", "id").named("fk_q"));
            op.createForeignKey("fk_t", "t", List.of("p"), "p", List.of("id"));
            op.dropConstraint("fk_t", "t");
        })).endsWith("ALTER TABLE t DROP FOREIGN KEY fk_t, DROP INDEX IF EXISTS fk_t");
        // ... and one whose other key on the same column may need it: which, the server says when the script runs
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("p", INTEGER),
                    foreignKey("p").references("p", "id").named("fk_old"));
            op.createForeignKey("fk_t", "t", List.of("p"), "p", List.of("id"));
            op.dropConstraint("fk_t", "t");
        })).endsWith("EXECUTE IMMEDIATE @retort_sql");
        assertThat(sql(Engine.POSTGRESQL, op -> op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null))))
                .containsExactly("ALTER TABLE t DROP CONSTRAINT t_pkey");
        assertThat(sql(Engine.H2, op -> op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null))))
                .containsExactly("ALTER TABLE t DROP PRIMARY KEY");
    }

    /**
     * A constraint given by its definition: named, dropped by name everywhere; unnamed, only SQLite finds it
     * (by move-and-copy, online); the other engines say to use the name they gave it.
     */
    @Test
    void constraintsDroppedByTheirDefinition() {
        assertThat(sql(Engine.POSTGRESQL, op -> op.dropForeignKey("post",
                foreignKey("account_id").references("account", "id").named("fk_post_account"))))
                .containsExactly("ALTER TABLE post DROP CONSTRAINT fk_post_account");
        assertThat(sql(Engine.H2, op -> op.dropConstraint("post", unique("code").named("uq_code"))))
                .containsExactly("ALTER TABLE post DROP CONSTRAINT uq_code");
        for (Engine engine : List.of(Engine.POSTGRESQL, Engine.MARIADB, Engine.H2)) {
            assertThatThrownBy(() -> sql(engine, op -> op.dropForeignKey("post", foreignKey("account_id").references("account", "id"))))
                    .hasMessageContaining("drop FOREIGN KEY (account_id) REFERENCES account (id) by that name");
            assertThatThrownBy(() -> sql(engine, op -> op.dropConstraint("post", check("n > 0"))))
                    .hasMessageContaining("drop CHECK (n > 0) by that name");
        }
        Operation drop = OpsHarness.ops(Engine.SQLITE, op -> op.dropForeignKey("post",
                foreignKey("account_id").references("account", "id").onDelete("CASCADE"))).get(0);
        assertThat(drop.describe()).isEqualTo("drop foreign key FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE on post");
        assertThat(drop.reverse()).get().extracting(Operation::describe)
                .isEqualTo("create foreign key FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE on post");
    }

    @Test
    void foreignKeysWithActions() {
        assertThat(sql(Engine.POSTGRESQL, op -> op.createForeignKey("fk_book_author", "book",
                foreignKey("author_id").references("lib.author", "id").onDelete("cascade").onUpdate("set null"))))
                .containsExactly("ALTER TABLE book ADD CONSTRAINT fk_book_author FOREIGN KEY (author_id) "
                        + "REFERENCES lib.author (id) ON DELETE CASCADE ON UPDATE SET NULL");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, op -> op.createForeignKey("fk", "book",
                foreignKey("a").references("b", "id").onDelete("CASCADE; DROP TABLE x"))))
                .isInstanceOf(RetortException.class).hasMessageContaining("Unknown referential action");
        // SQLite's table copy writes the constraint itself: the same check, the same spelling (t9-2)
        assertThat(String.join("\n", sql(Engine.SQLITE, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("score", INTEGER));
            op.createForeignKey("fk1", "t", foreignKey("score").references("t", "id").onDelete("set null"));
        }))).contains("CONSTRAINT fk1 FOREIGN KEY (score) REFERENCES t (id) ON DELETE SET NULL");
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("score", INTEGER));
            op.createForeignKey("fk1", "t", foreignKey("score").references("t", "id").onDelete("SET NULL; DROP TABLE t"));
        })).isInstanceOf(RetortException.class).hasMessageContaining("Unknown referential action");
        // t75-6: PostgreSQL 15 names the key columns to set; names only, and refused where the engine cannot
        assertThat(sql(Engine.POSTGRESQL, op -> op.createForeignKey("fk", "att", foreignKey("tenant_id", "doc_id")
                .references("doc", "tenant_id", "id").onDelete("set null ( doc_id )"))))
                .containsExactly("ALTER TABLE att ADD CONSTRAINT fk FOREIGN KEY (tenant_id, doc_id) "
                        + "REFERENCES doc (tenant_id, id) ON DELETE SET NULL (doc_id)");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, op -> op.createForeignKey("fk", "book",
                foreignKey("a").references("b", "id").onDelete("SET NULL (a) ; DROP TABLE x; --)"))))
                .isInstanceOf(RetortException.class).hasMessageContaining("Unknown referential action");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.createForeignKey("fk", "att", foreignKey("tenant_id", "doc_id")
                .references("doc", "tenant_id", "id").onDelete("SET NULL (doc_id)"))))
                .hasMessageContaining("foreign key fk (tenant_id, doc_id) of table att has ON DELETE SET NULL (doc_id)");
    }

    @Test
    void renameTableKeepsTheSchemaOnMariaDb() {
        assertThat(sql(Engine.MARIADB, op -> op.renameTable("shop.item", "article")))
                .containsExactly("RENAME TABLE shop.item TO shop.article");
        assertThat(sql(Engine.POSTGRESQL, op -> op.renameTable("shop.item", "article")))
                .hasSize(2).startsWith("ALTER TABLE shop.item RENAME TO article");
    }

    /**
     * t44-7: offline, a PostgreSQL rename of a table or column is followed by a DO block that renames the sequences the
     * table's columns own under PostgreSQL's name for the old table or column (online they are looked up and renamed
     * one by one, see PostgresRenameSequenceIT).
     */
    /**
     * t57-3: a new integer type of an auto-increment column moves the sequence a serial owns (PostgreSQL leaves it at
     * the old type): offline a DO block finds it by the column's name after the change; a column not said to be
     * auto-increment has none to move.
     */
    @Test
    void postgresSerialTypeChangeTakesItsSequenceAlongOffline() {
        List<String> widened = sql(Engine.POSTGRESQL, op -> op.alterColumn("shop.item", "id", a -> a.type(BIGINT)
                .existingType(INTEGER).existingAutoincrement(true)));
        assertThat(widened).hasSize(2).first().isEqualTo("ALTER TABLE shop.item ALTER COLUMN id TYPE BIGINT");
        assertThat(widened.get(1)).startsWith("DO $retort$").endsWith("END $retort$")
                .contains("d.deptype = 'a'").contains("d.refobjid = to_regclass('shop.item') AND a.attname = 'id'")
                .contains("ps.seqtypid <> 'BIGINT'::regtype")
                .contains("EXECUTE format('ALTER SEQUENCE %s AS BIGINT', s.seq)");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("item", "id", a -> a.type(INTEGER).newName("item_id")
                .existingType(BIGINT).existingAutoincrement(true))).get(2)).contains("a.attname = 'item_id'").contains("AS INTEGER");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("item", "n", a -> a.type(BIGINT).existingType(INTEGER))))
                .containsExactly("ALTER TABLE item ALTER COLUMN n TYPE BIGINT");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("item", "id", a -> a.type(numeric(20, 0)).existingAutoincrement(true))))
                .containsExactly("ALTER TABLE item ALTER COLUMN id TYPE NUMERIC(20, 0)");
    }

    /** f9-2: the one spelling of a sequence's options, which autogenerate's hand-written suggestions share; never the type. */
    @Test
    void sequenceOptionsSayWhatIsNotTheDefaultButTheType() {
        assertThat(SqlRenderer.sequenceOptions(new dev.retort.schema.SequenceOptions(SMALLINT, -5L, 100L, 20L, true)))
                .isEqualTo(" MINVALUE -5 MAXVALUE 100 CACHE 20 CYCLE");
        assertThat(SqlRenderer.sequenceOptions(new dev.retort.schema.SequenceOptions(BIGINT, null, 7L, null, false)))
                .isEqualTo(" MAXVALUE 7");
        assertThat(SqlRenderer.sequenceOptions(dev.retort.schema.SequenceOptions.DEFAULT)).isEmpty();
    }

    /**
     * t57-1, t57-2: a sequence's type, bounds, cache and cycle, offline as online, each engine in its words; what an
     * engine cannot hold is refused before anything runs.
     */
    @Test
    void sequenceOptionsInEachEngine() {
        Consumer<Operations> create = op -> {
            op.createSequence("countdown", s -> s.start(100).increment(-1).minValue(0).maxValue(100));
            op.createSequence("ticket", s -> s.start(5).maxValue(1000).cache(20).cycle());
            op.alterSequence("ticket", s -> s.noMaxValue().defaultCache().cycle(false)
                    .existingMaxValue(1000L).existingCache(20L).existingCycle(true));
        };
        assertThat(sql(Engine.POSTGRESQL, create)).containsExactly(
                "CREATE SEQUENCE countdown INCREMENT BY -1 MINVALUE 0 MAXVALUE 100 START WITH 100",
                "CREATE SEQUENCE ticket MAXVALUE 1000 CACHE 20 CYCLE START WITH 5",
                "ALTER SEQUENCE ticket NO MAXVALUE CACHE 1 NO CYCLE");
        assertThat(sql(Engine.MARIADB, create)).containsExactly(
                "CREATE SEQUENCE countdown INCREMENT BY -1 MINVALUE 0 MAXVALUE 100 START WITH 100",
                "CREATE SEQUENCE ticket MAXVALUE 1000 CACHE 20 CYCLE START WITH 5",
                "ALTER SEQUENCE ticket NO MAXVALUE CACHE 1000 NOCYCLE");
        assertThat(sql(Engine.H2, create)).last().isEqualTo("ALTER SEQUENCE ticket NO MAXVALUE CACHE 32 NO CYCLE");
        // the type: first (H2 takes it only there); MariaDB (before 11.5) counts in BIGINT only
        assertThat(sql(Engine.H2, op -> op.createSequence("s", s -> s.type(SMALLINT).increment(2))))
                .containsExactly("CREATE SEQUENCE s AS SMALLINT INCREMENT BY 2");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterSequence("s", s -> s.type(INTEGER).existingType(BIGINT))))
                .containsExactly("ALTER SEQUENCE s AS INTEGER");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.createSequence("s", s -> s.type(SMALLINT))))
                .hasMessageContaining("sequences count in BIGINT").hasMessageContaining("maxValue(32767)");
        assertThat(sql(Engine.MARIADB, op -> op.createSequence("s", s -> s.type(BIGINT)))).containsExactly("CREATE SEQUENCE s");
        assertThatThrownBy(() -> sql(Engine.H2, op -> op.alterSequence("s", s -> s.type(INTEGER))))
                .hasMessageContaining("no ALTER SEQUENCE ... AS INTEGER");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, op -> op.createSequence("s", s -> s.type(TEXT))))
                .hasMessageContaining("a sequence counts in SMALLINT, INTEGER or BIGINT");
        // an identity's options: in its clause; where the numbering is no sequence, refused
        Consumer<Operations> identity = op -> op.createTable("t",
                column("id", SMALLINT).identity(1, 1).identityMaxValue(1000).identityCycle().primaryKey());
        assertThat(sql(Engine.POSTGRESQL, identity).get(0))
                .contains("id SMALLINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1 INCREMENT BY 1 MAXVALUE 1000 CYCLE)");
        assertThatThrownBy(() -> sql(Engine.MARIADB, identity))
                .hasMessageContaining("column id has the sequence options MAXVALUE 1000 CYCLE, which an AUTO_INCREMENT column does not have");
        assertThatThrownBy(() -> sql(Engine.SQLITE, identity)).hasMessageContaining("MAXVALUE 1000 CYCLE");
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterIdentity("t", "id", n -> n.maxValue(2000).cycle(false))).get(0))
                .contains("'ALTER SEQUENCE ' || seq || ' MAXVALUE 2000 NO CYCLE'");
        assertThat(sql(Engine.H2, op -> op.alterIdentity("t", "id", n -> n.increment(2).maxValue(2000).cycle(false))))
                .containsExactly("ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 2", "ALTER TABLE t ALTER COLUMN id SET MAXVALUE 2000",
                        "ALTER TABLE t ALTER COLUMN id SET NO CYCLE");
    }

    @Test
    void postgresRenamesTakeTheSequencesNamedAfterThemAlongOffline() {
        List<String> table = sql(Engine.POSTGRESQL, op -> op.renameTable("shop.Item", "article"));
        assertThat(table).hasSize(2).first().isEqualTo("ALTER TABLE shop.\"Item\" RENAME TO article");
        assertThat(table.get(1)).startsWith("DO $retort$").endsWith("END $retort$")
                .contains("d.refobjid = to_regclass('shop.article')")
                .contains("sq.relname = 'Item_' || a.attname || '_seq'")
                .contains("'article_' || a.attname || '_seq' AS new_name")
                .contains("EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s.seq, s.new_name)");
        List<String> column = sql(Engine.POSTGRESQL, op -> op.renameColumn("line", "id", "line_id"));
        assertThat(column).hasSize(2).first().isEqualTo("ALTER TABLE line RENAME COLUMN id TO line_id");
        assertThat(column.get(1)).contains("d.refobjid = to_regclass('line') AND a.attname = 'line_id'")
                .contains("sq.relname = 'line_id_seq'").contains("'line_line_id_seq' AS new_name");
        // no rename, no sequences to follow it
        assertThat(sql(Engine.POSTGRESQL, op -> op.alterColumn("line", "id", a -> a.type(BIGINT))))
                .containsExactly("ALTER TABLE line ALTER COLUMN id TYPE BIGINT");
    }

    @Test
    void enumTypesOnPostgresOnly() {
        assertThat(sql(Engine.POSTGRESQL, op -> {
            op.createEnumType("mood", "sad", "it's ok");
            op.invoke(new AddEnumValue(null, "mood", "happy", "it's ok", null, true));
            op.dropEnumType("mood");
        })).containsExactly("CREATE TYPE mood AS ENUM ('sad', 'it''s ok')",
                "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' BEFORE 'it''s ok'", "DROP TYPE mood");
        // elsewhere the type is nothing of its own (t10-1): a script says so; adding a value needs the live columns
        for (Engine e : List.of(Engine.MARIADB, Engine.H2, Engine.SQLITE)) {
            assertThat(sql(e, op -> {
                op.createEnumType("mood", "a");
                op.dropEnumType("mood");
            })).allMatch(s -> s.startsWith("-- Retort: ") && s.contains("nothing to do on")).hasSize(2);
        }
        assertThat(sql(Engine.SQLITE, op -> op.addEnumValueIfNotExists("mood", "b", List.of("a")))).containsExactly(
                "-- Retort: add value 'b' to enum type mood: nothing to do on SQLite (its enum columns are text)");
        for (Engine e : List.of(Engine.MARIADB, Engine.H2)) {
            assertThatThrownBy(() -> sql(e, op -> op.addEnumValueIfNotExists("mood", "b", List.of("a"))))
                    .isInstanceOf(RetortException.class).hasMessageContaining("cannot add value 'b' to enum type mood")
                    .hasMessageContaining("run this revision online");
            assertThatThrownBy(() -> sql(e, op -> op.addEnumValue("mood", "b")))
                    .isInstanceOf(RetortException.class).hasMessageContaining("does not say the type's values before");
        }
        assertThat(sql(Engine.MARIADB, op -> op.addColumn("t", column("m", enumOf(null, "a", "b'c")))))
                .containsExactly("ALTER TABLE t ADD COLUMN m ENUM('a', 'b''c') NULL");
    }

    @Test
    void enginesRefuseWhatTheyCannotDoNamingEngineAndOperation() {
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.createIndex("ix", "t", i -> i.columns("a").where("a > 0"))))
                .isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot create index ix on t: it has no partial indexes (WHERE)");
        assertThatThrownBy(() -> sql(Engine.H2, op -> op.createIndex("ix", "t", i -> i.expression("lower(a)"))))
                .isInstanceOf(RetortException.class)
                .hasMessage("H2 cannot create index ix on t: it has no expression indexes");
        // types an engine does not have: the operation (and in a new table the column) is named too
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.addColumn("t", column("s", string()))))
                .isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot add column t.s: it needs a length for VARCHAR: use string(n) or TEXT");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.addColumn("t", column("i", INTERVAL))))
                .isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot add column t.i: it has no interval type (type INTERVAL)");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.alterColumn("t0", "iv", a -> a.type(INTERVAL)
                .existing(dev.retort.schema.Column.of("iv", INTEGER)))))
                .isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot alter column t0.iv: it has no interval type (type INTERVAL)");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.createTable("t", column("id", INTEGER), column("at", time(true)))))
                .isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot create table t: column at: it has no time with time zone (type TIME)");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, op -> op.addColumn("t", column("e", enumOf(null, "a")))))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("PostgreSQL cannot add column t.e: it needs a named enum type");
        assertThatThrownBy(() -> sql(Engine.POSTGRESQL, op -> op.alterColumn("t", "e", a -> a.type(enumOf(null, "a")))))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("PostgreSQL cannot alter column t.e: it needs a named enum type");
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> {
            op.createTable("t", column("id", INTEGER), column("iv", INTEGER));
            op.alterColumn("t", "iv", a -> a.type(INTERVAL));
        })).isInstanceOf(RetortException.class).hasMessage("SQLite cannot alter column t.iv: it has no interval type (type INTERVAL)");
        assertThatThrownBy(() -> sql(Engine.MARIADB, op -> op.dropIndex("ix")))
                .isInstanceOf(RetortException.class).hasMessageContaining("needs the index's table");
    }

    @Test
    void bulkInsertBatchesRowsAndSplitsWhereTheColumnsDiffer() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) rows.add(row("id", i));
        rows.add(row("id", 1, "name", "x"));
        Dialect d = OpsHarness.dialect(Engine.POSTGRESQL);
        List<SqlStatement> st = d.renderer(RenderContext.offline()).render(
                OpsHarness.ops(Engine.POSTGRESQL, op -> op.bulkInsert("t", rows)).get(0));
        assertThat(st).extracting(s -> s.params().size()).containsExactly(1000, 1000, 500, 2);
        assertThat(st.get(3).sql()).isEqualTo("INSERT INTO t (id, name) VALUES (?, ?)");
        assertThat(d.inline(st.get(3))).isEqualTo("INSERT INTO t (id, name) VALUES (1, 'x')");
    }

    @Test
    void concurrentIndexOperationsSayTheyCannotRunInATransaction() {
        List<Operation> ops = OpsHarness.ops(Engine.POSTGRESQL, op -> {
            op.createIndex("a", "t", i -> i.columns("x").concurrently());
            op.createIndex("b", "t", "x");
        });
        assertThat(ops).extracting(Operation::transactional).containsExactly(false, true);
        assertThat(ops.get(0).reverse().orElseThrow().transactional()).isFalse();
    }

    @Test
    void mariaDbSwapsAKeyInOneStatement() {
        // an AUTO_INCREMENT column must be a key at every moment: its key is not dropped on its own (t69-6)
        assertThat(sql(Engine.MARIADB, op -> {
            op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null));
            op.createPrimaryKey(null, "t", "id", "store_id");
        })).containsExactly("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, store_id)");
        assertThat(sql(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("seq", INTEGER).autoincrement(), unique("seq").named("uq_seq"));
            op.dropConstraint("uq_seq", "t");
            op.createUniqueConstraint("uq_t_seq", "t", "seq");
        })).endsWith("ALTER TABLE t DROP INDEX uq_seq, ADD CONSTRAINT uq_t_seq UNIQUE (seq)");
        // autogenerate writes the drops of a revision before its creates: a drop of another table may come between
        assertThat(sql(Engine.MARIADB, op -> {
            op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null));
            op.dropConstraint("uq_seq", "u", ConstraintType.UNIQUE);
            op.createPrimaryKey(null, "t", "id", "store_id");
            op.createUniqueConstraint("uq_u_seq", "u", "seq");
        })).satisfiesExactly(s -> assertThat(s).isEqualTo("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, store_id)"),
                builtByTheServer("ALTER TABLE u ", "DROP INDEX uq_seq, ADD CONSTRAINT uq_u_seq UNIQUE (seq)"), executed());
        // a key of another table is no replacement
        assertThat(sql(Engine.MARIADB, op -> {
            op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null));
            op.createPrimaryKey(null, "u", "id");
        })).containsExactly("ALTER TABLE t DROP PRIMARY KEY", "ALTER TABLE u ADD PRIMARY KEY (id)");
    }

    @Test
    void mariaDbAddsAnAutoIncrementColumnWithItsKeyInOneStatement() {
        assertThat(sql(Engine.MARIADB, op -> op.addColumn("t", column("id", INTEGER).primaryKey().autoincrement())))
                .containsExactly("ALTER TABLE t ADD COLUMN id INT NOT NULL AUTO_INCREMENT, ADD PRIMARY KEY (id)");
        assertThat(sql(Engine.MARIADB, op -> op.addColumn("t", column("n", BIGINT).autoincrement().unique())))
                .containsExactly("ALTER TABLE t ADD COLUMN n BIGINT NULL AUTO_INCREMENT, ADD CONSTRAINT t_n_key UNIQUE (n)");
        assertThat(sql(Engine.MARIADB, op -> {
            op.addColumn("t", column("n", BIGINT).autoincrement());
            op.addColumn("t", column("m", INTEGER));
        })).containsExactly("ALTER TABLE t ADD COLUMN n BIGINT NULL AUTO_INCREMENT, ADD CONSTRAINT t_n_key UNIQUE (n)",
                "ALTER TABLE t ADD COLUMN m INT NULL");
        // the reverse: the key of an AUTO_INCREMENT column cannot be dropped alone
        assertThat(sql(Engine.MARIADB, op -> {
            op.invoke(new DropConstraint(null, "t", null, ConstraintType.PRIMARY_KEY, null));
            op.dropColumn("t", "id");
        })).as("the column's clauses as dropColumn alone writes them (offline: its inline key, if any)")
                .containsExactly("ALTER TABLE t DROP PRIMARY KEY, DROP FOREIGN KEY IF EXISTS t_id_fkey, DROP COLUMN id");
        // a drop by name, its kind unknown: the DROP COLUMN joins the statement the server builds (t52-1)
        assertThat(sql(Engine.MARIADB, op -> {
            op.dropConstraint("t_id_key", "t");
            op.dropColumn("t", "id");
        })).satisfiesExactly(builtByTheServer("ALTER TABLE t DROP CONSTRAINT t_id_key, ",
                "DROP INDEX IF EXISTS t_id_key, DROP FOREIGN KEY IF EXISTS t_id_fkey, DROP COLUMN id"), executed());
    }

    @Test
    void sqliteQualifiesTheIndexNotTheTable() {
        assertThat(sql(Engine.SQLITE, op -> op.createIndex("ix_item_name", "aux.item", i -> i.columns("name")
                .where("name IS NOT NULL").unique().ifNotExists().concurrently())))
                .containsExactly("CREATE UNIQUE INDEX IF NOT EXISTS aux.ix_item_name ON item (name) WHERE name IS NOT NULL");
        assertThat(sql(Engine.SQLITE, op -> op.createIndex("ix", "item", i -> i.expression("lower(name)"))))
                .containsExactly("CREATE INDEX ix ON item ((lower(name)))");
        assertThat(sql(Engine.POSTGRESQL, op -> op.createIndex("ix", "aux.item", "name")))
                .containsExactly("CREATE INDEX ix ON aux.item (name)");
    }

    @Test
    void sqliteAddsAnAutoIncrementColumnOnlyAsTheWholeIntegerKey() {
        assertThat(sql(Engine.SQLITE, op -> {
            op.createTable("t", column("v", INTEGER));
            op.addColumn("t", column("id", BIGINT).primaryKey().autoincrement());
        })).anyMatch(s -> s.contains("id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"));
        for (Consumer<Operations> body : List.<Consumer<Operations>>of(
                op -> op.addColumn("t", column("n", BIGINT).autoincrement()),
                op -> op.addColumn("t", column("n", BIGINT).autoincrement().unique()))) {
            assertThatThrownBy(() -> sql(Engine.SQLITE, op -> {
                op.createTable("t", column("id", INTEGER).primaryKey(), column("v", INTEGER));
                body.accept(op);
            })).isInstanceOf(RetortException.class)
                    .hasMessageContaining("Cannot change SQLite table t: AUTOINCREMENT column n must be the whole primary key");
        }
    }

    @Test
    void alterIdentityGoesThroughTheColumnsOwnSequenceOnPostgresAndIsRefusedWhereThereIsNone() {
        Consumer<Operations> body = op -> op.alterIdentity("app.Invoice", "id", n -> n.increment(5).start(1000));
        assertThat(sql(Engine.POSTGRESQL, body)).containsExactly("""
                DO $retort$
                DECLARE seq text := pg_get_serial_sequence('app."Invoice"', 'id');
                BEGIN
                  IF seq IS NULL THEN RAISE EXCEPTION '%', 'column app.Invoice.id is neither serial nor identity: it has no numbering to alter'; END IF;
                  EXECUTE 'ALTER SEQUENCE ' || seq || ' INCREMENT BY 5 START WITH 1000';
                END $retort$""");
        assertThat(sql(Engine.H2, op -> op.alterIdentity("t", "id", n -> n.increment(5))))
                .containsExactly("ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 5");
        assertThatThrownBy(() -> sql(Engine.MARIADB, body)).isInstanceOf(RetortException.class)
                .hasMessage("MariaDB/MySQL cannot alter the numbering of column app.Invoice.id: it has no per-column numbering to alter");
        assertThatThrownBy(() -> sql(Engine.SQLITE, op -> op.alterIdentity("t", "id", n -> n.increment(5))))
                .isInstanceOf(RetortException.class).hasMessageStartingWith("SQLite cannot alter the numbering of column t.id");
    }

    /**
     * t37-4: PostgreSQL and SQLite write the deferral after the actions; MariaDB has no such clause and H2 ignores
     * a bare DEFERRABLE, so both refuse the key, naming it and its table, rather than create it checked at once.
     */
    @Test
    void deferrableForeignKeys() {
        Consumer<Operations> body = op -> {
            op.createTable("c", column("id", INTEGER).primaryKey(),
                    column("p_id", INTEGER).references("p", "id").initiallyDeferred(),
                    column("q_id", INTEGER),
                    foreignKey("q_id").references("p", "id").onDelete("CASCADE").deferrable().named("c_q_fk"));
            op.createForeignKey("c_r_fk", "c", foreignKey("id").references("p", "id").initiallyDeferred());
        };
        assertThat(sql(Engine.POSTGRESQL, body)).containsExactly("""
                CREATE TABLE c (
                    id INTEGER NOT NULL,
                    p_id INTEGER,
                    q_id INTEGER,
                    PRIMARY KEY (id),
                    FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,
                    CONSTRAINT c_q_fk FOREIGN KEY (q_id) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
                )""", "ALTER TABLE c ADD CONSTRAINT c_r_fk FOREIGN KEY (id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED");
        assertThat(String.join("\n", sql(Engine.SQLITE, op -> op.createTable("c", column("id", INTEGER).primaryKey(),
                column("p_id", INTEGER).references("p", "id").initiallyDeferred()))))
                .contains("FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED");
        assertThatThrownBy(() -> sql(Engine.MARIADB, body)).isInstanceOf(RetortException.class)
                .hasMessageContaining("MariaDB").hasMessageContaining("create table c")
                .hasMessageContaining("foreign key c_p_id_fkey (p_id) of table c is DEFERRABLE INITIALLY DEFERRED")
                .hasMessageContaining("leave out .initiallyDeferred()");
        assertThatThrownBy(() -> sql(Engine.H2, op -> op.createForeignKey("c_r_fk", "c",
                foreignKey("id").references("p", "id").deferrable())))
                .isInstanceOf(RetortException.class).hasMessageStartingWith("H2 cannot create foreign key c_r_fk on c:")
                .hasMessageContaining("foreign key c_r_fk (id) of table c is DEFERRABLE INITIALLY IMMEDIATE")
                .hasMessageContaining("leave out .deferrable()");
    }

    /**
     * t57-13: PostgreSQL adds a check or key NOT VALID and validates it; in a new table the constraint is created
     * plain (PostgreSQL takes NOT VALID only in ALTER TABLE ... ADD, and a new table has no rows to leave unchecked).
     * The engines without the clause refuse it, and refuse validateConstraint, naming the constraint and the option.
     */
    @Test
    void notValidConstraints() {
        Consumer<Operations> body = op -> {
            op.createTable("c", column("id", INTEGER).primaryKey(), column("qty", INTEGER),
                    check("qty > 0").named("c_new").notValid(),
                    foreignKey("id").references("p", "id").named("c_new_fk").notValid());
            op.createCheckConstraint("c_qty", "c", check("qty >= 0").notValid());
            op.createForeignKey("c_p_fk", "c", foreignKey("qty").references("p", "id").onDelete("CASCADE").notValid());
            op.createCheckConstraint("c_plain", "c", "qty < 10");
            op.validateConstraint("c", "c_qty");
        };
        assertThat(sql(Engine.POSTGRESQL, body)).containsExactly("""
                CREATE TABLE c (
                    id INTEGER NOT NULL,
                    qty INTEGER,
                    PRIMARY KEY (id),
                    CONSTRAINT c_new CHECK (qty > 0),
                    CONSTRAINT c_new_fk FOREIGN KEY (id) REFERENCES p (id)
                )""", "ALTER TABLE c ADD CONSTRAINT c_qty CHECK (qty >= 0) NOT VALID",
                "ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (qty) REFERENCES p (id) ON DELETE CASCADE NOT VALID",
                "ALTER TABLE c ADD CONSTRAINT c_plain CHECK (qty < 10)",
                "ALTER TABLE c VALIDATE CONSTRAINT c_qty");
        for (Engine engine : List.of(Engine.MARIADB, Engine.H2, Engine.SQLITE)) {
            String name = engine == Engine.MARIADB ? "MariaDB/MySQL" : engine == Engine.H2 ? "H2" : "SQLite";
            assertThatThrownBy(() -> sql(engine, op -> op.createCheckConstraint("c_qty", "c", check("qty >= 0").notValid())))
                    .as(name).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(name + " cannot create check constraint c_qty on c: it is NOT VALID")
                    .hasMessageContaining("leave out check(...).notValid() for this engine");
            assertThatThrownBy(() -> sql(engine, op -> op.createForeignKey("c_p_fk", "c",
                    foreignKey("qty").references("p", "id").notValid())))
                    .as(name).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(name + " cannot create foreign key c_p_fk on c: it is NOT VALID")
                    .hasMessageContaining("leave out foreignKey(...).notValid() for this engine");
            assertThatThrownBy(() -> sql(engine, op -> op.validateConstraint("c", "c_qty")))
                    .as(name).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith(name + " cannot validate constraint c_qty on c: it has no NOT VALID constraints");
        }
    }
}
