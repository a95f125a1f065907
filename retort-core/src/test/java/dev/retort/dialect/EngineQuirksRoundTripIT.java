package dev.retort.dialect;

import dev.retort.migration.Operations;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.Operation;
import dev.retort.testing.Engine;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
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
 * Changes whose plain reverse an engine's own habits get in the way of (InnoDB dropping a foreign key's index,
 * H2 re-picking it, MariaDB forgetting a primary key's name): online, the change and then its reverse (or the
 * revision's own downgrade) give back the schema from before; offline, one script holding the setup, the change
 * and the downgrade gives the same schema as online.
 */
class EngineQuirksRoundTripIT {
    /** @param onlineOnly engines where the script cannot know enough, so that only the online run is compared */
    record Case(String name, Set<Engine> engines, Set<Engine> onlineOnly, Consumer<Operations> setup,
                Consumer<Operations> upgrade, Consumer<Operations> downgrade) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // t9-1: InnoDB drops the key's own index when ix_child_parent appears; H2 moves the key onto it at the next ALTER
        Consumer<Operations> indexOnKey = op -> {
            op.createIndex("ix_child_parent", "child", "parent_id");
            op.addColumn("child", column("note", INTEGER));
        };
        Consumer<Operations> dropIndexOnKey = op -> {
            op.dropColumn("child", "note");
            op.dropIndex("ix_child_parent", "child");
        };
        // offline, H2 drops and re-adds the key by the name it was given when the script created it (r3-5)
        c.add(new Case("index on an inline foreign key's column, then its reverse", EnumSet.allOf(Engine.class),
                Set.of(), op -> {
            op.createTable("parent", column("id", INTEGER).primaryKey());
            op.createTable("child", column("id", INTEGER).primaryKey(), column("parent_id", INTEGER).references("parent", "id")
                    .onDelete("CASCADE"));
        }, indexOnKey, dropIndexOnKey));
        c.add(new Case("index on a named foreign key's columns, then its reverse", EnumSet.allOf(Engine.class), Set.of(), op -> {
            op.createTable("parent", column("id", INTEGER), column("k", INTEGER), primaryKey("id", "k").named("pk_parent"));
            op.createTable("child", column("id", INTEGER).primaryKey(), column("parent_id", INTEGER), column("pk", INTEGER),
                    foreignKey("parent_id", "pk").references("parent", "id", "k").onUpdate("CASCADE").named("fk_child_parent"));
        }, op -> {
            op.createIndex("ix_child_parent", "child", "parent_id", "pk", "id");
            op.addColumn("child", column("note", INTEGER));
        }, op -> {
            op.dropColumn("child", "note");
            op.dropIndex("ix_child_parent", "child");
        }));
        // t9-3: MariaDB keeps no primary key name; the downgrade names it as the upgrade did
        c.add(new Case("primary key dropped by the name it was created with", EnumSet.allOf(Engine.class), Set.of(),
                op -> op.createTable("nopk", column("a", INTEGER).notNull(), column("b", string(10))),
                op -> op.createPrimaryKey("pk_nopk", "nopk", "a"), op -> op.dropConstraint("pk_nopk", "nopk")));
        // t9-15: the foreign key's index goes with it, online and offline
        c.add(new Case("foreign key dropped by name", EnumSet.allOf(Engine.class), Set.of(), op -> {
            op.createTable("p", column("id", INTEGER).primaryKey());
            op.createTable("c", column("id", INTEGER).primaryKey(), column("pid", INTEGER));
        }, op -> op.createForeignKey("fk_c_p", "c", java.util.List.of("pid"), "p", java.util.List.of("id")),
                op -> op.dropConstraint("fk_c_p", "c")));
        // t52-1: InnoDB gives the second key on p_id an index of its own and drops the first key's, which then needs
        // the second's: dropping the second key adds the first one's index back (MariaDB, online and offline)
        Consumer<Operations> parentAndChild = op -> {
            op.createTable("p", column("id", INTEGER).primaryKey(), column("k", INTEGER), unique("id", "k").named("uq_p"));
            op.createTable("c", column("id", INTEGER).primaryKey(), column("p_id", INTEGER), column("k", INTEGER),
                    foreignKey("p_id").references("p", "id").named("fk_old"));
        };
        c.add(new Case("second foreign key on the same column, dropped", EnumSet.allOf(Engine.class), Set.of(), parentAndChild,
                op -> op.createForeignKey("fk_cascade", "c", foreignKey("p_id").references("p", "id").onDelete("CASCADE")),
                op -> op.dropConstraint("fk_cascade", "c")));
        // the index comes back under the first name of the two keys left (the catalog keeps no order of creation):
        // here that of the key created last, whose index InnoDB kept
        c.add(new Case("third foreign key on the same column, dropped", EnumSet.allOf(Engine.class), Set.of(), op -> {
            parentAndChild.accept(op);
            op.createForeignKey("fk_new", "c", foreignKey("p_id").references("p", "id").onUpdate("CASCADE"));
        }, op -> op.createForeignKey("fk_third", "c", foreignKey("p_id").references("p", "id").onDelete("CASCADE")),
                op -> op.dropConstraint("fk_third", "c", ConstraintType.FOREIGN_KEY)));
        c.add(new Case("foreign key on more columns than another, dropped", EnumSet.allOf(Engine.class), Set.of(), parentAndChild,
                op -> op.createForeignKey("fk_pair", "c", foreignKey("p_id", "k").references("p", "id", "k")),
                op -> op.dropConstraint("fk_pair", "c")));
        // the report's second case: an inline references() of addColumn, then another key on that column
        c.add(new Case("second foreign key on an added column, dropped", EnumSet.allOf(Engine.class), Set.of(), op -> {
            op.createTable("author", column("id", INTEGER).primaryKey());
            op.createTable("book", column("id", INTEGER).primaryKey());
            op.addColumn("book", column("editor_id", INTEGER).references("author", "id"));
        }, op -> op.createForeignKey("fk_book_editor", "book", foreignKey("editor_id").references("author", "id").onDelete("SET NULL")),
                op -> op.dropConstraint("fk_book_editor", "book")));
        return c;
    }

    /**
     * MariaDB, the downgrade alone as a script (what {@code downgrade -1 --sql} writes, knowing nothing of the table) on
     * a database the upgrade ran on: a second key on the same column is dropped, and the first key's index comes
     * back, as online; the key alone on its column goes with its index (t52-1).
     */
    @ParameterizedTest(name = "another key on the column: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void mariaDbOfflineDowngradeOfASecondForeignKey(boolean anotherKey) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.createTable("p", column("id", INTEGER).primaryKey());
                op.createTable("c", column("id", INTEGER).primaryKey(), column("p_id", INTEGER));
                if (anotherKey) op.createForeignKey("fk_old", "c", foreignKey("p_id").references("p", "id"));
            }));
            List<String> before = OperationsIT.snapshot(Engine.MARIADB, c);
            applyOnline(d, c, ops(Engine.MARIADB,
                    op -> op.createForeignKey("fk_cascade", "c", foreignKey("p_id").references("p", "id").onDelete("CASCADE"))));
            String script = script(d, ops(Engine.MARIADB, op -> op.dropConstraint("fk_cascade", "c")));
            runScript(db, script);
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), before, "after the offline downgrade:\n" + script);
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(INDEX_NAME"
                    + " ORDER BY INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c'")) {
                rs.next();
                assertThat(rs.getString(1)).as("no stray index").isEqualTo(anotherKey ? "fk_old,PRIMARY" : "PRIMARY");
            }
        }
    }

    /**
     * MariaDB: a unique constraint over a foreign key's columns took over from the key's own index (InnoDB dropped
     * it), so dropping the unique adds the key's index back in the same statement, online and as the downgrade alone
     * in a script, as for a foreign key (t54-1).
     */
    @ParameterizedTest(name = "offline: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void mariaDbDropOfAUniqueAForeignKeyUsesAddsTheKeysIndexBack(boolean offline) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.createTable("p", column("id", INTEGER).primaryKey());
                op.createTable("c", column("id", INTEGER).primaryKey(), column("p_id", INTEGER), column("q", INTEGER));
                op.createForeignKey("fk_a", "c", java.util.List.of("p_id"), "p", java.util.List.of("id"));
            }));
            List<String> before = OperationsIT.snapshot(Engine.MARIADB, c);
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.createUniqueConstraint("uq_c_pq", "c", "p_id", "q")));
            List<Operation> drop = ops(Engine.MARIADB, op -> op.dropConstraint("uq_c_pq", "c"));
            if (offline) runScript(db, script(d, drop));
            else applyOnline(d, c, drop);
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), before, "after dropping the unique");
            assertThat(indexesOfC(c)).isEqualTo("fk_a,PRIMARY");
        }
    }

    /**
     * MariaDB: a unique index took over from two foreign keys' indexes ((p_id) and (p_id, q)); dropping it adds back
     * one index, the longer key's, as a fresh run has it (InnoDB dropped fk_a's when fk_c was made), online and in
     * one script with the setup (t54-6).
     */
    @ParameterizedTest(name = "offline: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void mariaDbDropOfAnIndexTwoKeysUseAddsOneIndexBack(boolean offline) throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            Consumer<Operations> setup = op -> {
                op.createTable("p", column("id", INTEGER).primaryKey(), column("k", INTEGER).notNull(), unique("id", "k"));
                op.createTable("c", column("id", INTEGER).primaryKey(), column("p_id", INTEGER), column("q", INTEGER));
                op.createForeignKey("fk_a", "c", java.util.List.of("p_id"), "p", java.util.List.of("id"));
                op.createForeignKey("fk_c", "c", java.util.List.of("p_id", "q"), "p", java.util.List.of("id", "k"));
            };
            Consumer<Operations> cycle = op -> {
                op.createUniqueIndex("ux_c", "c", "p_id", "q");
                op.dropIndex("ux_c", "c");
            };
            if (offline) {
                runScript(db, script(d, ops(Engine.MARIADB, op -> { setup.accept(op); cycle.accept(op); })));
            } else {
                applyOnline(d, c, ops(Engine.MARIADB, setup));
                applyOnline(d, c, ops(Engine.MARIADB, op -> op.createUniqueIndex("ux_c", "c", "p_id", "q")));
                applyOnline(d, c, ops(Engine.MARIADB, op -> op.dropIndex("ux_c", "c")));
            }
            assertThat(indexesOfC(c)).as("as a fresh run of the setup").isEqualTo("fk_c,PRIMARY");
        }
    }

    private static String indexesOfC(Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(DISTINCT INDEX_NAME"
                + " ORDER BY INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * MariaDB, the downgrade alone as a script (what {@code downgrade --sql} writes), on a database the upgrade
     * ran on: a foreign key dropped by name takes InnoDB's index of it along, as online (t9-15).
     */
    @org.junit.jupiter.api.Test
    void mariaDbOfflineDowngradeOfAForeignKeyDropsItsIndex() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.createTable("p", column("id", INTEGER).primaryKey());
                op.createTable("c", column("id", INTEGER).primaryKey(), column("pid", INTEGER), column("u", INTEGER),
                        column("k", INTEGER));
            }));
            List<String> before = OperationsIT.snapshot(Engine.MARIADB, c);
            applyOnline(d, c, ops(Engine.MARIADB, op -> {
                op.createForeignKey("fk_c_p", "c", java.util.List.of("pid"), "p", java.util.List.of("id"));
                op.createUniqueConstraint("uq_c_u", "c", "u");
                op.createCheckConstraint("ck_c_k", "c", "k > 0");
            }));
            runScript(db, script(d, ops(Engine.MARIADB, op -> {
                op.dropConstraint("ck_c_k", "c");
                op.dropConstraint("uq_c_u", "c");
                op.dropConstraint("fk_c_p", "c");
            })));
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), before, "after the offline downgrade");
        }
    }

    /**
     * MariaDB online: a name that is no constraint of the table drops its primary key only when it names one
     * (t9-3); any other unknown name is refused before SQL is sent, saying how to drop a primary key.
     */
    @org.junit.jupiter.api.Test
    void mariaDbUnknownConstraintNameNeverDropsThePrimaryKey() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.createTable("t", column("id", INTEGER).primaryKey(), column("a", INTEGER))));
            List<String> before = OperationsIT.snapshot(Engine.MARIADB, c);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> applyOnline(d, c, ops(Engine.MARIADB,
                            op -> op.dropConstraint("fk_t_tyop", "t"))))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("MariaDB/MySQL cannot drop constraint fk_t_tyop on t: table t has no constraint named fk_t_tyop")
                    .hasMessageContaining("ConstraintType.PRIMARY_KEY");
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), before, "after the refusal");
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.dropConstraint("t_pkey", "t")));
            org.assertj.core.api.Assertions.assertThat(OperationsIT.snapshot(Engine.MARIADB, c)).noneMatch(l -> l.startsWith("pk "));
        }
    }

    /**
     * H2: an INTEGER identity widened to BIGINT gets BIGINT's bounds, as on PostgreSQL, and its reverse INTEGER's
     * again; online (read) and offline (existingAutoincrement, or a table the script created) (t9-5).
     */
    @org.junit.jupiter.api.Test
    void h2IdentityTakesTheBoundsOfItsNewType() throws Exception {
        Dialect d = dialect(Engine.H2);
        List<Operation> setup = ops(Engine.H2, op -> op.createTable("w", column("id", INTEGER).primaryKey().autoincrement(),
                column("c", string(10))));
        List<Operation> widen = ops(Engine.H2, op -> op.alterColumn("w", "id", a -> a.type(BIGINT).existingType(INTEGER)
                .existingAutoincrement(true)));
        List<Operation> widenBare = ops(Engine.H2, op -> op.alterColumn("w", "id", a -> a.type(BIGINT)));
        String big = String.valueOf(Long.MAX_VALUE), small = String.valueOf(Integer.MAX_VALUE);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            applyOnline(d, c, widenBare);
            org.assertj.core.api.Assertions.assertThat(identityMax(c)).as("online").isEqualTo(big);
        }
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            List<Operation> all = new ArrayList<>(setup);
            all.addAll(widenBare);
            runScript(db, script(d, all));
            org.assertj.core.api.Assertions.assertThat(identityMax(c)).as("offline, the script's own table").isEqualTo(big);
        }
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            runScript(db, script(d, widen));
            org.assertj.core.api.Assertions.assertThat(identityMax(c)).as("offline, existingAutoincrement").isEqualTo(big);
            runScript(db, script(d, reverse(widen)));
            org.assertj.core.api.Assertions.assertThat(identityMax(c)).as("offline reverse").isEqualTo(small);
            applyOnline(d, c, widen);
            applyOnline(d, c, reverse(widen));
            org.assertj.core.api.Assertions.assertThat(identityMax(c)).as("online reverse").isEqualTo(small);
        }
    }

    /** MariaDB online: a new string type keeps the column's own collation, and its reverse too (t9-8). */
    @org.junit.jupiter.api.Test
    void mariaDbNewStringTypeKeepsTheColumnsCollation() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.execute("CREATE TABLE m (id INT NOT NULL PRIMARY KEY, "
                    + "bin VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'A' COMMENT 'it''s', "
                    + "lat VARCHAR(10) CHARACTER SET latin1, n INT)")));
            String before = columns(c);
            List<Operation> change = ops(Engine.MARIADB, op -> {
                op.alterColumn("m", "bin", a -> a.type(string(40)).existingType(string(20)));
                op.alterColumn("m", "lat", a -> a.type(TEXT).existingType(string(10)));
            });
            applyOnline(d, c, change);
            org.assertj.core.api.Assertions.assertThat(columns(c)).contains("bin varchar(40) utf8mb4_bin NO 'A' it's",
                    "lat text latin1_swedish_ci YES NULL ");
            applyOnline(d, c, reverse(change));
            org.assertj.core.api.Assertions.assertThat(columns(c)).isEqualTo(before);
        }
    }

    private static String columns(Connection c) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, IS_NULLABLE,"
                + " COLUMN_DEFAULT, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'm' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6));
            }
        }
        return String.join("\n", out);
    }

    /**
     * MariaDB offline: a column of a table the same script created is restated from the script (setColumnComment
     * works); on another table the refusal says what to write instead (t9-10).
     */
    @org.junit.jupiter.api.Test
    void mariaDbOfflineAlterOfAColumnTheScriptCreated() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        List<Operation> all = ops(Engine.MARIADB, op -> {
            op.createTable("t", column("id", INTEGER).primaryKey().autoincrement(), column("a", INTEGER).notNull()
                    .serverDefault("7"), column("s", string(10)).comment("old"));
            op.setColumnComment("t", "a", "hello");
            op.setColumnComment("t", "id", "the id");
            op.alterColumn("t", "s", a -> a.type(string(30)));
            op.renameColumn("t", "s", "s2");
            op.alterColumn("t", "s2", a -> a.nullable(false));
        });
        List<String> online;
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, all);
            online = OperationsIT.snapshot(Engine.MARIADB, c);
        }
        String script = script(d, all);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            runScript(db, script);
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), online, "offline script:\n" + script);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> script(d, ops(Engine.MARIADB, op -> op.setColumnComment("u", "a", "x"))))
                .isInstanceOf(dev.retort.RetortException.class)
                .hasMessageContaining("existingType, existingNullable, existingServerDefault(...)")
                .hasMessageContaining("setColumnComment cannot take them: write alterColumn(table, column, a -> a.comment(...)");
    }

    /**
     * MariaDB: a primary key created with a name that does not read as a primary key's is dropped by that name
     * in the same run online as offline (r3-7); in a later run online still refuses it, and offline a name that
     * reads as one the script did not create gets a comment saying it fails for a primary key.
     */
    @org.junit.jupiter.api.Test
    void mariaDbPrimaryKeyDroppedByItsCreatedNameOnlineAsOffline() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect d = dialect(Engine.MARIADB);
        List<Operation> create = ops(Engine.MARIADB, op -> op.createTable("t2", column("a", INTEGER).notNull(),
                column("b", INTEGER), primaryKey("a").named("t2_main")));
        List<Operation> drop = ops(Engine.MARIADB, op -> op.dropConstraint("t2_main", "t2"));
        List<Operation> all = new ArrayList<>(create);
        all.addAll(drop);
        List<String> online;
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            applyOnline(d, c, all);
            online = OperationsIT.snapshot(Engine.MARIADB, c);
            org.assertj.core.api.Assertions.assertThat(online).noneMatch(l -> l.startsWith("pk "));
        }
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            runScript(db, script(d, all));
            SchemaSnapshot.assertSame(OperationsIT.snapshot(Engine.MARIADB, c), online, "offline");
            applyOnline(d, c, ops(Engine.MARIADB, op -> op.createPrimaryKey("t2_main", "t2", "a")));
            // a later run: the name is not kept by MariaDB, and it does not read as a primary key's
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> applyOnline(d, c, drop))
                    .hasMessageContaining("table t2 has no constraint named t2_main");
        }
        org.assertj.core.api.Assertions.assertThat(script(d, ops(Engine.MARIADB, op -> op.dropConstraint("pk_nopk", "nopk"))))
                .contains("-- MariaDB/MySQL keep no primary key name: if pk_nopk is the primary key of nopk");
    }

    private static String identityMax(Connection c) throws java.sql.SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT IDENTITY_MAXIMUM FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'W' AND COLUMN_NAME = 'ID'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The revision of r3-5 and r3-6 run online and as one script give the same schema: an index on an inline
     * (unnamed) foreign key's column dropped after an ALTER of the table (H2 moved the key onto it), alone
     * or while another index still serves the key (MariaDB keeps no index of the key's own then).
     */
    @ParameterizedTest(name = "{0}, another index serving the key: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"H2,false", "H2,true", "MARIADB,false", "MARIADB,true",
            "POSTGRESQL,true", "SQLITE,true"})
    void dropIndexOnAnInlineForeignKeyOfflineAsOnline(Engine engine, boolean anotherIndex) throws Exception {
        TestDatabase.assumeAvailable(engine);
        Dialect d = dialect(engine);
        List<Operation> all = ops(engine, op -> {
            op.createTable("parent", column("id", INTEGER).primaryKey());
            op.createTable("child", column("id", INTEGER).primaryKey(), column("parent_id", INTEGER).references("parent", "id"));
            op.createIndex("ix_child_parent", "child", "parent_id");
            if (anotherIndex) op.createIndex("ix_child_parent2", "child", "parent_id", "id");
            op.addColumn("child", column("note", INTEGER));
            op.dropIndex("ix_child_parent", "child");
        });
        List<String> online;
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, all);
            online = OperationsIT.snapshot(engine, c);
        }
        String script = script(d, all);
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script);
            try (Connection c = db.connect()) {
                SchemaSnapshot.assertSame(OperationsIT.snapshot(engine, c), online, "offline script:\n" + script + "\n");
            }
        }
    }

    static Stream<Arguments> engineCases() {
        List<Arguments> out = new ArrayList<>();
        for (Case k : cases()) for (Engine e : k.engines()) out.add(Arguments.of(e, k));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("engineCases")
    void downgradeRestoresOnlineAndOffline(Engine engine, Case k) throws Exception {
        TestDatabase.assumeAvailable(engine);
        Dialect d = dialect(engine);
        List<Operation> setup = ops(engine, k.setup());
        List<Operation> upgrade = ops(engine, k.upgrade());
        List<Operation> downgrade = k.downgrade() != null ? ops(engine, k.downgrade()) : reverse(upgrade);
        List<String> before;
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            applyOnline(d, c, setup);
            before = OperationsIT.snapshot(engine, c);
            applyOnline(d, c, upgrade);
            applyOnline(d, c, downgrade);
            SchemaSnapshot.assertSame(OperationsIT.snapshot(engine, c), before, "online, after the downgrade");
        }
        if (k.onlineOnly().contains(engine)) return;
        List<Operation> all = new ArrayList<>(setup);
        all.addAll(upgrade);
        all.addAll(downgrade);
        String script = script(d, all);
        try (TestDatabase db = TestDatabase.create(engine)) {
            runScript(db, script);
            try (Connection c = db.connect()) {
                SchemaSnapshot.assertSame(OperationsIT.snapshot(engine, c), before, "offline script:\n" + script + "\n");
            }
        }
    }

    static List<Operation> reverse(List<Operation> ops) {
        List<Operation> out = new ArrayList<>();
        for (Operation op : ops) out.add(op.reverse().orElseThrow(() -> new AssertionError(op + " should be reversible")));
        Collections.reverse(out);
        return out;
    }
}
